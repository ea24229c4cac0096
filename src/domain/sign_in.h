// Sign-in rules: how long a session lives, and how repeated failed sign-ins are slowed and then
// refused, per (account, address), per address and per account, without revealing whether an
// account exists; and when attempts to use invitation links are refused. Pure, thread-safe.
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

// Failed sign-ins recorded in the window before an attempt, as the throttle reads them.
struct SignInFailures {
  int64_t account_from_address = 0;  // on the attempt's account, from the attempt's address
  int64_t from_address = 0;          // on any account, from the attempt's address
  int64_t account_addresses = 0;     // distinct addresses that failed on the attempt's account
};

// Failures counted over a sliding window. Guessing one account's password from one address is
// slowed, then refused, for that address only: the owner elsewhere is not locked out. An address
// is allowed more failures over all accounts than on one: a whole office may sign in from it.
// Guessing spread over many addresses brakes the whole account: every attempt on it waits, and the
// addresses that already failed on it are refused, while an address that has not may still try.
struct SignInThrottle {
  static constexpr std::chrono::seconds kWindow{std::chrono::minutes(15)};
  static constexpr int kSlowAfter = 3;                  // failures of the account from the address
  static constexpr int kRefuseAfter = 10;
  static constexpr int kAddressSlowAfter = 10;          // failures from the address, any account
  static constexpr int kAddressRefuseAfter = 50;
  static constexpr int kAccountSlowAfterAddresses = 5;  // addresses that failed on the account
  static constexpr int kAccountBrakeAfterAddresses = 10;
  static constexpr std::chrono::milliseconds kDelay{1000};
};

enum class SignInGate { kAllow, kSlow, kRefuse };

// What to do with an attempt, given the failures recorded before it (the strictest rule decides).
// A slowed attempt is answered kDelay late, its password checked meanwhile.
SignInGate DecideSignIn(const SignInFailures& failures);

// True when neither the attempt's address nor its account failed in the window: its password
// check goes before those of doubtful attempts (a flood of guesses delays only itself).
bool InGoodStanding(const SignInFailures& failures);

// The failures that count against an attempt from a device (a browser, by its cookie) that signed
// in to the account before: only its own on the account from its address. Guessing from other
// addresses, or other accounts' failures behind the same address, neither slow it nor make it
// doubtful: the owner keeps their place while their account is attacked.
SignInFailures AsKnownDevice(const SignInFailures& failures);

// Choosing a password with an invitation link: the code is checked before any argon2id work, and
// an address that presented too many unknown codes is refused for a while.
struct InvitationThrottle {
  static constexpr std::chrono::seconds kWindow{std::chrono::minutes(15)};
  static constexpr int kRefuseAfter = 50;  // unknown, used or expired codes from the address
};

// kAllow, or kRefuse once the address presented kRefuseAfter bad codes in the window.
SignInGate DecideInvitation(int64_t failures_from_address);

}  // namespace rrma
