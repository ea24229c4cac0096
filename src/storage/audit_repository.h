// The audit log in storage. Entries are appended by the repositories, in the transaction of the
// change they record (AppendAudit), or on their own for events that change no record (sign-in,
// sign-out, export). No function changes or deletes an entry, except RedactPersonalValues, which
// erasure of a person calls in its own transaction. Reading is scoped: admins read every entry,
// a network_admin the entries of their networks. Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "domain/account.h"
#include "domain/audit.h"
#include "domain/paging.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

// Appends entry (its id and at are ignored: set here) on session, within the caller's transaction.
void AppendAudit(soci::session& session, const AuditEntry& entry);

// Appends entries (as AppendAudit, all at the same time) on session, within the caller's
// transaction: for imports, which create thousands of records at once.
void AppendAudits(soci::session& session, Engine engine, const std::vector<AuditEntry>& entries);

// An entry's actor: the calling account, or the command line when caller is anonymous (id 0).
void SetActor(AuditEntry& entry, const Account& caller);

// Replaces the values of personal fields in every entry about the record with kRedacted.
void RedactPersonalValues(soci::session& session, const std::string& record_type, int64_t record_id);

// The history of a record, oldest first, read on session without checking rights: for the
// repositories that already did.
std::vector<AuditEntry> RecordHistory(Database::Lease& session, const std::string& record_type, int64_t record_id);

struct AuditQuery {
  std::optional<RecordRef> record;
  PageRequest page;
};

class AuditRepository {
 public:
  explicit AuditRepository(Database& database) : database_(database) {}

  // Appends one entry in its own transaction.
  void Append(const AuditEntry& entry);

  // Entries newest first. With a record: its history, NotFound when caller may not see the
  // record, Forbidden when they may see it but not administer it; a network_admin reads only the
  // entries of their networks and those without one (the account's sign-ins, national acts). Without a record: every entry for
  // admin, their networks' entries for a network_admin, Forbidden for anyone else.
  Result<Page<AuditEntry>> List(const Account& caller, const AuditQuery& query);

 private:
  Database& database_;
};

}  // namespace rrma
