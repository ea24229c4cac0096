#include "domain/sign_in.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

using T = SignInThrottle;

SignInFailures FromThisAddress(int64_t failures) { return {failures, failures, failures > 0 ? 1 : 0}; }

TEST(SignIn, FailuresOnAnAccountFromAnAddressAreAllowedThenSlowedThenRefused) {
  EXPECT_EQ(DecideSignIn({}), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn(FromThisAddress(T::kSlowAfter - 1)), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn(FromThisAddress(T::kSlowAfter)), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn(FromThisAddress(T::kRefuseAfter - 1)), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn(FromThisAddress(T::kRefuseAfter)), SignInGate::kRefuse);
}

TEST(SignIn, AnAttackerAtOneAddressDoesNotLockTheOwnerOutFromAnother) {
  // Far more failures than refuse the attacker, all from one other address.
  const SignInFailures owner_elsewhere{.account_from_address = 0, .from_address = 0, .account_addresses = 1};
  EXPECT_EQ(DecideSignIn(owner_elsewhere), SignInGate::kAllow);
}

TEST(SignIn, FailuresFromOneAddressThrottleEveryAccountItTriesButLater) {
  EXPECT_EQ(DecideSignIn({.from_address = T::kRefuseAfter}), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn({.from_address = T::kAddressSlowAfter - 1}), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn({.from_address = T::kAddressRefuseAfter - 1}), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn({.from_address = T::kAddressRefuseAfter}), SignInGate::kRefuse);
}

TEST(SignIn, GuessingFromManyAddressesSlowsEveryAttemptOnTheAccount) {
  EXPECT_EQ(DecideSignIn({.account_addresses = T::kAccountSlowAfterAddresses - 1}), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn({.account_addresses = T::kAccountSlowAfterAddresses}), SignInGate::kSlow);
}

TEST(SignIn, UnderDistributedGuessingAnAddressThatFailedOnTheAccountIsRefused) {
  EXPECT_EQ(DecideSignIn({.account_from_address = 1, .from_address = 1, .account_addresses = T::kAccountBrakeAfterAddresses}),
            SignInGate::kRefuse);
  EXPECT_EQ(DecideSignIn({.account_from_address = 1, .from_address = 1, .account_addresses = T::kAccountBrakeAfterAddresses - 1}),
            SignInGate::kSlow);
}

TEST(SignIn, UnderDistributedGuessingAnAddressThatHasNotFailedIsOnlySlowed) {
  EXPECT_EQ(DecideSignIn({.account_addresses = 1000}), SignInGate::kSlow);
  // Not even when it failed on other accounts, within the address's own limits.
  EXPECT_EQ(DecideSignIn({.from_address = T::kAddressSlowAfter - 1, .account_addresses = 1000}), SignInGate::kSlow);
}

TEST(SignIn, TheThresholdsGrowFromOneAccountToOneAddressToTheWholeAccount) {
  EXPECT_LT(T::kSlowAfter, T::kRefuseAfter);
  EXPECT_LE(T::kRefuseAfter, T::kAddressSlowAfter);
  EXPECT_LT(T::kAddressSlowAfter, T::kAddressRefuseAfter);
  EXPECT_LT(T::kAccountSlowAfterAddresses, T::kAccountBrakeAfterAddresses);
}

TEST(SignIn, OnlyAnAttemptWhoseAddressAndAccountHaveNotFailedIsInGoodStanding) {
  EXPECT_TRUE(InGoodStanding({}));
  EXPECT_FALSE(InGoodStanding(FromThisAddress(1)));
  EXPECT_FALSE(InGoodStanding({.from_address = 1}));        // the address failed on another account
  EXPECT_FALSE(InGoodStanding({.account_addresses = 1}));   // the account failed from elsewhere
}

TEST(SignIn, AKnownDeviceIsNeitherSlowedNorDoubtfulWhileOthersGuessTheAccount) {
  const SignInFailures attacked{.account_from_address = 0, .from_address = T::kAddressSlowAfter,
                                .account_addresses = T::kAccountBrakeAfterAddresses};
  EXPECT_EQ(DecideSignIn(attacked), SignInGate::kSlow);
  EXPECT_FALSE(InGoodStanding(attacked));
  EXPECT_EQ(DecideSignIn(AsKnownDevice(attacked)), SignInGate::kAllow);
  EXPECT_TRUE(InGoodStanding(AsKnownDevice(attacked)));
  // Its own failures still count: a known device guessing is slowed, then refused.
  EXPECT_EQ(DecideSignIn(AsKnownDevice(FromThisAddress(T::kRefuseAfter))), SignInGate::kRefuse);
}

TEST(Invitation, AnAddressIsRefusedAfterTooManyBadCodes) {
  EXPECT_EQ(DecideInvitation(0), SignInGate::kAllow);
  EXPECT_EQ(DecideInvitation(InvitationThrottle::kRefuseAfter - 1), SignInGate::kAllow);
  EXPECT_EQ(DecideInvitation(InvitationThrottle::kRefuseAfter), SignInGate::kRefuse);
}

TEST(SignIn, SessionsExpireWhenIdleBeforeTheirAbsoluteEnd) {
  EXPECT_LT(SessionLifetime::kIdle, SessionLifetime::kAbsolute);
}

TEST(SessionLifetime, LastRequestsAreWrittenOftenEnoughForTheIdleLimitButAtMostOnceAMinute) {
  EXPECT_EQ(SessionLifetime{}.seen_resolution(), std::chrono::minutes(1));
  EXPECT_EQ((SessionLifetime{std::chrono::seconds(2), std::chrono::seconds(6)}.seen_resolution()), std::chrono::seconds(1));
  EXPECT_EQ((SessionLifetime{std::chrono::seconds(1), std::chrono::seconds(6)}.seen_resolution()), std::chrono::seconds(1));
}

}  // namespace
}  // namespace rrma
