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
