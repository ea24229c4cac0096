#include "http/router.h"

#include <algorithm>
#include <optional>

#include "http/problem.h"

namespace rrma::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool IsPlaceholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The number of literal segments of the pattern matched by path, or nothing if it does not match.
std::optional<int> Match(std::string_view pattern, std::string_view path, PathParams* params) {
  auto pattern_segments = Segments(pattern);
  auto path_segments = Segments(path);
  if (pattern_segments.size() != path_segments.size()) return std::nullopt;
  int literals = 0;
  for (size_t i = 0; i < pattern_segments.size(); ++i) {
    if (IsPlaceholder(pattern_segments[i])) {
      if (path_segments[i].empty()) return std::nullopt;
      if (params) params->emplace_back(path_segments[i]);
    } else if (pattern_segments[i] == path_segments[i]) {
      ++literals;
    } else {
      return std::nullopt;
    }
  }
  return literals;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

void Router::SetLane(std::string_view method, std::string_view pattern, Lane lane) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern == pattern) route.lane = lane;
  }
}

const std::string* Router::BestPattern(std::string_view path) const {
  // The most specific pattern (most literal segments) that matches the path decides.
  const std::string* best_pattern = nullptr;
  int best_literals = -1;
  for (const Route& route : routes_) {
    auto literals = Match(route.pattern, path, nullptr);
    if (literals && *literals > best_literals) {
      best_literals = *literals;
      best_pattern = &route.pattern;
    }
  }
  return best_pattern;
}

Lane Router::LaneOf(const Request& request) const {
  const std::string* pattern = BestPattern(request.path);
  if (!pattern) return Lane::kGeneral;
  for (const Route& route : routes_) {
    if (route.pattern == *pattern && route.method == request.method) return route.lane;
  }
  return Lane::kGeneral;
}

bool Router::Dispatch(const Request& request, Response& response) const {
  const std::string* best_pattern = BestPattern(request.path);
  if (!best_pattern) return false;

  std::string allow;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const Route& route : routes_) {
    if (route.pattern != *best_pattern) continue;
    if (route.method == method) {
      PathParams params;
      Match(route.pattern, request.path, &params);
      route.handler(request, response, params);
      return true;
    }
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
