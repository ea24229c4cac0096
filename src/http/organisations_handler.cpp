#include "http/fiche_cache.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/organisation_repository.h"

namespace rrma::http {
namespace {

// Fields of a directory query, the same in the query string and in a JSON body.
const std::initializer_list<std::string_view> kQueryFields = {
    "q", "kind", "category", "region", "departement", "insee", "siren", "page", "per_page"};

// Reads a directory query from an input that offers Text() and Page() (query string or JSON).
template <typename Input>
OrganisationQuery ReadQuery(Input& input) {
  OrganisationQuery query;
  query.text = input.Text("q");
  query.kind = input.Text("kind");
  query.category = input.Text("category");
  query.region = input.Text("region");
  query.departement = input.Text("departement");
  query.insee = input.Text("insee");
  query.siren = input.Text("siren");
  query.page = input.Page();
  return query;
}

// Searches and writes the page, or the problem of the first failing check.
template <typename Input>
void Search(Input& input, OrganisationRepository& repository, Response& response) {
  OrganisationQuery query = ReadQuery(input);
  if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
  if (Status status = ValidateOrganisationQuery(query); !status.ok()) return WriteProblem(response, status);
  WritePage(response, repository.Search(query));
}

}  // namespace

void RegisterOrganisations(Router& router, ApiServices& services) {
  auto repository = std::make_shared<OrganisationRepository>(services.database);

  router.Add("GET", "/api/v1/organisations",
             [repository](const Request& request, Response& response, const PathParams&) {
               QueryInput input(request, kQueryFields);
               Search(input, *repository, response);
             });

  router.Add("POST", "/api/v1/organisations/search",
             [repository](const Request& request, Response& response, const PathParams&) {
               // The body is checked first: a body of another type is refused before the query.
               auto input = JsonBodyInput::Parse(request, kQueryFields);
               if (!input.ok()) return WriteProblem(response, input.status());
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               Search(input.value(), *repository, response);
             });

  // Reference fiches are served from memory while the reference data has not changed.
  auto fiches = std::make_shared<FicheCache>();
  auto generation_watch = std::make_shared<GenerationWatch>();
  router.Add("GET", "/api/v1/organisations/{id}",
             [repository, fiches, generation_watch](const Request& request, Response& response,
                                                    const PathParams& path) {
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               const int64_t generation = generation_watch->Current([&] { return repository->ReferenceGeneration(); });
               if (auto body = fiches->Find(id.value(), generation)) {
                 return response.SetContent(*body, "application/json");
               }
               auto organisation = repository->FindById(id.value());
               if (!organisation.ok()) return WriteProblem(response, organisation.status());
               std::string body = DumpJson(ToJson(organisation.value()));
               if (organisation.value().reference_source) fiches->Store(id.value(), generation, body);
               response.SetContent(body, "application/json");
             });
  // A fiche already cached, while the generation read less than a second ago holds, is answered
  // from memory on the I/O thread; anything else (a parameter, a bad id) goes to the handler above.
  router.SetMemoryAnswer("GET", "/api/v1/organisations/{id}",
                         [fiches, generation_watch](const Request& request, Response& response, const PathParams& path) {
                           if (!request.query.empty()) return false;
                           auto id = ParseId(path[0]);
                           auto generation = generation_watch->Fresh();
                           if (!id.ok() || !generation) return false;
                           auto body = fiches->Find(id.value(), *generation);
                           if (!body) return false;
                           response.SetContent(*body, "application/json");
                           return true;
                         });

  router.Add("GET", "/api/v1/organisations/{id}/members",
             [repository](const Request& request, Response& response, const PathParams& path) {
               QueryInput query(request, {"page", "per_page"});
               PageRequest page = query.ValidatedPage();
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               auto members = repository->ListMembers(id.value(), page);
               if (!members.ok()) return WriteProblem(response, members.status());
               WritePage(response, members.value());
             });
}

}  // namespace rrma::http
