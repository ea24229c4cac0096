// « Mon compte » : PUT /api/v1/me/password changes the caller's password after checking the
// current one (CSRF token required with a session), then ends the caller's other sessions.
#include <ctime>

#include "http/authentication.h"
#include "http/handlers.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "security/secrets.h"

namespace rrma::http {
namespace {

void ChangePassword(const Request& request, Response& response, AccountRepository& accounts) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  auto caller = Authenticate(request, accounts, now);
  if (!caller.ok()) return WriteProblem(response, caller.status());
  if (Status csrf = CheckCsrf(request, caller.value()); !csrf.ok()) return WriteProblem(response, csrf);
  auto input = JsonBodyInput::Parse(request, {"current_password", "new_password"});
  if (!input.ok()) return WriteProblem(response, input.status());
  QueryInput query(request, {});
  if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
  auto current = input.value().Text("current_password");
  auto replacement = input.value().Text("new_password");
  if (!current) input.value().errors().Add("current_password", "Le mot de passe actuel est obligatoire.");
  if (!replacement) input.value().errors().Add("new_password", "Le nouveau mot de passe est obligatoire.");
  if (!input.value().errors().empty()) return WriteProblem(response, input.value().errors().ToStatus());
  if (Status valid = ValidateNewPassword(*replacement); !valid.ok()) {
    return WriteProblem(response, Status::Invalid("new_password", valid.detail()));
  }
  // Both argon2id computations wait their turn with sign-ins and invitations.
  FairSlots::Slot turn = PasswordWork().Acquire(kPasswordWorkPatience);
  if (!turn) {
    response.SetHeader("Retry-After", std::to_string(kPasswordWorkRetry.count()));
    return WriteProblem(response, Status::Unavailable("Trop de demandes simultanées : réessayez dans un instant."));
  }
  auto credentials = accounts.FindCredentials(caller.value().account.email);
  if (!credentials.ok() || !VerifyPassword(credentials.value().second, *current)) {
    return WriteProblem(response, Status::Invalid("current_password", "Le mot de passe actuel est incorrect."));
  }
  auto hash = HashPassword(*replacement);
  turn.Release();
  if (!hash.ok()) return WriteProblem(response, hash.status());
  accounts.ChangePassword(caller.value().account.id, hash.value(), caller.value().session_digest, now);
  response.status = 204;
}

}  // namespace

void RegisterPassword(Router& router, ApiServices& services) {
  auto accounts = std::make_shared<AccountRepository>(services.database, services.sessions);
  router.Add("PUT", "/api/v1/me/password",
             [accounts](const Request& request, Response& response, const PathParams&) {
               ChangePassword(request, response, *accounts);
             });
}

}  // namespace rrma::http
