// Relationships between organisations that networks record: memberships (an organisation member of
// a network or of an association), board seats (an organisation sitting on another's conseil
// d'administration, with its role) and partnerships (two organisations, e.g. a French and a
// foreign collectivité, with themes and a convention date). Dated: an ended relationship stays in
// the history and stops counting after its end date. Owned by one network with a visibility;
// the COG's EPCI memberships are reference relationships, public and read-only. Pure, thread-safe.
//
// Who sits on a board is recorded once: the seat belongs to the organisation (a commune sits on
// MAS's CA); the élu·e who represents it holds a position in their own commune (person.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/status.h"

namespace rrma {

inline constexpr std::string_view kRelationshipKinds[] = {"member_of", "board_seat", "partnership"};
inline constexpr std::string_view kBoardRoles[] = {"membre", "president", "vice_president", "tresorier", "secretaire"};

bool IsRelationshipKind(std::string_view kind);
bool IsBoardRole(std::string_view role);

inline constexpr size_t kMaxSourceLength = 200;

// One end of a relationship as read: enough to name it and link to it.
struct RelationshipEnd {
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::optional<std::string> category;
};

struct Relationship {
  int64_t id = 0;
  std::string kind;
  RelationshipEnd from;
  RelationshipEnd to;
  std::optional<std::string> role;  // board seats
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::string source;
  std::optional<int64_t> network_id;  // none for reference relationships (COG)
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::vector<std::string> themes;             // partnerships
  std::optional<std::string> convention_date;  // partnerships
  bool reference = false;
  std::string created_at;
  std::optional<std::string> updated_at;
};

struct RelationshipDraft {
  std::optional<std::string> kind;
  std::optional<int64_t> from_id;
  std::optional<int64_t> to_id;
  std::optional<std::optional<std::string>> role;
  std::optional<std::optional<std::string>> start_date;
  std::optional<std::optional<std::string>> end_date;
  std::optional<std::string> source;
  std::optional<int64_t> network_id;
  std::optional<std::string> visibility;
  std::optional<std::vector<std::string>> themes;
  std::optional<std::optional<std::string>> convention_date;
};

// Records every fault of the draft under its field name; `before` is the stored relationship for
// a change, none for a creation (kind, from_id, to_id, network_id and visibility required then).
// The ends' existence and kinds are checked by storage with CheckRelationshipEnds.
void ValidateRelationshipDraft(const RelationshipDraft& draft, const Relationship* before, ValidationErrors& errors);

// Whether the kinds of the two ends suit the relationship: a membership joins a network or an
// association-like body, a board seat is on a body that has a board (not a collectivité), a
// partnership joins any two. Faults are recorded on to_id.
void CheckRelationshipEnds(std::string_view kind, const RelationshipEnd& from, const RelationshipEnd& to,
                           ValidationErrors& errors);

// The relationship with the draft applied (a board seat without role is « membre »; the source
// defaults to « saisie »). The draft must have been validated.
Relationship ApplyDraft(Relationship relationship, const RelationshipDraft& draft);

std::vector<FieldChange> RelationshipChanges(const Relationship& before, const Relationship& after);

}  // namespace rrma
