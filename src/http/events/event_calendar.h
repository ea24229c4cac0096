// The iCalendar file (RFC 5545, « .ics ») of one event, which Outlook, Thunderbird, Google or Apple
// calendars add by a click: a VCALENDAR (METHOD:PUBLISH) holding the VTIMEZONE of the place the event
// takes place (EventTimeZone of its département, built by libical from the system's time zone data and
// cut to the years around the event) and one VEVENT whose start and end are the local times of that
// place. Lines end with CRLF and are folded at 75 octets between UTF-8 characters; text values are
// escaped by libical. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/events/event.h"

namespace rrma::http {

// The .ics text of the event. organiser_names are the names of the organisations that organise it
// (« Organisé par : … » in the description); host names the site in the UID (event-{id}@{host});
// now_utc (YYYY-MM-DDTHH:MM:SSZ) is the DTSTAMP. Never fails and never throws: a field that does not
// parse is left out (a start or end time, DTSTAMP, LAST-MODIFIED), and when the system has no data
// for the event's time zone the times are written floating (without TZID), which a calendar reads
// in its own zone.
std::string EventToICalendar(const Event& event, const std::vector<std::string>& organiser_names, std::string_view host,
                             std::string_view now_utc);

}  // namespace rrma::http
