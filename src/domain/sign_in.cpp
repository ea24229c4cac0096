#include "domain/sign_in.h"

namespace rrma {

SignInGate DecideSignIn(const SignInFailures& failures) {
  using T = SignInThrottle;
  const bool distributed_guessing = failures.account_addresses >= T::kAccountBrakeAfterAddresses;
  if (failures.account_from_address >= T::kRefuseAfter || failures.from_address >= T::kAddressRefuseAfter ||
      (distributed_guessing && failures.account_from_address > 0)) {
    return SignInGate::kRefuse;
  }
  if (failures.account_from_address >= T::kSlowAfter || failures.from_address >= T::kAddressSlowAfter ||
      failures.account_addresses >= T::kAccountSlowAfterAddresses) {
    return SignInGate::kSlow;
  }
  return SignInGate::kAllow;
}

bool InGoodStanding(const SignInFailures& failures) {
  return failures.account_from_address == 0 && failures.from_address == 0 && failures.account_addresses == 0;
}

SignInFailures AsKnownDevice(const SignInFailures& failures) {
  return {.account_from_address = failures.account_from_address,
          .from_address = failures.account_from_address,
          .account_addresses = failures.account_from_address > 0 ? 1 : 0};
}

SignInGate DecideInvitation(int64_t failures_from_address) {
  return failures_from_address >= InvitationThrottle::kRefuseAfter ? SignInGate::kRefuse : SignInGate::kAllow;
}

}  // namespace rrma
