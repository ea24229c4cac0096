// The network dashboard: named figures of a network's work with collectivités over a period
// (DOMAIN.md, « The engagement pipeline » and « The national figures »), or of every network at
// once for national admins. What each figure counts:
//   members         collectivités member of the network on the period's last day (a membership
//                   recorded by the network or by the reference data)
//   board_seats     collectivités sitting on the network's CA on that day; presidencies: those
//                   presiding it
//   accompanied     collectivités with at least one interaction of the network in the period
//   by_stage        today's stage of the network's collectivités, past « non contactée »
//   conversions     collectivités moved forward across each boundary between two stages in the
//                   period, and that count as a share of the previous boundary's
//   interactions    the network's interactions in the period, by type
//   dormant         relations past « non contactée » without interaction nor move for six months
//                   before the period's last day
//   breakdowns      members, accompanied and engaged (past « non contactée » today) collectivités
//                   by département, category and population band
// Across networks, a collectivité counts once, except in by_stage, conversions and dormant, which
// count relations (a network and a collectivité). Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/pipeline/stage.h"

namespace rrma {

// Population bands of collectivités; the first is the seed's « très petites communes ».
struct PopulationBand {
  std::string_view name;
  std::string_view label;
  int64_t below;  // the band holds populations under this (and at least the previous band's)
};
inline constexpr std::array<PopulationBand, 5> kPopulationBands = {{
    {"moins_de_2000", "Moins de 2 000 habitants (très petites communes)", 2000},
    {"de_2000_a_9999", "De 2 000 à 9 999 habitants", 10000},
    {"de_10000_a_49999", "De 10 000 à 49 999 habitants", 50000},
    {"de_50000_a_199999", "De 50 000 à 199 999 habitants", 200000},
    {"au_moins_200000", "200 000 habitants et plus", INT64_MAX},
}};
inline constexpr std::string_view kUnknownPopulationBand = "inconnue";

// The band's name: "moins_de_2000"; kUnknownPopulationBand without a population.
std::string_view PopulationBandOf(std::optional<int64_t> population);
// « Moins de 2 000 habitants (très petites communes) »; « Population inconnue ».
std::string_view PopulationBandLabel(std::string_view name);

// The populations of a band, for a list's filter: at least `min` and under `below` (none: no
// bound); `unknown` for kUnknownPopulationBand. Nothing for a name that is no band.
struct PopulationRange {
  int64_t min = 0;
  std::optional<int64_t> below;
  bool unknown = false;
};
std::optional<PopulationRange> PopulationRangeOf(std::string_view band);

// The boundaries between consecutive stages: kStageBoundaries[k] lies between stage k and k + 1.
inline constexpr size_t kStageBoundaries = kPipelineStages.size() - 1;

struct StageConversion {
  PipelineStage from = PipelineStage::kNonContactee;
  PipelineStage to = PipelineStage::kNonContactee;
  int64_t count = 0;          // collectivités moved across the boundary in the period
  std::optional<double> rate;  // count / the previous boundary's count; none for the first or a zero
};

// The conversions from the number of collectivités that crossed each boundary.
std::vector<StageConversion> StageConversions(const std::array<int64_t, kStageBoundaries>& crossings);

// One line of a breakdown: a département code, a category or a population band.
struct DashboardBreakdownRow {
  std::string key;
  int64_t members = 0;
  int64_t accompanied = 0;
  int64_t engaged = 0;
  bool operator==(const DashboardBreakdownRow&) const = default;
};

struct DashboardFigures {
  std::optional<int64_t> network_id;  // none: every network
  std::string from, to;                // the period, inclusive
  int64_t members = 0;
  int64_t board_seats = 0;
  int64_t presidencies = 0;
  int64_t accompanied = 0;
  std::map<PipelineStage, int64_t> by_stage;  // every stage but « non contactée », zeros included
  std::array<int64_t, kStageBoundaries> crossings{};
  std::map<std::string, int64_t> interactions_by_type;  // every type, zeros included
  int64_t dormant = 0;
  // Sorted by key; a row for each key with at least one count. A collectivité without département
  // or category is under the empty key.
  std::vector<DashboardBreakdownRow> by_departement, by_category, by_population_band;

  int64_t interactions() const;
};

// The default period: the twelve months up to today (from the day after the same day a year before).
struct DashboardPeriod {
  std::string from, to;
};
DashboardPeriod DefaultDashboardPeriod(std::string_view today);

}  // namespace rrma
