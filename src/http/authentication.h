// Who is calling: an API token ("Authorization: Bearer TOKEN") or a browser session (the
// rrma_session cookie). Writes made with a session must also carry its CSRF token in the
// X-CSRF-Token header. Expected failures are Status values: Unauthenticated (401) and, for a
// missing or wrong CSRF token, Forbidden (403). Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "http/message.h"

#include "domain/account.h"
#include "storage/account_repository.h"

namespace rrma::http {

inline constexpr std::string_view kSessionCookie = "rrma_session";
// Given at each successful sign-in, sent back only to /api/v1/session: the browser that signed in
// to an account before (domain/sign_in.h, AsKnownDevice).
inline constexpr std::string_view kDeviceCookie = "rrma_appareil";

struct Caller {
  Account account;
  bool by_session = false;
  std::string session_digest;  // when by_session
  std::string csrf_token;      // when by_session
};

Result<Caller> Authenticate(const Request& request, AccountRepository& accounts, int64_t now);

// Ok for token callers; for session callers, Ok only when X-CSRF-Token matches the session's.
Status CheckCsrf(const Request& request, const Caller& caller);

// The caller of a route anonymous visitors may use too: the anonymous Account (id 0, no roles)
// when no credentials are sent; Unauthenticated when credentials are sent but not valid.
Result<Account> CallerOrAnonymous(const Request& request, AccountRepository& accounts, int64_t now);

// The caller of a state-changing route: authenticated and, with a session, carrying its CSRF token.
Result<Caller> AuthenticateWrite(const Request& request, AccountRepository& accounts, int64_t now);

// The value of a cookie of the request; empty when absent or sent more than once.
std::string CookieValue(const Request& request, std::string_view name);

}  // namespace rrma::http
