#include "domain/search_text.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/reference_repository.h"

namespace rrma::http {

void RegisterReference(Router& router, ApiServices& services) {
  auto repository = std::make_shared<ReferenceRepository>(services.database);

  router.Add("GET", "/api/v1/reference/countries",
             [repository](const Request& request, Response& response, const PathParams&) {
               QueryInput query(request, {"q", "page", "per_page"});
               std::string text = query.Text("q").value_or("");
               PageRequest page = query.ValidatedPage();
               ValidateSearchText(text, "q", query.errors());
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               WritePage(response, repository->ListCountries(text, page));
             });

  router.Add("GET", "/api/v1/reference/odd",
             [repository](const Request& request, Response& response, const PathParams&) {
               QueryInput query(request, {"page", "per_page"});
               PageRequest page = query.ValidatedPage();
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               WritePage(response, repository->ListOdd(page));
             });
}

}  // namespace rrma::http
