// ActorRepository: the organisations networks record beside the reference collectivités
// (associations, companies, foreign authorities…). Network-owned rows scoped like persons
// (tenant_scope.h): an actor the caller may not read does not exist for them (NotFound), one they
// may read but not change answers Forbidden. Never deleted: archived and restored. Every change
// appends an audit entry and raises the "directory" generation in its transaction, so that the
// relationship graph kept in memory (relation_graph_store.h) is rebuilt. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/account.h"
#include "domain/actor.h"
#include "domain/status.h"
#include "storage/database.h"
#include "storage/sql_dialect.h"

namespace rrma {

// What an import asks: check only (dry run), and whether valid rows are written when others are not.
struct ImportOptions {
  bool dry_run = false;
  bool partial = false;
};

// A row an import refused: its line, the API field at fault ("siren", "countries[1]", "from_id"…)
// and a French reason.
struct RowRejection {
  size_t line = 0;
  std::string field;
  std::string message;
};

// A line of a file that names again what an earlier line named: written once.
struct RepeatedLine {
  size_t line = 0;
  size_t first_line = 0;
};

struct ImportOutcome {
  int64_t created = 0;
  int64_t existing = 0;  // already recorded by the network (a file imported twice creates nothing)
  std::vector<RepeatedLine> repeated;
  std::vector<RowRejection> rejected;
  bool written = false;  // committed: not a dry run, and every row valid or partial asked
};

// Records why a line was refused: each field at fault, or the detail of a refusal without one
// (under field, when the caller knows which it is about).
void RecordRejection(ImportOutcome& outcome, size_t line, const Status& status, const std::string& field = "");

class ActorRepository {
 public:
  explicit ActorRepository(Database& database) : database_(database) {}

  // The actor if caller may read it; NotFound otherwise (also for reference collectivités).
  Result<Actor> Find(const Account& caller, int64_t id);

  // Invalid (fields of ValidateActorDraft; commune_insee, countries[i], country_code unknown to
  // the reference data; network_id unknown), Forbidden when caller does not work in the network,
  // Conflict when an organisation caller may read already carries the RNA or SIREN.
  Result<Actor> Create(const Account& caller, const ActorDraft& draft);
  // As Create; NotFound when not readable, Forbidden when not writable. {"archived": true|false}
  // archives or restores.
  Result<Actor> Update(const Account& caller, int64_t id, const ActorDraft& draft);

  // Creates the drafts (lines of a file) in one transaction. A draft whose network already holds
  // an organisation with its RNA or SIREN, or its name in its commune, counts as existing and
  // creates nothing. Country names (« Bénin ») are read as their codes. Without partial, nothing
  // is written unless every draft is valid; a dry run writes nothing.
  struct ImportRow {
    size_t line = 0;
    ActorDraft draft;
    bool refused = false;  // already refused while reading the file: checked, never written
  };
  ImportOutcome ImportDrafts(const Account& caller, const std::vector<ImportRow>& rows, const ImportOptions& options);

 private:
  Database& database_;
};

// Whether FinishImport will commit: imports write nothing before they know it.
bool WillCommit(const ImportOutcome& outcome, const ImportOptions& options);

// Commits the import's transaction unless it is a dry run or, without partial, a line was refused;
// says so in outcome.written.
void FinishImport(WriteTransaction& transaction, ImportOutcome& outcome, const ImportOptions& options);

// Raises the generation of the directory's own rows, within the caller's transaction.
void RaiseDirectoryGeneration(soci::session& session);

}  // namespace rrma
