// The OpenAPI document is written by hand; these tests keep it and the registered routes equal.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "http/api.h"

namespace rrma::http {
namespace {

constexpr std::string_view kPrefix = "/api/v1";

std::set<std::pair<std::string, std::string>> RegisteredRoutes() {
  auto path = std::filesystem::temp_directory_path() / "rrma-openapi-test.db";
  auto url = DatabaseUrl::Parse("sqlite:" + path.string());
  Database database(url.value(), 1);
  ApiServices services{database, "test", "", {}};
  Router router;
  RegisterApi(router, services);
  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& route : router.routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    routes.insert({method, route.pattern.substr(kPrefix.size())});
  }
  return routes;
}

std::set<std::pair<std::string, std::string>> DocumentedRoutes() {
  auto document = nlohmann::json::parse(OpenApiDocument());
  std::set<std::pair<std::string, std::string>> routes;
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) routes.insert({method, path});
  }
  return routes;
}

TEST(OpenApi, EveryRegisteredRouteIsDocumented) {
  auto documented = DocumentedRoutes();
  for (const auto& route : RegisteredRoutes()) {
    EXPECT_TRUE(documented.count(route)) << route.first << " " << route.second << " is missing from openapi.json";
  }
}

TEST(OpenApi, EveryDocumentedRouteExists) {
  auto registered = RegisteredRoutes();
  for (const auto& route : DocumentedRoutes()) {
    EXPECT_TRUE(registered.count(route)) << route.first << " " << route.second << " is documented but not served";
  }
}

TEST(OpenApi, TheDocumentIsOpenApi31WithEveryReferenceResolved) {
  auto document = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  std::function<void(const nlohmann::json&)> check = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      if (auto ref = node.find("$ref"); ref != node.end()) {
        std::string pointer = ref->get<std::string>().substr(1);
        EXPECT_TRUE(document.contains(nlohmann::json::json_pointer(pointer))) << *ref;
      }
      for (const auto& [key, value] : node.items()) check(value);
    } else if (node.is_array()) {
      for (const auto& value : node) check(value);
    }
  };
  check(document);
}

}  // namespace
}  // namespace rrma::http
