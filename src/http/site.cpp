#include "http/site.h"

#include <soci/soci-backend.h>
#include <spdlog/spdlog.h>

#include "http/problem.h"

namespace rrma::http {
namespace {

constexpr std::string_view kApiPrefix = "/api/";

bool IsApi(std::string_view path) { return path.starts_with(kApiPrefix) || path == "/api"; }

// A path the web UI routes itself (/organisations/12): not the API, and not a file (no extension
// in its last segment), so that a missing asset is a 404 rather than the HTML of the UI.
bool IsClientRoute(std::string_view path) {
  if (IsApi(path) || (path != "/" && !IsPlainPath(path))) return false;
  std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

}  // namespace

void AddSecurityHeaders(const Request& request, Response& response) {
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "same-origin");
  if (response.HeaderValue("Content-Type").starts_with("text/html")) {
    response.SetHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  }
  // API answers carry personal and account data: no cache keeps them unless the handler says so.
  if (IsApi(request.path) && response.HeaderValue("Cache-Control").empty()) {
    response.SetHeader("Cache-Control", "no-store");
  }
}

Site::Site(const Router& router, const std::filesystem::path& web_root) : router_(router), files_(web_root) {
  if (!files_.enabled()) {
    spdlog::warn("interface web absente ({}): lancez `make web`; seule l'API est servie", web_root.string());
  }
}

Response Site::Dispatch(const Request& request) const {
  Response response;
  if (router_.Dispatch(request, response)) return response;
  const bool reads = request.method == "GET" || request.method == "HEAD";
  if (reads && !IsApi(request.path)) {
    if (auto file = files_.Serve(request)) return std::move(*file);
    if (IsClientRoute(request.path)) {
      if (auto index = files_.ServeIndex(request)) return std::move(*index);
    }
  }
  WriteProblemForHttpStatus(response, 404);
  return response;
}

std::optional<Response> Site::AnswerInline(const Request& request) const {
  if (router_.LaneOf(request) == Lane::kInline) return Answer(request);
  Response response;
  try {
    if (!router_.AnswerFromMemory(request, response)) return std::nullopt;
  } catch (...) {
    return std::nullopt;  // the worker will answer, and report what fails
  }
  AddSecurityHeaders(request, response);
  return response;
}

Response Site::Answer(const Request& request) const {
  Response response;
  int status = 0;
  std::string what;
  try {
    response = Dispatch(request);
  } catch (const soci::soci_error& error) {
    // A database failure is the service being unavailable. Not what(): SOCI appends the bound
    // values, which may include session digests.
    status = 503;
    what = error.get_error_message();
  } catch (const std::exception& error) {
    status = 500;
    what = error.what();
  } catch (...) {
    status = 500;
    what = "non-standard exception";
  }
  if (status != 0) {
    spdlog::error("{} {} -> {}: {}", Loggable(request.method), Loggable(request.path), status, what);
    response = Response{};
    WriteProblemForHttpStatus(response, status);
  }
  AddSecurityHeaders(request, response);
  return response;
}

}  // namespace rrma::http
