// Accompaniment records (DOMAIN.md, « What a network does for a collectivité »): what a network's
// team did with organisations and persons on a date — a call, legal support, an event, a
// delegation received… — with the next action to take, its due date and who takes it. Owned by
// one network with a visibility (tenant_scope.h). A collectivité is « accompagnée » by a network
// over a period when the network recorded at least one interaction with it in that period. Pure,
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/status.h"

namespace rrma {

inline constexpr std::string_view kInteractionTypes[] = {
    "prise_de_contact", "appui_juridique", "accompagnement_strategique", "accompagnement_operationnel",
    "vsi_reciprocite",  "animation_territoire", "evenement", "accueil_delegation",
    "montage_projet",   "conseil", "financement", "formation"};

bool IsInteractionType(std::string_view type);
// « Appui juridique »…
std::string_view InteractionTypeLabel(std::string_view type);

inline constexpr size_t kMaxSubjectLength = 300;
inline constexpr size_t kMaxInteractionNotesLength = 20000;
inline constexpr size_t kMaxNextActionLength = 1000;
inline constexpr size_t kMaxInteractionParties = 50;  // organisations, persons: each
// A relation without interaction for this long is dormant (« Mes relances »).
inline constexpr int kDormantMonths = 6;

struct NextAction {
  std::string description;
  std::optional<std::string> due_date;
  std::optional<int64_t> owner_id;
  std::optional<std::string> done_at;  // when it was done: no longer a relance
};

struct Interaction {
  int64_t id = 0;
  int64_t network_id = 0;
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::string date;
  std::string type;
  std::string subject;
  std::string notes;
  std::vector<int64_t> organisation_ids;
  std::vector<int64_t> person_ids;
  std::optional<NextAction> next_action;
  std::optional<int64_t> event_id;  // the event it is about (domain/events/event.h)
  std::optional<int64_t> created_by;
  std::string created_at;
  std::string updated_at;
};

// A body of POST (every field) or PATCH (the fields present) /interactions.
struct InteractionDraft {
  std::optional<int64_t> network_id;
  std::optional<std::string> visibility;
  std::optional<std::string> date;
  std::optional<std::string> type;
  std::optional<std::string> subject;
  std::optional<std::string> notes;
  std::optional<std::vector<int64_t>> organisation_ids;
  std::optional<std::vector<int64_t>> person_ids;
  // Present with no value: the next action is removed.
  std::optional<std::optional<NextAction>> next_action;
  std::optional<bool> next_action_done;
  // Present with no value: the record is no longer about an event.
  std::optional<std::optional<int64_t>> event_id;
};

// Every fault of the draft with a French message naming its field: network_id, visibility, date
// (YYYY-MM-DD), type, subject (one line), notes, organisation_ids (at least one, none twice),
// person_ids, next_action.description / .due_date / .owner_id, event_id. A due date in the past is accepted
// (the answer flags it overdue). before is null for a creation.
void ValidateInteractionDraft(const InteractionDraft& draft, const Interaction* before, ValidationErrors& errors);

Interaction ApplyDraft(Interaction interaction, const InteractionDraft& draft, const std::string& now);

// Whether the next action is still to do and its due date is before today (YYYY-MM-DD).
bool IsOverdue(const NextAction& action, const std::string& today);

}  // namespace rrma
