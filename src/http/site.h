// Site: what rrma answers to one HTTP request, whichever engine carried it. The API router first;
// then the built web UI (a file, or index.html for the client routes of the single-page UI); else
// a 404 problem. Every answer leaves with the security headers (nosniff, same-origin referrer, a
// strict Content-Security-Policy on HTML) and API answers are not stored by caches unless their
// handler said otherwise. An exception from a handler becomes a problem answer here: 503 when the
// database failed, 500 otherwise (a bug), logged without the bound values. Thread-safe.
#pragma once

#include <filesystem>
#include <optional>

#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"

namespace rrma::http {

// The policy of every HTML answer: scripts, styles and everything else from this origin only,
// no inline script, and never inside a frame.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class Site {
 public:
  // router must outlive the Site; web_root may be empty or missing (the API alone is served).
  Site(const Router& router, const std::filesystem::path& web_root);

  // Never throws.
  Response Answer(const Request& request) const;
  // The answer when it can be made from memory without blocking (a file of the web UI, a 404, a
  // route's cached answer): for the I/O thread. Nothing when a worker must compute it. Never throws.
  std::optional<Response> AnswerInline(const Request& request) const;

  bool serves_web() const { return files_.enabled(); }
  // The pool of workers that should compute the answer (http/router.h).
  Lane LaneOf(const Request& request) const { return router_.LaneOf(request); }
  // The route's own body limit (http/router.h); 0 for the server's default.
  uint64_t BodyLimitOf(const Request& request) const { return router_.BodyLimitOf(request); }
  // Whether a body above the server's default may be read, from the request's headers (see
  // Router::AdmitsBody); false with the refusal written. Runs on a worker: it may read the database.
  bool AdmitsBody(const Request& request, Response& response) const { return router_.AdmitsBody(request, response); }

 private:
  Response Dispatch(const Request& request) const;

  const Router& router_;
  StaticFiles files_;
};

// Adds the headers every answer carries, and those of its kind (HTML, API).
void AddSecurityHeaders(const Request& request, Response& response);

}  // namespace rrma::http
