#include "domain/events/event.h"

#include <cstdlib>
#include <set>

#include "domain/field_rules.h"
#include "domain/identifiers.h"

namespace rrma {
namespace {

struct Label {
  std::string_view name;
  std::string_view label;
};

constexpr Label kKindLabels[] = {
    {"rencontre", "Rencontre"},
    {"table_ronde", "Table ronde"},
    {"reunion_information", "Réunion d'information"},
    {"formation", "Formation"},
    {"accueil_delegation", "Accueil de délégation"},
};
constexpr Label kRoleLabels[] = {{"organisateur", "Organisateur"}, {"participant", "Participant"}};
constexpr Label kAttendanceLabels[] = {
    {"invite", "Invité"}, {"inscrit", "Inscrit"}, {"present", "Présent"}, {"excuse", "Excusé"}, {"absent", "Absent"}};

template <size_t N>
std::string_view LabelOf(const Label (&labels)[N], std::string_view name) {
  for (const Label& label : labels) {
    if (label.name == name) return label.label;
  }
  return name;
}

constexpr Label kTimeZones[] = {
    {"971", "America/Guadeloupe"}, {"972", "America/Martinique"}, {"973", "America/Cayenne"},
    {"974", "Indian/Reunion"},     {"975", "America/Miquelon"},   {"976", "Indian/Mayotte"},
    {"977", "America/St_Barthelemy"}, {"978", "America/Marigot"}, {"986", "Pacific/Wallis"},
    {"987", "Pacific/Tahiti"},     {"988", "Pacific/Noumea"},
};

int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// Days since 1970-01-01 of a date IsIsoDate accepts (civil calendar).
int64_t DayNumber(std::string_view date) {
  int64_t y = Digits(date.substr(0, 4));
  const int m = Digits(date.substr(5, 2));
  const int d = Digits(date.substr(8, 2));
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t Minutes(std::string_view local) {
  return DayNumber(local.substr(0, 10)) * 1440 + Digits(local.substr(11, 2)) * 60 + Digits(local.substr(14, 2));
}

void CheckDateTime(const std::optional<std::string>& value, const char* field, const char* what,
                   ValidationErrors& errors) {
  if (value && !IsLocalDateTime(*value)) {
    errors.Add(field, std::string(what) + " invalide (attendu AAAA-MM-JJTHH:MM, par ex. 2026-12-03T14:00).");
  }
}

template <typename Party>
void CheckParties(const std::vector<Party>& parties, const std::string& field, ValidationErrors& errors) {
  if (parties.size() > kMaxEventParties) {
    return errors.Add(field, "Au plus " + std::to_string(kMaxEventParties) + " par événement.");
  }
  std::set<int64_t> seen;
  for (size_t i = 0; i < parties.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const Party& party = parties[i];
    if (party.id <= 0) errors.Add(at + ".id", "Identifiant invalide.");
    else if (!seen.insert(party.id).second) errors.Add(at + ".id", "Cet identifiant figure deux fois.");
    if (!IsAttendance(party.attendance)) {
      errors.Add(at + ".attendance", "Présence inconnue : invite, inscrit, present, excuse ou absent.");
    }
    if constexpr (requires { party.role; }) {
      if (!IsEventRole(party.role)) errors.Add(at + ".role", "Rôle inconnu : organisateur ou participant.");
    }
  }
}

}  // namespace

bool IsEventKind(std::string_view kind) { return OneOf(kEventKinds, kind); }
std::string_view EventKindLabel(std::string_view kind) { return LabelOf(kKindLabels, kind); }
bool IsEventRole(std::string_view role) { return OneOf(kEventRoles, role); }
std::string_view EventRoleLabel(std::string_view role) { return LabelOf(kRoleLabels, role); }
bool IsAttendance(std::string_view attendance) { return OneOf(kAttendances, attendance); }
std::string_view AttendanceLabel(std::string_view attendance) { return LabelOf(kAttendanceLabels, attendance); }

bool IsLocalDateTime(std::string_view text) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return false;
  if (!IsIsoDate(text.substr(0, 10))) return false;
  for (size_t i : {11, 12, 14, 15}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return Digits(text.substr(11, 2)) < 24 && Digits(text.substr(14, 2)) < 60;
}

void ValidateEventDraft(const EventDraft& draft, const Event* before, ValidationErrors& errors) {
  const bool creating = before == nullptr;
  if (creating && !draft.network_id) errors.Add("network_id", "Le réseau est obligatoire.");
  if (!creating && draft.network_id && *draft.network_id != before->network_id) {
    errors.Add("network_id", "Le réseau d'un événement ne change pas.");
  }
  if (creating && !draft.visibility) errors.Add("visibility", "La visibilité est obligatoire.");
  if (draft.visibility && !ParseVisibility(*draft.visibility)) {
    errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  }
  if (creating && !draft.kind) errors.Add("kind", "Le type d'événement est obligatoire.");
  if (draft.kind && !IsEventKind(*draft.kind)) {
    errors.Add("kind", "Type inconnu : rencontre, table_ronde, reunion_information, formation ou accueil_delegation.");
  }
  if (creating && !draft.title) errors.Add("title", "Le titre est obligatoire.");
  if (draft.title) CheckLine(*draft.title, "title", "Le titre", true, kMaxEventTitleLength, errors);
  if (draft.theme) CheckLine(*draft.theme, "theme", "Le thème", false, kMaxEventThemeLength, errors);
  if (draft.place) CheckLine(*draft.place, "place", "Le lieu", false, kMaxEventPlaceLength, errors);
  if (draft.description) {
    CheckText(*draft.description, "description", "La description", false, kMaxEventDescriptionLength, errors);
  }
  if (creating && !draft.starts_at) errors.Add("starts_at", "Le début est obligatoire.");
  if (creating && !draft.ends_at) errors.Add("ends_at", "La fin est obligatoire.");
  CheckDateTime(draft.starts_at, "starts_at", "Début", errors);
  CheckDateTime(draft.ends_at, "ends_at", "Fin", errors);
  const std::optional<std::string> start = draft.starts_at ? draft.starts_at : before ? std::optional(before->starts_at) : std::nullopt;
  const std::optional<std::string> end = draft.ends_at ? draft.ends_at : before ? std::optional(before->ends_at) : std::nullopt;
  if (start && end && IsLocalDateTime(*start) && IsLocalDateTime(*end)) {
    if (*end < *start) errors.Add("ends_at", "La fin précède le début.");
    else if (Minutes(*end) - Minutes(*start) > int64_t{kMaxEventDays} * 1440) {
      errors.Add("ends_at", "Un événement dure au plus " + std::to_string(kMaxEventDays) + " jours.");
    }
  }
  if (draft.departement && *draft.departement && !IsDepartementCode(**draft.departement)) {
    errors.Add("departement", "Code de département invalide (ex. 06, 2A, 974).");
  }
  if (draft.organisations) CheckParties(*draft.organisations, "organisations", errors);
  if (draft.persons) CheckParties(*draft.persons, "persons", errors);
}

Event ApplyDraft(Event event, const EventDraft& draft, const std::string& now) {
  if (draft.network_id) event.network_id = *draft.network_id;
  if (draft.visibility) event.visibility = ParseVisibility(*draft.visibility).value_or(event.visibility);
  if (draft.kind) event.kind = *draft.kind;
  if (draft.title) event.title = *draft.title;
  if (draft.theme) event.theme = *draft.theme;
  if (draft.description) event.description = *draft.description;
  if (draft.starts_at) event.starts_at = *draft.starts_at;
  if (draft.ends_at) event.ends_at = *draft.ends_at;
  if (draft.place) event.place = *draft.place;
  if (draft.departement) event.departement = *draft.departement;
  if (draft.organisations) event.organisations = *draft.organisations;
  if (draft.persons) event.persons = *draft.persons;
  event.updated_at = now;
  return event;
}

std::string_view EventTimeZone(const std::optional<std::string>& departement) {
  if (departement) {
    for (const Label& zone : kTimeZones) {
      if (zone.name == *departement) return zone.label;
    }
  }
  return "Europe/Paris";
}

}  // namespace rrma
