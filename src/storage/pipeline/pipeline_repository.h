// PipelineRepository: each network's stage with each collectivité (domain/pipeline/stage.h) and
// the dated history of its changes — who, when, why. Rows are the network's own, private to its
// team and national admins (tenant_scope.h); a collectivité the network never moved is « non
// contactée » and has no row. A move and the collectivité's membership of the network stay
// consistent from either side: a move records or ends the membership in the same transaction,
// and SyncStageWithMembership() is called by RelationshipRepository after it writes a membership.
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/paging.h"
#include "domain/pipeline/dashboard.h"
#include "domain/pipeline/stage.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct PipelineCollectivite {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> insee_code;
  std::optional<std::string> category;
  std::optional<int64_t> population;
  std::optional<std::string> departement_code;
};

struct AccountRef {
  int64_t id = 0;
  std::string email;
};

struct PipelineEntry {
  int64_t network_id = 0;
  PipelineCollectivite collectivite;
  PipelineStage stage = PipelineStage::kNonContactee;
  std::optional<AccountRef> owner;  // who follows it
  std::optional<std::string> changed_at;  // none while « non contactée » without history
  std::string reason;  // of the last change
  bool member = false;  // a membership of the network in force today
};

struct PipelineChange {
  int64_t id = 0;
  PipelineStage from = PipelineStage::kNonContactee;
  PipelineStage to = PipelineStage::kNonContactee;
  std::string reason;
  std::optional<AccountRef> by;  // none: moved on a membership's account by the platform
  std::string at;
};

struct PipelineQuery {
  int64_t network_id = 0;
  std::optional<PipelineStage> stage;
  std::optional<std::string> departement;
  std::optional<std::string> category;
  std::optional<int64_t> population_max;
  std::optional<PopulationRange> population_band;  // the dashboard's bands (domain/pipeline/dashboard.h)
  std::optional<int64_t> owner_id;  // ?staff=
  PageRequest page;
};

struct PipelineList {
  Page<PipelineEntry> page;
  std::map<PipelineStage, int64_t> by_stage;  // over the filters, every stage but « non contactée »
};

class PipelineRepository {
 public:
  explicit PipelineRepository(Database& database) : database_(database) {}

  // The network's collectivités at a stage, most recently moved first. NotFound for an unknown
  // network; Forbidden unless caller works in it (or is a national admin).
  Result<PipelineList> List(const Account& caller, const PipelineQuery& query);

  // The stage of one collectivité with its history, latest first. NotFound when the network or the
  // collectivité is unknown or not readable; Invalid (organisation_id) when it is not a collectivité.
  Result<std::pair<PipelineEntry, std::vector<PipelineChange>>> Find(const Account& caller, int64_t network_id,
                                                                     int64_t organisation_id);

  // Moves the collectivité to the draft's stage, recording the change and, when the stage says it,
  // recording or ending its membership of the network. Moving to the current stage records
  // nothing (unless the owner changes). Errors as Find, plus Invalid (ValidateStageMove; owner_id
  // not an account of the network's team) and Forbidden unless caller works in the network.
  Result<std::pair<PipelineEntry, std::vector<PipelineChange>>> Move(const Account& caller, int64_t network_id,
                                                                     int64_t organisation_id,
                                                                     const StageMoveDraft& draft);

 private:
  Database& database_;
};

// After a membership of the collectivité organisation_id to the network's record record_id was
// written in this transaction: moves the network's stage in line with the membership in force
// today (StageAfterMembership), on caller's account.
void SyncStageWithMembership(Database::Lease& session, const Account& caller, int64_t network_id,
                             int64_t organisation_id, int64_t record_id);

// Raises the generation of the pipeline's rows (stages, accompaniment records), within the caller's
// transaction: figures kept from them are then computed again.
void RaisePipelineGeneration(soci::session& session);

}  // namespace rrma
