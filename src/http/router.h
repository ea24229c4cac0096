// Router: the API's routes, matched by path segments ("/api/v1/organisations/{id}"), so that an
// unknown path answers 404 and a known path with another method answers 405 with an Allow header.
// Routes are registered once at start-up, then Dispatch is called concurrently: thread-safe for
// reading after registration.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace rrma::http {

// Values of the {placeholders} of the matched pattern, in order.
using PathParams = std::vector<std::string>;
using Handler = std::function<void(const Request&, Response&, const PathParams&)>;
// Answers from memory alone (a cache), without any blocking work, when it can: true when it wrote
// the answer, false to leave the request to the route's Handler on a worker.
using MemoryHandler = std::function<bool(const Request&, Response&, const PathParams&)>;

// Decides from a request's headers alone (its body not read yet) whether its body may be read:
// true to go on, false with the refusal written (an anonymous upload: 401).
using BodyAdmission = std::function<bool(const Request&, Response&, const PathParams&)>;

// Which pool of worker threads computes a route's answers: password hashing (argon2id, 64 MiB)
// has its own, so that a flood of sign-ins never delays the rest. A request no route matches (a
// file of the web UI, from memory, or a 404) needs no worker: it is answered inline, on the
// connection's I/O thread, so that a flood of such requests takes nothing from the API.
enum class Lane { kGeneral, kPassword, kInline };

struct Route {
  std::string method;
  std::string pattern;  // OpenAPI-style path, e.g. /api/v1/organisations/{id}
  Handler handler;
  Lane lane = Lane::kGeneral;
  MemoryHandler from_memory;          // may be empty
  uint64_t body_limit = 0;            // bytes a request's body may hold; 0: the server's default
  BodyAdmission admits_body;          // for bodies above the server's default; may be empty
  std::vector<std::string> segments;  // of the pattern, split once
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  // Sends the answers of an added route to another lane.
  void SetLane(std::string_view method, std::string_view pattern, Lane lane);
  // Lets an added route answer from memory on the I/O thread before its handler is queued.
  void SetMemoryAnswer(std::string_view method, std::string_view pattern, MemoryHandler from_memory);

  // Lets an added route take bodies larger than the server's default (an upload), from the callers
  // admits lets through, on their headers, before a byte of such a body is read.
  void SetBodyLimit(std::string_view method, std::string_view pattern, uint64_t bytes, BodyAdmission admits);
  // The body limit of the route that would handle the request (its method and path); 0 when it
  // has none of its own.
  uint64_t BodyLimitOf(const Request& request) const;
  // Whether the route that would handle the request (its headers) lets its large body be read;
  // false with the refusal written.
  bool AdmitsBody(const Request& request, Response& response) const;

  // Handles the request if its path matches a route; false when no route pattern matches.
  bool Dispatch(const Request& request, Response& response) const;
  // True when the request's route answered it from memory (Route::from_memory).
  bool AnswerFromMemory(const Request& request, Response& response) const;
  // The lane of the route that would handle the request: kInline when no route pattern matches
  // the path, kGeneral when one does but not for this method (a 405).
  Lane LaneOf(const Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  // The most specific pattern matching the path (the Route holding it), or nullptr.
  const Route* BestPattern(std::string_view path) const;

  std::vector<Route> routes_;
};

}  // namespace rrma::http
