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

std::string Loggable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') {
      out.append("\\x");
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    } else {
      out.push_back(c);
    }
  }
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
