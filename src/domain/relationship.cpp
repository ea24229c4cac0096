#include "domain/relationship.h"

#include <algorithm>

#include "domain/field_rules.h"

namespace rrma {
namespace {

// Kinds of organisation that have members and a board.
bool IsBody(std::string_view kind) {
  return kind == "reseau" || kind == "association" || kind == "osim" || kind == "autre" ||
         kind == "institution_publique" || kind == "enseignement_recherche" || kind == "entreprise";
}

std::optional<std::string> IdText(int64_t id) { return id == 0 ? std::nullopt : std::optional(std::to_string(id)); }

}  // namespace

bool IsRelationshipKind(std::string_view kind) { return OneOf(kRelationshipKinds, kind); }
bool IsBoardRole(std::string_view role) { return OneOf(kBoardRoles, role); }

void ValidateRelationshipDraft(const RelationshipDraft& draft, const Relationship* before, ValidationErrors& errors) {
  const bool creating = before == nullptr;
  const auto required = [&](bool present, const char* field, const char* message) {
    if (creating && !present) errors.Add(field, message);
  };
  required(draft.kind.has_value(), "kind", "Le type de relation est obligatoire.");
  required(draft.from_id.has_value(), "from_id", "L'organisation d'origine est obligatoire.");
  required(draft.to_id.has_value(), "to_id", "L'organisation liée est obligatoire.");
  required(draft.network_id.has_value(), "network_id", "Le réseau propriétaire est obligatoire.");
  required(draft.visibility.has_value(), "visibility", "La visibilité est obligatoire.");
  if (!creating) {
    if (draft.kind) errors.Add("kind", "Le type d'une relation ne change pas : supprimez-la et créez-en une autre.");
    if (draft.from_id) errors.Add("from_id", "Les organisations d'une relation ne changent pas.");
    if (draft.to_id) errors.Add("to_id", "Les organisations d'une relation ne changent pas.");
    if (draft.network_id) errors.Add("network_id", "Le réseau propriétaire d'une relation ne change pas.");
  }
  if (draft.kind && !IsRelationshipKind(*draft.kind)) {
    errors.Add("kind", "Type de relation inconnu : member_of, board_seat ou partnership.");
  }
  if (draft.from_id && *draft.from_id <= 0) errors.Add("from_id", "Identifiant d'organisation invalide.");
  if (draft.to_id && *draft.to_id <= 0) errors.Add("to_id", "Identifiant d'organisation invalide.");
  if (draft.from_id && draft.to_id && *draft.from_id == *draft.to_id && *draft.from_id > 0) {
    errors.Add("to_id", "Une organisation ne peut pas être en relation avec elle-même.");
  }
  if (draft.visibility && !ParseVisibility(*draft.visibility)) {
    errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  }
  const std::string kind = draft.kind ? *draft.kind : before ? before->kind : "";
  if (draft.role && *draft.role) {
    if (kind != "board_seat") errors.Add("role", "Seul un siège au CA a un rôle.");
    else if (!IsBoardRole(**draft.role)) {
      errors.Add("role", "Rôle inconnu : membre, president, vice_president, tresorier ou secretaire.");
    }
  }
  if ((draft.themes && !draft.themes->empty()) || (draft.convention_date && *draft.convention_date)) {
    if (kind != "partnership") {
      errors.Add(draft.themes && !draft.themes->empty() ? "themes" : "convention_date",
                 "Seul un partenariat a des thématiques et une date de convention.");
    }
  }
  if (draft.themes) {
    if (draft.themes->size() > 20) errors.Add("themes", "Au plus 20 thématiques.");
    else {
      for (size_t i = 0; i < draft.themes->size(); ++i) {
        CheckLine((*draft.themes)[i], "themes[" + std::to_string(i) + "]", "La thématique", true, 80, errors);
      }
    }
  }
  if (draft.convention_date && *draft.convention_date && !IsIsoDate(**draft.convention_date)) {
    errors.Add("convention_date", "Date de convention " + IsoDateFault(**draft.convention_date) + ".");
  }
  const auto start = draft.start_date ? *draft.start_date : before ? before->start_date : std::nullopt;
  const auto end = draft.end_date ? *draft.end_date : before ? before->end_date : std::nullopt;
  CheckDates(start, "start_date", end, "end_date", errors);
  if (draft.source) CheckLine(*draft.source, "source", "La source", false, kMaxSourceLength, errors);
}

void CheckRelationshipEnds(std::string_view kind, const RelationshipEnd& from, const RelationshipEnd& to,
                           ValidationErrors& errors) {
  if (kind == "member_of" && !IsBody(to.kind)) {
    errors.Add("to_id", "On adhère à un réseau ou à une association, pas à « " + to.name + " ».");
  }
  if (kind == "board_seat" && !IsBody(to.kind)) {
    errors.Add("to_id", "« " + to.name + " » n'a pas de conseil d'administration dans l'annuaire.");
  }
  if (kind == "member_of" && from.kind == "reseau" && to.kind == "reseau") {
    errors.Add("to_id", "Un réseau n'adhère pas à un autre réseau.");
  }
}

Relationship ApplyDraft(Relationship relationship, const RelationshipDraft& draft) {
  if (draft.kind) relationship.kind = *draft.kind;
  if (draft.from_id) relationship.from.id = *draft.from_id;
  if (draft.to_id) relationship.to.id = *draft.to_id;
  if (draft.role) relationship.role = *draft.role;
  if (relationship.kind == "board_seat" && !relationship.role) relationship.role = "membre";
  if (draft.start_date) relationship.start_date = *draft.start_date;
  if (draft.end_date) relationship.end_date = *draft.end_date;
  if (draft.source) relationship.source = *draft.source;
  if (relationship.source.empty()) relationship.source = "saisie";
  if (draft.network_id) relationship.network_id = *draft.network_id;
  if (draft.visibility) relationship.visibility = ParseVisibility(*draft.visibility).value_or(relationship.visibility);
  if (draft.themes) relationship.themes = *draft.themes;
  if (draft.convention_date) relationship.convention_date = *draft.convention_date;
  return relationship;
}

std::vector<FieldChange> RelationshipChanges(const Relationship& before, const Relationship& after) {
  std::vector<FieldChange> changes;
  CompareForAudit(changes, "kind", before.id == 0 ? std::nullopt : std::optional(before.kind), after.kind);
  CompareForAudit(changes, "from_id", IdText(before.from.id), IdText(after.from.id));
  CompareForAudit(changes, "to_id", IdText(before.to.id), IdText(after.to.id));
  CompareForAudit(changes, "role", before.role, after.role);
  CompareForAudit(changes, "start_date", before.start_date, after.start_date);
  CompareForAudit(changes, "end_date", before.end_date, after.end_date);
  CompareForAudit(changes, "source", before.id == 0 ? std::nullopt : std::optional(before.source), after.source);
  CompareForAudit(changes, "visibility", before.id == 0 ? std::nullopt : std::optional<std::string>(VisibilityName(before.visibility)),
          std::string(VisibilityName(after.visibility)));
  CompareForAudit(changes, "themes", JoinedForAudit(before.themes), JoinedForAudit(after.themes));
  CompareForAudit(changes, "convention_date", before.convention_date, after.convention_date);
  return changes;
}

}  // namespace rrma
