// The engagement pipeline at national scale, for the benchmark of the dashboard and the kanban
// (bench/pipeline, issue 9), written by graph_generator on top of its directory: each network's
// stage with a share of the collectivités of its régions and the moves that led there; accompaniment
// records (interactions) with one to three of those collectivités, spread over the networks by the
// number of their collectivités and over the three years before `today`; events with two to six
// collectivités each, about a tenth of the records being about one. Consistent with the
// memberships as the app keeps them: a collectivité member of a network today stands at
// « adhésion » or beyond, and one moved there without a membership gets one from the day of the
// move. Deterministic for a seed. Rows are appended in bulk (storage/bulk_copy.h) within the
// caller's transaction, without audit entries, created by nobody. Not thread-safe.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "storage/database.h"

namespace rrma {

struct TerritoryCollectivite {
  int64_t id = 0;
  std::string name;
  std::string departement;  // empty for a région
};

// A network and the collectivités of its régions.
struct NetworkTerritory {
  int64_t id = 0;
  int64_t record_id = 0;  // its organisation record, the end of its members' memberships
  std::vector<TerritoryCollectivite> collectivites;
  std::unordered_set<int64_t> members;  // collectivités with a membership in force today
};

struct PipelineOptions {
  uint64_t seed = 0;
  size_t interactions = 200000;
  size_t events = 20000;
  double stages_share = 0.3;  // of each network's collectivités with a stage row
  std::string today;          // YYYY-MM-DD
};

struct PipelineCounts {
  size_t stages = 0, changes = 0, memberships = 0;
  size_t events = 0, event_organisations = 0;
  size_t interactions = 0, interaction_organisations = 0, next_actions = 0, about_events = 0;
};

// Writes the rows and says how many of each. The identity sequences (PostgreSQL) of relationship,
// interaction and event must be past their rows: new ids are taken with ReserveIds. Throws what
// the bulk writer throws.
PipelineCounts GeneratePipeline(soci::session& session, Engine engine, const PipelineOptions& options,
                                const std::vector<NetworkTerritory>& networks);

}  // namespace rrma
