// Checks shared by every record a user types: lines of text (names, titles), free text (notes,
// descriptions), dates and lists. Each records its fault under the field name, in French. Pure,
// thread-safe.
#pragma once

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit.h"
#include "domain/status.h"

namespace rrma {

// C0 controls and DEL, C1 controls and, unless line breaks are allowed, U+2028–2029.
bool HasControlCharacter(std::string_view text, bool allow_line_breaks);

// A required or optional line of text: valid UTF-8, no control characters nor bidirectional
// controls, when required neither blank nor made only of invisible characters (or combining marks),
// at most max_length characters. `what` names it for the message (« Le nom »).
void CheckLine(const std::string& text, const std::string& field, const std::string& what, bool required,
               size_t max_length, ValidationErrors& errors);

// Free text with line breaks (notes, a description): valid UTF-8, no other control character, at
// most max_length characters. `what` names it (« La description », plural: « Les notes »).
void CheckText(const std::string& text, const std::string& field, const std::string& what, bool plural,
               size_t max_length, ValidationErrors& errors);

// A value as messages quote it (a file's cell, a name): its first 60 characters, then « … ».
std::string Excerpt(const std::string& value);

// YYYY-MM-DD naming a real day between 1900 and 2100.
bool IsIsoDate(std::string_view text);

// The day before a date IsIsoDate accepts, as YYYY-MM-DD.
std::string PreviousDay(std::string_view iso_date);
// The day after, as YYYY-MM-DD.
std::string NextDay(std::string_view iso_date);
// The same day `months` months earlier (the month's last day when it has fewer): 2026-08-31 → 2026-02-28.
std::string MonthsBefore(std::string_view iso_date, int months);

// Why text is not such a date.
enum class DateFault { kNone, kFormat, kOutOfRange, kNoSuchDay };
DateFault IsoDateFaultOf(std::string_view text);

// The same as a phrase: "" when text is a date; otherwise a French reason to follow « Date de
// début » or the like — « invalide (attendu AAAA-MM-JJ) », « hors de la période admise (1900 à
// 2100) », « inexistante (le 2021-02-31 n'existe pas) ».
std::string IsoDateFault(std::string_view text);

// Each date well formed, and the end not before the start (reported on end_field).
void CheckDates(const std::optional<std::string>& start, const std::string& start_field,
                const std::optional<std::string>& end, const std::string& end_field, ValidationErrors& errors);

// Whether value is one of a fixed list of API names.
template <size_t N>
bool OneOf(const std::string_view (&values)[N], std::string_view value) {
  return std::find(std::begin(values), std::end(values), value) != std::end(values);
}

// A list as one line of the audit log ("Santé, Éducation"); none when empty.
std::optional<std::string> JoinedForAudit(const std::vector<std::string>& values);

// Appends a change of field when before and after differ, an empty text counting as no value.
void CompareForAudit(std::vector<FieldChange>& changes, std::string field, const std::optional<std::string>& before,
                     const std::optional<std::string>& after);

}  // namespace rrma
