// Relationships (/api/v1/relationships…): memberships, board seats and partnerships between
// organisations, owned by a network. RelationshipRepository scopes every read and write.
#include <ctime>

#include "http/authentication.h"
#include "http/directory_json.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/relationship_repository.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const std::initializer_list<std::string_view> kRelationshipFields = {
    "kind", "from_id", "to_id", "role", "start_date", "end_date", "source", "network_id", "visibility", "themes",
    "convention_date"};


RelationshipDraft ReadDraft(JsonBodyInput& input) {
  RelationshipDraft draft;
  if (auto kind = input.NullableText("kind")) draft.kind = kind->value_or("");
  draft.from_id = input.Integer("from_id");
  draft.to_id = input.Integer("to_id");
  draft.role = input.ClearableText("role");
  draft.start_date = input.ClearableText("start_date");
  draft.end_date = input.ClearableText("end_date");
  if (auto source = input.NullableText("source")) draft.source = source->value_or("");
  draft.network_id = input.Integer("network_id");
  if (auto visibility = input.NullableText("visibility")) draft.visibility = visibility->value_or("");
  draft.themes = input.TextList("themes", 20);
  draft.convention_date = input.ClearableText("convention_date");
  return draft;
}

ExportTable RelationsTable(const std::vector<Relationship>& relationships, int64_t organisation_id) {
  ExportTable table{"relations-organisation-" + std::to_string(organisation_id), "Relations",
                    {"Type", "De", "Vers", "Rôle", "Début", "Fin", "Source", "Réseau", "Visibilité"}, {}};
  for (const Relationship& r : relationships) {
    const std::string kind = r.kind == "member_of" ? "Adhésion" : r.kind == "board_seat" ? "Siège au CA" : "Partenariat";
    table.rows.push_back({kind, r.from.name, r.to.name, r.role.value_or(""), r.start_date.value_or(""),
                          r.end_date.value_or(""), r.source, r.network_name,
                          std::string(VisibilityName(r.visibility))});
  }
  return table;
}

class RelationshipsHandler {
 public:
  explicit RelationshipsHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), relationships_(services.database) {}

  void List(const Request& request, Response& response) {
    QueryInput input(request, {"organisation", "kind", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    RelationshipQuery query;
    auto organisation = input.Id("organisation");
    query.kind = input.Text("kind");
    query.page = input.ValidatedPage();
    if (!organisation && input.errors().empty()) {
      input.errors().Add("organisation", "Indiquez l'organisation dont vous voulez les relations (organisation=ID).");
    }
    if (query.kind && !IsRelationshipKind(*query.kind)) {
      input.errors().Add("kind", "Type de relation inconnu : member_of, board_seat ou partnership.");
    }
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    query.organisation_id = *organisation;
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    if (format) query.page = {1, static_cast<int64_t>(kMaxExportRows)};
    auto page = relationships_.List(caller.value(), query);
    if (page.ok() && format) return WriteExport(response, RelationsTable(page.value().items, query.organisation_id), *format);
    if (!page.ok()) return WriteProblem(response, page.status());
    response.SetHeader("Cache-Control", "no-store");
    WritePage(response, page.value(), [&](const Relationship& r) { return ToJson(r, caller.value()); });
  }

  void Create(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto body = ReadJsonBody(request, kRelationshipFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    RelationshipDraft draft = ReadDraft(body.value());
    if (ValidationErrors& errors = body.value().errors(); !errors.empty()) {
      ValidationErrors rules;  // what else is wrong, said in the same answer
      ValidateRelationshipDraft(draft, nullptr, rules);
      errors.AddOthers(rules);
      return WriteProblem(response, errors.ToStatus());
    }
    auto created = relationships_.Create(caller.value().account, draft);
    if (!created.ok()) return WriteProblem(response, created.status());
    response.status = 201;
    response.SetHeader("Location", "/api/v1/relationships/" + std::to_string(created.value().id));
    WriteJson(response, ToJson(created.value(), caller.value().account));
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto found = relationships_.Find(caller.value(), id.value());
    if (!found.ok()) return WriteProblem(response, found.status());
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(found.value(), caller.value()));
  }

  void Change(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, kRelationshipFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    RelationshipDraft draft = ReadDraft(body.value());
    if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
    auto changed = relationships_.Update(caller.value().account, id.value(), draft);
    if (!changed.ok()) return WriteProblem(response, changed.status());
    WriteJson(response, ToJson(changed.value(), caller.value().account));
  }

  void Delete(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    if (Status deleted = relationships_.Delete(caller.value().account, id.value()); !deleted.ok()) {
      return WriteProblem(response, deleted);
    }
    response.status = 204;
  }

 private:
  AccountRepository accounts_;
  RelationshipRepository relationships_;
};

}  // namespace

void RegisterRelationships(Router& router, ApiServices& services) {
  auto handler = std::make_shared<RelationshipsHandler>(services);
  router.Add("GET", "/api/v1/relationships", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("POST", "/api/v1/relationships", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Create(request, response);
  });
  router.Add("GET", "/api/v1/relationships/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Show(request, response, params);
             });
  router.Add("PATCH", "/api/v1/relationships/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Change(request, response, params);
             });
  router.Add("DELETE", "/api/v1/relationships/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Delete(request, response, params);
             });
}

}  // namespace rrma::http
