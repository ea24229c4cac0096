#include "http/events/event_calendar.h"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>

namespace rrma::http {
namespace {

constexpr char kProductId[] = "-//RRMA//rrma//FR";

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// libical's builtin time zones (and its UTC zone) are process-wide, loaded on first use, and 3.0
// guards only part of that: one calendar is built at a time.
std::mutex& LibicalMutex() {
  static std::mutex mutex;
  return mutex;
}

std::optional<int> Digits(std::string_view text, size_t at, size_t count) {
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// YYYY-MM-DDTHH:MM (a local time, floating) or, when utc, YYYY-MM-DDTHH:MM:SSZ, naming a real minute.
std::optional<icaltimetype> ReadTime(std::string_view text, bool utc) {
  if (text.size() != (utc ? 20U : 16U) || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':') {
    return std::nullopt;
  }
  if (utc && (text[16] != ':' || text[19] != 'Z')) return std::nullopt;
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2),
             hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
  const auto second = utc ? Digits(text, 17, 2) : std::optional<int>(0);
  if (!year || !month || !day || !hour || !minute || !second || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
      *day > icaltime_days_in_month(*month, *year) || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  icaltimetype time = icaltime_null_time();
  time.year = *year;
  time.month = *month;
  time.day = *day;
  time.hour = *hour;
  time.minute = *minute;
  time.second = *second;
  time.is_date = 0;
  if (utc) time = icaltime_set_timezone(&time, icaltimezone_get_utc_timezone());
  return time;
}

// Text as libical should receive it: line breaks as "\n" (libical silently drops a "\r") and no other
// control character, which RFC 5545 forbids in a TEXT value (a tab is kept).
std::string CleanText(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      clean += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
      clean += text[i];
    }
  }
  return clean;
}

// The theme, « Organisé par : A, B » and the description, each on its own line, the empty ones left out.
std::string Description(const Event& event, const std::vector<std::string>& organiser_names) {
  std::string organisers;
  for (const std::string& name : organiser_names) {
    if (name.empty()) continue;
    if (!organisers.empty()) organisers += ", ";
    organisers += name;
  }
  std::string description;
  for (const std::string& line :
       {event.theme, organisers.empty() ? std::string() : "Organisé par : " + organisers, event.description}) {
    if (line.empty()) continue;
    if (!description.empty()) description += '\n';
    description += line;
  }
  return CleanText(description);
}

// A copy of the VTIMEZONE libical builds for the IANA zone from the system's tz data, with the IANA
// name as TZID (libical's is "/freeassociation.sourceforge.net/Europe/Paris") and cut to the
// observances from January 1st of the year before `year`: the whole history (about sixty STANDARD and
// DAYLIGHT from 1891 for Paris) is what Outlook approximates worst. Null when the system does not
// know the zone. Called under LibicalMutex.
Component ZoneComponent(const std::string& name, std::optional<int> year) {
  // Not icaltimezone_get_location on this zone: libical 3.0.16 returns freed memory there.
  icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
  icalcomponent* builtin = zone == nullptr ? nullptr : icaltimezone_get_component(zone);
  if (builtin == nullptr) return nullptr;
  Component copy(icalcomponent_new_clone(builtin));
  if (!copy) return nullptr;
  if (icalproperty* tzid = icalcomponent_get_first_property(copy.get(), ICAL_TZID_PROPERTY)) {
    icalproperty_set_tzid(tzid, name.c_str());
  } else {
    icalcomponent_add_property(copy.get(), icalproperty_new_tzid(name.c_str()));
  }
  if (year) {
    icaltimetype from = icaltime_null_time();
    from.year = *year - 1;
    from.month = 1;
    from.day = 1;
    from.is_date = 0;
    from = icaltime_set_timezone(&from, icaltimezone_get_utc_timezone());
    // Not in its « ms_compatible » mode, which keeps the RRULEs' first onsets but then loses the
    // standard time before the first spring in some windows (Paris from 1996 or 2037 read +02:00 in
    // January); this mode gives the tz data's offsets at every hour (event_calendar_test.cpp).
    icaltimezone_truncate_vtimezone(copy.get(), from, icaltime_null_time(), 0);
  }
  return copy;
}

// A DTSTART or DTEND at a local time of the zone named tzid, floating when tzid is empty.
icalproperty* LocalTime(icalproperty* property, const std::string& tzid) {
  if (!tzid.empty()) icalproperty_add_parameter(property, icalparameter_new_tzid(tzid.c_str()));
  return property;
}

}  // namespace

std::string EventToICalendar(const Event& event, const std::vector<std::string>& organiser_names, std::string_view host,
                             std::string_view now_utc) {
  const std::scoped_lock lock(LibicalMutex());
  const std::optional<icaltimetype> starts_at = ReadTime(event.starts_at, false);
  const std::optional<icaltimetype> ends_at = ReadTime(event.ends_at, false);
  std::optional<icaltimetype> stamp = ReadTime(now_utc, true);
  if (!stamp) stamp = ReadTime(event.updated_at, true);
  if (!stamp) stamp = ReadTime(event.created_at, true);
  const std::optional<icaltimetype> last_modified = ReadTime(event.updated_at, true);

  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  if (!calendar) return {};
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid(kProductId));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));

  std::string tzid(EventTimeZone(event.departement));
  const std::optional<int> year = starts_at ? std::optional<int>(starts_at->year)
                                  : ends_at ? std::optional<int>(ends_at->year)
                                            : std::nullopt;
  if (Component zone = ZoneComponent(tzid, year)) {
    icalcomponent_add_component(calendar.get(), zone.release());
  } else {
    tzid.clear();
  }

  Component vevent(icalcomponent_new(ICAL_VEVENT_COMPONENT));
  if (!vevent) return {};
  icalcomponent* e = vevent.get();
  const std::string uid =
      "event-" + std::to_string(event.id) + "@" + (host.empty() ? std::string("rrma") : CleanText(host));
  icalcomponent_add_property(e, icalproperty_new_uid(uid.c_str()));
  if (stamp) icalcomponent_add_property(e, icalproperty_new_dtstamp(*stamp));
  if (starts_at) icalcomponent_add_property(e, LocalTime(icalproperty_new_dtstart(*starts_at), tzid));
  if (ends_at) icalcomponent_add_property(e, LocalTime(icalproperty_new_dtend(*ends_at), tzid));
  icalcomponent_add_property(e, icalproperty_new_summary(CleanText(event.title).c_str()));
  if (!event.place.empty()) icalcomponent_add_property(e, icalproperty_new_location(CleanText(event.place).c_str()));
  if (const std::string description = Description(event, organiser_names); !description.empty()) {
    icalcomponent_add_property(e, icalproperty_new_description(description.c_str()));
  }
  if (const std::string label(EventKindLabel(event.kind)); !label.empty()) {
    icalcomponent_add_property(e, icalproperty_new_categories(label.c_str()));
  }
  icalcomponent_add_property(e, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
  if (last_modified) icalcomponent_add_property(e, icalproperty_new_lastmodified(*last_modified));
  icalcomponent_add_component(calendar.get(), vevent.release());

  // CRLF line endings, folded by libical at 75 octets without splitting a UTF-8 character (checked
  // by the tests: 3.0.16 moves the fold back to a character's first byte).
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  if (text == nullptr) return {};
  std::string ics(text);
  std::free(text);
  return ics;
}

}  // namespace rrma::http
