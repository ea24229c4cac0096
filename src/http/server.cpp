#include "http/server.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <httplib.h>
#include <soci/soci-backend.h>
#include <spdlog/spdlog.h>

#include "http/problem.h"

namespace rrma::http {
namespace {

using Clock = std::chrono::steady_clock;

// Start of the request being served by this worker thread; set when routing begins.
thread_local Clock::time_point request_start;

constexpr std::string_view kApiPrefix = "/api/";

// A path the web UI routes itself (/organisations/12): not the API, and not a file (no extension
// in its last segment), so that a missing asset is a 404 rather than the HTML of the UI.
bool IsClientRoute(std::string_view path) {
  if (path.starts_with(kApiPrefix) || path == "/api") return false;
  std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

Server::Server(const Router& router, ServerOptions options)
    : router_(router), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  Configure();
}

Server::~Server() = default;

void Server::Configure() {
  httplib::Server& server = *server_;
  const size_t threads = options_.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(5);
  server.set_payload_max_length(options_.max_body_bytes);

  if (!options_.web_root.empty() && std::filesystem::exists(options_.web_root / "index.html")) {
    web_root_ = options_.web_root;
    server.set_mount_point("/", options_.web_root.string());
    // Built assets carry a content hash in their names: they never change.
    server.set_file_request_handler([](const httplib::Request& request, httplib::Response& response) {
      if (request.path.starts_with("/assets/")) {
        response.set_header("Cache-Control", "public, max-age=31536000, immutable");
      }
    });
  } else {
    spdlog::warn("interface web absente ({}): lancez `make web`; seule l'API est servie",
                 options_.web_root.string());
  }

  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto dispatch = [this](const httplib::Request& request, httplib::Response& response) {
    if (router_.Dispatch(request, response)) return;
    if (request.method == "GET" && IsClientRoute(request.path) && !web_root_.empty()) {
      // Read at each request: a rebuilt UI changes the asset names index.html refers to.
      std::string index = ReadFile(web_root_ / "index.html");
      if (!index.empty()) {
        response.set_header("Cache-Control", "no-cache");
        response.set_content(index, "text/html; charset=utf-8");
        return;
      }
    }
    WriteProblemForHttpStatus(response, 404);
  };
  server.Get(".*", dispatch);
  server.Post(".*", dispatch);
  server.Put(".*", dispatch);
  server.Patch(".*", dispatch);
  server.Delete(".*", dispatch);
  server.Options(".*", dispatch);

  // Statuses httplib sets itself (unreadable request, 413, unknown method) get a problem body too.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    WriteProblemForHttpStatus(response, response.status);
    return httplib::Server::HandlerResponse::Handled;
  }));

  server.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                  std::exception_ptr exception) {
    // A database failure is the service being unavailable (503); anything else is a bug (500).
    int status = 500;
    std::string what = "non-standard exception";
    try {
      std::rethrow_exception(exception);
    } catch (const soci::soci_error& error) {
      // Not what(): SOCI appends the bound values, which may include session digests.
      status = 503;
      what = error.get_error_message();
    } catch (const std::exception& error) {
      what = error.what();
    } catch (...) {
    }
    spdlog::error("{} {} -> {}: {}", request.method, request.path, status, what);
    response.body.clear();
    WriteProblemForHttpStatus(response, status);
  });

  server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    if (request_start == Clock::time_point{}) {
      spdlog::info("{} {} {}", request.method, request.path, response.status);
      return;
    }
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - request_start).count();
    request_start = Clock::time_point{};
    spdlog::info("{} {} {} {}µs", request.method, request.path, response.status, micros);
  });
}

bool Server::Listen() { return server_->listen(options_.host.c_str(), options_.port); }

void Server::Stop() { server_->stop(); }

bool Server::IsRunning() const { return server_->is_running(); }

}  // namespace rrma::http
