#include "domain/pipeline/interaction.h"

#include <algorithm>
#include <set>

#include "domain/field_rules.h"

namespace rrma {
namespace {

struct TypeLabel {
  std::string_view type;
  std::string_view label;
};

constexpr TypeLabel kLabels[] = {
    {"prise_de_contact", "Prise de contact"},
    {"appui_juridique", "Appui juridique"},
    {"accompagnement_strategique", "Accompagnement stratégique"},
    {"accompagnement_operationnel", "Accompagnement opérationnel"},
    {"vsi_reciprocite", "VSI en réciprocité"},
    {"animation_territoire", "Animation du territoire"},
    {"evenement", "Événement"},
    {"accueil_delegation", "Accueil de délégation"},
    {"montage_projet", "Montage de projet"},
    {"conseil", "Conseil"},
    {"financement", "Financement"},
    {"formation", "Formation"},
};

void CheckIds(const std::vector<int64_t>& ids, const std::string& field, const std::string& what, bool required,
              ValidationErrors& errors) {
  if (required && ids.empty()) return errors.Add(field, "Indiquez au moins " + what + ".");
  if (ids.size() > kMaxInteractionParties) {
    return errors.Add(field, "Au plus " + std::to_string(kMaxInteractionParties) + " par compte rendu.");
  }
  std::set<int64_t> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] <= 0) errors.Add(field + "[" + std::to_string(i) + "]", "Identifiant invalide.");
    else if (!seen.insert(ids[i]).second) errors.Add(field + "[" + std::to_string(i) + "]", "Cet identifiant figure deux fois.");
  }
}

}  // namespace

bool IsInteractionType(std::string_view type) { return OneOf(kInteractionTypes, type); }

std::string_view InteractionTypeLabel(std::string_view type) {
  for (const TypeLabel& label : kLabels) {
    if (label.type == type) return label.label;
  }
  return type;
}

void ValidateInteractionDraft(const InteractionDraft& draft, const Interaction* before, ValidationErrors& errors) {
  const bool creating = before == nullptr;
  if (creating && !draft.network_id) errors.Add("network_id", "Le réseau est obligatoire.");
  if (!creating && draft.network_id && *draft.network_id != before->network_id) {
    errors.Add("network_id", "Le réseau d'un compte rendu ne change pas.");
  }
  if (creating && !draft.visibility) errors.Add("visibility", "La visibilité est obligatoire.");
  if (draft.visibility && !ParseVisibility(*draft.visibility)) {
    errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  }
  if (creating && !draft.date) errors.Add("date", "La date est obligatoire.");
  if (draft.date && !IsIsoDate(*draft.date)) errors.Add("date", "Date " + IsoDateFault(*draft.date) + ".");
  if (creating && !draft.type) errors.Add("type", "Le type d'accompagnement est obligatoire.");
  if (draft.type && !IsInteractionType(*draft.type)) {
    errors.Add("type",
               "Type inconnu : prise_de_contact, appui_juridique, accompagnement_strategique, "
               "accompagnement_operationnel, vsi_reciprocite, animation_territoire, evenement, accueil_delegation, "
               "montage_projet, conseil, financement ou formation.");
  }
  if (creating && !draft.subject) errors.Add("subject", "L'objet est obligatoire.");
  if (draft.subject) CheckLine(*draft.subject, "subject", "L'objet", true, kMaxSubjectLength, errors);
  if (draft.notes) CheckText(*draft.notes, "notes", "Le compte rendu", false, kMaxInteractionNotesLength, errors);
  if (creating && !draft.organisation_ids) errors.Add("organisation_ids", "Indiquez au moins une organisation.");
  if (draft.organisation_ids) CheckIds(*draft.organisation_ids, "organisation_ids", "une organisation", true, errors);
  if (draft.person_ids) CheckIds(*draft.person_ids, "person_ids", "une personne", false, errors);
  if (draft.next_action && *draft.next_action) {
    const NextAction& action = **draft.next_action;
    CheckLine(action.description, "next_action.description", "La prochaine action", true, kMaxNextActionLength, errors);
    if (action.due_date && !IsIsoDate(*action.due_date)) {
      errors.Add("next_action.due_date", "Échéance " + IsoDateFault(*action.due_date) + ".");
    }
    if (action.owner_id && *action.owner_id <= 0) errors.Add("next_action.owner_id", "Identifiant de compte invalide.");
  }
  if (draft.event_id && *draft.event_id && **draft.event_id <= 0) errors.Add("event_id", "Identifiant d'événement invalide.");
  const bool has_action = draft.next_action ? draft.next_action->has_value() : before && before->next_action;
  if (draft.next_action_done && !has_action) {
    errors.Add("next_action_done", "Ce compte rendu n'a pas de prochaine action.");
  }
}

Interaction ApplyDraft(Interaction interaction, const InteractionDraft& draft, const std::string& now) {
  if (draft.network_id) interaction.network_id = *draft.network_id;
  if (draft.visibility) interaction.visibility = ParseVisibility(*draft.visibility).value_or(interaction.visibility);
  if (draft.date) interaction.date = *draft.date;
  if (draft.type) interaction.type = *draft.type;
  if (draft.subject) interaction.subject = *draft.subject;
  if (draft.notes) interaction.notes = *draft.notes;
  if (draft.organisation_ids) interaction.organisation_ids = *draft.organisation_ids;
  if (draft.person_ids) interaction.person_ids = *draft.person_ids;
  if (draft.next_action) interaction.next_action = *draft.next_action;
  if (draft.event_id) interaction.event_id = *draft.event_id;
  if (draft.next_action_done && interaction.next_action) {
    const bool already = interaction.next_action->done_at.has_value();
    if (*draft.next_action_done && !already) interaction.next_action->done_at = now;
    if (!*draft.next_action_done) interaction.next_action->done_at.reset();
  } else if (draft.next_action && *draft.next_action && interaction.next_action) {
    interaction.next_action->done_at.reset();  // a new next action is still to do
  }
  interaction.updated_at = now;
  return interaction;
}

bool IsOverdue(const NextAction& action, const std::string& today) {
  return !action.done_at && action.due_date && *action.due_date < today;
}

}  // namespace rrma
