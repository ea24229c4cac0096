#include "domain/person.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/account.h"
#include "domain/field_rules.h"
#include "domain/search_text.h"

namespace rrma {
namespace {

constexpr size_t kMaxPhoneLength = 40;
constexpr std::array<std::string_view, 5> kPersonalFields = {"given_name", "family_name", "email", "phone",
                                                            "notes"};

bool IsPhone(std::string_view text) {
  if (text.empty() || text.size() > kMaxPhoneLength) return false;
  const bool allowed = std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isdigit(c) != 0 || c == ' ' || c == '+' || c == '.' || c == '-' || c == '(' || c == ')';
  });
  return allowed && std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

void ValidatePosition(const Position& position, const std::string& prefix, ValidationErrors& errors) {
  if (position.organisation_id <= 0) errors.Add(prefix + ".organisation_id", "L'organisation est obligatoire.");
  if (!IsPositionKind(position.kind)) {
    errors.Add(prefix + ".kind", "Nature inconnue : elu, agent, benevole ou salarie.");
  }
  if (position.title) CheckLine(*position.title, prefix + ".title", "L'intitulé", false, kMaxNameLength, errors);
  CheckDates(position.start_date, prefix + ".start_date", position.end_date, prefix + ".end_date", errors);
}

std::optional<std::string> YearOnly(const std::optional<std::string>& date) {
  if (!date || date->size() < 4) return std::nullopt;
  return date->substr(0, 4) + "-01-01";
}

std::string_view PositionKindLabel(std::string_view kind) {
  if (kind == "elu") return "élu·e";
  if (kind == "benevole") return "bénévole";
  if (kind == "salarie") return "salarié·e";
  return kind;
}

// A position's date as the audit log writes it: the day, or only the year once the person is erased.
std::string DateText(const std::optional<std::string>& date, bool years_only) {
  if (!date) return "…";
  return years_only ? date->substr(0, 4) : *date;
}

// The person's positions as one line of the audit log: "élu·e, Valbonne, « Maire », 2020-07-03 → … ; …"
// ("…, 2020 → …" once erased).
std::string PositionsText(const Person& person) {
  const bool years_only = person.erased_at.has_value();
  std::string text;
  for (const Position& position : person.positions) {
    if (!text.empty()) text += " ; ";
    text += std::string(PositionKindLabel(position.kind)) + ", ";
    text += position.organisation_name.empty() ? "organisation " + std::to_string(position.organisation_id)
                                               : position.organisation_name;
    if (position.title) text += ", « " + *position.title + " »";
    if (position.start_date || position.end_date) {
      text += ", " + DateText(position.start_date, years_only) + " → " + DateText(position.end_date, years_only);
    }
  }
  return text;
}

void Compare(std::vector<FieldChange>& changes, std::string field, const std::optional<std::string>& before,
             const std::optional<std::string>& after) {
  if (before != after) changes.push_back({std::move(field), before, after});
}

}  // namespace

std::optional<int> YearOf(const std::optional<std::string>& date) {
  if (!date || date->size() < 4) return std::nullopt;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    const char digit = (*date)[i];
    if (digit < '0' || digit > '9') return std::nullopt;
    year = year * 10 + (digit - '0');
  }
  return year;
}

bool IsPositionKind(std::string_view kind) {
  return std::find(std::begin(kPositionKinds), std::end(kPositionKinds), kind) != std::end(kPositionKinds);
}

bool IsPersonalField(std::string_view field) {
  return std::find(kPersonalFields.begin(), kPersonalFields.end(), field) != kPersonalFields.end() ||
         field == "positions";
}

void ValidatePersonDraft(const PersonDraft& draft, bool creating, ValidationErrors& errors) {
  if (creating && !draft.network_id) errors.Add("network_id", "Le réseau propriétaire est obligatoire.");
  if (!creating && draft.network_id) {
    errors.Add("network_id", "Le réseau propriétaire d'une personne ne change pas.");
  }
  if (creating && !draft.visibility) errors.Add("visibility", "La visibilité est obligatoire.");
  if (draft.visibility && !ParseVisibility(*draft.visibility)) {
    errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  }
  if (creating && !draft.given_name) errors.Add("given_name", "Le prénom est obligatoire.");
  if (draft.given_name) CheckLine(*draft.given_name, "given_name", "Le prénom", true, kMaxNameLength, errors);
  if (creating && !draft.family_name) errors.Add("family_name", "Le nom est obligatoire.");
  if (draft.family_name) CheckLine(*draft.family_name, "family_name", "Le nom", true, kMaxNameLength, errors);
  if (draft.email && *draft.email && !NormaliseEmail(**draft.email).ok()) {
    errors.Add("email", "Adresse électronique invalide (attendu nom@domaine.fr).");
  }
  if (draft.phone && *draft.phone && !IsPhone(**draft.phone)) {
    errors.Add("phone", "Téléphone invalide : chiffres, espaces, + . - ( ), 40 caractères au plus.");
  }
  if (draft.notes) CheckText(*draft.notes, "notes", "Les notes", true, kMaxNotesLength, errors);
  if (draft.positions) {
    if (draft.positions->size() > kMaxPositions) {
      errors.Add("positions", "Une personne occupe au plus 50 fonctions.");
    } else {
      for (size_t i = 0; i < draft.positions->size(); ++i) {
        ValidatePosition((*draft.positions)[i], "positions[" + std::to_string(i) + "]", errors);
      }
    }
  }
}

Person ApplyDraft(Person person, const PersonDraft& draft) {
  if (draft.network_id) person.network_id = *draft.network_id;
  if (draft.visibility) person.visibility = ParseVisibility(*draft.visibility).value_or(person.visibility);
  if (draft.given_name) person.given_name = *draft.given_name;
  if (draft.family_name) person.family_name = *draft.family_name;
  if (draft.email) {
    person.email = *draft.email ? std::optional<std::string>(NormaliseEmail(**draft.email).value()) : std::nullopt;
  }
  if (draft.phone) person.phone = *draft.phone;
  if (draft.notes) person.notes = *draft.notes;
  if (draft.positions) person.positions = *draft.positions;
  return person;
}

Person Erase(Person person, const std::string& now) {
  person.given_name = kErasedGivenName;
  person.family_name = kErasedFamilyName;
  person.email.reset();
  person.phone.reset();
  person.notes.clear();
  for (Position& position : person.positions) {
    position.title.reset();
    position.start_date = YearOnly(position.start_date);
    position.end_date = YearOnly(position.end_date);
  }
  person.erased_at = now;
  return person;
}

Person AsSeenBy(Person person, const Account& caller) {
  if (WorksIn(caller, person.network_id)) return person;
  person.email.reset();
  person.phone.reset();
  person.notes.clear();
  return person;
}

std::string SearchableNames(const Person& person) {
  return NormaliseForSearch(person.family_name + " " + person.given_name);
}

std::string SearchableContacts(const Person& person) { return NormaliseForSearch(person.email.value_or("")); }

std::vector<FieldChange> PersonChanges(const Person& before, const Person& after) {
  std::vector<FieldChange> changes;
  // A person not yet stored (id 0) had no visibility at all.
  Compare(changes, "visibility",
          before.id == 0 ? std::nullopt : std::optional<std::string>(VisibilityName(before.visibility)),
          std::string(VisibilityName(after.visibility)));
  Compare(changes, "given_name", before.given_name, after.given_name);
  Compare(changes, "family_name", before.family_name, after.family_name);
  Compare(changes, "email", before.email, after.email);
  Compare(changes, "phone", before.phone, after.phone);
  Compare(changes, "notes", before.notes, after.notes);
  Compare(changes, "positions", PositionsText(before), PositionsText(after));
  for (FieldChange& change : changes) {
    if (change.before && change.before->empty()) change.before.reset();
    if (change.after && change.after->empty()) change.after.reset();
  }
  return changes;
}

}  // namespace rrma
