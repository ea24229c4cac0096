#include "http/static_files.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "security/secrets.h"

namespace rrma::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAssetsPrefix = "/assets/";
// No file of the built UI comes near this; a larger one is not served from memory.
constexpr uintmax_t kMaxFileBytes = 16u << 20;

}  // namespace

bool IsPlainPath(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.size() > kMaxPlainPathBytes) return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  if (static_cast<size_t>(std::count(path.begin(), path.end(), '/')) > kMaxPlainPathSegments) return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if (segment.empty() ? !last : segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

namespace {

bool IsWithin(const fs::path& root, const fs::path& file) {
  auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end();
}

// True when one of the entity tags of an If-None-Match header is etag (or the header is "*").
bool MatchesAny(std::string_view header, std::string_view etag) {
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag || tag == "*") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::string MediaTypeFor(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  }};
  const std::string extension = file.extension().string();
  for (const auto& [suffix, type] : kTypes) {
    if (extension == suffix) return std::string(type);
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code error;
  if (root.empty() || !fs::is_regular_file(root / "index.html", error)) return;
  root_ = fs::canonical(root, error);
  if (error) root_.clear();
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  if (!enabled() || !IsPlainPath(request.path)) return std::nullopt;
  return ServeFile(root_ / fs::path(request.path.substr(1)), request.path, request);
}

std::optional<Response> StaticFiles::ServeIndex(const Request& request) const {
  if (!enabled()) return std::nullopt;
  return ServeFile(root_ / "index.html", "/index.html", request);
}

std::optional<StaticFiles::Entry> StaticFiles::Load(const fs::path& file) const {
  std::error_code error;
  const fs::path real = fs::canonical(file, error);
  if (error || !IsWithin(root_, real) || !fs::is_regular_file(real, error)) return std::nullopt;
  Entry entry;
  entry.size = fs::file_size(real, error);
  if (error || entry.size > kMaxFileBytes) return std::nullopt;
  entry.modified = fs::last_write_time(real, error);
  if (error) return std::nullopt;

  std::lock_guard lock(mutex_);
  auto cached = cache_.find(real);
  if (cached != cache_.end() && cached->second.size == entry.size && cached->second.modified == entry.modified) {
    return cached->second;
  }
  std::ifstream in(real, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) return std::nullopt;
  auto bytes = std::make_shared<const std::string>(content.str());
  entry.etag = "\"" + TokenDigest(*bytes).substr(0, 32) + "\"";
  entry.content = std::move(bytes);
  cache_[real] = entry;
  return entry;
}

std::optional<Response> StaticFiles::ServeFile(const fs::path& file, const std::string& url_path,
                                               const Request& request) const {
  auto entry = Load(file);
  if (!entry) return std::nullopt;
  Response response;
  response.SetHeader("ETag", entry->etag);
  // Built assets carry a digest of their content in their names: they never change.
  response.SetHeader("Cache-Control",
                     url_path.starts_with(kAssetsPrefix) ? "public, max-age=31536000, immutable" : "no-cache");
  if (MatchesAny(request.HeaderValue("If-None-Match"), entry->etag)) {
    response.status = 304;
    return response;
  }
  response.SetContent(*entry->content, MediaTypeFor(file));
  return response;
}

}  // namespace rrma::http
