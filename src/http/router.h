// Router: the API's routes, matched by path segments ("/api/v1/organisations/{id}"), so that an
// unknown path answers 404 and a known path with another method answers 405 with an Allow header.
// Routes are registered once at start-up, then Dispatch is called concurrently: thread-safe for
// reading after registration.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace rrma::http {

// Values of the {placeholders} of the matched pattern, in order.
using PathParams = std::vector<std::string>;
using Handler = std::function<void(const Request&, Response&, const PathParams&)>;

// Which pool of worker threads computes a route's answers: password hashing (argon2id, 64 MiB,
// and the sign-in throttle's waits) has its own, so that a flood of sign-ins never delays the rest.
enum class Lane { kGeneral, kPassword };

struct Route {
  std::string method;
  std::string pattern;  // OpenAPI-style path, e.g. /api/v1/organisations/{id}
  Handler handler;
  Lane lane = Lane::kGeneral;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  // Sends the answers of an added route to another lane.
  void SetLane(std::string_view method, std::string_view pattern, Lane lane);

  // Handles the request if its path matches a route; false when no route pattern matches.
  bool Dispatch(const Request& request, Response& response) const;
  // The lane of the route that would handle the request (kGeneral when none would).
  Lane LaneOf(const Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  const std::string* BestPattern(std::string_view path) const;

  std::vector<Route> routes_;
};

}  // namespace rrma::http
