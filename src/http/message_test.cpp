#include "http/message.h"

#include <gtest/gtest.h>

namespace rrma::http {
namespace {

TEST(Query, DecodesPercentEscapesAndPlusAsSpace) {
  QueryParams params;
  ASSERT_TRUE(ParseQuery("q=saint+%C3%A9tienne&page=2", params));
  EXPECT_EQ(params.find("q")->second, "saint étienne");
  EXPECT_EQ(params.find("page")->second, "2");
}

TEST(Query, KeepsUnencodedQuestionMarksAndSlashesInValues) {
  QueryParams params;
  ASSERT_TRUE(ParseQuery("retour=/organisations?q=mouans", params));
  EXPECT_EQ(params.find("retour")->second, "/organisations?q=mouans");
}

TEST(Query, KeepsRepeatedNamesAndNamesWithoutValues) {
  QueryParams params;
  ASSERT_TRUE(ParseQuery("a=1&a=2&flag&&b=", params));
  EXPECT_EQ(params.count("a"), 2u);
  EXPECT_EQ(params.find("flag")->second, "");
  EXPECT_EQ(params.find("b")->second, "");
  EXPECT_EQ(params.size(), 4u);
}

TEST(Query, RefusesMalformedEscapes) {
  for (const char* query : {"q=%zz", "q=%4", "q=%", "%g1=x"}) {
    QueryParams params;
    EXPECT_FALSE(ParseQuery(query, params)) << query;
  }
}

TEST(PercentDecoding, LeavesPlusAloneInPaths) {
  std::string out;
  ASSERT_TRUE(PercentDecode("/a+b/%2e%2E", out, false));
  EXPECT_EQ(out, "/a+b/..");
}

TEST(Log, ControlCharactersOfAPathCannotForgeALogLine) {
  EXPECT_EQ(Loggable("/api/v1/x\n2026 error GET /x\r"), "/api/v1/x\\x0a2026 error GET /x\\x0d");
  EXPECT_EQ(Loggable("/a\\b\x1b[31m"), "/a\\x5cb\\x1b[31m");
  EXPECT_EQ(Loggable("/organisations/Saint-Étienne"), "/organisations/Saint-Étienne");
  EXPECT_EQ(Loggable("/x\xC2\x85y\xC2\x9B" "31m"), "/x\\xc2\\x85y\\xc2\\x9b31m");  // C1 controls
  EXPECT_EQ(Loggable("/a\xE2\x80\xA8" "b"), "/a\\xe2\\x80\\xa8b");                   // U+2028
  EXPECT_EQ(Loggable("/\xFFz\xC3"), "/\\xffz\\xc3");                                // not UTF-8
  EXPECT_EQ(Loggable("/\xF0\x9F\x99\x82"), "/\xF0\x9F\x99\x82");                   // an emoji stays
  const std::string long_path = "/" + std::string(2000, 'a');
  EXPECT_EQ(Loggable(long_path), long_path.substr(0, 512) + "…");
}

TEST(Headers, AreFoundWhateverTheCaseOfTheirNames) {
  Request request;
  request.headers.emplace("X-Forwarded-For", "1.1.1.1");
  request.headers.emplace("x-forwarded-for", "2.2.2.2");
  EXPECT_EQ(request.HeaderCount("X-FORWARDED-FOR"), 2u);
  EXPECT_EQ(request.HeaderValue("x-forwarded-for", 0), "1.1.1.1");
  EXPECT_EQ(request.HeaderValue("x-forwarded-for", 1), "2.2.2.2");
  EXPECT_EQ(request.HeaderValue("x-forwarded-for", 2), "");
  EXPECT_TRUE(request.HasHeader("X-FORWARDED-for"));
  EXPECT_FALSE(request.HasHeader("Cookie"));
}

TEST(Headers, ASetHeaderReplacesItsNamesakeButCookiesAccumulate) {
  Response response;
  response.SetHeader("Cache-Control", "no-cache");
  response.SetHeader("cache-control", "no-store");
  response.SetHeader("Set-Cookie", "a=1");
  response.SetHeader("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.count("Cache-Control"), 1u);
  EXPECT_EQ(response.HeaderValue("CACHE-CONTROL"), "no-store");
  EXPECT_EQ(response.headers.count("set-cookie"), 2u);
}

TEST(Response, SetContentSetsBodyAndType) {
  Response response;
  response.SetContent("{}", "application/json");
  EXPECT_EQ(response.body, "{}");
  EXPECT_EQ(response.HeaderValue("Content-Type"), "application/json");
}

}  // namespace
}  // namespace rrma::http
