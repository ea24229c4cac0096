#include "http/router.h"

#include <algorithm>
#include <optional>

#include "http/problem.h"

namespace rrma::http {
namespace {

// The segments of a path or pattern after its leading '/': "/a/b/" gives "a", "b", "".
template <typename Segment>
std::vector<Segment> Split(std::string_view path) {
  std::vector<Segment> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool IsPlaceholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The number of literal segments of the route's pattern matched by the path's segments, or
// nothing if they do not match.
std::optional<int> Match(const Route& route, const std::vector<std::string_view>& path, PathParams* params) {
  if (route.segments.size() != path.size()) return std::nullopt;
  int literals = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (IsPlaceholder(route.segments[i])) {
      if (path[i].empty()) return std::nullopt;
      if (params) params->emplace_back(path[i]);
    } else if (route.segments[i] == path[i]) {
      ++literals;
    } else {
      return std::nullopt;
    }
  }
  return literals;
}

// The route of the given pattern handling the request's method (GET for HEAD), or nullptr.
const Route* RouteFor(const std::vector<Route>& routes, const std::string& pattern, const Request& request) {
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  for (const Route& route : routes) {
    if (route.pattern == pattern && route.method == method) return &route;
  }
  return nullptr;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.segments = Split<std::string>(route.pattern);
  routes_.push_back(std::move(route));
}

void Router::SetLane(std::string_view method, std::string_view pattern, Lane lane) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern == pattern) route.lane = lane;
  }
}

void Router::SetMemoryAnswer(std::string_view method, std::string_view pattern, MemoryHandler from_memory) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern == pattern) route.from_memory = from_memory;
  }
}

void Router::SetBodyLimit(std::string_view method, std::string_view pattern, uint64_t bytes, BodyAdmission admits) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern == pattern) {
      route.body_limit = bytes;
      route.admits_body = admits;
    }
  }
}

uint64_t Router::BodyLimitOf(const Request& request) const {
  const Route* best = BestPattern(request.path);
  if (!best) return 0;
  const Route* route = RouteFor(routes_, best->pattern, request);
  return route ? route->body_limit : 0;
}

bool Router::AdmitsBody(const Request& request, Response& response) const {
  const Route* best = BestPattern(request.path);
  if (!best) return true;
  const Route* route = RouteFor(routes_, best->pattern, request);
  if (!route || !route->admits_body) return true;
  PathParams params;
  Match(*route, Split<std::string_view>(request.path), &params);
  return route->admits_body(request, response, params);
}

const Route* Router::BestPattern(std::string_view path) const {
  // The most specific pattern (most literal segments) that matches the path decides.
  const auto segments = Split<std::string_view>(path);
  const Route* best = nullptr;
  int best_literals = -1;
  for (const Route& route : routes_) {
    auto literals = Match(route, segments, nullptr);
    if (literals && *literals > best_literals) {
      best_literals = *literals;
      best = &route;
    }
  }
  return best;
}

Lane Router::LaneOf(const Request& request) const {
  const Route* best = BestPattern(request.path);
  if (!best) return Lane::kInline;
  const Route* route = RouteFor(routes_, best->pattern, request);
  return route ? route->lane : Lane::kGeneral;
}

bool Router::AnswerFromMemory(const Request& request, Response& response) const {
  const Route* best = BestPattern(request.path);
  if (!best) return false;
  const Route* route = RouteFor(routes_, best->pattern, request);
  if (!route || !route->from_memory) return false;
  PathParams params;
  Match(*route, Split<std::string_view>(request.path), &params);
  return route->from_memory(request, response, params);
}

bool Router::Dispatch(const Request& request, Response& response) const {
  const Route* best = BestPattern(request.path);
  if (!best) return false;
  if (const Route* route = RouteFor(routes_, best->pattern, request)) {
    PathParams params;
    Match(*route, Split<std::string_view>(request.path), &params);
    route->handler(request, response, params);
    return true;
  }
  std::string allow;
  for (const Route& route : routes_) {
    if (route.pattern != best->pattern) continue;
    if (!allow.empty()) allow.append(", ");
    allow.append(route.method);
  }
  response.SetHeader("Allow", allow);
  WriteProblem(response, Status::MethodNotAllowed("La méthode " + request.method +
                                                  " n'est pas autorisée sur cette adresse ; méthodes admises : " +
                                                  allow + "."));
  return true;
}

}  // namespace rrma::http
