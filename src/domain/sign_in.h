// Sign-in rules: how long a session lives, and how repeated failed sign-ins are slowed and then
// refused, per account and per network address, without revealing whether an account exists.
// Pure, thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace rrma {

struct SessionLifetime {
  static constexpr std::chrono::seconds kIdle{std::chrono::hours(2)};       // without any request
  static constexpr std::chrono::seconds kAbsolute{std::chrono::hours(12)};  // whatever the activity
};

// Failures counted over a sliding window. An address is allowed more failures than an account:
// a whole office may sign in from one address.
struct SignInThrottle {
  static constexpr std::chrono::seconds kWindow{std::chrono::minutes(15)};
  static constexpr int kSlowAfter = 3;            // account failures before each attempt waits
  static constexpr int kRefuseAfter = 10;         // account failures before attempts are refused
  static constexpr int kAddressSlowAfter = 10;    // the same, for an address
  static constexpr int kAddressRefuseAfter = 50;
  static constexpr std::chrono::milliseconds kDelay{1000};
};

enum class SignInGate { kAllow, kSlow, kRefuse };

// What to do with an attempt, given the failures recorded in the window for its account and for
// its address (the larger decides).
SignInGate DecideSignIn(int64_t failures_for_account, int64_t failures_for_address);

}  // namespace rrma
