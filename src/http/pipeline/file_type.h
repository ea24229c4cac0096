// The type of an uploaded file, detected from its bytes by libmagic (never from its name nor from
// the Content-Type the client sent). Thread-safe: each thread keeps its own libmagic handle, with
// the compiled database loaded once per thread.
#pragma once

#include <string>

namespace rrma::http {

// The media type libmagic finds in bytes ("application/pdf"); "application/octet-stream" when it
// finds none or cannot run. Looks at the first MiB at most.
std::string DetectMediaType(const std::string& bytes);

}  // namespace rrma::http
