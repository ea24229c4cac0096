#include "http/table_export.h"

#include <gtest/gtest.h>

namespace rrma::http {
namespace {

TEST(ExportSlot, OnlyTwoExportsAreBuiltAtOnceAndAFreedSlotIsTakenAgain) {
  auto first = ExportSlot::Take();
  auto second = ExportSlot::Take();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(ExportSlot::Take().has_value());
  first.reset();
  EXPECT_TRUE(ExportSlot::Take().has_value());
}

}  // namespace
}  // namespace rrma::http
