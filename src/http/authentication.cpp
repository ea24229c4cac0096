#include "http/authentication.h"

#include <algorithm>
#include <cctype>

#include "security/secrets.h"

namespace rrma::http {
namespace {

constexpr std::string_view kScheme = "bearer ";
constexpr size_t kMaxTokenLength = 256;

}  // namespace

Result<Account> AuthenticateBearer(const httplib::Request& request, AccountRepository& accounts) {
  const std::string header = request.get_header_value("Authorization");
  if (header.empty()) {
    return Status::Unauthenticated("Authentification requise : envoyez « Authorization: Bearer JETON ».");
  }
  std::string scheme = header.substr(0, kScheme.size());
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string token = header.size() > kScheme.size() ? header.substr(kScheme.size()) : std::string();
  if (scheme != kScheme || token.empty() || token.size() > kMaxTokenLength) {
    return Status::Unauthenticated("En-tête Authorization illisible : attendu « Bearer JETON ».");
  }
  auto account = accounts.FindByTokenDigest(TokenDigest(token));
  if (!account.ok()) return Status::Unauthenticated("Jeton inconnu, révoqué ou dont le compte est désactivé.");
  return account;
}

}  // namespace rrma::http
