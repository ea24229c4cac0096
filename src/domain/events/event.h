// Events (DOMAIN.md, « What a network does for a collectivité »): the rencontres, tables rondes,
// réunions d'information, formations and accueils de délégation a network takes part in — when
// (local date and time where it takes place), where, who organises it, who was invited and who
// came, and the accompaniment records written about it. The MAS biennial meeting of seed 000 is
// the model: the association organises, three communes attend, the network takes part. Owned by
// one network with a visibility (tenant_scope.h). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/status.h"

namespace rrma {

inline constexpr std::string_view kEventKinds[] = {"rencontre", "table_ronde", "reunion_information", "formation",
                                                   "accueil_delegation"};
bool IsEventKind(std::string_view kind);
// « Table ronde »…
std::string_view EventKindLabel(std::string_view kind);

// An organisation organises the event or takes part in it.
inline constexpr std::string_view kEventRoles[] = {"organisateur", "participant"};
bool IsEventRole(std::string_view role);
std::string_view EventRoleLabel(std::string_view role);

// Where a participant stands: invited, registered, came, excused, absent.
inline constexpr std::string_view kAttendances[] = {"invite", "inscrit", "present", "excuse", "absent"};
bool IsAttendance(std::string_view attendance);
std::string_view AttendanceLabel(std::string_view attendance);

inline constexpr size_t kMaxEventTitleLength = 300;
inline constexpr size_t kMaxEventThemeLength = 300;
inline constexpr size_t kMaxEventPlaceLength = 500;
inline constexpr size_t kMaxEventDescriptionLength = 20000;
inline constexpr size_t kMaxEventParties = 500;  // organisations, persons: each
inline constexpr int kMaxEventDays = 31;         // from start to end

struct EventOrganisation {
  int64_t id = 0;
  std::string role = "participant";
  std::string attendance = "invite";
};

struct EventPerson {
  int64_t id = 0;
  std::string attendance = "invite";
};

struct Event {
  int64_t id = 0;
  int64_t network_id = 0;
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::string kind;
  std::string title;
  std::string theme;
  std::string description;
  std::string starts_at;  // local date and time where it takes place: YYYY-MM-DDTHH:MM
  std::string ends_at;
  std::string place;
  std::optional<std::string> departement;  // where it takes place: its time zone
  std::vector<EventOrganisation> organisations;
  std::vector<EventPerson> persons;
  std::optional<int64_t> created_by;
  std::string created_at;
  std::string updated_at;
};

// A body of POST (every required field) or PATCH (the fields present) /events. A list present
// replaces the one stored.
struct EventDraft {
  std::optional<int64_t> network_id;
  std::optional<std::string> visibility;
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::string> theme;
  std::optional<std::string> description;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::string> place;
  // Present with no value: the département is removed (Europe/Paris).
  std::optional<std::optional<std::string>> departement;
  std::optional<std::vector<EventOrganisation>> organisations;
  std::optional<std::vector<EventPerson>> persons;
};

// YYYY-MM-DDTHH:MM naming a real minute of a day IsIsoDate accepts.
bool IsLocalDateTime(std::string_view text);

// Every fault of the draft with a French message naming its field: network_id, visibility, kind,
// title (one line), theme, description, starts_at and ends_at (format; the end not before the
// start, at most kMaxEventDays later), place, departement (a code), organisations[i].id / .role /
// .attendance (none twice), persons[i].id / .attendance. before is null for a creation.
void ValidateEventDraft(const EventDraft& draft, const Event* before, ValidationErrors& errors);

Event ApplyDraft(Event event, const EventDraft& draft, const std::string& now);

// The IANA time zone of a département: Europe/Paris for metropolitan France and Corsica (and when
// unknown), the overseas ones their own (971 America/Guadeloupe … 976 Indian/Mayotte), and the
// collectivités d'outre-mer with a code (975, 977, 978, 986, 987, 988).
std::string_view EventTimeZone(const std::optional<std::string>& departement);

}  // namespace rrma
