// Sign-in rules: how long a session lives, and how repeated failed sign-ins are slowed and then
// refused, per account and per network address, without revealing whether an account exists.
// Pure, thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace rrma {

// How long a session lives; the defaults, or what `rrma serve --session-idle/--session-max` says.
struct SessionLifetime {
  static constexpr std::chrono::seconds kIdle{std::chrono::hours(2)};       // without any request
  static constexpr std::chrono::seconds kAbsolute{std::chrono::hours(12)};  // whatever the activity

  std::chrono::seconds idle = kIdle;
  std::chrono::seconds absolute = kAbsolute;

  // How often a session's last request is written down: at most once a minute, so that reads do
  // not all write, and often enough for a short idle limit.
  std::chrono::seconds seen_resolution() const {
    return std::min<std::chrono::seconds>(std::chrono::minutes(1), std::max<std::chrono::seconds>(idle / 2, std::chrono::seconds(1)));
  }
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
