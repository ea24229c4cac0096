#include "http/authentication.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "security/secrets.h"

namespace rrma::http {
namespace {

constexpr std::string_view kScheme = "bearer ";
constexpr size_t kMaxCredentialLength = 256;

Result<Caller> ByBearer(const std::string& header, AccountRepository& accounts) {
  std::string scheme = header.substr(0, kScheme.size());
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string token = header.size() > kScheme.size() ? header.substr(kScheme.size()) : std::string();
  if (scheme != kScheme || token.empty() || token.size() > kMaxCredentialLength) {
    return Status::Unauthenticated("En-tête Authorization illisible : attendu « Bearer JETON ».");
  }
  auto account = accounts.FindByTokenDigest(TokenDigest(token));
  if (!account.ok()) return Status::Unauthenticated("Jeton inconnu, révoqué ou dont le compte est désactivé.");
  return Caller{std::move(account).value(), false, {}, {}};
}

}  // namespace

std::string CookieValue(const Request& request, std::string_view name) {
  const std::string header = request.HeaderValue("Cookie");
  std::string value;
  int found = 0;
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
      value = std::string(pair.substr(name.size() + 1));
      ++found;
    }
    start = end + 1;
  }
  // Two cookies of one name (one planted with another Path or Domain) make both untrustworthy.
  return found == 1 ? value : std::string();
}

Result<Caller> Authenticate(const Request& request, AccountRepository& accounts, int64_t now) {
  const std::string header = request.HeaderValue("Authorization");
  if (!header.empty()) return ByBearer(header, accounts);
  const std::string cookie = CookieValue(request, kSessionCookie);
  if (cookie.empty() || cookie.size() > kMaxCredentialLength) {
    return Status::Unauthenticated("Authentification requise : connectez-vous, ou envoyez « Authorization: Bearer JETON ».");
  }
  const std::string digest = TokenDigest(cookie);
  auto session = accounts.TouchSession(digest, now);
  if (!session.ok()) return Status::Unauthenticated("Session expirée ou terminée : reconnectez-vous.");
  return Caller{std::move(session.value().first), true, digest, std::move(session.value().second)};
}

Status CheckCsrf(const Request& request, const Caller& caller) {
  if (!caller.by_session) return Status::Ok();
  const std::string sent = request.HeaderValue("X-CSRF-Token");
  const bool same = sent.size() == caller.csrf_token.size() &&
                    sodium_memcmp(sent.data(), caller.csrf_token.data(), sent.size()) == 0;
  if (!same) return Status::Forbidden("Jeton CSRF absent ou incorrect (en-tête X-CSRF-Token).");
  return Status::Ok();
}

Result<Account> CallerOrAnonymous(const Request& request, AccountRepository& accounts, int64_t now) {
  if (!request.HasHeader("Authorization") && CookieValue(request, kSessionCookie).empty() &&
      request.HeaderValue("Cookie").find(kSessionCookie) == std::string::npos) {
    return Account{};
  }
  auto caller = Authenticate(request, accounts, now);
  if (!caller.ok()) return caller.status();
  return std::move(caller).value().account;
}

Result<Caller> AuthenticateWrite(const Request& request, AccountRepository& accounts, int64_t now) {
  auto caller = Authenticate(request, accounts, now);
  if (!caller.ok()) return caller;
  if (Status csrf = CheckCsrf(request, caller.value()); !csrf.ok()) return csrf;
  return caller;
}

}  // namespace rrma::http
