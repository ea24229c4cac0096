#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"

namespace rrma::http {

void RegisterMe(Router& router, ApiServices& services) {
  auto accounts = std::make_shared<AccountRepository>(services.database);

  router.Add("GET", "/api/v1/me",
             [accounts](const httplib::Request& request, httplib::Response& response, const PathParams&) {
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto caller = AuthenticateBearer(request, *accounts);
               if (!caller.ok()) {
                 response.set_header("WWW-Authenticate", "Bearer realm=\"rrma\"");
                 return WriteProblem(response, caller.status());
               }
               WriteJson(response, ToJson(caller.value()));
             });
}

}  // namespace rrma::http
