#include "domain/access.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

constexpr int64_t kOwn = 1;
constexpr int64_t kOther = 2;

Account WithRoles(int64_t id, std::vector<RoleGrant> roles) {
  Account account;
  account.id = id;
  account.roles = std::move(roles);
  return account;
}

RoleGrant Grant(Role role, std::optional<int64_t> network) {
  RoleGrant grant;
  grant.role = role;
  grant.network_id = network;
  return grant;
}

TEST(Access, VisibilitiesRoundTripThroughTheirNames) {
  for (Visibility v : {Visibility::kPrivate, Visibility::kNetwork, Visibility::kPublic}) {
    EXPECT_EQ(ParseVisibility(VisibilityName(v)), v);
  }
  EXPECT_FALSE(ParseVisibility("secret"));
}

TEST(Access, StaffWorkInTheirNetworkOnlyAndAdminsEverywhere) {
  Account staff = WithRoles(1, {Grant(Role::kNetworkStaff, kOwn)});
  Account admin = WithRoles(2, {Grant(Role::kAdmin, std::nullopt)});
  Account member = WithRoles(3, {Grant(Role::kMember, kOwn)});
  EXPECT_TRUE(WorksIn(staff, kOwn));
  EXPECT_FALSE(WorksIn(staff, kOther));
  EXPECT_FALSE(Administers(staff, kOwn));
  EXPECT_TRUE(WorksIn(admin, kOther));
  EXPECT_TRUE(Administers(admin, kOther));
  EXPECT_FALSE(WorksIn(member, kOwn));
  EXPECT_FALSE(WorksIn(Account{}, kOwn));
}

TEST(Access, EachRoleReadsTheVisibilitiesTheTenancyTableGivesIt) {
  Account staff = WithRoles(1, {Grant(Role::kNetworkStaff, kOwn)});
  Account network_admin = WithRoles(2, {Grant(Role::kNetworkAdmin, kOwn)});
  const Account member = WithRoles(3, {Grant(Role::kMember, kOwn)});
  Account admin = WithRoles(4, {Grant(Role::kAdmin, std::nullopt)});
  for (const Account* own_team : {&staff, &network_admin}) {
    EXPECT_TRUE(MayRead(*own_team, kOwn, Visibility::kPrivate));
    EXPECT_FALSE(MayRead(*own_team, kOther, Visibility::kPrivate));
    EXPECT_TRUE(MayRead(*own_team, kOther, Visibility::kNetwork));
    EXPECT_TRUE(MayRead(*own_team, kOther, Visibility::kPublic));
  }
  const Account anonymous;
  for (const Account* caller_pointer : {&member, &anonymous}) {
    const Account& caller = *caller_pointer;
    EXPECT_FALSE(MayRead(caller, kOwn, Visibility::kPrivate));
    EXPECT_FALSE(MayRead(caller, kOwn, Visibility::kNetwork));
    EXPECT_TRUE(MayRead(caller, kOwn, Visibility::kPublic));
  }
  EXPECT_TRUE(MayRead(admin, kOther, Visibility::kPrivate));
}

TEST(Access, ANetworkAdminGrantsRolesOnlyInTheirNetworkAndNeverAdmin) {
  Account network_admin = WithRoles(1, {Grant(Role::kNetworkAdmin, kOwn)});
  EXPECT_TRUE(MayGrant(network_admin, Role::kNetworkStaff, kOwn).ok());
  EXPECT_TRUE(MayGrant(network_admin, Role::kNetworkAdmin, kOwn).ok());
  EXPECT_EQ(MayGrant(network_admin, Role::kNetworkStaff, kOther).code(), ErrorCode::kForbidden);
  EXPECT_EQ(MayGrant(network_admin, Role::kAdmin, std::nullopt).code(), ErrorCode::kForbidden);
  Account staff = WithRoles(2, {Grant(Role::kNetworkStaff, kOwn)});
  EXPECT_EQ(MayGrant(staff, Role::kMember, kOwn).code(), ErrorCode::kForbidden);
  EXPECT_TRUE(MayGrant(WithRoles(3, {Grant(Role::kAdmin, std::nullopt)}), Role::kAdmin, std::nullopt).ok());
}

TEST(Access, ANetworkAdminSeesOnlyTheUsersAndRolesOfTheirNetworks) {
  Account network_admin = WithRoles(1, {Grant(Role::kNetworkAdmin, kOwn)});
  Account shared = WithRoles(2, {Grant(Role::kNetworkStaff, kOwn), Grant(Role::kNetworkStaff, kOther)});
  Account foreign = WithRoles(3, {Grant(Role::kNetworkStaff, kOther)});
  EXPECT_TRUE(MaySee(network_admin, shared).ok());
  EXPECT_EQ(MaySee(network_admin, foreign).code(), ErrorCode::kNotFound);
  ASSERT_EQ(VisibleRoles(network_admin, shared).size(), 1u);
  EXPECT_EQ(VisibleRoles(network_admin, shared)[0].network_id, kOwn);
  EXPECT_EQ(MaySee(WithRoles(4, {Grant(Role::kNetworkStaff, kOwn)}), shared).code(), ErrorCode::kNotFound);
}

TEST(Access, DeactivationNeedsAuthorityOverEveryRoleAndNeverTargetsOneself) {
  Account network_admin = WithRoles(1, {Grant(Role::kNetworkAdmin, kOwn)});
  Account own = WithRoles(2, {Grant(Role::kNetworkStaff, kOwn)});
  Account shared = WithRoles(3, {Grant(Role::kNetworkStaff, kOwn), Grant(Role::kNetworkStaff, kOther)});
  EXPECT_TRUE(MayChangeActivation(network_admin, own).ok());
  EXPECT_EQ(MayChangeActivation(network_admin, shared).code(), ErrorCode::kForbidden);
  EXPECT_EQ(MayChangeActivation(network_admin, network_admin).code(), ErrorCode::kForbidden);
  Account admin = WithRoles(4, {Grant(Role::kAdmin, std::nullopt)});
  EXPECT_TRUE(MayChangeActivation(admin, shared).ok());
  EXPECT_EQ(MayChangeActivation(admin, admin).code(), ErrorCode::kForbidden);
}

}  // namespace
}  // namespace rrma
