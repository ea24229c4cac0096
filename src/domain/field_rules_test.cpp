#include "domain/field_rules.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(FieldRules, ADateIsWellFormedWithinTheYears1900To2100AndARealDay) {
  EXPECT_EQ(IsoDateFaultOf("2024-02-29"), DateFault::kNone);
  EXPECT_EQ(IsoDateFaultOf("2023-02-29"), DateFault::kNoSuchDay);
  EXPECT_EQ(IsoDateFaultOf("2021-13-01"), DateFault::kNoSuchDay);
  EXPECT_EQ(IsoDateFaultOf("9999-12-31"), DateFault::kOutOfRange);
  EXPECT_EQ(IsoDateFaultOf("1899-12-31"), DateFault::kOutOfRange);
  EXPECT_EQ(IsoDateFaultOf("31/12/2020"), DateFault::kFormat);
  EXPECT_EQ(IsoDateFaultOf("2020-1-01"), DateFault::kFormat);
  EXPECT_EQ(IsoDateFault("2023-02-29"), "inexistante (le 2023-02-29 n'existe pas)");
  EXPECT_EQ(IsoDateFault("2024-02-29"), "");
}

TEST(FieldRules, TheDayBeforeAndAfterCrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(PreviousDay("2026-11-28"), "2026-11-27");
  EXPECT_EQ(PreviousDay("2024-03-01"), "2024-02-29");
  EXPECT_EQ(PreviousDay("2023-03-01"), "2023-02-28");
  EXPECT_EQ(NextDay("2024-02-28"), "2024-02-29");
  EXPECT_EQ(NextDay("2026-12-31"), "2027-01-01");
  EXPECT_EQ(PreviousDay("2026-01-01"), "2025-12-31");
}

TEST(FieldRules, MonthsBeforeKeepsTheDayOrTheMonthsLastDay) {
  EXPECT_EQ(MonthsBefore("2026-11-28", 6), "2026-05-28");
  EXPECT_EQ(MonthsBefore("2026-08-31", 6), "2026-02-28");
  EXPECT_EQ(MonthsBefore("2024-08-31", 6), "2024-02-29");
  EXPECT_EQ(MonthsBefore("2026-03-15", 6), "2025-09-15");
}

TEST(FieldRules, AnExcerptKeepsSixtyCharactersWithoutCuttingOne) {
  EXPECT_EQ(Excerpt("Pays"), "Pays");
  EXPECT_EQ(Excerpt(std::string(59, 'a') + "éé"), std::string(59, 'a') + "é…");
}

}  // namespace
}  // namespace rrma
