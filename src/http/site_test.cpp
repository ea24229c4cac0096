#include "http/site.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/problem.h"

namespace rrma::http {
namespace {

Request Get(const std::string& path) {
  Request request;
  request.method = "GET";
  request.path = path;
  return request;
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/health", [](const Request&, Response& response, const PathParams&) {
      response.SetContent("{}", "application/json");
    });
    router_.Add("GET", "/api/v1/cached", [](const Request&, Response& response, const PathParams&) {
      response.SetHeader("Cache-Control", "max-age=60");
      response.SetContent("{}", "application/json");
    });
    router_.Add("GET", "/api/v1/broken", [](const Request&, Response&, const PathParams&) {
      throw std::runtime_error("bug");
    });
  }

  Router router_;
};

TEST_F(SiteTest, ApiAnswersAreNotStoredUnlessTheHandlerSaysSo) {
  Site site(router_, {});
  EXPECT_EQ(site.Answer(Get("/api/v1/health")).HeaderValue("Cache-Control"), "no-store");
  EXPECT_EQ(site.Answer(Get("/api/v1/cached")).HeaderValue("Cache-Control"), "max-age=60");
  EXPECT_EQ(site.Answer(Get("/api/v1/nope")).HeaderValue("Cache-Control"), "no-store");
}

TEST_F(SiteTest, EveryAnswerCarriesNosniffAndASameOriginReferrerPolicy) {
  Site site(router_, {});
  for (const char* path : {"/api/v1/health", "/api/v1/nope", "/anything"}) {
    Response response = site.Answer(Get(path));
    EXPECT_EQ(response.HeaderValue("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(response.HeaderValue("Referrer-Policy"), "same-origin") << path;
    EXPECT_EQ(response.HeaderValue("Content-Security-Policy"), "") << path << " is not HTML";
  }
}

TEST_F(SiteTest, HtmlAnswersCarryAStrictContentSecurityPolicy) {
  Request request = Get("/");
  Response response;
  response.SetContent("<!doctype html>", "text/html; charset=utf-8");
  AddSecurityHeaders(request, response);
  const std::string policy = response.HeaderValue("Content-Security-Policy");
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
}

TEST_F(SiteTest, AHandlerThatThrowsAnswersA500ProblemAndTheSiteGoesOn) {
  Site site(router_, {});
  Response response = site.Answer(Get("/api/v1/broken"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.HeaderValue("Content-Type"), "application/problem+json");
  EXPECT_EQ(site.Answer(Get("/api/v1/health")).status, 200);
}

TEST_F(SiteTest, WithoutABuiltUiAClientRouteIsNotFound) {
  Site site(router_, {});
  EXPECT_EQ(site.Answer(Get("/organisations/12")).status, 404);
}

}  // namespace
}  // namespace rrma::http
