#include "http/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace rrma::http {
namespace {

Request MakeRequest(const std::string& method, const std::string& path) {
  Request request;
  request.method = method;
  request.path = path;
  return request;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/organisations/{id}", [this](auto&, auto&, const PathParams& params) {
      called_ = "get-one:" + params.at(0);
    });
    router_.Add("POST", "/api/v1/organisations/search", [this](auto&, auto&, const PathParams&) { called_ = "search"; });
    router_.Add("GET", "/api/v1/health", [this](auto&, auto&, const PathParams&) { called_ = "health"; });
  }

  Router router_;
  std::string called_;
};

TEST_F(RouterTest, PassesPlaceholderValuesToTheHandler) {
  Response response;
  EXPECT_TRUE(router_.Dispatch(MakeRequest("GET", "/api/v1/organisations/42"), response));
  EXPECT_EQ(called_, "get-one:42");
}

TEST_F(RouterTest, TheMostSpecificPatternDecides) {
  Response response;
  EXPECT_TRUE(router_.Dispatch(MakeRequest("POST", "/api/v1/organisations/search"), response));
  EXPECT_EQ(called_, "search");
  // GET on the literal "search" path is that resource's wrong method, not an id.
  Response wrong;
  EXPECT_TRUE(router_.Dispatch(MakeRequest("GET", "/api/v1/organisations/search"), wrong));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.HeaderValue("Allow"), "POST");
}

TEST_F(RouterTest, AnotherMethodOnAKnownPathIs405WithAllow) {
  Response response;
  EXPECT_TRUE(router_.Dispatch(MakeRequest("DELETE", "/api/v1/health"), response));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.HeaderValue("Allow"), "GET");
  EXPECT_EQ(response.HeaderValue("Content-Type"), "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(response.body)["status"], 405);
  EXPECT_TRUE(called_.empty());
}

TEST_F(RouterTest, UnknownPathsAreLeftToTheCaller) {
  Response response;
  EXPECT_FALSE(router_.Dispatch(MakeRequest("GET", "/api/v1/nope"), response));
  EXPECT_FALSE(router_.Dispatch(MakeRequest("GET", "/api/v1/organisations/"), response));
  EXPECT_FALSE(router_.Dispatch(MakeRequest("GET", "/api/v1/organisations/1/2"), response));
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  Response response;
  EXPECT_TRUE(router_.Dispatch(MakeRequest("HEAD", "/api/v1/health"), response));
  EXPECT_EQ(called_, "health");
}

TEST_F(RouterTest, RoutesGoToTheirLaneAndPathsNoRouteMatchesAreAnsweredInline) {
  router_.SetLane("POST", "/api/v1/organisations/search", Lane::kPassword);
  EXPECT_EQ(router_.LaneOf(MakeRequest("GET", "/api/v1/health")), Lane::kGeneral);
  EXPECT_EQ(router_.LaneOf(MakeRequest("POST", "/api/v1/organisations/search")), Lane::kPassword);
  EXPECT_EQ(router_.LaneOf(MakeRequest("DELETE", "/api/v1/health")), Lane::kGeneral);  // a 405
  EXPECT_EQ(router_.LaneOf(MakeRequest("GET", "/assets/index.js")), Lane::kInline);
  EXPECT_EQ(router_.LaneOf(MakeRequest("GET", "/api/v1/nope")), Lane::kInline);
}

TEST_F(RouterTest, AnUploadRouteAdmitsALargeBodyFromItsHeadersAndOthersAdmitEveryBody) {
  router_.Add("POST", "/api/v1/files/{id}", [](auto&, auto&, const PathParams&) {});
  router_.SetBodyLimit("POST", "/api/v1/files/{id}", 1 << 20, [](const Request& request, Response& response,
                                                                 const PathParams& params) {
    if (request.HasHeader("Authorization") && params.at(0) == "7") return true;
    response.status = 401;
    return false;
  });
  Request signed_in = MakeRequest("POST", "/api/v1/files/7");
  signed_in.headers.emplace("Authorization", "Bearer x");
  Response response;
  EXPECT_TRUE(router_.AdmitsBody(signed_in, response));
  EXPECT_EQ(router_.BodyLimitOf(signed_in), 1u << 20);
  EXPECT_FALSE(router_.AdmitsBody(MakeRequest("POST", "/api/v1/files/7"), response));
  EXPECT_EQ(response.status, 401);
  Response other;
  EXPECT_TRUE(router_.AdmitsBody(MakeRequest("POST", "/api/v1/organisations/search"), other));
  EXPECT_EQ(router_.BodyLimitOf(MakeRequest("POST", "/api/v1/organisations/search")), 0u);
}

}  // namespace
}  // namespace rrma::http
