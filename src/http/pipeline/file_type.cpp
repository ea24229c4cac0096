#include "http/pipeline/file_type.h"

#include <magic.h>

#include <memory>

namespace rrma::http {
namespace {

constexpr const char* kUnknown = "application/octet-stream";
// Bounds libmagic's work on hostile files: how far it reads, and how deep it follows indirections
// and nested regular expressions.
constexpr size_t kBytesMax = 1024 * 1024;

struct MagicCloser {
  void operator()(magic_t cookie) const { magic_close(cookie); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

Magic Open() {
  Magic cookie(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_ERROR));
  if (!cookie) return nullptr;
  size_t bytes_max = kBytesMax;
  magic_setparam(cookie.get(), MAGIC_PARAM_BYTES_MAX, &bytes_max);
  if (magic_load(cookie.get(), nullptr) != 0) return nullptr;
  return cookie;
}

}  // namespace

std::string DetectMediaType(const std::string& bytes) {
  thread_local Magic cookie = Open();
  if (!cookie || bytes.empty()) return kUnknown;
  const char* type = magic_buffer(cookie.get(), bytes.data(), bytes.size());
  return type != nullptr ? type : kUnknown;
}

}  // namespace rrma::http
