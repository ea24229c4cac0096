#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/reference_repository.h"

namespace rrma::http {

void RegisterNetworks(Router& router, ApiServices& services) {
  auto repository = std::make_shared<ReferenceRepository>(services.database);

  router.Add("GET", "/api/v1/networks",
             [repository](const Request& request, Response& response, const PathParams&) {
               QueryInput query(request, {"page", "per_page"});
               PageRequest page = query.ValidatedPage();
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               WritePage(response, repository->ListNetworks(page));
             });
}

}  // namespace rrma::http
