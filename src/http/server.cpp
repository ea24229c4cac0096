#include "http/server.h"

#include <limits>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <thread>
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange without including it
#include <type_traits>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "http/forwarding.h"
#include "http/problem.h"

namespace rrma::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;
template <typename T>
using Awaitable = asio::awaitable<T>;

constexpr auto kAwait = asio::use_awaitable;
// Room in the read buffer beyond the header block, for the first bytes of a body.
constexpr size_t kBufferSlack = 8 * 1024;
// After refusing a request, how long and how much of what the client still sends is read and
// dropped, so that closing does not reset the connection before the client reads the answer: a
// client that announced a body of a few MiB sends it all before reading (measured with Node's
// fetch: a 3 MiB body drained only up to 256 KiB sometimes ended in a reset instead of the 413).
constexpr auto kDrainTime = std::chrono::milliseconds(2000);
constexpr size_t kDrainBytes = 16 * 1024 * 1024;
// How long a client's request beyond its share of the password lane waits before its 429.
constexpr auto kClientRefusalHold = std::chrono::milliseconds(1000);
// Bodies above the server's limit (uploads, on the routes that allow them) read at once.
constexpr size_t kMaxUploadsAtOnce = 4;
constexpr auto kAcceptPause = std::chrono::milliseconds(50);
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// A deadline over one connection's socket: when it passes, the socket's pending operations are
// cancelled and expired() becomes true. Lives in the connection's coroutine, on the single thread
// of that connection's I/O context, so no lock is needed; the shared state lets a timer handler
// that was already queued when the connection ended find out it must do nothing.
class Deadline {
 public:
  explicit Deadline(tcp::socket& socket) : timer_(socket.get_executor()), state_(std::make_shared<State>()) {
    state_->socket = &socket;
  }
  ~Deadline() {
    state_->socket = nullptr;
    timer_.cancel();
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  void Arm(std::chrono::milliseconds after) {
    const uint64_t generation = ++state_->generation;
    state_->expired = false;
    timer_.expires_after(after);
    timer_.async_wait([state = state_, generation](error_code error) {
      if (error || state->generation != generation || state->socket == nullptr) return;
      state->expired = true;
      error_code ignored;
      state->socket->cancel(ignored);
    });
  }
  void Disarm() {
    ++state_->generation;
    timer_.cancel();
  }
  bool expired() const { return state_->expired; }

 private:
  struct State {
    tcp::socket* socket = nullptr;
    uint64_t generation = 0;
    bool expired = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

// The status that answers a failed read of a request, or 0 when the connection is to be closed
// without an answer (the client left, or sent nothing of a new request).
int StatusForReadError(const error_code& error, bool expired, bool started) {
  if (expired) return started ? 408 : 0;
  if (error == bhttp::error::header_limit || error == bhttp::error::buffer_overflow) return 431;
  if (error == bhttp::error::body_limit) return 413;
  if (error == bhttp::error::end_of_stream || error == bhttp::error::partial_message ||
      error == asio::error::eof || error == asio::error::connection_reset ||
      error == asio::error::operation_aborted || error == asio::error::broken_pipe) {
    return 0;
  }
  return 400;
}

// The most query parameters a request may carry: every route takes a handful, and each unknown one
// costs a line of the problem that answers it.
constexpr size_t kMaxQueryParams = 100;

// Fills request from the parsed message; nothing, or why the request is refused (a French detail
// for a 400): a target that is no origin-form path (RFC 9112, section 3.2.1), a malformed escape, an encoded '/' or NUL in the
// path (a path is routed by its segments: "%2F" would forge one), too many query parameters, or
// an HTTP/1.1 request without exactly one Host (RFC 9112, section 3.2). The head alone (method,
// path, query, headers) before the body is read; ToRequest with the body.
std::optional<std::string> ToRequestHead(const bhttp::request_header<>& message, Request& request) {
  const char* const kMalformed = "L'adresse demandée est mal formée.";
  request.method.assign(message.method_string().data(), message.method_string().size());
  const std::string_view target(message.target().data(), message.target().size());
  if (target.empty() || target.front() != '/') return kMalformed;
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  if (!PercentDecode(raw_path, request.path, false)) return kMalformed;
  if (request.path.find('\0') != std::string::npos) return kMalformed;
  if (std::count(request.path.begin(), request.path.end(), '/') != std::count(raw_path.begin(), raw_path.end(), '/')) {
    return "L'adresse demandée contient une barre oblique encodée (%2F), qui n'est pas admise.";
  }
  if (question != std::string_view::npos) {
    request.query = std::string(target.substr(question + 1));
    if (std::count(request.query.begin(), request.query.end(), '&') >= static_cast<std::ptrdiff_t>(kMaxQueryParams)) {
      return "La requête porte trop de paramètres (" + std::to_string(kMaxQueryParams) + " au plus).";
    }
    if (!ParseQuery(request.query, request.params)) return kMalformed;
  }
  if (message.version() >= 11 && message.count(bhttp::field::host) != 1) {
    return "L'en-tête Host est obligatoire, une seule fois, en HTTP/1.1.";
  }
  for (const auto& field : message) {
    request.headers.emplace(std::string(field.name_string().data(), field.name_string().size()),
                            std::string(field.value().data(), field.value().size()));
  }
  return std::nullopt;
}

std::optional<std::string> ToRequest(bhttp::request<bhttp::string_body>& message, Request& request) {
  if (auto refusal = ToRequestHead(message, request)) return refusal;
  request.body = std::move(message.body());
  return std::nullopt;
}

bhttp::response<bhttp::string_body> ToMessage(Response& response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive);
  message.body() = std::move(response.body);
  message.prepare_payload();
  // A 304 has no body, and says nothing of its length (RFC 9110, section 8.6).
  if (response.status == 304) message.erase(bhttp::field::content_length);
  return message;
}

// The peer's address, for the log; "-" once the connection is gone.
std::string PeerOf(const tcp::socket& socket) {
  error_code error;
  const auto peer = socket.remote_endpoint(error);
  return error ? std::string("-") : peer.address().to_string();
}

Response ProblemResponse(int status, std::string detail = {}) {
  Response response;
  WriteProblemForHttpStatus(response, status, std::move(detail));
  return response;
}

// Raises the limit of open files to the hard limit: each connection is one.
void RaiseOpenFileLimit(size_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    spdlog::warn("limite de fichiers ouverts {} < {} : moins de connexions simultanées possibles", limit.rlim_cur,
                 wanted);
  }
}

}  // namespace

class Server::Engine {
 public:
  Engine(const Site& site, ServerOptions options)
      : site_(site),
        options_(Resolved(std::move(options))),
        general_(options_.workers, options_.queue),
        password_(options_.password_workers, options_.password_queue) {
    const size_t io_threads = options_.io_threads;
    for (size_t i = 0; i < io_threads; ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>(1));
      guards_.emplace_back(contexts_.back()->get_executor());
    }
    RaiseOpenFileLimit(options_.max_connections + 256);
  }

  ~Engine() {
    guards_.clear();
    general_.pool.join();
    password_.pool.join();
    acceptor_.reset();
    // Coroutines still suspended are destroyed with their contexts; each holds objects of its
    // own context only.
    contexts_.clear();
  }

  bool Listen() {
    error_code error;
    tcp::endpoint endpoint;
    auto address = asio::ip::make_address(options_.host, error);
    if (!error) {
      endpoint = tcp::endpoint(address, static_cast<unsigned short>(options_.port));
    } else {
      tcp::resolver resolver(*contexts_[0]);
      auto found = resolver.resolve(options_.host, std::to_string(options_.port), error);
      if (error || found.empty()) return false;
      endpoint = found.begin()->endpoint();
    }
    acceptor_.emplace(*contexts_[0]);
    acceptor_->open(endpoint.protocol(), error);
    if (!error) acceptor_->set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_->bind(endpoint, error);
    if (!error) acceptor_->listen(asio::socket_base::max_listen_connections, error);
    if (error) return false;

    asio::co_spawn(*contexts_[0], Accept(), asio::detached);
    running_ = true;
    std::vector<std::thread> threads;
    for (size_t i = 1; i < contexts_.size(); ++i) {
      threads.emplace_back([context = contexts_[i].get()] { context->run(); });
    }
    contexts_[0]->run();
    for (std::thread& thread : threads) thread.join();
    running_ = false;
    // Answers being computed finish before their connections are destroyed with the contexts.
    general_.pool.join();
    password_.pool.join();
    return true;
  }

  void Stop() {
    for (auto& context : contexts_) context->stop();
  }

  bool IsRunning() const { return running_; }

 private:
  // A pool of worker threads and the count of answers it computes or has waiting.
  // A client's place among the password lane's requests in flight: admitted while it has fewer
  // than password_per_client of them; given back when destroyed.
  struct ClientTurn {
    ClientTurn(Engine& engine, std::string client) : engine(engine), client(std::move(client)) {
      std::lock_guard lock(engine.clients_mutex_);
      size_t& count = engine.password_clients_[this->client];
      admitted = count < engine.options_.password_per_client;
      if (admitted) ++count;
    }
    ~ClientTurn() {
      std::lock_guard lock(engine.clients_mutex_);
      auto found = engine.password_clients_.find(client);
      if (found == engine.password_clients_.end()) return;
      if (admitted) --found->second;
      if (found->second == 0) engine.password_clients_.erase(found);
    }
    ClientTurn(const ClientTurn&) = delete;
    ClientTurn& operator=(const ClientTurn&) = delete;
    Engine& engine;
    std::string client;
    bool admitted = false;
  };

  // One of the few places for bodies larger than the server's limit (uploads), so that their
  // memory stays bounded whatever the number of connections; given back when destroyed.
  struct UploadPlace {
    explicit UploadPlace(Engine& engine) : engine(engine) {
      admitted = engine.uploads_.fetch_add(1) < kMaxUploadsAtOnce;
      if (!admitted) --engine.uploads_;
    }
    ~UploadPlace() {
      if (admitted) --engine.uploads_;
    }
    UploadPlace(const UploadPlace&) = delete;
    UploadPlace& operator=(const UploadPlace&) = delete;
    Engine& engine;
    bool admitted = false;
  };

  struct WorkerPool {
    WorkerPool(size_t threads, size_t queue) : pool(threads), capacity(threads + queue) {}
    asio::thread_pool pool;
    const size_t capacity;
    std::atomic<size_t> pending = 0;
  };

  static ServerOptions Resolved(ServerOptions options) {
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    if (options.io_threads == 0) options.io_threads = cores;
    if (options.workers == 0) options.workers = 2 * cores;
    options.password_workers = std::max<size_t>(1, options.password_workers);
    return options;
  }

  asio::io_context& NextContext() { return *contexts_[next_context_++ % contexts_.size()]; }

  Awaitable<void> Accept() {
    auto last_warning = Clock::time_point{};
    for (;;) {
      tcp::socket socket(*contexts_[0]);
      error_code error;
      co_await acceptor_->async_accept(socket, asio::redirect_error(kAwait, error));
      if (error == asio::error::operation_aborted) co_return;
      if (error) {
        // Out of file descriptors, usually: wait rather than spin.
        spdlog::warn("accept: {}", error.message());
        asio::steady_timer pause(*contexts_[0], kAcceptPause);
        co_await pause.async_wait(asio::redirect_error(kAwait, error));
        continue;
      }
      if (connections_.load() >= options_.max_connections) {
        socket.close(error);
        if (Clock::now() - last_warning > std::chrono::seconds(10)) {
          last_warning = Clock::now();
          spdlog::warn("{} connexions ouvertes : les nouvelles sont refusées", options_.max_connections);
        }
        continue;
      }
      ++connections_;
      asio::io_context& context = NextContext();
      const auto protocol = socket.local_endpoint(error).protocol();
      tcp::socket moved(context, protocol, socket.release());
      asio::co_spawn(context, Serve(std::move(moved)), [this](std::exception_ptr failure) {
        --connections_;
        if (!failure) return;
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& exception) {
          spdlog::error("connexion interrompue : {}", exception.what());
        } catch (...) {
          spdlog::error("connexion interrompue");
        }
      });
    }
  }

  // One connection: its requests in turn, until the client closes, a limit is passed or the
  // server stops.
  Awaitable<void> Serve(tcp::socket socket) {
    error_code error;
    socket.set_option(tcp::no_delay(true), error);
    const auto peer = socket.remote_endpoint(error);
    if (error) co_return;
    const std::string remote_addr = peer.address().to_string();
    boost::beast::flat_buffer buffer(options_.max_header_bytes + kBufferSlack);
    Deadline deadline(socket);
    bool first = true;
    for (;;) {
      // A new connection has the header time for its first request; a kept-alive one waits idle
      // for the first byte of the next, then has the header time.
      if (first) {
        deadline.Arm(options_.header_timeout);
      } else if (buffer.size() == 0) {
        deadline.Arm(options_.idle_timeout);
        size_t bytes = co_await socket.async_read_some(buffer.prepare(4096), asio::redirect_error(kAwait, error));
        if (error) co_return;
        buffer.commit(bytes);
        deadline.Arm(options_.header_timeout);
      } else {
        deadline.Arm(options_.header_timeout);
      }
      first = false;

      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(options_.max_header_bytes);
      // No limit while the headers are read, so that the parser does not refuse an announced
      // length before the route is known; each request is then held to its route's own limit (or
      // the server's) before any byte of its body is read.
      parser.body_limit((std::numeric_limits<std::uint64_t>::max)());
      co_await bhttp::async_read_header(socket, buffer, parser, asio::redirect_error(kAwait, error));
      const auto start = Clock::now();
      if (error) {
        const bool started = buffer.size() > 0 || parser.got_some();
        if (int status = StatusForReadError(error, deadline.expired(), started)) {
          co_await Refuse(socket, deadline, status);
        }
        co_return;
      }
      const auto& header = parser.get();
      if (static_cast<size_t>(std::distance(header.begin(), header.end())) > options_.max_header_count) {
        co_await Refuse(socket, deadline, 431);
        co_return;
      }
      // RFC 9112, section 6.3: a Transfer-Encoding that does not end with chunked, or one sent
      // beside a Content-Length, leaves the body's end uncertain: reading on would let the rest of
      // the bytes pass for another request (request smuggling).
      // HTTP/1.0 has no Transfer-Encoding at all (RFC 9112, section 6.1).
      if (header.count(bhttp::field::transfer_encoding) > 0 &&
          (!parser.chunked() || header.count(bhttp::field::content_length) > 0 || header.version() < 11)) {
        co_await Refuse(socket, deadline, 400, "Transfer-Encoding doit se terminer par chunked, sans Content-Length.");
        co_return;
      }
      // The route's own limit (an upload), else the server's. A body above the server's limit
      // holds one of a few upload places while it is read and answered: beyond them, 503.
      uint64_t body_limit = options_.max_body_bytes;
      std::optional<UploadPlace> upload;
      {
        Request probe;
        probe.method.assign(header.method_string().data(), header.method_string().size());
        const std::string_view target(header.target().data(), header.target().size());
        probe.path = std::string(target.substr(0, target.find('?')));
        if (const uint64_t own = site_.BodyLimitOf(probe); own > 0) body_limit = own;
      }
      const auto announced = parser.content_length();
      if (announced && *announced > body_limit) {
        co_await RefuseTooLarge(socket, deadline, body_limit);
        co_return;
      }
      parser.body_limit(body_limit);
      if (body_limit > options_.max_body_bytes && (!announced || *announced > options_.max_body_bytes)) {
        // Who sends it is checked before a byte is read or a place taken: an anonymous or
        // unauthorised sender holds nothing.
        Request head;
        head.remote_addr = remote_addr;
        if (auto refusal = ToRequestHead(header, head)) {
          co_await Refuse(socket, deadline, 400, std::move(*refusal));
          co_return;
        }
        if (auto refused = co_await AdmitBody(head)) {
          co_await Send(socket, deadline, std::move(*refused));
          co_return;
        }
        upload.emplace(*this);
        if (!upload->admitted) {
          co_await Refuse(socket, deadline, 503, "Trop d'envois de fichiers en cours ; réessayez dans un instant.");
          co_return;
        }
      }
      if (!parser.is_done()) {
        if (bhttp::token_list(header[bhttp::field::expect]).exists("100-continue")) {
          deadline.Arm(options_.write_timeout);
          co_await asio::async_write(socket, asio::buffer(kContinue), asio::redirect_error(kAwait, error));
          if (error) co_return;
        }
        deadline.Arm(options_.body_timeout);
        co_await bhttp::async_read(socket, buffer, parser, asio::redirect_error(kAwait, error));
        if (error) {
          // Sent in chunks, a body learns it is too large only as it is read.
          if (int status = StatusForReadError(error, deadline.expired(), true); status == 413) {
            co_await RefuseTooLarge(socket, deadline, body_limit);
          } else if (status) {
            co_await Refuse(socket, deadline, status);
          }
          co_return;
        }
      }
      deadline.Disarm();

      auto& message = parser.get();
      const bool keep_alive = message.keep_alive();
      const unsigned version = message.version();
      Request request;
      request.remote_addr = remote_addr;
      if (auto refusal = ToRequest(message, request)) {
        co_await Refuse(socket, deadline, 400, std::move(*refusal));
        co_return;
      }
      Response response = co_await Answer(request);
      if (response.hold > std::chrono::milliseconds::zero()) {
        asio::steady_timer hold(socket.get_executor(), response.hold);
        co_await hold.async_wait(asio::redirect_error(kAwait, error));
      }
      const int status = response.status;
      auto answer = ToMessage(response, version, keep_alive);
      deadline.Arm(options_.write_timeout);
      if (request.method == "HEAD") {
        bhttp::response_serializer<bhttp::string_body> serializer(answer);
        co_await bhttp::async_write_header(socket, serializer, asio::redirect_error(kAwait, error));
      } else {
        co_await bhttp::async_write(socket, answer, asio::redirect_error(kAwait, error));
      }
      deadline.Disarm();
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
      spdlog::info("{} {} {} {} {}µs", remote_addr, Loggable(request.method), Loggable(request.path), status, micros);
      if (error) co_return;
      if (!keep_alive) {
        socket.shutdown(tcp::socket::shutdown_send, error);
        co_return;
      }
    }
  }

  // The answer: inline for a file or a 404 (from memory, no blocking work), otherwise computed on
  // a worker of the request's lane; 503 at once when that lane already has as many answers to
  // compute as its workers and queue hold.
  Awaitable<Response> Answer(const Request& request) {
    if (auto inline_answer = site_.AnswerInline(request)) co_return std::move(*inline_answer);
    const bool password_lane = site_.LaneOf(request) == Lane::kPassword;
    // One client may not fill the password lane: beyond a few of its requests at once, 429, held
    // a second so that its connections do not come straight back.
    std::optional<ClientTurn> turn;
    if (password_lane) {
      turn.emplace(*this, ClientAddress(request, options_.trusted_proxy));
      if (!turn->admitted) {
        Response refused = ProblemResponse(429, "Trop de demandes simultanées depuis votre adresse : réessayez dans un instant.");
        refused.SetHeader("Retry-After", "1");
        refused.hold = kClientRefusalHold;
        AddSecurityHeaders(request, refused);
        co_return refused;
      }
    }
    auto answer = co_await OnLane(password_lane ? password_ : general_, [this, &request] { return site_.Answer(request); });
    if (!answer) co_return Busy(request);
    co_return std::move(*answer);
  }

  // Nothing when the route lets the large body of the request (its headers) be read; else the
  // refusal, computed on a worker of the general lane (503 when it is full).
  Awaitable<std::optional<Response>> AdmitBody(const Request& head) {
    auto admitted = co_await OnLane(general_, [this, &head]() -> std::optional<Response> {
      Response refused;
      if (site_.AdmitsBody(head, refused)) return std::nullopt;
      return refused;
    });
    if (!admitted) co_return Busy(head);
    co_return std::move(*admitted);
  }

  // What work returns, computed on a worker of the lane; nothing at once when the lane already has
  // as many answers to compute as its workers and queue hold.
  template <typename Work>
  Awaitable<std::optional<std::invoke_result_t<Work>>> OnLane(WorkerPool& lane, Work work) {
    using Value = std::invoke_result_t<Work>;
    if (lane.pending.fetch_add(1) >= lane.capacity) {
      --lane.pending;
      co_return std::nullopt;
    }
    struct Release {
      std::atomic<size_t>& pending;
      ~Release() { --pending; }
    } release{lane.pending};
    co_return co_await asio::co_spawn(lane.pool, [&work]() -> Awaitable<Value> { co_return work(); }, kAwait);
  }

  static Response Busy(const Request& request) {
    Response busy = ProblemResponse(503, "Le serveur est saturé ; réessayez dans un instant.");
    busy.SetHeader("Retry-After", "1");
    AddSecurityHeaders(request, busy);
    return busy;
  }

  // Answers a request that cannot be read (status 400, 408, 413, 431), then closes the connection.
  // field, when given, is named in the problem's errors with the detail as its message.
  Awaitable<void> Refuse(tcp::socket& socket, Deadline& deadline, int status, std::string detail = {},
                         std::string field = {}) {
    Response response;
    if (field.empty()) {
      response = ProblemResponse(status, std::move(detail));
    } else {
      WriteProblemForHttpStatus(response, status, detail, {{std::move(field), detail}});
    }
    co_await Send(socket, deadline, std::move(response));
  }

  // 413 for a body above limit; an upload's body is its file: the refusal names it, with the size
  // allowed.
  Awaitable<void> RefuseTooLarge(tcp::socket& socket, Deadline& deadline, uint64_t limit) {
    if (limit <= options_.max_body_bytes) co_return co_await Refuse(socket, deadline, 413);
    co_await Refuse(socket, deadline, 413,
                    "Le fichier dépasse la taille maximale de " + std::to_string(limit / (1024 * 1024)) + " Mo.", "fichier");
  }

  // Sends a refusal before the request's body is read, then closes the connection, dropping what
  // the client still sends for a moment so that it reads the answer.
  Awaitable<void> Send(tcp::socket& socket, Deadline& deadline, Response response) {
    Request none;
    AddSecurityHeaders(none, response);
    response.SetHeader("Cache-Control", "no-store");
    auto answer = ToMessage(response, 11, false);
    error_code error;
    deadline.Arm(options_.write_timeout);
    co_await bhttp::async_write(socket, answer, asio::redirect_error(kAwait, error));
    spdlog::info("{} - - {} (requête refusée)", PeerOf(socket), response.status);
    if (error) co_return;
    socket.shutdown(tcp::socket::shutdown_send, error);
    // What the client still sends is dropped for a moment, so that it reads the answer.
    deadline.Arm(std::chrono::duration_cast<std::chrono::milliseconds>(kDrainTime));
    std::vector<char> sink(16 * 1024);
    size_t drained = 0;
    while (drained < kDrainBytes) {
      size_t bytes = co_await socket.async_read_some(asio::buffer(sink), asio::redirect_error(kAwait, error));
      if (error) break;
      drained += bytes;
    }
    deadline.Disarm();
  }

  const Site& site_;
  ServerOptions options_;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
  WorkerPool general_;
  WorkerPool password_;
  std::mutex clients_mutex_;
  std::unordered_map<std::string, size_t> password_clients_;  // requests in flight per client
  std::optional<tcp::acceptor> acceptor_;
  std::atomic<size_t> next_context_ = 0;
  std::atomic<size_t> connections_ = 0;
  std::atomic<size_t> uploads_ = 0;
  std::atomic<bool> running_ = false;
};

Server::Server(const Site& site, ServerOptions options) : engine_(std::make_unique<Engine>(site, std::move(options))) {}

Server::~Server() = default;

bool Server::Listen() { return engine_->Listen(); }

void Server::Stop() { engine_->Stop(); }

bool Server::IsRunning() const { return engine_->IsRunning(); }

}  // namespace rrma::http
