#include "domain/pipeline/dashboard.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(Dashboard, PopulationBandsStartWithTheVerySmallCommunesUnder2000) {
  EXPECT_EQ(PopulationBandOf(0), "moins_de_2000");
  EXPECT_EQ(PopulationBandOf(1999), "moins_de_2000");
  EXPECT_EQ(PopulationBandOf(2000), "de_2000_a_9999");
  EXPECT_EQ(PopulationBandOf(9999), "de_2000_a_9999");
  EXPECT_EQ(PopulationBandOf(10000), "de_10000_a_49999");
  EXPECT_EQ(PopulationBandOf(199999), "de_50000_a_199999");
  EXPECT_EQ(PopulationBandOf(200000), "au_moins_200000");
  EXPECT_EQ(PopulationBandOf(std::nullopt), "inconnue");
  EXPECT_EQ(PopulationBandLabel("moins_de_2000"), "Moins de 2 000 habitants (très petites communes)");
  EXPECT_EQ(PopulationBandLabel("inconnue"), "Population inconnue");
}

TEST(Dashboard, ABandsRangeFiltersTheListBehindIt) {
  const auto small = PopulationRangeOf("moins_de_2000");
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->min, 0);
  EXPECT_EQ(small->below, 2000);
  EXPECT_EQ(PopulationRangeOf("de_2000_a_9999")->min, 2000);
  EXPECT_EQ(PopulationRangeOf("de_2000_a_9999")->below, 10000);
  EXPECT_EQ(PopulationRangeOf("au_moins_200000")->min, 200000);
  EXPECT_FALSE(PopulationRangeOf("au_moins_200000")->below.has_value());
  EXPECT_TRUE(PopulationRangeOf("inconnue")->unknown);
  EXPECT_FALSE(PopulationRangeOf("moins_de_3000").has_value());
}

TEST(Dashboard, EachConversionIsAShareOfThePreviousBoundarysCrossings) {
  const auto conversions = StageConversions({10, 4, 0, 3, 3});
  ASSERT_EQ(conversions.size(), 5u);
  EXPECT_EQ(conversions[0].from, PipelineStage::kNonContactee);
  EXPECT_EQ(conversions[0].to, PipelineStage::kPriseDeContact);
  EXPECT_EQ(conversions[0].count, 10);
  EXPECT_FALSE(conversions[0].rate.has_value());
  EXPECT_DOUBLE_EQ(*conversions[1].rate, 0.4);
  EXPECT_DOUBLE_EQ(*conversions[2].rate, 0.0);
  EXPECT_FALSE(conversions[3].rate.has_value()) << "no rate after a boundary nobody crossed";
  EXPECT_DOUBLE_EQ(*conversions[4].rate, 1.0);
  EXPECT_EQ(conversions[4].to, PipelineStage::kCollaboration);
}

TEST(Dashboard, TheDefaultPeriodIsTheTwelveMonthsUpToToday) {
  const DashboardPeriod period = DefaultDashboardPeriod("2026-11-29");
  EXPECT_EQ(period.from, "2025-11-30");
  EXPECT_EQ(period.to, "2026-11-29");
  EXPECT_EQ(DefaultDashboardPeriod("2024-02-29").from, "2023-03-01");
}

TEST(Dashboard, TheInteractionsTotalIsTheSumOverTypes) {
  DashboardFigures figures;
  figures.interactions_by_type = {{"conseil", 3}, {"formation", 0}, {"prise_de_contact", 4}};
  EXPECT_EQ(figures.interactions(), 7);
}

}  // namespace
}  // namespace rrma
