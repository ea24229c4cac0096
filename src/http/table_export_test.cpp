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

struct Previews {
  static constexpr int kAtOnce = 1;
};

TEST(Slot, EachKindCountsItsOwnSlots) {
  auto preview = Slot<Previews>::Take();
  ASSERT_TRUE(preview.has_value());
  EXPECT_FALSE(Slot<Previews>::Take().has_value());
  auto export_slot = ExportSlot::Take();
  EXPECT_TRUE(export_slot.has_value()) << "a preview takes no export's place";
  auto moved = std::move(preview);
  preview.reset();
  EXPECT_FALSE(Slot<Previews>::Take().has_value()) << "the moved slot is still held";
  moved.reset();
  EXPECT_TRUE(Slot<Previews>::Take().has_value());
}

}  // namespace
}  // namespace rrma::http
