#include "domain/audit.h"

#include <algorithm>
#include <charconv>

namespace rrma {

Result<RecordRef> ParseRecordRef(std::string_view text, const std::string& field) {
  const size_t colon = text.find(':');
  const Status invalid = Status::Invalid(field, "Enregistrement illisible : attendu TYPE:ID, par exemple person:12.");
  if (colon == std::string_view::npos) return invalid;
  const std::string_view type = text.substr(0, colon);
  const std::string_view digits = text.substr(colon + 1);
  if (std::find(std::begin(kAuditRecordTypes), std::end(kAuditRecordTypes), type) == std::end(kAuditRecordTypes)) {
    return Status::Invalid(field, "Type d'enregistrement inconnu : user, person, organisation ou relationship.");
  }
  int64_t id = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || id <= 0) return invalid;
  return RecordRef{std::string(type), id};
}

}  // namespace rrma
