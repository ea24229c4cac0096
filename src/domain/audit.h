// The audit log: who did what, when, in which network, to which record, with the fields before
// and after. Entries are only ever appended; there is no way to change or delete one, except
// that erasing a person (RGPD) redacts that person's identifying values in the entries about
// them. Value types. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.h"

namespace rrma {

// Actions travel as their API names.
inline constexpr std::string_view kAuditActions[] = {
    "create",     "update",     "delete",        "erase",  "export",           "sign_in",    "sign_out",
    "password_change", "invite", "invitation_accept", "role_grant", "role_revoke", "deactivate", "reactivate",
    "token_create", "token_revoke", "archive", "restore", "merge", "unmerge"};

// Record types that have a history.
inline constexpr std::string_view kAuditRecordTypes[] = {"user", "person", "organisation", "relationship"};

// What replaces a personal value in the audit log once its person is erased.
inline constexpr std::string_view kRedacted = "[effacé]";

struct FieldChange {
  std::string field;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

struct AuditEntry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> actor_id;  // none for the command line and anonymous calls
  std::string actor_email;
  std::optional<int64_t> network_id;
  std::string network_name;
  std::string action;
  std::string record_type;
  int64_t record_id = 0;
  std::vector<FieldChange> changes;
};

// A record reference as the API writes it: "person:12".
struct RecordRef {
  std::string type;
  int64_t id = 0;
};

// Parses "type:id" with a known type and a positive id; Invalid naming field otherwise.
Result<RecordRef> ParseRecordRef(std::string_view text, const std::string& field);

}  // namespace rrma
