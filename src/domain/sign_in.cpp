#include "domain/sign_in.h"

namespace rrma {

SignInGate DecideSignIn(int64_t failures_for_account, int64_t failures_for_address) {
  if (failures_for_account >= SignInThrottle::kRefuseAfter ||
      failures_for_address >= SignInThrottle::kAddressRefuseAfter) {
    return SignInGate::kRefuse;
  }
  if (failures_for_account >= SignInThrottle::kSlowAfter || failures_for_address >= SignInThrottle::kAddressSlowAfter) {
    return SignInGate::kSlow;
  }
  return SignInGate::kAllow;
}

}  // namespace rrma
