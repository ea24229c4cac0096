// RelationshipRepository: the memberships, board seats and partnerships networks record between
// organisations, and the COG's EPCI memberships (reference, read-only). Scoped like every
// network-owned row (tenant_scope.h), and a relationship is shown only when the caller may also
// read both of its ends, so that a network's private association never appears through a public
// relation. Every change appends an audit entry and raises the "directory" generation. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "domain/account.h"
#include "domain/paging.h"
#include "domain/relationship.h"
#include "domain/status.h"
#include "storage/actor_repository.h"
#include "storage/database.h"

namespace rrma {

struct RelationshipQuery {
  int64_t organisation_id = 0;  // relationships from or to this organisation
  std::optional<std::string> kind;
  PageRequest page;
};

class RelationshipRepository {
 public:
  explicit RelationshipRepository(Database& database) : database_(database) {}

  // NotFound when the organisation is not readable; its relationships by kind, current first.
  Result<Page<Relationship>> List(const Account& caller, const RelationshipQuery& query);
  Result<Relationship> Find(const Account& caller, int64_t id);

  // Invalid (ValidateRelationshipDraft, CheckRelationshipEnds, from_id/to_id unknown or archived,
  // network_id unknown), Forbidden when caller does not work in the network, Conflict when the
  // same relationship (kind, ends, role, start) is already recorded by the network.
  Result<Relationship> Create(const Account& caller, const RelationshipDraft& draft);
  // NotFound when not readable; Forbidden when not writable or a reference relationship.
  Result<Relationship> Update(const Account& caller, int64_t id, const RelationshipDraft& draft);
  Status Delete(const Account& caller, int64_t id);

  // Creates the relationships of a file in one transaction, as ActorRepository::ImportDrafts. Each
  // end is written as an organisation id, an INSEE code of a commune, a SIREN or an RNA, among the
  // organisations caller may read; a relationship the network already holds counts as existing,
  // one an earlier line of the file names as repeated. Every fault of a line is reported.
  struct ImportRow {
    size_t line = 0;
    std::string source;
    std::string target;
    RelationshipDraft draft;
    bool refused = false;  // already refused while reading the file: checked, never written
  };
  ImportOutcome ImportDrafts(const Account& caller, const std::vector<ImportRow>& rows, const ImportOptions& options);

 private:
  Database& database_;
};

// For the pipeline (pipeline/pipeline_repository.h). Whether organisation is a member of the
// network's record today: a membership recorded by that network (or the reference data) begun on
// or before today and not ended before it.
bool IsMemberToday(Database::Lease& session, int64_t organisation_id, int64_t record_id, const std::string& today);
// Those of organisation_ids that are members of the network's record today: one query for a page.
std::unordered_set<int64_t> MembersTodayAmong(Database::Lease& session, const std::vector<int64_t>& organisation_ids,
                                              int64_t record_id, const std::string& today);
// Records organisation as a member of the network's record from today, or ends its memberships in
// force (on the day before; one begun today is deleted), within the caller's transaction, each
// write journaled and the directory's generation raised like any relationship write. Moves no stage.
void RecordMembershipFrom(Database::Lease& session, Engine engine, const Account& caller, int64_t network_id,
                          int64_t organisation_id, int64_t record_id, const std::string& today);
void EndMemberships(Database::Lease& session, const Account& caller, int64_t organisation_id, int64_t record_id,
                    const std::string& today);

}  // namespace rrma
