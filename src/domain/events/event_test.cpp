#include "domain/events/event.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

std::vector<std::string> Fields(const ValidationErrors& errors) {
  std::vector<std::string> fields;
  const Status status = errors.ToStatus();
  for (const FieldError& error : status.field_errors()) fields.push_back(error.field);
  return fields;
}

EventDraft MasMeeting() {
  EventDraft draft;
  draft.network_id = 1;
  draft.visibility = "network";
  draft.kind = "rencontre";
  draft.title = "Rencontre biennale de la MAS";
  draft.starts_at = "2026-12-03T14:00";
  draft.ends_at = "2026-12-03T17:30";
  draft.organisations = std::vector<EventOrganisation>{{10, "organisateur", "present"}, {11, "participant", "invite"}};
  return draft;
}

TEST(Event, ACreationNamesEveryMissingField) {
  ValidationErrors errors;
  ValidateEventDraft({}, nullptr, errors);
  EXPECT_EQ(Fields(errors),
            (std::vector<std::string>{"network_id", "visibility", "kind", "title", "starts_at", "ends_at"}));
}

TEST(Event, TheMasMeetingIsAValidEvent) {
  ValidationErrors errors;
  ValidateEventDraft(MasMeeting(), nullptr, errors);
  EXPECT_TRUE(errors.empty());
}

TEST(Event, AnEndBeforeTheStartIsRefusedOnTheEnd) {
  EventDraft draft = MasMeeting();
  draft.ends_at = "2026-12-03T13:59";
  ValidationErrors errors;
  ValidateEventDraft(draft, nullptr, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"ends_at"}));
}

TEST(Event, AChangeOfTheStartAloneIsCheckedAgainstTheStoredEnd) {
  Event stored = ApplyDraft(Event{}, MasMeeting(), "2026-11-29T10:00:00Z");
  EventDraft change;
  change.starts_at = "2026-12-04T09:00";
  ValidationErrors errors;
  ValidateEventDraft(change, &stored, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"ends_at"}));
}

TEST(Event, AnEventLastsAtMostThirtyOneDays) {
  EventDraft draft = MasMeeting();
  draft.starts_at = "2026-01-31T09:00";
  draft.ends_at = "2026-03-03T09:00";  // 31 days across February: allowed
  ValidationErrors fits;
  ValidateEventDraft(draft, nullptr, fits);
  EXPECT_TRUE(fits.empty());
  draft.ends_at = "2026-03-03T09:01";
  ValidationErrors too_long;
  ValidateEventDraft(draft, nullptr, too_long);
  EXPECT_EQ(Fields(too_long), (std::vector<std::string>{"ends_at"}));
}

TEST(Event, BadValuesAreNamedOneByOne) {
  EventDraft draft = MasMeeting();
  draft.visibility = "secret";
  draft.kind = "kermesse";
  draft.title = "Titre\nsur deux lignes";
  draft.starts_at = "2026-12-03 14:00";
  draft.ends_at = "2026-12-03T24:00";
  draft.departement = std::optional<std::string>("2A");
  draft.organisations = std::vector<EventOrganisation>{{10, "hote", "present"}, {10, "participant", "venu"}};
  draft.persons = std::vector<EventPerson>{{0, "present"}};
  ValidationErrors errors;
  ValidateEventDraft(draft, nullptr, errors);
  EXPECT_EQ(Fields(errors),
            (std::vector<std::string>{"visibility", "kind", "title", "starts_at", "ends_at", "organisations[0].role",
                                      "organisations[1].id", "organisations[1].attendance", "persons[0].id"}));
}

TEST(Event, ALocalDateTimeNamesARealMinute) {
  EXPECT_TRUE(IsLocalDateTime("2028-02-29T23:59"));
  EXPECT_FALSE(IsLocalDateTime("2027-02-29T10:00"));
  EXPECT_FALSE(IsLocalDateTime("2026-12-03T10:60"));
  EXPECT_FALSE(IsLocalDateTime("2026-12-03T1000"));
  EXPECT_FALSE(IsLocalDateTime("2026-12-03T10:00:00"));
  EXPECT_FALSE(IsLocalDateTime("2026-12-03T1a:00"));
}

TEST(Event, OverseasDepartementsHaveTheirOwnTimeZone) {
  EXPECT_EQ(EventTimeZone(std::nullopt), "Europe/Paris");
  EXPECT_EQ(EventTimeZone(std::string("06")), "Europe/Paris");
  EXPECT_EQ(EventTimeZone(std::string("2A")), "Europe/Paris");
  EXPECT_EQ(EventTimeZone(std::string("974")), "Indian/Reunion");
  EXPECT_EQ(EventTimeZone(std::string("973")), "America/Cayenne");
  EXPECT_EQ(EventTimeZone(std::string("988")), "Pacific/Noumea");
}

TEST(Event, KindsRolesAndAttendancesHaveFrenchLabels) {
  for (std::string_view kind : kEventKinds) EXPECT_NE(EventKindLabel(kind), kind);
  for (std::string_view role : kEventRoles) EXPECT_NE(EventRoleLabel(role), role);
  for (std::string_view attendance : kAttendances) EXPECT_NE(AttendanceLabel(attendance), attendance);
  EXPECT_EQ(AttendanceLabel("excuse"), "Excusé");
}

}  // namespace
}  // namespace rrma
