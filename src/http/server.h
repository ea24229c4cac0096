// Server: the HTTP front of rrma. Serves the API routes, the built web UI (web/dist, with the
// single-page fallback to index.html for client routes), answers every error as problem+json,
// writes one log line per request, and stops cleanly when Stop() is called (from a signal thread).
// Listen() blocks; Stop() may be called from any thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "http/router.h"

namespace httplib {
class Server;
}

namespace rrma::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::filesystem::path web_root;  // the built UI; may be missing (API only)
  size_t threads = 64;             // each keep-alive connection holds one while open
  size_t max_body_bytes = 1 << 20;
};

class Server {
 public:
  Server(const Router& router, ServerOptions options);
  ~Server();

  // Binds and serves until Stop(); false if the address cannot be bound.
  bool Listen();
  void Stop();
  // True once the socket is bound and requests are accepted.
  bool IsRunning() const;

 private:
  void Configure();

  const Router& router_;
  ServerOptions options_;
  std::filesystem::path web_root_;  // empty when the UI is not built
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace rrma::http
