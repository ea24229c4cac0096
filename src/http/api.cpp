#include "http/api.h"

#include "http/handlers.h"
#include "http/json_output.h"

namespace rrma::http {

void RegisterApi(Router& router, ApiServices& services) {
  RegisterHealth(router, services);
  RegisterOrganisations(router, services);
  RegisterReference(router, services);
  RegisterNetworks(router, services);
  RegisterMe(router, services);
  RegisterSession(router, services);
  RegisterPassword(router, services);
  RegisterUsers(router, services);
  RegisterPersons(router, services);
  RegisterAudit(router, services);
  RegisterRelationships(router, services);
  RegisterOutreach(router, services);
  RegisterImports(router, services);
  RegisterMerges(router, services);
  RegisterPipeline(router, services);
  RegisterInteractions(router, services);
  RegisterEvents(router, services);
  RegisterDashboard(router, services);
  router.Add("GET", "/api/v1/openapi.json", [](const Request&, Response& response, const PathParams&) {
    response.SetContent(OpenApiDocument(), "application/json");
  });
  // The routes that hash or verify a password with argon2id.
  router.SetLane("POST", "/api/v1/session", Lane::kPassword);
  router.SetLane("PUT", "/api/v1/me/password", Lane::kPassword);
  router.SetLane("POST", "/api/v1/invitation", Lane::kPassword);
}

}  // namespace rrma::http
