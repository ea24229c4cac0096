#include <ctime>

#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"

namespace rrma::http {

void RegisterMe(Router& router, ApiServices& services) {
  auto accounts = std::make_shared<AccountRepository>(services.database, services.sessions);

  router.Add("GET", "/api/v1/me",
             [accounts](const Request& request, Response& response, const PathParams&) {
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto caller = Authenticate(request, *accounts, static_cast<int64_t>(std::time(nullptr)));
               if (!caller.ok()) return WriteProblem(response, caller.status());
               nlohmann::json body = ToJson(caller.value().account);
               // A page reloaded in the browser gets back the token its writes must carry.
               if (caller.value().by_session) body["csrf_token"] = caller.value().csrf_token;
               response.SetHeader("Cache-Control", "no-store");
               WriteJson(response, body);
             });
}

}  // namespace rrma::http
