#include "domain/field_rules.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cctype>

#include "domain/search_text.h"

namespace rrma {

// In UTF-8 the C1 controls are "\xC2\x80"–"\xC2\x9F", the line and paragraph separators
// "\xE2\x80\xA8"–"\xA9": all break or rewrite a line where text is shown.
bool HasControlCharacter(std::string_view text, bool allow_line_breaks) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
    const auto next = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return true;
    if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9) && !allow_line_breaks) return true;
  }
  return false;
}

void CheckLine(const std::string& text, const std::string& field, const std::string& what, bool required,
               size_t max_length, ValidationErrors& errors) {
  if (!IsValidUtf8(text)) return errors.Add(field, what + " n'est pas de l'UTF-8 valide.");
  if (HasControlCharacter(text, false)) return errors.Add(field, what + " contient des caractères de contrôle.");
  const bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (required && blank) return errors.Add(field, what + " est obligatoire.");
  if (required && IsInvisibleText(text)) return errors.Add(field, what + " ne contient aucun caractère visible.");
  if (HasBidiControl(text)) {
    return errors.Add(field, what + " contient des caractères qui inversent le sens d'affichage du texte (contrôles bidirectionnels).");
  }
  if (Utf8Length(text) > max_length) {
    errors.Add(field, what + " ne doit pas dépasser " + std::to_string(max_length) + " caractères.");
  }
}

namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

DateFault IsoDateFaultOf(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return DateFault::kFormat;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return DateFault::kFormat;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  if (year < 1900 || year > 2100) return DateFault::kOutOfRange;
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > kDays[static_cast<size_t>(month - 1)] + (month == 2 && IsLeapYear(year) ? 1 : 0)) {
    return DateFault::kNoSuchDay;
  }
  return DateFault::kNone;
}

std::string IsoDateFault(std::string_view text) {
  switch (IsoDateFaultOf(text)) {
    case DateFault::kNone: return "";
    case DateFault::kFormat: return "invalide (attendu AAAA-MM-JJ)";
    case DateFault::kOutOfRange: return "hors de la période admise (1900 à 2100)";
    case DateFault::kNoSuchDay: return "inexistante (le " + std::string(text) + " n'existe pas)";
  }
  return "";
}

std::string Excerpt(const std::string& value) {
  std::string kept;
  size_t characters = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80 && ++characters > 60) return kept + "…";
    kept += value[i];
  }
  return kept;
}


namespace {

std::chrono::year_month_day ParseDay(std::string_view iso_date) {
  return {std::chrono::year{std::stoi(std::string(iso_date.substr(0, 4)))},
          std::chrono::month{static_cast<unsigned>(std::stoi(std::string(iso_date.substr(5, 2))))},
          std::chrono::day{static_cast<unsigned>(std::stoi(std::string(iso_date.substr(8, 2))))}};
}

std::string FormatDay(const std::chrono::year_month_day& day) {
  char text[11];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace

std::string PreviousDay(std::string_view iso_date) {
  return FormatDay(std::chrono::sys_days{ParseDay(iso_date)} - std::chrono::days{1});
}

std::string NextDay(std::string_view iso_date) {
  return FormatDay(std::chrono::sys_days{ParseDay(iso_date)} + std::chrono::days{1});
}

std::string MonthsBefore(std::string_view iso_date, int months) {
  using namespace std::chrono;
  const year_month_day day = ParseDay(iso_date);
  const year_month earlier = year_month{day.year(), day.month()} - std::chrono::months{months};
  const year_month_day_last last{earlier.year(), month_day_last{earlier.month()}};
  return FormatDay({earlier.year(), earlier.month(), std::min(day.day(), last.day())});
}

bool IsIsoDate(std::string_view text) { return IsoDateFaultOf(text) == DateFault::kNone; }

void CheckText(const std::string& text, const std::string& field, const std::string& what, bool plural,
               size_t max_length, ValidationErrors& errors) {
  if (!IsValidUtf8(text)) return errors.Add(field, what + (plural ? " ne sont" : " n'est") + " pas de l'UTF-8 valide.");
  if (HasControlCharacter(text, true)) {
    return errors.Add(field, what + (plural ? " contiennent" : " contient") + " des caractères de contrôle.");
  }
  if (Utf8Length(text) > max_length) {
    errors.Add(field, what + (plural ? " ne doivent" : " ne doit") + " pas dépasser " + std::to_string(max_length) +
                          " caractères.");
  }
}

void CheckDates(const std::optional<std::string>& start, const std::string& start_field,
                const std::optional<std::string>& end, const std::string& end_field, ValidationErrors& errors) {
  if (start && !IsIsoDate(*start)) errors.Add(start_field, "Date de début " + IsoDateFault(*start) + ".");
  if (end && !IsIsoDate(*end)) errors.Add(end_field, "Date de fin " + IsoDateFault(*end) + ".");
  if (start && end && IsIsoDate(*start) && IsIsoDate(*end) && *end < *start) {
    errors.Add(end_field, "La date de fin précède la date de début.");
  }
}

std::optional<std::string> JoinedForAudit(const std::vector<std::string>& values) {
  if (values.empty()) return std::nullopt;
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

void CompareForAudit(std::vector<FieldChange>& changes, std::string field, const std::optional<std::string>& before,
                     const std::optional<std::string>& after) {
  const auto value = [](const std::optional<std::string>& v) { return v && v->empty() ? std::nullopt : v; };
  if (value(before) != value(after)) changes.push_back({std::move(field), value(before), value(after)});
}

}  // namespace rrma
