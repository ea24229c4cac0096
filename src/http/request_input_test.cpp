#include "http/request_input.h"

#include <gtest/gtest.h>

namespace rrma::http {
namespace {

Request WithParams(std::initializer_list<std::pair<std::string, std::string>> params) {
  Request request;
  for (const auto& [name, value] : params) request.params.emplace(name, value);
  return request;
}

Request WithBody(const std::string& content_type, const std::string& body) {
  Request request;
  if (!content_type.empty()) request.headers.emplace("Content-Type", content_type);
  request.body = body;
  return request;
}

TEST(ParseInteger, AcceptsOnlyWholeDecimalNumbersThatFit) {
  EXPECT_EQ(ParseInteger("42"), 42);
  EXPECT_EQ(ParseInteger("-1"), -1);
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_FALSE(ParseInteger("1.5"));
  EXPECT_FALSE(ParseInteger(" 1"));
  EXPECT_FALSE(ParseInteger("1e3"));
  EXPECT_FALSE(ParseInteger("abc"));
  EXPECT_FALSE(ParseInteger("99999999999999999999"));
}

TEST(ParseId, RefusesZeroNegativesAndText) {
  EXPECT_EQ(ParseId("7").value(), 7);
  for (const char* text : {"0", "-3", "abc", "99999999999999999999", "1;DROP"}) {
    auto id = ParseId(text);
    ASSERT_FALSE(id.ok()) << text;
    EXPECT_EQ(id.status().field_errors().at(0).field, "id");
  }
}

TEST(QueryInput, NamesUnknownAndRepeatedParameters) {
  Request request = WithParams({{"foo", "1"}, {"q", "a"}, {"q", "b"}});
  QueryInput input(request, {"q"});
  auto status = input.errors().ToStatus();
  ASSERT_EQ(status.field_errors().size(), 2u);
  EXPECT_EQ(status.field_errors()[0].field, "foo");
  EXPECT_EQ(status.field_errors()[1].field, "q");
}

TEST(QueryInput, ReadsPagesAndReportsNonNumbers) {
  Request good_request = WithParams({{"page", "3"}, {"per_page", "50"}});
  QueryInput good(good_request, {"page", "per_page"});
  EXPECT_EQ(good.Page().page, 3);
  EXPECT_EQ(good.Page().per_page, 50);
  Request bad_request = WithParams({{"per_page", "ten"}});
  QueryInput bad(bad_request, {"page", "per_page"});
  bad.Page();
  EXPECT_EQ(bad.errors().ToStatus().field_errors().at(0).field, "per_page");
}

TEST(QueryInput, ReadsTrueAndFalseAndNamesAnyOtherValue) {
  Request request = WithParams({{"a", "true"}, {"b", "false"}, {"c", "oui"}});
  QueryInput input(request, {"a", "b", "c", "d"});
  EXPECT_EQ(input.Boolean("a"), true);
  EXPECT_EQ(input.Boolean("b"), false);
  EXPECT_EQ(input.Boolean("d"), std::nullopt);
  EXPECT_TRUE(input.errors().empty());
  EXPECT_EQ(input.Boolean("c"), std::nullopt);
  EXPECT_EQ(input.errors().ToStatus().field_errors().at(0).field, "c");
}

TEST(JsonBodyInput, RequiresTheJsonMediaType) {
  EXPECT_EQ(JsonBodyInput::Parse(WithBody("text/plain", "{}"), {}).status().code(), ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(JsonBodyInput::Parse(WithBody("", "{}"), {}).status().code(), ErrorCode::kUnsupportedMediaType);
  EXPECT_TRUE(JsonBodyInput::Parse(WithBody("Application/JSON; charset=utf-8", "{}"), {}).ok());
}

TEST(JsonBodyInput, RefusesEmptyMalformedAndNonObjectBodies) {
  for (const char* body : {"", "{", "[1,2]", "\"mouans\"", "null", "{\"q\":\"a\"} trailing"}) {
    auto input = JsonBodyInput::Parse(WithBody("application/json", body), {"q"});
    ASSERT_FALSE(input.ok()) << body;
    EXPECT_EQ(input.status().code(), ErrorCode::kInvalid) << body;
    EXPECT_EQ(input.status().field_errors().at(0).field, "body") << body;
  }
}

TEST(JsonBodyInput, NamesUnknownFieldsAndWrongTypes) {
  auto input = JsonBodyInput::Parse(
      WithBody("application/json", R"({"qq":"x","q":5,"per_page":"ten","page":1.5})"), {"q", "page", "per_page"});
  ASSERT_TRUE(input.ok());
  input.value().Text("q");
  input.value().Page();
  Status status = input.value().errors().ToStatus();
  std::vector<std::string> fields;
  for (const auto& error : status.field_errors()) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"qq", "q", "page", "per_page"}));
}

TEST(JsonBodyInput, RefusesIntegersBeyondSixtyFourBits) {
  auto input = JsonBodyInput::Parse(WithBody("application/json", R"({"page":18446744073709551615})"), {"page"});
  ASSERT_TRUE(input.ok());
  EXPECT_FALSE(input.value().Integer("page"));
  EXPECT_FALSE(input.value().errors().empty());
}

TEST(JsonBodyInput, RefusesAKeyRepeatedInOneObjectNamingItsPathAtAnyDepth) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"q":"a","q":"b"})", "q"},
      {R"({"q":"a","page":1,"q":"a"})", "q"},
      {R"({"positions":[{"kind":"elu"},{"kind":"agent","title":"x","kind":"elu"}]})", "positions[1].kind"},
      {R"({"a":{"b":[[1],[{"c":1,"c":{}}]]}})", "a.b[1][0].c"},
      {R"({"q":"a","positions":[{"q":1,"q":2}],"q":"b"})", "positions[0].q"},
  };
  for (const auto& [body, path] : cases) {
    auto input = JsonBodyInput::Parse(WithBody("application/json", body), {"q", "page", "positions", "a"});
    ASSERT_FALSE(input.ok()) << body;
    EXPECT_EQ(input.status().code(), ErrorCode::kInvalid) << body;
    ASSERT_EQ(input.status().field_errors().size(), 1u) << body;
    EXPECT_EQ(input.status().field_errors()[0].field, path) << body;
    EXPECT_EQ(input.status().field_errors()[0].message,
              std::string("Le champ « ") + path + " » apparaît plusieurs fois dans le même objet.")
        << body;
  }
}

TEST(JsonBodyInput, TheSameKeyInSeparateObjectsIsNoRepetition) {
  auto input = JsonBodyInput::Parse(
      WithBody("application/json", R"({"positions":[{"kind":"elu"},{"kind":"agent"}],"kind":{"kind":1}})"),
      {"positions", "kind"});
  ASSERT_TRUE(input.ok()) << input.status().detail();
  EXPECT_TRUE(input.value().errors().empty());
}

TEST(JsonBodyInput, RefusesNestingDeeperThanThirtyTwoLevels) {
  const auto nested = [](int depth) {
    return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  EXPECT_TRUE(JsonBodyInput::Parse(WithBody("application/json", nested(32)), {"a"}).ok());
  auto input = JsonBodyInput::Parse(WithBody("application/json", nested(33)), {"a"});
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().field_errors().at(0).field, "body");
  auto deep = JsonBodyInput::Parse(WithBody("application/json", nested(100000)), {"a"});
  EXPECT_EQ(deep.status().field_errors().at(0).field, "body");
}

}  // namespace
}  // namespace rrma::http
