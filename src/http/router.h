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

struct Route {
  std::string method;
  std::string pattern;  // OpenAPI-style path, e.g. /api/v1/organisations/{id}
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);

  // Handles the request if its path matches a route; false when no route pattern matches.
  bool Dispatch(const Request& request, Response& response) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rrma::http
