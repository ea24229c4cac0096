#include "storage/tenant_scope.h"

namespace rrma {
namespace {

// A role of the caller, as an EXISTS over user_role, with a condition on r (the role) and the row.
std::string CallerHolds(std::string_view condition) {
  return "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = :caller AND (" + std::string(condition) + "))";
}

std::string Replace(std::string text, std::string_view alias) {
  for (size_t at = text.find("$."); at != std::string::npos; at = text.find("$.", at + alias.size())) {
    text.replace(at, 1, alias);
  }
  return text;
}

}  // namespace

std::string ReadableBy(std::string_view alias) {
  return Replace("($.visibility = 'public' OR " +
                     CallerHolds("r.role = 'admin' OR (r.role IN ('network_admin', 'network_staff')"
                                 " AND (r.network_id = $.network_id OR $.visibility = 'network'))") +
                     ")",
                 alias);
}

std::string WritableBy(std::string_view alias) {
  return Replace(CallerHolds("r.role = 'admin' OR (r.role IN ('network_admin', 'network_staff')"
                             " AND r.network_id = $.network_id)"),
                 alias);
}

std::string AdministeredBy(std::string_view alias) {
  return Replace(CallerHolds("r.role = 'admin' OR (r.role = 'network_admin' AND r.network_id = $.network_id)"),
                 alias);
}

std::string ContactsReadableBy(std::string_view alias) { return WritableBy(alias); }

Binding CallerBinding(const Account& caller) { return {"caller", caller.id}; }

}  // namespace rrma
