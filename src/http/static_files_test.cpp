#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rrma::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("rrma-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "dist" / "assets");
    Write(base_ / "dist" / "index.html", "<!doctype html><title>rrma</title>");
    Write(base_ / "dist" / "assets" / "index-abc123.js", "console.log(1)");
    Write(base_ / "secret.txt", "root:x:0:0");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  static Request Get(const std::string& path) {
    Request request;
    request.method = "GET";
    request.path = path;
    return request;
  }

  fs::path base_;
};

TEST_F(StaticFilesTest, ServesAHashedAssetCachedForAYearWithAnETag) {
  StaticFiles files(base_ / "dist");
  auto response = files.Serve(Get("/assets/index-abc123.js"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "console.log(1)");
  EXPECT_EQ(response->HeaderValue("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response->HeaderValue("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(response->HeaderValue("ETag").size(), 34u);
}

TEST_F(StaticFilesTest, RevalidatesIndexAndAnswers304ToItsETag) {
  StaticFiles files(base_ / "dist");
  auto first = files.ServeIndex(Get("/organisations/12"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->HeaderValue("Cache-Control"), "no-cache");
  Request again = Get("/organisations/12");
  again.headers.emplace("If-None-Match", "\"other\", " + first->HeaderValue("ETag"));
  auto second = files.ServeIndex(again);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(StaticFilesTest, ServesTheNewContentOnceAFileChanges) {
  StaticFiles files(base_ / "dist");
  auto before = files.ServeIndex(Get("/"));
  ASSERT_TRUE(before);
  Write(base_ / "dist" / "index.html", "<!doctype html><title>rrma, nouvelle version</title>");
  auto after = files.ServeIndex(Get("/"));
  ASSERT_TRUE(after);
  EXPECT_NE(after->body, before->body);
  EXPECT_NE(after->HeaderValue("ETag"), before->HeaderValue("ETag"));
}

TEST_F(StaticFilesTest, FindsNothingOutsideTheRoot) {
  StaticFiles files(base_ / "dist");
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/./index.html", "/.hidden", "//etc/passwd",
                           "/assets\\..\\..\\secret.txt", "/nope.js"}) {
    EXPECT_FALSE(files.Serve(Get(path))) << path;
  }
}

TEST_F(StaticFilesTest, DoesNotFollowASymbolicLinkOutOfTheRoot) {
  fs::create_symlink(base_ / "secret.txt", base_ / "dist" / "leak.txt");
  StaticFiles files(base_ / "dist");
  EXPECT_FALSE(files.Serve(Get("/leak.txt")));
}

TEST_F(StaticFilesTest, ServesNothingWithoutABuiltUi) {
  fs::remove(base_ / "dist" / "index.html");
  StaticFiles files(base_ / "dist");
  EXPECT_FALSE(files.enabled());
  EXPECT_FALSE(files.Serve(Get("/assets/index-abc123.js")));
  EXPECT_FALSE(files.ServeIndex(Get("/")));
}

TEST(PlainPath, AVeryLongOrDeepPathIsNotLookedFor) {
  EXPECT_FALSE(IsPlainPath("/" + std::string(kMaxPlainPathBytes, 'a')));
  std::string deep;
  for (size_t i = 0; i <= kMaxPlainPathSegments; ++i) deep += "/a";
  EXPECT_FALSE(IsPlainPath(deep));
  EXPECT_TRUE(IsPlainPath("/assets/index-B6tCWetC.js"));
}

TEST(PlainPath, AcceptsNamesAndATrailingSlashOnly) {
  EXPECT_TRUE(IsPlainPath("/"));
  EXPECT_TRUE(IsPlainPath("/organisations/12"));
  EXPECT_TRUE(IsPlainPath("/organisations/"));
  EXPECT_FALSE(IsPlainPath("/a//b"));
  EXPECT_FALSE(IsPlainPath("/a/../b"));
  EXPECT_FALSE(IsPlainPath(std::string_view("/a\0b", 4)));
  EXPECT_FALSE(IsPlainPath("relative"));
}

}  // namespace
}  // namespace rrma::http
