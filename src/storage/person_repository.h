// PersonRepository: the persons a network records, with their positions. Network-owned personal
// data: every method takes the calling account and scopes its queries through tenant_scope.h, so
// a person the caller may not read does not exist for them (NotFound), whether read or written.
// A person the caller may read but not change answers Forbidden; contacts and notes are shown only
// to the owning network (AsSeenBy). Every change appends an audit entry in its transaction.
// Deleting or erasing a person (for the network's administrators) also redacts their identifying
// values in the entries about them, and once committed leaves no copy of the former values in
// SQLite's files (PurgeErasedValues). Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/audit.h"
#include "domain/paging.h"
#include "domain/person.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct PersonQuery {
  std::optional<std::string> text;  // words of the names, or of the email address when shown, in any order
  std::optional<int64_t> network_id;
  std::optional<int64_t> organisation_id;  // holding a position there
  PageRequest page;
};

// Everything the platform holds about a person, for the person's right of access.
struct PersonExport {
  Person person;
  std::vector<AuditEntry> history;
};

class PersonRepository {
 public:
  explicit PersonRepository(Database& database) : database_(database) {}

  // The persons caller may read, by family then given name.
  Page<Person> List(const Account& caller, const PersonQuery& query);
  Result<Person> Find(const Account& caller, int64_t id);

  // Invalid (field names of ValidatePersonDraft; network_id for an unknown network;
  // positions[i].organisation_id for an unknown organisation), Forbidden when caller does not
  // work in the network.
  Result<Person> Create(const Account& caller, const PersonDraft& draft);
  // As Create; NotFound when not readable, Forbidden when not writable, Conflict once erased.
  Result<Person> Update(const Account& caller, int64_t id, const PersonDraft& draft);

  // For the network's administrators (Forbidden for others who may read the person).
  Status Delete(const Account& caller, int64_t id);
  // Erase: Conflict when already erased. Export appends an "export" entry.
  Result<Person> Erase(const Account& caller, int64_t id, const std::string& now);
  Result<PersonExport> Export(const Account& caller, int64_t id);

 private:
  Database& database_;
};

}  // namespace rrma
