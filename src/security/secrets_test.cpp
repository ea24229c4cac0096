#include "security/secrets.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(Secrets, APasswordVerifiesAgainstItsOwnHashOnly) {
  auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash.value().starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(hash.value(), "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(hash.value(), "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery staple"));
}

TEST(Secrets, TheSamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(HashPassword("même mot de passe").value(), HashPassword("même mot de passe").value());
}

TEST(Secrets, TokensAreRandomAndStoredOnlyAsTheirDigest) {
  std::string first = NewApiToken();
  std::string second = NewApiToken();
  EXPECT_NE(first, second);
  EXPECT_TRUE(first.starts_with("rrma_"));
  EXPECT_EQ(first.size(), 5u + 43u);
  EXPECT_EQ(TokenDigest(first), TokenDigest(first));
  EXPECT_NE(TokenDigest(first), TokenDigest(second));
  EXPECT_EQ(TokenDigest(first).size(), 64u);
  EXPECT_EQ(TokenDigest(first).find(first), std::string::npos);
}

}  // namespace
}  // namespace rrma
