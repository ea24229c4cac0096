// Accounts as administrators manage them (/api/v1/users…) and the one-time links with which an
// invited or reset user chooses a password (POST /api/v1/invitation: the code is checked before
// the password is hashed, and an address presenting too many bad codes is refused for a while).
// The rules of who may manage whom are applied by UserDirectory; these handlers read input and
// write JSON.
#include <ctime>

#include "domain/sign_in.h"
#include "http/authentication.h"
#include "http/forwarding.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "domain/search_text.h"
#include "security/secrets.h"
#include "storage/timestamps.h"
#include "storage/user_directory.h"

namespace rrma::http {
namespace {

// How long a link to choose a password stays valid.
constexpr int64_t kLinkLifetimeSeconds = 7 * 24 * 3600;
constexpr std::string_view kLinkPage = "/invitation#";

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

struct Link {
  std::string code;
  int64_t expires_at = 0;

  nlohmann::json ToJson() const {
    return {{"url", std::string(kLinkPage) + code}, {"code", code}, {"expires_at", IsoUtc(expires_at)}};
  }
};

Link NewLink() { return Link{NewSecret(), Now() + kLinkLifetimeSeconds}; }

// A role as the body names it: {"role", "network_id", "organisation_id"}.
std::optional<RoleRequest> ReadRole(JsonBodyInput& input) {
  auto role_name = input.Text("role");
  auto network = input.Integer("network_id");
  auto organisation = input.Integer("organisation_id");
  if (!role_name) {
    input.errors().Add("role", "Le rôle est obligatoire : admin, network_admin, network_staff ou member.");
    return std::nullopt;
  }
  auto role = ParseRole(*role_name);
  if (!role) {
    input.errors().Add("role", "Rôle inconnu : admin, network_admin, network_staff ou member.");
    return std::nullopt;
  }
  return RoleRequest{*role, network, organisation};
}

// The path identifier at position index, named key in errors, or writes the problem and returns nothing.
std::optional<int64_t> PathId(const PathParams& params, size_t index, const std::string& key,
                              Response& response) {
  auto id = ParseId(params.at(index));
  if (!id.ok()) {
    WriteProblem(response, Status::Invalid(key, id.status().field_errors().at(0).message));
    return std::nullopt;
  }
  return id.value();
}

class UsersHandler {
 public:
  explicit UsersHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), users_(services.database),
        trusted_proxy_(services.trusted_proxy) {}

  void List(const Request& request, Response& response) {
    QueryInput input(request, {"q", "network", "page", "per_page"});
    UserQuery query;
    query.text = input.Text("q");
    query.network_id = input.Id("network");
    query.page = input.ValidatedPage();
    if (query.text) ValidateSearchText(*query.text, "q", input.errors());
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto page = users_.List(caller.value().account, query);
    if (!page.ok()) return WriteProblem(response, page.status());
    WritePage(response, page.value());
  }

  void Create(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto body = ReadJsonBody(request, {"email", "role", "network_id", "organisation_id"});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    auto email_text = input->Text("email");
    if (!email_text) input->errors().Add("email", "L'adresse électronique est obligatoire.");
    auto role = ReadRole(*input);
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto email = NormaliseEmail(*email_text);
    if (!email.ok()) return WriteProblem(response, email.status());
    const Link link = NewLink();
    auto invited = users_.Invite(caller.value().account, email.value(), *role, TokenDigest(link.code), link.expires_at);
    if (!invited.ok()) return WriteProblem(response, invited.status());
    response.status = invited.value().created ? 201 : 200;
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, {{"user", ToJson(invited.value().account)},
                         {"invitation", invited.value().created ? link.ToJson() : nlohmann::json(nullptr)}});
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = PathId(params, 0, "id", response);
    if (!id) return;
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto account = users_.Find(caller.value().account, *id);
    if (!account.ok()) return WriteProblem(response, account.status());
    WriteJson(response, ToJson(account.value()));
  }

  void Change(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = PathId(params, 0, "id", response);
    if (!id) return;
    auto body = ReadJsonBody(request, {"active"});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    auto active = input->Boolean("active");
    if (!active && input->errors().empty()) input->errors().Add("active", "Le champ « active » est obligatoire.");
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto account = users_.SetActive(caller.value().account, *id, *active, Now());
    if (!account.ok()) return WriteProblem(response, account.status());
    WriteJson(response, ToJson(account.value()));
  }

  void Grant(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = PathId(params, 0, "id", response);
    if (!id) return;
    auto body = ReadJsonBody(request, {"role", "network_id", "organisation_id"});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    auto role = ReadRole(*input);
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto account = users_.GrantRole(caller.value().account, *id, *role);
    if (!account.ok()) return WriteProblem(response, account.status());
    response.status = 201;
    WriteJson(response, ToJson(account.value()));
  }

  void Revoke(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = PathId(params, 0, "id", response);
    if (!id) return;
    auto role_id = PathId(params, 1, "role_id", response);
    if (!role_id) return;
    if (Status revoked = users_.RevokeRole(caller.value().account, *id, *role_id); !revoked.ok()) {
      return WriteProblem(response, revoked);
    }
    response.status = 204;
  }

  void Relink(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = PathId(params, 0, "id", response);
    if (!id) return;
    auto body = ReadJsonBody(request, {});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    const Link link = NewLink();
    Status issued = users_.IssueLink(caller.value().account, *id, TokenDigest(link.code), link.expires_at, Now());
    if (!issued.ok()) return WriteProblem(response, issued);
    response.status = 201;
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, link.ToJson());
  }

  void Accept(const Request& request, Response& response) {
    auto body = ReadJsonBody(request, {"code", "password"});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    auto code = input->Text("code");
    auto password = input->Text("password");
    if (!code) input->errors().Add("code", "Le code du lien est obligatoire.");
    if (!password) input->errors().Add("password", "Le mot de passe est obligatoire.");
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    if (Status valid = ValidateNewPassword(*password); !valid.ok()) return WriteProblem(response, valid);
    // The code is checked first, with a digest lookup: an unknown code costs no argon2id work.
    const int64_t now = Now();
    const int64_t since = now - InvitationThrottle::kWindow.count();
    const std::string address = ClientAddress(request, trusted_proxy_);
    const int64_t attempt = accounts_.RecordInvitationAttempt(address, now, since);
    if (DecideInvitation(accounts_.CountInvitationFailures(address, since, attempt)) == SignInGate::kRefuse) {
      accounts_.ForgetFailure(attempt);
      response.SetHeader("Retry-After", std::to_string(InvitationThrottle::kWindow.count()));
      return WriteProblem(response, Status::TooManyRequests(
                                        "Trop de liens inconnus ou expirés présentés : réessayez dans un quart d'heure."));
    }
    const std::string digest = TokenDigest(*code);
    if (Status usable = users_.CheckLink(digest, now); !usable.ok()) return WriteProblem(response, usable);
    accounts_.ForgetFailure(attempt);
    FairSlots::Slot turn = PasswordWork().Acquire(kPasswordWorkPatience);
    if (!turn) {
      response.SetHeader("Retry-After", std::to_string(kPasswordWorkRetry.count()));
      return WriteProblem(response, Status::Unavailable("Trop de demandes simultanées : réessayez dans un instant."));
    }
    auto hash = HashPassword(*password);
    turn.Release();
    if (!hash.ok()) return WriteProblem(response, hash.status());
    if (Status accepted = users_.AcceptLink(digest, hash.value(), Now()); !accepted.ok()) {
      return WriteProblem(response, accepted);
    }
    response.status = 204;
  }

 private:
  AccountRepository accounts_;
  UserDirectory users_;
  std::string trusted_proxy_;
};

}  // namespace

void RegisterUsers(Router& router, ApiServices& services) {
  auto handler = std::make_shared<UsersHandler>(services);
  router.Add("GET", "/api/v1/users", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("POST", "/api/v1/users", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Create(request, response);
  });
  router.Add("GET", "/api/v1/users/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Show(request, response, params);
  });
  router.Add("PATCH", "/api/v1/users/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Change(request, response, params);
  });
  router.Add("POST", "/api/v1/users/{id}/roles",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Grant(request, response, params);
             });
  router.Add("DELETE", "/api/v1/users/{id}/roles/{role_id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Revoke(request, response, params);
             });
  router.Add("POST", "/api/v1/users/{id}/invitation",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Relink(request, response, params);
             });
  router.Add("POST", "/api/v1/invitation", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Accept(request, response);
  });
}

}  // namespace rrma::http
