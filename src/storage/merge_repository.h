// Duplicates among the actors networks record, and merging two records of one organisation.
// Candidates are found on official identifiers first (RNA, SIREN), then on the normalised name in
// the same commune, among the rows the caller may read. A merge moves every relationship and
// position of the merged record to the kept one — each relationship keeps its own dates, so two
// seats of different periods stay two relationships; only an exact duplicate (same kind, other
// end, role and start) is removed — and the caller's networks' accompaniment records and events
// naming it to the kept one (merge_parties.h); archives the merged record, journals both, and can
// be undone from what it kept. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct DuplicateCandidate {
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::string network_name;
  std::string reason;  // French: « même RNA », « même SIREN », « même nom dans la même commune »
};

struct MergeRecord {
  int64_t id = 0;
  int64_t kept_id = 0;
  int64_t merged_id = 0;
  int64_t moved_relationships = 0;
  int64_t removed_relationships = 0;
  int64_t moved_positions = 0;
  int64_t moved_records = 0;  // accompaniment records and events of the caller's networks (merge_parties.h)
  bool undone = false;
};

class MergeRepository {
 public:
  explicit MergeRepository(Database& database) : database_(database) {}

  // NotFound when the actor is not readable.
  Result<std::vector<DuplicateCandidate>> Duplicates(const Account& caller, int64_t id);
  // NotFound when either is not readable; Forbidden when caller does not work in both networks;
  // Invalid (merged_id) for the same record, a reference collectivité or a network's record, an
  // archived one.
  Result<MergeRecord> Merge(const Account& caller, int64_t kept_id, int64_t merged_id);
  // NotFound for an unknown merge or one of another network; Conflict when already undone.
  Result<MergeRecord> Undo(const Account& caller, int64_t merge_id);

 private:
  Database& database_;
};

}  // namespace rrma
