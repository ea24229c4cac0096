// StaticFiles: the built web UI (web/dist) as HTTP answers. A file is read once and kept in
// memory with a strong ETag (a digest of its bytes) until its size or modification time changes,
// so that a rebuilt UI is served at once without a restart. Answers If-None-Match with 304;
// hashed assets (/assets/…) are cached for a year, everything else revalidated (no-cache).
// Range requests are not supported: the whole file is always sent. Paths that leave the root
// (.., symbolic links pointing outside, encoded NULs) are not found. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.h"

namespace rrma::http {

class StaticFiles {
 public:
  // root may be empty or lack index.html: nothing is then served (the API only).
  explicit StaticFiles(std::filesystem::path root);

  bool enabled() const { return !root_.empty(); }

  // The file at request.path, or nothing when there is none (or the path is not acceptable).
  std::optional<Response> Serve(const Request& request) const;
  // index.html, for the client routes of the single-page UI; nothing when it cannot be read.
  std::optional<Response> ServeIndex(const Request& request) const;

 private:
  struct Entry {
    std::filesystem::file_time_type modified;
    uintmax_t size = 0;
    std::shared_ptr<const std::string> content;
    std::string etag;
  };

  std::optional<Response> ServeFile(const std::filesystem::path& file, const std::string& url_path,
                                    const Request& request) const;
  std::optional<Entry> Load(const std::filesystem::path& file) const;

  std::filesystem::path root_;  // canonical; empty when disabled
  mutable std::mutex mutex_;
  mutable std::map<std::filesystem::path, Entry> cache_;
};

// The longest path, and the most segments, a file of the web UI can have: beyond, a path is not
// looked for at all (it would cost file-system work on the I/O thread for nothing).
inline constexpr size_t kMaxPlainPathBytes = 1024;
inline constexpr size_t kMaxPlainPathSegments = 16;

// True when every segment of a URL path is a plain name: no "..", ".", empty segment, name
// starting with a dot, backslash or NUL; and the path is within the bounds above.
bool IsPlainPath(std::string_view path);

// The media type of a file name's extension ("application/octet-stream" when unknown).
std::string MediaTypeFor(const std::filesystem::path& file);

}  // namespace rrma::http
