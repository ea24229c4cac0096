#include "storage/account_repository.h"

#include "domain/sign_in.h"

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

namespace rrma {
namespace {


TEST_F(AccountsTest, ASessionLivesUntilIdleOrAbsoluteEndOrSignOut) {
  AccountRepository accounts(*database_);
  int64_t user = accounts.CreateUser("a@b.fr", "h", Role::kAdmin, std::nullopt).value().id;
  const int64_t t0 = 1'800'000'000;
  accounts.CreateSession(user, "s1", "csrf-1", t0);
  auto live = accounts.TouchSession("s1", t0 + 60);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live.value().first.email, "a@b.fr");
  EXPECT_EQ(live.value().second, "csrf-1");
  // idle for longer than allowed since it was last seen
  EXPECT_EQ(accounts.TouchSession("s1", t0 + 60 + SessionLifetime::kIdle.count() + 1).status().code(),
            ErrorCode::kNotFound);
  EXPECT_FALSE(accounts.TouchSession("s1", t0 + 120).ok());  // ended for good

  accounts.CreateSession(user, "s2", "csrf-2", t0);
  for (int64_t t = t0; t < t0 + SessionLifetime::kAbsolute.count(); t += 3600) ASSERT_TRUE(accounts.TouchSession("s2", t).ok());
  EXPECT_FALSE(accounts.TouchSession("s2", t0 + SessionLifetime::kAbsolute.count() + 1).ok());

  accounts.CreateSession(user, "s3", "csrf-3", t0);
  accounts.EndSession("s3", t0 + 1);
  EXPECT_FALSE(accounts.TouchSession("s3", t0 + 2).ok());
}

TEST_F(AccountsTest, ChangingThePasswordEndsEveryOtherSession) {
  AccountRepository accounts(*database_);
  int64_t user = accounts.CreateUser("a@b.fr", "old", Role::kAdmin, std::nullopt).value().id;
  const int64_t t0 = 1'800'000'000;
  accounts.CreateSession(user, "here", "c1", t0);
  accounts.CreateSession(user, "elsewhere", "c2", t0);
  accounts.ChangePassword(user, "new", "here", t0 + 10);
  EXPECT_EQ(accounts.FindCredentials("a@b.fr").value().second, "new");
  EXPECT_TRUE(accounts.TouchSession("here", t0 + 20).ok());
  EXPECT_FALSE(accounts.TouchSession("elsewhere", t0 + 20).ok());
}

TEST_F(AccountsTest, SignInFailuresAreCountedPerAccountAndAddressPerAddressAndByDistinctAddresses) {
  AccountRepository accounts(*database_);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 100, 0);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 110, 0);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.2", 120, 0);
  accounts.RecordSignInAttempt("c@d.fr", "192.0.2.1", 130, 0);
  const int64_t attempt = accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 140, 0);
  const SignInFailures failures = accounts.CountSignInFailures("a@b.fr", "192.0.2.1", 0, attempt);
  EXPECT_EQ(failures.account_from_address, 2);  // the attempt itself is not counted
  EXPECT_EQ(failures.from_address, 3);
  EXPECT_EQ(failures.account_addresses, 2);
  const SignInFailures elsewhere = accounts.CountSignInFailures("a@b.fr", "192.0.2.9", 0, 0);
  EXPECT_EQ(elsewhere.account_from_address, 0);
  EXPECT_EQ(elsewhere.from_address, 0);
  EXPECT_EQ(elsewhere.account_addresses, 2);
}

TEST_F(AccountsTest, SignInFailuresAreCountedWithinTheWindowAndOlderOnesDropped) {
  AccountRepository accounts(*database_);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 100, 0);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 200, 0);
  EXPECT_EQ(accounts.CountSignInFailures("a@b.fr", "192.0.2.1", 150, 0).account_from_address, 1);
  accounts.RecordSignInAttempt("e@f.fr", "192.0.2.5", 300, 250);  // drops every failure older than 250
  EXPECT_EQ(accounts.CountSignInFailures("a@b.fr", "192.0.2.1", 0, 0).account_from_address, 0);
}

TEST_F(AccountsTest, ASuccessfulSignInClearsOnlyTheFailuresOfItsAccountFromItsAddress) {
  AccountRepository accounts(*database_);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 100, 0);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.2", 100, 0);
  accounts.RecordSignInAttempt("c@d.fr", "192.0.2.1", 100, 0);
  const int64_t forgotten = accounts.RecordSignInAttempt("a@b.fr", "192.0.2.2", 100, 0);
  accounts.ForgetFailure(forgotten);
  EXPECT_EQ(accounts.CountSignInFailures("a@b.fr", "192.0.2.2", 0, 0).account_from_address, 1);
  accounts.ClearSignInFailures("a@b.fr", "192.0.2.1");
  const SignInFailures after = accounts.CountSignInFailures("a@b.fr", "192.0.2.1", 0, 0);
  EXPECT_EQ(after.account_from_address, 0);
  EXPECT_EQ(after.from_address, 1);       // c@d.fr's failure from the same address stays
  EXPECT_EQ(after.account_addresses, 1);  // and the other address's failure on the account
}

TEST_F(AccountsTest, InvitationFailuresAreCountedPerAddressApartFromSignIns) {
  AccountRepository accounts(*database_);
  accounts.RecordInvitationAttempt("192.0.2.1", 100, 0);
  accounts.RecordInvitationAttempt("192.0.2.1", 200, 0);
  accounts.RecordInvitationAttempt("192.0.2.2", 200, 0);
  accounts.RecordSignInAttempt("a@b.fr", "192.0.2.1", 200, 0);
  EXPECT_EQ(accounts.CountInvitationFailures("192.0.2.1", 0, 0), 2);
  EXPECT_EQ(accounts.CountInvitationFailures("192.0.2.1", 150, 0), 1);
  EXPECT_EQ(accounts.CountSignInFailures("a@b.fr", "192.0.2.1", 0, 0).from_address, 1);
}

TEST_F(AccountsTest, AnInvitationAttemptIsCountedBeforeItsCheckAndForgottenWhenTheCodeIsValid) {
  AccountRepository accounts(*database_);
  accounts.RecordInvitationAttempt("192.0.2.1", 100, 0);
  const int64_t attempt = accounts.RecordInvitationAttempt("192.0.2.1", 100, 0);
  EXPECT_EQ(accounts.CountInvitationFailures("192.0.2.1", 0, attempt), 1);  // but for itself
  EXPECT_EQ(accounts.CountInvitationFailures("192.0.2.1", 0, 0), 2);        // as others see it
  accounts.ForgetFailure(attempt);
  EXPECT_EQ(accounts.CountInvitationFailures("192.0.2.1", 0, 0), 1);
}

TEST_F(AccountsTest, ADeviceIsKnownToTheAccountItSignedInToAndOnlyTheNewestAreKept) {
  AccountRepository accounts(*database_);
  const int64_t user = accounts.CreateUser("a@b.fr", "$argon2id$hash", Role::kAdmin, std::nullopt).value().id;
  accounts.CreateUser("c@d.fr", "$argon2id$hash", Role::kAdmin, std::nullopt);
  accounts.RememberDevice(user, "digest-0", 100);
  EXPECT_TRUE(accounts.IsKnownDevice("a@b.fr", "digest-0"));
  EXPECT_FALSE(accounts.IsKnownDevice("c@d.fr", "digest-0"));  // another account's device
  EXPECT_FALSE(accounts.IsKnownDevice("a@b.fr", "digest-x"));
  for (int i = 1; i <= AccountRepository::kKnownDevicesKept; ++i) {
    accounts.RememberDevice(user, "digest-" + std::to_string(i), 100 + i);
  }
  EXPECT_FALSE(accounts.IsKnownDevice("a@b.fr", "digest-0"));  // the oldest went
  EXPECT_TRUE(accounts.IsKnownDevice("a@b.fr", "digest-1"));
  EXPECT_TRUE(accounts.IsKnownDevice("a@b.fr", "digest-" + std::to_string(AccountRepository::kKnownDevicesKept)));
}

TEST_F(AccountsTest, CredentialsAreFoundForActiveAccountsOnly) {
  AccountRepository accounts(*database_);
  int64_t user = accounts.CreateUser("a@b.fr", "$argon2id$hash", Role::kAdmin, std::nullopt).value().id;
  auto credentials = accounts.FindCredentials("a@b.fr");
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials.value().first, user);
  EXPECT_EQ(credentials.value().second, "$argon2id$hash");
  EXPECT_EQ(accounts.FindCredentials("x@b.fr").status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rrma
