// Server: the HTTP/1.1 engine of rrma (Boost.Beast over Boost.Asio; the only file that names
// them is server.cpp). A few I/O threads hold any number of connections as coroutines; each
// request's answer (Site::Answer: SQL, files) is computed on a bounded pool of worker threads,
// and the answers of the routes that hash passwords (argon2id) on a pool of their own. Every input is bounded: header block size and count (431), body size, announced or
// chunked (413, counted as bytes arrive), time to receive the headers and the body (408, then the
// connection is closed), idle time between keep-alive requests, simultaneous connections (beyond
// them a new connection is closed before any work), and requests waiting for a worker (beyond
// them, 503 with Retry-After at once). One log line per request.
// Listen() blocks until Stop(); Stop() may be called from any thread, also before Listen().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "http/site.h"

namespace rrma::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t io_threads = 0;              // 0: one per core
  size_t workers = 0;                 // threads computing answers (SQL, files); 0: two per core
  size_t queue = 512;                 // requests waiting for a worker before 503
  size_t password_workers = 32;       // threads of the password lane (argon2id and its waits)
  size_t password_queue = 64;         // requests waiting for one of them before 503
  size_t password_per_client = 4;     // of those, from one client address (or IPv6 /64), before 429
  std::string trusted_proxy;          // whose X-Forwarded-For names the client (http/forwarding.h)
  size_t max_connections = 4096;      // simultaneous connections
  uint32_t max_header_bytes = 16 * 1024;  // the request line and header fields together
  size_t max_header_count = 100;
  uint64_t max_body_bytes = 1 << 20;
  std::chrono::milliseconds header_timeout{10'000};  // from the request's first byte
  std::chrono::milliseconds body_timeout{30'000};    // from the end of the headers
  std::chrono::milliseconds idle_timeout{20'000};    // between requests of a keep-alive connection
  std::chrono::milliseconds write_timeout{30'000};   // to send an answer to a slow reader
};

class Server {
 public:
  // site must outlive the server.
  Server(const Site& site, ServerOptions options);
  ~Server();

  // Binds and serves until Stop(); false if the address cannot be bound.
  bool Listen();
  void Stop();
  // True once the socket is bound and connections are accepted.
  bool IsRunning() const;

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace rrma::http
