#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace rrma::http {
namespace {

unsigned char Lower(unsigned char c) { return static_cast<unsigned char>(std::tolower(c)); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool HeaderNameLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return Lower(x) < Lower(y); });
}

std::string Request::HeaderValue(std::string_view name, size_t index) const {
  auto [first, last] = headers.equal_range(name);
  for (; first != last; ++first, --index) {
    if (index == 0) return first->second;
  }
  return {};
}

size_t Request::HeaderCount(std::string_view name) const {
  auto [first, last] = headers.equal_range(name);
  return static_cast<size_t>(std::distance(first, last));
}

void Response::SetHeader(std::string_view name, std::string value) {
  if (!HeaderNameLess{}(name, "Set-Cookie") && !HeaderNameLess{}("Set-Cookie", name)) {
    headers.emplace(std::string(name), std::move(value));
    return;
  }
  auto found = headers.find(name);
  if (found != headers.end()) {
    found->second = std::move(value);
  } else {
    headers.emplace(std::string(name), std::move(value));
  }
}

std::string Response::HeaderValue(std::string_view name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

void Response::SetContent(std::string content, std::string_view content_type) {
  body = std::move(content);
  SetHeader("Content-Type", std::string(content_type));
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of text and its code point; 0 when the
// bytes there are not one (stray continuation, overlong form, surrogate, beyond U+10FFFF, cut).
size_t Utf8Sequence(std::string_view text, char32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < smallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

// The most bytes of a value a log line shows.
constexpr size_t kMaxLoggedBytes = 512;

}  // namespace

std::string Loggable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool cut = text.size() > kMaxLoggedBytes;
  if (cut) text = text.substr(0, kMaxLoggedBytes);
  std::string out;
  out.reserve(text.size());
  const auto escape = [&](std::string_view bytes) {
    for (char c : bytes) {
      const auto byte = static_cast<unsigned char>(c);
      out.append("\\x");
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    }
  };
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte < 0x20 || byte == 0x7f || byte == '\\') {
        escape(text.substr(i, 1));
      } else {
        out.push_back(text[i]);
      }
      ++i;
      continue;
    }
    char32_t code_point = 0;
    const size_t length = Utf8Sequence(text.substr(i), code_point);
    if (length == 0) {
      escape(text.substr(i, 1));  // not UTF-8: a viewer could take it for anything
      ++i;
      continue;
    }
    // C1 controls (an 8-bit escape) and the line and paragraph separators break lines too.
    const bool breaks = (code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x2028 || code_point == 0x2029;
    if (breaks) {
      escape(text.substr(i, length));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  if (cut) out.append("…");
  return out;
}

bool PercentDecode(std::string_view text, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool ParseQuery(std::string_view query, QueryParams& params) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string name, value;
      if (!PercentDecode(pair.substr(0, equals), name, true)) return false;
      if (equals != std::string_view::npos && !PercentDecode(pair.substr(equals + 1), value, true)) return false;
      params.emplace(std::move(name), std::move(value));
    }
    start = end + 1;
  }
  return true;
}

}  // namespace rrma::http
