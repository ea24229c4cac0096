#include "domain/account.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(Account, RoleNamesRoundTrip) {
  for (Role role : {Role::kAdmin, Role::kNetworkAdmin, Role::kNetworkStaff, Role::kMember}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_FALSE(ParseRole("superuser"));
  EXPECT_FALSE(ParseRole("Admin"));
}

TEST(Account, EmailIsTrimmedAndLowerCased) {
  EXPECT_EQ(NormaliseEmail("  Chargee@Territoires-Solidaires.FR ").value(), "chargee@territoires-solidaires.fr");
}

TEST(Account, MalformedEmailsAreRefusedNamingTheField) {
  for (const char* email : {"", "sans-arobase", "@domaine.fr", "nom@", "nom@domaine", "a@b@c.fr", "nom @domaine.fr",
                            "nom@domaine.fr.", "nom@.fr"}) {
    auto result = NormaliseEmail(email);
    ASSERT_FALSE(result.ok()) << email;
    EXPECT_EQ(result.status().field_errors().at(0).field, "email") << email;
  }
  EXPECT_FALSE(NormaliseEmail(std::string(250, 'a') + "@b.fr").ok());
  EXPECT_FALSE(NormaliseEmail(std::string("victime@x.fr\0zz", 15)).ok());
  EXPECT_FALSE(NormaliseEmail("nom\x7f@domaine.fr").ok());
}

TEST(Account, PasswordsNeedTwelveBytesAndAtMostOneThousandTwentyFour) {
  EXPECT_FALSE(ValidateNewPassword("court").ok());
  EXPECT_FALSE(ValidateNewPassword("onze-octets").ok());
  EXPECT_TRUE(ValidateNewPassword("douze-octets").ok());
  EXPECT_TRUE(ValidateNewPassword(std::string(1024, 'x')).ok());
  EXPECT_FALSE(ValidateNewPassword(std::string(1025, 'x')).ok());
  EXPECT_FALSE(ValidateNewPassword("mot-de-passe-\xff-invalide").ok());
}

TEST(Account, AdminHasNoNetworkAndEveryOtherRoleHasOne) {
  EXPECT_TRUE(ValidateRoleGrant(Role::kAdmin, false, false).ok());
  EXPECT_FALSE(ValidateRoleGrant(Role::kAdmin, true, false).ok());
  for (Role role : {Role::kNetworkAdmin, Role::kNetworkStaff, Role::kMember}) {
    EXPECT_TRUE(ValidateRoleGrant(role, true, role == Role::kMember).ok());
    EXPECT_EQ(ValidateRoleGrant(role, false, role == Role::kMember).field_errors().at(0).field, "network");
  }
}

TEST(Account, OnlyAMemberBelongsToAnOrganisation) {
  EXPECT_EQ(ValidateRoleGrant(Role::kMember, true, false).field_errors().at(0).field, "organisation");
  EXPECT_EQ(ValidateRoleGrant(Role::kNetworkStaff, true, true).field_errors().at(0).field, "organisation");
  EXPECT_EQ(ValidateRoleGrant(Role::kAdmin, false, true).field_errors().at(0).field, "organisation");
}

}  // namespace
}  // namespace rrma
