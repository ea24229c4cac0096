// The accompaniment records and events a merge touches: those of the caller's networks (the rows
// it may write) that name the merged organisation name the kept one instead; where a record
// already names both, the merged one's line is dropped (an event keeps the kept organisation's
// role and attendance). What was done is kept as JSON in the merge's row, so that undoing it puts
// every line back — but never on a record deleted since. Thread-safe (each call on its caller's
// session, inside the merge's transaction).
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "domain/account.h"
#include "storage/database.h"

namespace rrma {

// {"interactions": {"moved": [ids], "dropped": [ids]},
//  "events": {"moved": [ids], "dropped": [{"id", "role", "attendance"}]}}
nlohmann::json MoveRecordParties(Database::Lease& session, const Account& caller, int64_t kept_id, int64_t merged_id);

// Puts back what MoveRecordParties did; anything else in `moved` is ignored.
void RestoreRecordParties(Database::Lease& session, const nlohmann::json& moved, int64_t kept_id, int64_t merged_id);

// The number of records whose lines were moved or dropped.
int64_t MovedRecordCount(const nlohmann::json& moved);

}  // namespace rrma
