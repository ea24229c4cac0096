// Sign-in and sign-out of the web UI: POST /api/v1/session checks email and password (slowed,
// then refused after repeated failures as domain/sign_in.h rules, with the same answer whether or
// not the account exists; verifications take turns in PasswordWork) and sets a new HttpOnly,
// SameSite=Strict session cookie; DELETE /api/v1/session ends the session (CSRF token required);
// GET /api/v1/session tells anyone whether they are signed in, without a 401.
#include <chrono>
#include <ctime>

#include "domain/sign_in.h"
#include "http/authentication.h"
#include "http/forwarding.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "security/secrets.h"
#include "storage/audit_repository.h"

namespace rrma::http {
namespace {

const char* const kWrongCredentials = "Adresse électronique ou mot de passe incorrect.";

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

// Compared against when the account does not exist, so that both cases cost the same time. Built
// when the routes are registered; should that fail, a fixed hash with the same parameters serves.
const std::string& DecoyHash() {
  static const std::string kHash = [] {
    auto hash = HashPassword(NewSecret());
    return hash.ok() ? hash.value()
                     : std::string("$argon2id$v=19$m=65536,t=2,p=1$c2VsZGVsYWR1cmFuY2U$"
                                   "0bVk2SOoQ7BCbN2MkzqcBn8gJWyIWvgmtq5kI9T8Gl8");
  }();
  return kHash;
}

// The session cookie; Secure when the client reached the trusted proxy over TLS.
std::string SessionCookie(bool secure, const std::string& value, int64_t max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(max_age);
  if (secure) cookie += "; Secure";
  return cookie;
}

// The device cookie: a year, sent back only with sign-ins.
std::string DeviceCookie(bool secure, const std::string& value) {
  std::string cookie = std::string(kDeviceCookie) + "=" + value +
                       "; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=31536000";
  if (secure) cookie += "; Secure";
  return cookie;
}

// A device cookie longer than this is no cookie of ours (NewSecret() gives 43 characters).
constexpr size_t kMaxCookieValue = 64;

// An entry of the user's history for a sign-in or sign-out, made by the user.
AuditEntry SessionEntry(int64_t user_id, const std::string& email, const char* action) {
  AuditEntry entry;
  entry.actor_id = user_id;
  entry.actor_email = email;
  entry.action = action;
  entry.record_type = "user";
  entry.record_id = user_id;
  return entry;
}

// What sign-in and sign-out need of the server's configuration.
struct SessionSettings {
  std::string trusted_proxy;
  SessionLifetime lifetime;
};

void SignIn(const Request& request, Response& response, AccountRepository& accounts,
            AuditRepository& audit, const SessionSettings& settings) {
  const std::string& trusted_proxy = settings.trusted_proxy;
  auto input = JsonBodyInput::Parse(request, {"email", "password"});
  if (!input.ok()) return WriteProblem(response, input.status());
  QueryInput query(request, {});
  if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
  auto email_text = input.value().Text("email");
  auto password = input.value().Text("password");
  if (!email_text) input.value().errors().Add("email", "L'adresse électronique est obligatoire.");
  if (!password) input.value().errors().Add("password", "Le mot de passe est obligatoire.");
  if (!input.value().errors().empty()) return WriteProblem(response, input.value().errors().ToStatus());
  auto email = NormaliseEmail(*email_text);
  if (!email.ok()) return WriteProblem(response, email.status());

  const int64_t now = Now();
  const int64_t since = now - SignInThrottle::kWindow.count();
  const std::string address = ClientAddress(request, trusted_proxy);
  // The attempt is recorded as a failure before the password is checked, so that parallel
  // attempts all count; it is forgotten if the password matches.
  const int64_t attempt = accounts.RecordSignInAttempt(email.value(), address, now, since);
  SignInFailures failures = accounts.CountSignInFailures(email.value(), address, since, attempt);
  if (const std::string device = CookieValue(request, kDeviceCookie);
      !device.empty() && device.size() <= kMaxCookieValue && accounts.IsKnownDevice(email.value(), TokenDigest(device))) {
    failures = AsKnownDevice(failures);
  }
  switch (DecideSignIn(failures)) {
    case SignInGate::kRefuse:
      accounts.ForgetFailure(attempt);
      response.hold = SignInThrottle::kDelay;  // a refused guesser's connection does not come straight back
      response.SetHeader("Retry-After", std::to_string(SignInThrottle::kWindow.count()));
      return WriteProblem(response, Status::TooManyRequests(
                                        "Trop de tentatives de connexion : réessayez dans un quart d'heure."));
    case SignInGate::kSlow:
      // Whatever the answer, it leaves late; the connection waits, not a worker (a sleeping
      // worker per guess let a flood from many addresses fill the password pool).
      response.hold = SignInThrottle::kDelay;
      break;
    case SignInGate::kAllow:
      break;
  }

  const auto standing = InGoodStanding(failures) ? FairSlots::Standing::kGood : FairSlots::Standing::kDoubtful;
  FairSlots::Slot turn = PasswordWork().Acquire(kPasswordWorkPatience, standing);
  if (!turn) {
    accounts.ForgetFailure(attempt);
    response.SetHeader("Retry-After", std::to_string(kPasswordWorkRetry.count()));
    return WriteProblem(response, Status::Unavailable("Trop de connexions simultanées : réessayez dans un instant."));
  }
  auto credentials = accounts.FindCredentials(email.value());
  const bool known = credentials.ok();
  const bool matches = VerifyPassword(known ? credentials.value().second : DecoyHash(), *password) && known;
  turn.Release();
  if (!matches) return WriteProblem(response, Status::Unauthenticated(kWrongCredentials));
  accounts.ClearSignInFailures(email.value(), address);
  const std::string cookie = NewSecret();
  const std::string csrf = NewSecret();
  // A session the browser still presents (another user's, on a shared machine) ends here.
  if (const std::string previous = CookieValue(request, kSessionCookie); !previous.empty()) {
    accounts.EndSession(TokenDigest(previous), now);
  }
  accounts.CreateSession(credentials.value().first, TokenDigest(cookie), csrf, now);
  audit.Append(SessionEntry(credentials.value().first, email.value(), "sign_in"));
  auto session = accounts.TouchSession(TokenDigest(cookie), now);
  if (!session.ok()) return WriteProblem(response, Status::Unauthenticated(kWrongCredentials));
  const bool secure = ReachedOverTls(request, trusted_proxy);
  response.SetHeader("Set-Cookie", SessionCookie(secure, cookie, settings.lifetime.absolute.count()));
  const std::string device = NewSecret();
  accounts.RememberDevice(credentials.value().first, TokenDigest(device), now);
  response.SetHeader("Set-Cookie", DeviceCookie(secure, device));
  response.SetHeader("Cache-Control", "no-store");
  nlohmann::json body = ToJson(session.value().first);
  body["csrf_token"] = csrf;
  response.status = 201;
  WriteJson(response, body);
}

void SignOut(const Request& request, Response& response, AccountRepository& accounts,
             AuditRepository& audit, const SessionSettings& settings) {
  const std::string& trusted_proxy = settings.trusted_proxy;
  QueryInput query(request, {});
  if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
  const int64_t now = Now();
  auto caller = Authenticate(request, accounts, now);
  if (!caller.ok()) return WriteProblem(response, caller.status());
  if (!caller.value().by_session) {
    return WriteProblem(response, Status::Invalid("Authorization", "Un jeton d'API ne se déconnecte pas : révoquez-le."));
  }
  if (Status csrf = CheckCsrf(request, caller.value()); !csrf.ok()) return WriteProblem(response, csrf);
  accounts.EndSession(caller.value().session_digest, now);
  audit.Append(SessionEntry(caller.value().account.id, caller.value().account.email, "sign_out"));
  response.SetHeader("Set-Cookie", SessionCookie(ReachedOverTls(request, trusted_proxy), "", 0));
  response.status = 204;
}

// Whether the caller is signed in, answered 200 either way so that a browser asking on every
// anonymous page logs no error: {"signed_in": false}, or {"signed_in": true, "account": …} with the
// account as GET /me gives it (and its CSRF token with a session cookie). Credentials that are no
// longer valid (an expired session) mean signed out.
void SessionState(const Request& request, Response& response, AccountRepository& accounts) {
  QueryInput query(request, {});
  if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
  response.SetHeader("Cache-Control", "no-store");
  auto caller = Authenticate(request, accounts, Now());
  if (!caller.ok()) return WriteJson(response, {{"signed_in", false}});
  nlohmann::json account = ToJson(caller.value().account);
  if (caller.value().by_session) account["csrf_token"] = caller.value().csrf_token;
  WriteJson(response, {{"signed_in", true}, {"account", std::move(account)}});
}

}  // namespace

void RegisterSession(Router& router, ApiServices& services) {
  DecoyHash();  // now, so that the first unknown account costs no more than a known one
  auto accounts = std::make_shared<AccountRepository>(services.database, services.sessions);
  auto audit = std::make_shared<AuditRepository>(services.database);
  const SessionSettings settings{services.trusted_proxy, services.sessions};
  router.Add("GET", "/api/v1/session", [accounts](const Request& request, Response& response, const PathParams&) {
    SessionState(request, response, *accounts);
  });
  router.Add("POST", "/api/v1/session",
             [accounts, audit, settings](const Request& request, Response& response,
                                                              const PathParams&) {
               SignIn(request, response, *accounts, *audit, settings);
             });
  router.Add("DELETE", "/api/v1/session",
             [accounts, audit, settings](const Request& request, Response& response,
                                                              const PathParams&) {
               SignOut(request, response, *accounts, *audit, settings);
             });
}

}  // namespace rrma::http
