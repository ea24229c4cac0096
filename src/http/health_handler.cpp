#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"

namespace rrma::http {

void RegisterHealth(Router& router, ApiServices& services) {
  router.Add("GET", "/api/v1/health", [&services](const Request& request, Response& response,
                                                   const PathParams&) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    WriteJson(response, {{"status", "ok"},
                         {"version", services.version},
                         {"storage", std::string(EngineName(services.database.engine()))}});
  });
}

}  // namespace rrma::http
