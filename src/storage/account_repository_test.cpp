#include "storage/account_repository.h"

#include <gtest/gtest.h>

#include "storage/reference_import.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData networks_only;
    networks_only.networks = testing::ReferenceSlice().networks;
    ImportReference(*database_, networks_only, nullptr);
  }
  std::unique_ptr<Database> database_;
};

TEST_F(AccountsTest, CreatesAUserWithARoleInANamedNetwork) {
  AccountRepository accounts(*database_);
  auto created = accounts.CreateUser("chargee@ts.fr", "$argon2id$fake", Role::kNetworkStaff,
                                     std::string("Territoires Solidaires"));
  ASSERT_TRUE(created.ok()) << created.status().detail();
  EXPECT_EQ(created.value().email, "chargee@ts.fr");
  ASSERT_EQ(created.value().roles.size(), 1u);
  EXPECT_EQ(created.value().roles[0].role, Role::kNetworkStaff);
  EXPECT_EQ(created.value().roles[0].network_name, "Territoires Solidaires");
  EXPECT_EQ(accounts.FindByEmail("chargee@ts.fr").value().id, created.value().id);
}

TEST_F(AccountsTest, AnAdminHasNoNetwork) {
  AccountRepository accounts(*database_);
  auto admin = accounts.CreateUser("cirrma@example.fr", "$argon2id$fake", Role::kAdmin, std::nullopt).value();
  EXPECT_FALSE(admin.roles.at(0).network_id);
}

TEST_F(AccountsTest, AnEmailCanOnlyBeTakenOnce) {
  AccountRepository accounts(*database_);
  ASSERT_TRUE(accounts.CreateUser("a@b.fr", "h", Role::kAdmin, std::nullopt).ok());
  EXPECT_EQ(accounts.CreateUser("a@b.fr", "h", Role::kAdmin, std::nullopt).status().code(), ErrorCode::kConflict);
}

TEST_F(AccountsTest, AnUnknownNetworkCreatesNothing) {
  AccountRepository accounts(*database_);
  auto created = accounts.CreateUser("a@b.fr", "h", Role::kNetworkAdmin, std::string("Réseau imaginaire"));
  EXPECT_EQ(created.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindByEmail("a@b.fr").status().code(), ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ATokenFindsItsOwnerUntilRevoked) {
  AccountRepository accounts(*database_);
  int64_t user = accounts.CreateUser("a@b.fr", "h", Role::kAdmin, std::nullopt).value().id;
  ASSERT_TRUE(accounts.CreateToken(user, "script", "digest-1").ok());
  EXPECT_EQ(accounts.FindByTokenDigest("digest-1").value().email, "a@b.fr");
  EXPECT_EQ(accounts.FindByTokenDigest("digest-2").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(accounts.CreateToken(user, "script", "digest-3").status().code(), ErrorCode::kConflict);
  ASSERT_TRUE(accounts.RevokeToken(user, "script").ok());
  EXPECT_EQ(accounts.FindByTokenDigest("digest-1").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(accounts.RevokeToken(user, "script").code(), ErrorCode::kNotFound);
  EXPECT_TRUE(accounts.CreateToken(user, "script", "digest-4").ok());  // the label is free again
}

}  // namespace
}  // namespace rrma
