#include "http/events/event_calendar.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>
#include <vector>

namespace rrma::http {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

Event SampleEvent() {
  Event event;
  event.id = 42;
  event.kind = "table_ronde";
  event.title = "Table ronde des élus";
  event.theme = "Coopération décentralisée";
  event.description = "Accueil à 13 h 30.";
  event.starts_at = "2025-06-12T14:00";
  event.ends_at = "2025-06-12T17:30";
  event.place = "Salle des fêtes, Besançon";
  event.created_at = "2025-04-01T09:00:00Z";
  event.updated_at = "2025-05-02T08:15:00Z";
  return event;
}

std::string Ics(const Event& event, const std::vector<std::string>& organisers = {"Association MAS"}) {
  return EventToICalendar(event, organisers, "rrma.example.fr", "2025-06-01T10:00:00Z");
}

Component Parse(const std::string& ics) { return Component(icalparser_parse_string(ics.c_str())); }

icalcomponent* Only(icalcomponent* calendar, icalcomponent_kind kind) {
  EXPECT_EQ(icalcomponent_count_components(calendar, kind), 1);
  return icalcomponent_get_first_component(calendar, kind);
}

std::string TzidOf(icalcomponent* vevent, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(vevent, kind);
  if (property == nullptr) return "(none)";
  icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  return tzid == nullptr ? "(floating)" : icalparameter_get_tzid(tzid);
}

std::string TimeText(icaltimetype time) {
  char* text = icaltime_as_ical_string_r(time);
  std::string copy(text);
  free(text);
  return copy;
}

// The instant of the event's start, in UTC, as its VTIMEZONE says.
std::string StartInUtc(icalcomponent* vevent) {
  icaltimetype start = icalcomponent_get_dtstart(vevent);
  return TimeText(icaltime_convert_to_zone(start, icaltimezone_get_utc_timezone()));
}

std::vector<std::string> Lines(const std::string& ics) {
  std::vector<std::string> lines;
  size_t from = 0;
  for (size_t at = ics.find("\r\n"); at != std::string::npos; at = ics.find("\r\n", from)) {
    lines.push_back(ics.substr(from, at - from));
    from = at + 2;
  }
  return lines;
}

bool IsUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string Unfolded(std::string ics) {
  for (size_t at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) ics.erase(at, 3);
  return ics;
}

TEST(EventCalendar, IsOnePublishedCalendarWithOneEventAndTheTimeZoneOfItsPlace) {
  const std::string ics = Ics(SampleEvent());
  Component calendar = Parse(ics);
  ASSERT_NE(calendar, nullptr);
  ASSERT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_STREQ(icalproperty_get_version(icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY)),
               "2.0");
  EXPECT_STREQ(icalproperty_get_prodid(icalcomponent_get_first_property(calendar.get(), ICAL_PRODID_PROPERTY)),
               "-//RRMA//rrma//FR");
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_PUBLISH);
  EXPECT_NE(ics.find("\r\nCALSCALE:GREGORIAN\r\n"), std::string::npos);
  Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vevent, nullptr);
  EXPECT_EQ(icalcomponent_get_status(vevent), ICAL_STATUS_CONFIRMED);
  EXPECT_STREQ(icalcomponent_get_summary(vevent), "Table ronde des élus");
  EXPECT_STREQ(icalcomponent_get_location(vevent), "Salle des fêtes, Besançon");
  EXPECT_EQ(TimeText(icalcomponent_get_dtstamp(vevent)), "20250601T100000Z");
  EXPECT_NE(ics.find("\r\nLAST-MODIFIED:20250502T081500Z\r\n"), std::string::npos);
}

TEST(EventCalendar, UidNamesTheEventAndTheSite) {
  Component calendar = Parse(Ics(SampleEvent()));
  ASSERT_NE(calendar, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(Only(calendar.get(), ICAL_VEVENT_COMPONENT)), "event-42@rrma.example.fr");
}

TEST(EventCalendar, StartsAndEndsAtTheLocalTimesOfParisByDefault) {
  Component calendar = Parse(Ics(SampleEvent()));
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vtimezone = Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  ASSERT_NE(vevent, nullptr);
  EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)), "Europe/Paris");
  EXPECT_EQ(TzidOf(vevent, ICAL_DTSTART_PROPERTY), "Europe/Paris");
  EXPECT_EQ(TzidOf(vevent, ICAL_DTEND_PROPERTY), "Europe/Paris");
  EXPECT_EQ(TimeText(icalcomponent_get_dtstart(vevent)), "20250612T140000");
  EXPECT_EQ(TimeText(icalcomponent_get_dtend(vevent)), "20250612T173000");
  EXPECT_EQ(StartInUtc(vevent), "20250612T120000Z");  // summer time: UTC+2
}

TEST(EventCalendar, ParisTimeZoneHasStandardAndDaylightTime) {
  Component calendar = Parse(Ics(SampleEvent()));
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vtimezone = Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  EXPECT_GE(icalcomponent_count_components(vtimezone, ICAL_XSTANDARD_COMPONENT), 1);
  EXPECT_GE(icalcomponent_count_components(vtimezone, ICAL_XDAYLIGHT_COMPONENT), 1);
}

TEST(EventCalendar, ReunionEventIsInIndianReunionTimeWithoutDaylightTime) {
  Event event = SampleEvent();
  event.departement = "974";
  Component calendar = Parse(Ics(event));
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vtimezone = Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  ASSERT_NE(vevent, nullptr);
  EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)),
               "Indian/Reunion");
  EXPECT_GE(icalcomponent_count_components(vtimezone, ICAL_XSTANDARD_COMPONENT), 1);
  EXPECT_EQ(icalcomponent_count_components(vtimezone, ICAL_XDAYLIGHT_COMPONENT), 0);
  EXPECT_EQ(TzidOf(vevent, ICAL_DTSTART_PROPERTY), "Indian/Reunion");
  EXPECT_EQ(TimeText(icalcomponent_get_dtstart(vevent)), "20250612T140000");
  EXPECT_EQ(StartInUtc(vevent), "20250612T100000Z");  // UTC+4
}

TEST(EventCalendar, GuyaneEventIsInAmericaCayenneTime) {
  Event event = SampleEvent();
  event.departement = "973";
  Component calendar = Parse(Ics(event));
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vtimezone = Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  ASSERT_NE(vevent, nullptr);
  EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)),
               "America/Cayenne");
  EXPECT_EQ(TzidOf(vevent, ICAL_DTSTART_PROPERTY), "America/Cayenne");
  EXPECT_EQ(TzidOf(vevent, ICAL_DTEND_PROPERTY), "America/Cayenne");
  EXPECT_EQ(TimeText(icalcomponent_get_dtend(vevent)), "20250612T173000");
  EXPECT_EQ(StartInUtc(vevent), "20250612T170000Z");  // UTC-3
}

// The VTIMEZONE is cut to the years around the event: at every hour from the year before the event to
// the year after, it must still give the offset of the whole tz data (summer and winter time, overseas
// zones, and 2037-2038, where libical's data changes form).
TEST(EventCalendar, TimeZoneGivesTheOffsetsOfTheTzDataAroundTheEvent) {
  const std::pair<const char*, const char*> cases[] = {
      {"75", "Europe/Paris"},      {"974", "Indian/Reunion"}, {"973", "America/Cayenne"},
      {"975", "America/Miquelon"}, {"988", "Pacific/Noumea"}, {"987", "Pacific/Tahiti"},
  };
  for (const auto& [departement, zone_name] : cases) {
    for (const char* starts_at : {"2025-01-01T00:30", "2026-10-25T02:30", "1997-03-30T09:00", "2038-01-15T10:00"}) {
      SCOPED_TRACE(std::string(departement) + " " + starts_at);
      Event event = SampleEvent();
      event.departement = departement;
      event.starts_at = starts_at;
      event.ends_at = "";
      Component calendar = Parse(Ics(event));
      ASSERT_NE(calendar, nullptr);
      icalcomponent* vtimezone = Only(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
      ASSERT_NE(vtimezone, nullptr);
      icaltimezone* written = icaltimezone_new();
      ASSERT_EQ(icaltimezone_set_component(written, icalcomponent_new_clone(vtimezone)), 1);
      EXPECT_STREQ(icaltimezone_get_tzid(written), zone_name);
      icaltimezone* tz_data = icaltimezone_get_builtin_timezone(zone_name);
      ASSERT_NE(tz_data, nullptr);
      int mismatches = 0;
      for (int hour = 0; hour < 3 * 365 * 24; ++hour) {
        icaltimetype local = icaltime_null_time();
        local.year = std::stoi(std::string(starts_at).substr(0, 4)) - 1;
        local.month = 1;
        local.day = 2;
        local.hour = hour;
        local = icaltime_normalize(local);
        int daylight = 0;
        if (icaltimezone_get_utc_offset(written, &local, &daylight) !=
            icaltimezone_get_utc_offset(tz_data, &local, &daylight)) {
          ++mismatches;
        }
      }
      EXPECT_EQ(mismatches, 0);
      icaltimezone_free(written, 1);
    }
  }
}

TEST(EventCalendar, SeparatorsBackslashesAndLineBreaksRoundTripExactly) {
  Event event = SampleEvent();
  event.title = "Élus ; agents, partenaires \\ « tous »";
  event.theme = "";
  event.description = "Première ligne ; suite, fin \\ n\nSeconde ligne";
  event.place = "Bâtiment B; salle 2, RDC";
  const std::string ics = Ics(event, {});
  Component calendar = Parse(ics);
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vevent, nullptr);
  EXPECT_EQ(std::string(icalcomponent_get_summary(vevent)), event.title);
  EXPECT_EQ(std::string(icalcomponent_get_description(vevent)), event.description);
  EXPECT_EQ(std::string(icalcomponent_get_location(vevent)), event.place);
  const std::string unfolded = Unfolded(ics);
  EXPECT_NE(unfolded.find("SUMMARY:Élus \\; agents\\, partenaires \\\\ « tous »\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("DESCRIPTION:Première ligne \\; suite\\, fin \\\\ n\\nSeconde ligne\r\n"), std::string::npos);
}

TEST(EventCalendar, DescriptionHasThemeOrganisersAndDescriptionEachOnItsOwnLine) {
  Component calendar = Parse(Ics(SampleEvent(), {"Association MAS", "Commune de Dole"}));
  ASSERT_NE(calendar, nullptr);
  EXPECT_STREQ(icalcomponent_get_description(Only(calendar.get(), ICAL_VEVENT_COMPONENT)),
               "Coopération décentralisée\nOrganisé par : Association MAS, Commune de Dole\nAccueil à 13 h 30.");
}

TEST(EventCalendar, CarriageReturnsBecomeLineBreaksAndOtherControlCharactersAreDropped) {
  Event event = SampleEvent();
  event.theme = "";
  event.description = "un\r\ndeux\rtrois\x01\tquatre";
  Component calendar = Parse(Ics(event, {}));
  ASSERT_NE(calendar, nullptr);
  EXPECT_STREQ(icalcomponent_get_description(Only(calendar.get(), ICAL_VEVENT_COMPONENT)), "un\ndeux\ntrois\tquatre");
}

TEST(EventCalendar, CategoryIsTheFrenchLabelOfTheKind) {
  Component calendar = Parse(Ics(SampleEvent()));
  ASSERT_NE(calendar, nullptr);
  icalproperty* category =
      icalcomponent_get_first_property(Only(calendar.get(), ICAL_VEVENT_COMPONENT), ICAL_CATEGORIES_PROPERTY);
  ASSERT_NE(category, nullptr);
  EXPECT_STREQ(icalproperty_get_categories(category), "Table ronde");
}

TEST(EventCalendar, LongAccentedTitleIsFoldedAtSeventyFiveOctetsBetweenCharacters) {
  Event event = SampleEvent();
  event.title =
      "Rencontre régionale des élus et des agents territoriaux sur la coopération décentralisée, l'éducation à la "
      "citoyenneté et à la solidarité internationale — été ééééééééééééééééééééééééééééééééééééééééééééééééé";
  const std::string ics = Ics(event);
  int continuations = 0;
  for (const std::string& line : Lines(ics)) {
    EXPECT_LE(line.size(), 75U) << line;
    EXPECT_TRUE(IsUtf8(line)) << line;
    if (!line.empty() && line[0] == ' ') ++continuations;
  }
  EXPECT_GE(continuations, 3);
  Component calendar = Parse(ics);
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(std::string(icalcomponent_get_summary(Only(calendar.get(), ICAL_VEVENT_COMPONENT))), event.title);
}

TEST(EventCalendar, EveryLineEndsWithCrlf) {
  Event event = SampleEvent();
  event.description = "une\nautre\nligne";
  const std::string ics = Ics(event);
  ASSERT_GE(ics.size(), 2U);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  for (size_t at = ics.find('\n'); at != std::string::npos; at = ics.find('\n', at + 1)) {
    ASSERT_GT(at, 0U);
    EXPECT_EQ(ics[at - 1], '\r') << "bare line feed at octet " << at;
  }
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0U);
}

TEST(EventCalendar, EmptyPlaceIsLeftOut) {
  Event event = SampleEvent();
  event.place = "";
  Component calendar = Parse(Ics(event));
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_get_first_property(Only(calendar.get(), ICAL_VEVENT_COMPONENT), ICAL_LOCATION_PROPERTY),
            nullptr);
}

TEST(EventCalendar, TimesThatDoNotParseAreLeftOutAndDtstampFallsBackOnTheLastChange) {
  Event event = SampleEvent();
  event.starts_at = "2025-02-30T14:00";
  event.ends_at = "demain";
  const std::string ics = EventToICalendar(event, {}, "rrma.example.fr", "maintenant");
  Component calendar = Parse(ics);
  ASSERT_NE(calendar, nullptr);
  icalcomponent* vevent = Only(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vevent, nullptr);
  EXPECT_EQ(TzidOf(vevent, ICAL_DTSTART_PROPERTY), "(none)");
  EXPECT_EQ(TzidOf(vevent, ICAL_DTEND_PROPERTY), "(none)");
  EXPECT_EQ(TimeText(icalcomponent_get_dtstamp(vevent)), "20250502T081500Z");
}

}  // namespace
}  // namespace rrma::http
