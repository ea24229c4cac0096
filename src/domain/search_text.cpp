#include "domain/search_text.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace rrma {
namespace {

// Folds one Unicode code point of the Latin ranges used in French (and neighbouring languages)
// to its ASCII letters; returns an empty view for anything that is not a letter or digit.
std::string_view FoldCodePoint(char32_t c) {
  if (c < 0x80) {
    static const std::string kAscii = [] {
      std::string s(128, '\0');
      for (int i = 0; i < 128; ++i) {
        char ch = static_cast<char>(i);
        if (ch >= 'A' && ch <= 'Z') s[i] = static_cast<char>(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) s[i] = ch;
      }
      return s;
    }();
    if (kAscii[c] == '\0') return {};
    return std::string_view(&kAscii[c], 1);
  }
  switch (c) {
    case U'À': case U'Á': case U'Â': case U'Ã': case U'Ä': case U'Å':
    case U'à': case U'á': case U'â': case U'ã': case U'ä': case U'å': return "a";
    case U'Æ': case U'æ': return "ae";
    case U'Ç': case U'ç': return "c";
    case U'È': case U'É': case U'Ê': case U'Ë':
    case U'è': case U'é': case U'ê': case U'ë': return "e";
    case U'Ì': case U'Í': case U'Î': case U'Ï':
    case U'ì': case U'í': case U'î': case U'ï': return "i";
    case U'Ñ': case U'ñ': return "n";
    case U'Ò': case U'Ó': case U'Ô': case U'Õ': case U'Ö': case U'Ø':
    case U'ò': case U'ó': case U'ô': case U'õ': case U'ö': case U'ø': return "o";
    case U'Œ': case U'œ': return "oe";
    case U'Ù': case U'Ú': case U'Û': case U'Ü':
    case U'ù': case U'ú': case U'û': case U'ü': return "u";
    case U'Ý': case U'ý': case U'ÿ': case U'Ÿ': return "y";
    case U'ß': return "ss";
    default: return {};
  }
}

// Decodes one UTF-8 sequence at text[pos]; advances pos. Returns 0xFFFD for invalid input.
char32_t DecodeUtf8(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  uint8_t lead = byte(pos);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    uint8_t next = byte(pos + i);
    if ((next >> 6) != 0x2) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  pos += length;
  return c;
}

// Code points that show nothing, as sorted ranges: Unicode's White_Space, every format
// character (Cf), the other default-ignorable code points, and the characters drawn blank.
struct CodePointRange {
  char32_t first;
  char32_t last;
};
constexpr CodePointRange kInvisibleRanges[] = {
    {0x0009, 0x000D},   {0x0020, 0x0020},   {0x0085, 0x0085},   {0x00A0, 0x00A0},   {0x00AD, 0x00AD},
    {0x034F, 0x034F},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},
    {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x115F, 0x1160},   {0x1680, 0x1680},   {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x206F},   {0x2800, 0x2800},
    {0x3000, 0x3000},   {0x3164, 0x3164},   {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},
    {0xFFF0, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

// The blocks of combining marks (Unicode 15): drawn on the character before them, they show
// nothing of their own when nothing precedes them.
constexpr CodePointRange kCombiningRanges[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F},
};

// The bidirectional controls (marks, embeddings, overrides, isolates): they reorder what is
// displayed around them, so that a name could read otherwise than it is stored.
constexpr CodePointRange kBidiControlRanges[] = {
    {0x061C, 0x061C}, {0x200E, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069},
};

template <size_t N>
bool InRanges(const CodePointRange (&ranges)[N], char32_t c) {
  const auto* after = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                       [](char32_t value, const CodePointRange& range) { return value < range.first; });
  return after != std::begin(ranges) && c <= std::prev(after)->last;
}

bool IsInvisible(char32_t c) { return InRanges(kInvisibleRanges, c); }

// The French abbreviations of names' words (St-Étienne, Ste-Maxime) and the words they stand for.
struct Abbreviation {
  std::string_view abbreviated;
  std::string_view written_out;
};
constexpr Abbreviation kAbbreviations[] = {
    {"st", "saint"}, {"ste", "sainte"}, {"sts", "saints"}, {"stes", "saintes"}};

}  // namespace

std::string NormaliseForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (size_t pos = 0; pos < utf8.size();) {
    std::string_view folded = FoldCodePoint(DecodeUtf8(utf8, pos));
    if (folded.empty()) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(folded);
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t start = pos;
    char32_t c = DecodeUtf8(text, pos);
    // Overlong forms, surrogates and out-of-range values are invalid too.
    size_t length = pos - start;
    if (c == 0xFFFD && !(length == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) return false;
    if ((length == 2 && c < 0x80) || (length == 3 && c < 0x800) || (length == 4 && c < 0x10000)) return false;
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return false;
  }
  return true;
}

void ValidateSearchText(std::string_view text, const std::string& field, ValidationErrors& errors) {
  if (!IsValidUtf8(text)) {
    errors.Add(field, "Le texte recherché n'est pas de l'UTF-8 valide.");
  } else if (Utf8Length(text) > kMaxSearchTextLength) {
    errors.Add(field, "Le texte recherché ne doit pas dépasser 200 caractères.");
  } else if (SearchWords(NormaliseForSearch(text)).size() > kMaxSearchWords) {
    errors.Add(field, "Le texte recherché ne doit pas compter plus de 8 mots.");
  }
}

size_t Utf8Length(std::string_view utf8) {
  size_t length = 0;
  for (size_t pos = 0; pos < utf8.size(); ++length) DecodeUtf8(utf8, pos);
  return length;
}

bool IsInvisibleText(std::string_view utf8) {
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t c = DecodeUtf8(utf8, pos);
    if (!IsInvisible(c) && !InRanges(kCombiningRanges, c)) return false;
  }
  return true;
}

bool HasBidiControl(std::string_view utf8) {
  for (size_t pos = 0; pos < utf8.size();) {
    if (InRanges(kBidiControlRanges, DecodeUtf8(utf8, pos))) return true;
  }
  return false;
}

std::vector<std::string> SearchWords(std::string_view normalised) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < normalised.size()) {
    size_t end = normalised.find(' ', start);
    if (end == std::string_view::npos) end = normalised.size();
    if (end > start) {
      std::string word(normalised.substr(start, end - start));
      if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
    }
    start = end + 1;
  }
  return words;
}

SearchWordForms FormsOfSearchWord(std::string_view word) {
  SearchWordForms forms{{std::string(word)}, {}};
  for (const auto& [abbreviated, written_out] : kAbbreviations) {
    if (word == abbreviated) forms.prefixes.emplace_back(written_out);
    // A name's abbreviation matches when the word it stands for starts with the search word,
    // unless the abbreviation itself does (then it already matches as a prefix).
    if (written_out.starts_with(word) && !abbreviated.starts_with(word)) forms.words.emplace_back(abbreviated);
  }
  return forms;
}

std::string ExpandAbbreviations(std::string_view normalised) {
  std::string expanded;
  size_t start = 0;
  while (start <= normalised.size()) {
    size_t end = std::min(normalised.find(' ', start), normalised.size());
    std::string_view word = normalised.substr(start, end - start);
    for (const auto& [abbreviated, written_out] : kAbbreviations) {
      if (word == abbreviated) word = written_out;
    }
    if (start > 0) expanded.push_back(' ');
    expanded.append(word);
    start = end + 1;
  }
  return expanded;
}

std::optional<std::string> AsOfficialCode(std::string_view word) {
  const auto digits = [](std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (digits(word)) return std::string(word);
  if (word.size() == 5 && word[0] == '2' && (word[1] == 'a' || word[1] == 'b') && digits(word.substr(2))) {
    std::string code(word);
    code[1] = static_cast<char>(code[1] - 'a' + 'A');
    return code;
  }
  return std::nullopt;
}

std::string PrefixUpperBound(std::string_view prefix) {
  std::string bound(prefix);
  bound.back() = static_cast<char>(bound.back() + 1);
  return bound;
}

}  // namespace rrma
