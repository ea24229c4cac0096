#include "domain/sign_in.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(SignIn, FirstFailuresAreAllowedThenSlowedThenRefused) {
  EXPECT_EQ(DecideSignIn(0, 0), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn(SignInThrottle::kSlowAfter - 1, 0), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn(SignInThrottle::kSlowAfter, 0), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn(SignInThrottle::kRefuseAfter, 0), SignInGate::kRefuse);
}

TEST(SignIn, FailuresFromOneAddressThrottleEveryAccountItTriesButLater) {
  EXPECT_EQ(DecideSignIn(0, SignInThrottle::kRefuseAfter), SignInGate::kSlow);
  EXPECT_EQ(DecideSignIn(0, SignInThrottle::kAddressSlowAfter - 1), SignInGate::kAllow);
  EXPECT_EQ(DecideSignIn(0, SignInThrottle::kAddressRefuseAfter), SignInGate::kRefuse);
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
