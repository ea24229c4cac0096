// Normalisation of French names for search: lower case, accents and ligatures folded to ASCII,
// every run of other characters (hyphens, apostrophes, spaces, punctuation) turned into one space.
// "Mouans-Sartoux", "MOUANS SARTOUX" and "mouans  sartoux" all normalise to "mouans sartoux".
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.h"

namespace rrma {

// Returns the normalised form of a UTF-8 string. Invalid UTF-8 bytes are treated as separators.
std::string NormaliseForSearch(std::string_view utf8);

// Limits of a search text: longer texts or more words are refused rather than run.
inline constexpr size_t kMaxSearchTextLength = 200;  // characters, not bytes
inline constexpr size_t kMaxSearchWords = 8;

// Records an error naming field when text is not valid UTF-8, is longer than
// kMaxSearchTextLength characters, or has more than kMaxSearchWords words.
void ValidateSearchText(std::string_view text, const std::string& field, ValidationErrors& errors);

bool IsValidUtf8(std::string_view text);

// The number of Unicode code points in a UTF-8 string (invalid bytes count one each).
size_t Utf8Length(std::string_view utf8);

// True when text shows nothing: it is empty or made only of white space, invisible format
// characters (zero-width spaces and joiners, soft hyphen, byte-order mark, bidirectional
// controls, tags), characters drawn blank (fillers, variation selectors, braille blank) and
// combining marks with nothing to combine with.
bool IsInvisibleText(std::string_view utf8);

// True when text holds a bidirectional control (U+061C, U+200E–200F, U+202A–202E, U+2066–2069).
bool HasBidiControl(std::string_view utf8);

// Splits a normalised string into its distinct words, in order of first appearance.
std::vector<std::string> SearchWords(std::string_view normalised);

// What a word of a search text matches in a name, besides the name's words that start with it:
// the French abbreviations St, Ste, Sts and Stes and the words they stand for (Saint, Sainte,
// Saints, Saintes) match each other, whichever of the two the name or the search writes.
struct SearchWordForms {
  std::vector<std::string> prefixes;  // a name's word starting with one of these matches
  std::vector<std::string> words;     // a name's word equal to one of these matches
};

// The forms of a normalised search word: "st" gives prefixes {"st", "saint"}; "saint" gives
// prefixes {"saint"} and words {"st", "ste", "sts", "stes"} (each abbreviates a word starting
// with "saint"); "mouans" gives prefixes {"mouans"} alone.
SearchWordForms FormsOfSearchWord(std::string_view word);

// Normalised text with every abbreviation written out: "st etienne" gives "saint etienne".
std::string ExpandAbbreviations(std::string_view normalised);

// A search word that is an official code rather than part of a name: only digits (an INSEE
// code, a SIREN), or a Corsican commune code (2a004). Returns it as stored (upper case).
std::optional<std::string> AsOfficialCode(std::string_view word);

// The smallest string greater than every string that starts with prefix (prefix is non-empty
// normalised text), for index range scans: prefix <= token < PrefixUpperBound(prefix).
std::string PrefixUpperBound(std::string_view prefix);

}  // namespace rrma
