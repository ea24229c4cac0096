#include "domain/pipeline/dashboard.h"

#include "domain/field_rules.h"

namespace rrma {

std::string_view PopulationBandOf(std::optional<int64_t> population) {
  if (!population) return kUnknownPopulationBand;
  for (const PopulationBand& band : kPopulationBands) {
    if (*population < band.below) return band.name;
  }
  return kPopulationBands.back().name;
}

std::string_view PopulationBandLabel(std::string_view name) {
  for (const PopulationBand& band : kPopulationBands) {
    if (band.name == name) return band.label;
  }
  return "Population inconnue";
}

std::optional<PopulationRange> PopulationRangeOf(std::string_view band) {
  if (band == kUnknownPopulationBand) return PopulationRange{0, std::nullopt, true};
  int64_t min = 0;
  for (const PopulationBand& b : kPopulationBands) {
    if (b.name == band) {
      return PopulationRange{min, &b == &kPopulationBands.back() ? std::nullopt : std::optional<int64_t>(b.below), false};
    }
    min = b.below;
  }
  return std::nullopt;
}

std::vector<StageConversion> StageConversions(const std::array<int64_t, kStageBoundaries>& crossings) {
  std::vector<StageConversion> conversions;
  for (size_t k = 0; k < kStageBoundaries; ++k) {
    StageConversion conversion{kPipelineStages[k], kPipelineStages[k + 1], crossings[k], std::nullopt};
    if (k > 0 && crossings[k - 1] > 0) {
      conversion.rate = static_cast<double>(crossings[k]) / static_cast<double>(crossings[k - 1]);
    }
    conversions.push_back(conversion);
  }
  return conversions;
}

int64_t DashboardFigures::interactions() const {
  int64_t total = 0;
  for (const auto& [type, count] : interactions_by_type) total += count;
  return total;
}

DashboardPeriod DefaultDashboardPeriod(std::string_view today) {
  return {NextDay(MonthsBefore(today, 12)), std::string(today)};
}

}  // namespace rrma
