// The directory (/api/v1/organisations…): reference collectivités, served from the fiche cache,
// and the actors networks record (ActorRepository, scoped to the caller), created and changed here.
#include <ctime>
#include <type_traits>

#include "domain/search_text.h"
#include "http/authentication.h"
#include "http/directory_json.h"
#include "http/fiche_cache.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/note_repository.h"
#include "storage/organisation_repository.h"

namespace rrma::http {
namespace {

// Fields of a directory query, the same in the query string and in a JSON body.
const std::initializer_list<std::string_view> kQueryFields = {
    "q", "kind", "category", "region", "departement", "insee", "siren", "page", "per_page"};
// The query string of GET may also ask for the whole list as a file.
const std::initializer_list<std::string_view> kListFields = {
    "q", "kind", "category", "region", "departement", "insee", "siren", "page", "per_page", "format"};

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

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

ExportTable DirectoryTable(const std::vector<OrganisationSummary>& organisations) {
  ExportTable table{"annuaire", "Annuaire",
                    {"Nom", "Type", "Catégorie", "Code INSEE", "SIREN", "Population", "Département", "Région"}, {}};
  for (const OrganisationSummary& o : organisations) {
    table.rows.push_back({o.name, o.kind, o.category.value_or(""), o.insee_code.value_or(""), o.siren.value_or(""),
                          o.population ? std::to_string(*o.population) : "",
                          o.departement ? o.departement->name : "", o.region ? o.region->name : ""});
  }
  return table;
}

// Searches and writes the page, or the problem of the first failing check.
template <typename Input>
void Search(const Request& request, Input& input, OrganisationRepository& repository, AccountRepository& accounts,
            Response& response) {
  OrganisationQuery query = ReadQuery(input);
  std::optional<ExportFormat> format;
  if constexpr (std::is_same_v<Input, QueryInput>) format = ReadExportFormat(input);
  if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
  if (Status status = ValidateOrganisationQuery(query); !status.ok()) return WriteProblem(response, status);
  auto caller = CallerOrAnonymous(request, accounts, Now());
  if (!caller.ok()) return WriteProblem(response, caller.status());
  if (caller.value().id != 0) response.SetHeader("Cache-Control", "no-store");
  if (format) {
    // A whole list costs more than a page: for signed-in callers only.
    if (caller.value().id == 0) {
      return WriteProblem(response, Status::Unauthenticated("Connectez-vous pour exporter l'annuaire."));
    }
    auto slot = ExportSlot::Take();
    if (!slot) return WriteExportsBusy(response);
    query.page = {1, static_cast<int64_t>(kMaxExportRows)};
    return WriteExport(response, DirectoryTable(repository.Search(caller.value(), query).items), *format);
  }
  WritePage(response, repository.Search(caller.value(), query));
}

const std::initializer_list<std::string_view> kActorFields = {
    "network_id", "visibility", "kind", "name", "acronym", "rna", "siren", "address", "commune_insee", "website",
    "country_code", "level", "themes", "countries", "odd", "description", "archived"};

// An optional text of a body: absent, or null / empty (clear it), or the text.

// An actor as the body describes it; shape errors go to the input's errors.
ActorDraft ReadActorDraft(JsonBodyInput& input) {
  ActorDraft draft;
  draft.network_id = input.Integer("network_id");
  if (auto visibility = input.NullableText("visibility")) draft.visibility = visibility->value_or("");
  if (auto kind = input.NullableText("kind")) draft.kind = kind->value_or("");
  if (auto name = input.NullableText("name")) draft.name = name->value_or("");
  draft.acronym = input.ClearableText("acronym");
  draft.rna = input.ClearableText("rna");
  draft.siren = input.ClearableText("siren");
  draft.address = input.ClearableText("address");
  draft.commune_insee = input.ClearableText("commune_insee");
  draft.website = input.ClearableText("website");
  draft.country_code = input.ClearableText("country_code");
  draft.level = input.ClearableText("level");
  draft.themes = input.TextList("themes", kMaxThemes);
  draft.countries = input.TextList("countries", kMaxCountries);
  draft.odd = input.IntegerList("odd", 17);
  if (auto description = input.NullableText("description")) draft.description = description->value_or("");
  draft.archived = input.Boolean("archived");
  return draft;
}

}  // namespace

void RegisterOrganisations(Router& router, ApiServices& services) {
  auto repository = std::make_shared<OrganisationRepository>(services.database);
  auto accounts = std::make_shared<AccountRepository>(services.database, services.sessions);
  auto actors = std::make_shared<ActorRepository>(services.database);

  router.Add("GET", "/api/v1/organisations",
             [repository, accounts](const Request& request, Response& response, const PathParams&) {
               QueryInput input(request, kListFields);
               Search(request, input, *repository, *accounts, response);
             });

  router.Add("POST", "/api/v1/organisations",
             [actors, accounts](const Request& request, Response& response, const PathParams&) {
               auto caller = AuthenticateWrite(request, *accounts, Now());
               if (!caller.ok()) return WriteProblem(response, caller.status());
               auto body = ReadJsonBody(request, kActorFields);
               if (!body.ok()) return WriteProblem(response, body.status());
               ActorDraft draft = ReadActorDraft(body.value());
               if (ValidationErrors& errors = body.value().errors(); !errors.empty()) {
                 ValidationErrors rules;  // what else is wrong, said in the same answer
                 ValidateActorDraft(draft, nullptr, rules);
                 errors.AddOthers(rules);
                 return WriteProblem(response, errors.ToStatus());
               }
               auto actor = actors->Create(caller.value().account, draft);
               if (!actor.ok()) return WriteProblem(response, actor.status());
               response.status = 201;
               response.SetHeader("Location", "/api/v1/organisations/" + std::to_string(actor.value().id));
               WriteJson(response, ToJson(actor.value(), caller.value().account));
             });

  router.Add("PATCH", "/api/v1/organisations/{id}",
             [repository, actors, accounts](const Request& request, Response& response, const PathParams& path) {
               auto caller = AuthenticateWrite(request, *accounts, Now());
               if (!caller.ok()) return WriteProblem(response, caller.status());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               auto body = ReadJsonBody(request, kActorFields);
               if (!body.ok()) return WriteProblem(response, body.status());
               ActorDraft draft = ReadActorDraft(body.value());
               if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
               auto actor = actors->Update(caller.value().account, id.value(), draft);
               if (!actor.ok()) {
                 // A reference collectivité exists but is not a network's row to change.
                 if (actor.status().code() == ErrorCode::kNotFound && repository->FindById(id.value()).ok()) {
                   return WriteProblem(response, Status::Forbidden("Les collectivités de référence (COG) ne se modifient pas."));
                 }
                 return WriteProblem(response, actor.status());
               }
               WriteJson(response, ToJson(actor.value(), caller.value().account));
             });

  router.Add("POST", "/api/v1/organisations/search",
             [repository, accounts](const Request& request, Response& response, const PathParams&) {
               // The body is checked first: a body of another type is refused before the query.
               auto input = JsonBodyInput::Parse(request, kQueryFields);
               if (!input.ok()) return WriteProblem(response, input.status());
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               Search(request, input.value(), *repository, *accounts, response);
             });

  // Reference fiches are served from memory while the reference data has not changed.
  auto fiches = std::make_shared<FicheCache>();
  auto generation_watch = std::make_shared<GenerationWatch>();
  router.Add("GET", "/api/v1/organisations/{id}",
             [repository, fiches, generation_watch, actors, accounts](const Request& request, Response& response,
                                                                      const PathParams& path) {
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               const int64_t generation = generation_watch->Current([&] { return repository->ReferenceGeneration(); });
               if (auto body = fiches->Find(id.value(), generation)) {
                 return response.SetContent(*body, "application/json");
               }
               auto caller = CallerOrAnonymous(request, *accounts, Now());
               if (!caller.ok()) return WriteProblem(response, caller.status());
               if (auto actor = actors->Find(caller.value(), id.value()); actor.ok()) {
                 response.SetHeader("Cache-Control", "no-store");
                 return WriteJson(response, ToJson(actor.value(), caller.value()));
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

  // A network's notes about any organisation, reference collectivités included.
  auto notes = std::make_shared<NoteRepository>(services.database);
  const auto notes_json = [](const std::vector<OrganisationNote>& list, const Account& caller) {
    nlohmann::json items = nlohmann::json::array();
    for (const OrganisationNote& note : list) {
      items.push_back({{"network", {{"id", note.network_id}, {"name", note.network_name}}},
                       {"visibility", VisibilityName(note.visibility)},
                       {"text", note.text},
                       {"updated_at", note.updated_at},
                       {"permissions", {{"edit", WorksIn(caller, note.network_id)}}}});
    }
    return nlohmann::json{{"items", std::move(items)}};
  };
  router.Add("GET", "/api/v1/organisations/{id}/notes",
             [notes, accounts, notes_json](const Request& request, Response& response, const PathParams& path) {
               QueryInput query(request, {});
               if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               auto caller = CallerOrAnonymous(request, *accounts, Now());
               if (!caller.ok()) return WriteProblem(response, caller.status());
               auto list = notes->List(caller.value(), id.value());
               if (!list.ok()) return WriteProblem(response, list.status());
               response.SetHeader("Cache-Control", "no-store");
               WriteJson(response, notes_json(list.value(), caller.value()));
             });
  router.Add("PUT", "/api/v1/organisations/{id}/notes",
             [notes, accounts, notes_json](const Request& request, Response& response, const PathParams& path) {
               auto caller = AuthenticateWrite(request, *accounts, Now());
               if (!caller.ok()) return WriteProblem(response, caller.status());
               auto id = ParseId(path[0]);
               if (!id.ok()) return WriteProblem(response, id.status());
               auto body = ReadJsonBody(request, {"network_id", "visibility", "text"});
               if (!body.ok()) return WriteProblem(response, body.status());
               JsonBodyInput& input = body.value();
               auto network = input.Integer("network_id");
               auto visibility = input.Text("visibility");
               auto text = input.NullableText("text");
               if (!network && input.errors().empty()) input.errors().Add("network_id", "Le réseau est obligatoire.");
               if (!visibility && input.errors().empty()) input.errors().Add("visibility", "La visibilité est obligatoire.");
               if (!text && input.errors().empty()) input.errors().Add("text", "Le texte est obligatoire (vide : la note est retirée).");
               if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
               auto list = notes->Write(caller.value().account, id.value(), *network, *visibility, text->value_or(""));
               if (!list.ok()) return WriteProblem(response, list.status());
               WriteJson(response, notes_json(list.value(), caller.value().account));
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
