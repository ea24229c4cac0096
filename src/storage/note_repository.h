// The notes networks keep about organisations — a reference collectivité's priorities, who to
// call — one per network and organisation, with a visibility like every network-owned row
// (tenant_scope.h). Writing an empty text removes the note. Every change is journaled. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/account.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct OrganisationNote {
  int64_t network_id = 0;
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::string text;
  std::string updated_at;
};

inline constexpr size_t kMaxNoteLength = 20000;

class NoteRepository {
 public:
  explicit NoteRepository(Database& database) : database_(database) {}

  // The notes caller may read about a readable organisation (NotFound otherwise), theirs first.
  Result<std::vector<OrganisationNote>> List(const Account& caller, int64_t organisation_id);
  // Invalid (text, visibility, network_id), Forbidden when caller does not work in the network,
  // NotFound when the organisation is not readable. An empty text removes the note.
  Result<std::vector<OrganisationNote>> Write(const Account& caller, int64_t organisation_id, int64_t network_id,
                                              const std::string& visibility, const std::string& text);

 private:
  Database& database_;
};

}  // namespace rrma
