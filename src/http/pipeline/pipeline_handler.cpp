// The engagement pipeline (/api/v1/pipeline): each network's stage with each collectivité and its
// history (storage/pipeline/pipeline_repository.h). For the network's team and national admins;
// every other caller is refused (401 anonymous, 403 another network's account).
#include <ctime>

#include "domain/identifiers.h"
#include "domain/organisation.h"
#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/pipeline/pipeline_repository.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const std::initializer_list<std::string_view> kMoveFields = {"stage", "reason", "owner_id"};

nlohmann::json ToJson(const AccountRef& account) { return {{"id", account.id}, {"email", account.email}}; }

nlohmann::json ToJson(const PipelineEntry& entry) {
  const PipelineCollectivite& c = entry.collectivite;
  return {{"network_id", entry.network_id},
          {"organisation", {{"id", c.id},
                            {"name", c.name},
                            {"insee_code", OrNull(c.insee_code)},
                            {"category", OrNull(c.category)},
                            {"population", OrNull(c.population)},
                            {"departement_code", OrNull(c.departement_code)}}},
          {"stage", PipelineStageName(entry.stage)},
          {"stage_label", PipelineStageLabel(entry.stage)},
          {"owner", entry.owner ? ToJson(*entry.owner) : nlohmann::json(nullptr)},
          {"changed_at", OrNull(entry.changed_at)},
          {"reason", entry.reason},
          {"member", entry.member}};
}

nlohmann::json ToJson(const PipelineChange& change) {
  return {{"id", change.id},
          {"from", PipelineStageName(change.from)},
          {"to", PipelineStageName(change.to)},
          {"reason", change.reason},
          {"by", change.by ? ToJson(*change.by) : nlohmann::json(nullptr)},
          {"at", change.at}};
}

nlohmann::json ToJson(const std::pair<PipelineEntry, std::vector<PipelineChange>>& found) {
  nlohmann::json body = ToJson(found.first);
  nlohmann::json history = nlohmann::json::array();
  for (const PipelineChange& change : found.second) history.push_back(ToJson(change));
  body["history"] = std::move(history);
  return body;
}

ExportTable PipelineTable(const std::vector<PipelineEntry>& entries, int64_t network_id) {
  ExportTable table{"suivi-reseau-" + std::to_string(network_id), "Suivi des collectivités",
                    {"Collectivité", "Code INSEE", "Catégorie", "Population", "Département", "Étape", "Adhérente",
                     "Suivie par", "Depuis le", "Motif"},
                    {}};
  for (const PipelineEntry& e : entries) {
    const PipelineCollectivite& c = e.collectivite;
    table.rows.push_back({c.name, c.insee_code.value_or(""), c.category.value_or(""),
                          c.population ? std::to_string(*c.population) : "", c.departement_code.value_or(""),
                          std::string(PipelineStageLabel(e.stage)), e.member ? "oui" : "non",
                          e.owner ? e.owner->email : "", e.changed_at.value_or("").substr(0, 10), e.reason});
  }
  return table;
}

class PipelineHandler {
 public:
  explicit PipelineHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), pipeline_(services.database) {}

  void List(const Request& request, Response& response) {
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "stage", "departement", "category", "population_max", "population_band",
                               "staff", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    PipelineQuery query;
    const auto network = input.Id("network");
    if (!network && input.errors().empty()) input.errors().Add("network", "Indiquez le réseau (network=ID).");
    if (auto stage = input.Text("stage")) {
      query.stage = ParsePipelineStage(*stage);
      if (!query.stage) {
        input.errors().Add("stage", "Étape inconnue : non_contactee, prise_de_contact, adhesion, opportunites_communes, "
                                    "relation_echange ou collaboration.");
      }
    }
    const CollectiviteFilters filters = ReadCollectiviteFilters(input);
    query.departement = filters.departement;
    query.category = filters.category;
    query.population_max = filters.population_max;
    if (auto band = input.Text("population_band")) {
      query.population_band = PopulationRangeOf(*band);
      if (!query.population_band) {
        input.errors().Add("population_band", "Tranche de population inconnue : moins_de_2000, de_2000_a_9999, "
                                              "de_10000_a_49999, de_50000_a_199999, au_moins_200000 ou inconnue.");
      }
    }
    query.owner_id = input.Id("staff");
    query.page = input.ValidatedPage();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    query.network_id = *network;
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    if (format) query.page = {1, static_cast<int64_t>(kMaxExportRows)};
    auto list = pipeline_.List(caller.value().account, query);
    if (!list.ok()) return WriteProblem(response, list.status());
    if (format) return WriteExport(response, PipelineTable(list.value().page.items, query.network_id), *format);
    nlohmann::json items = nlohmann::json::array();
    for (const PipelineEntry& entry : list.value().page.items) items.push_back(ToJson(entry));
    nlohmann::json by_stage = nlohmann::json::object();
    for (PipelineStage stage : kPipelineStages) {
      auto count = list.value().by_stage.find(stage);
      by_stage[std::string(PipelineStageName(stage))] = count == list.value().by_stage.end() ? 0 : count->second;
    }
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, {{"items", std::move(items)},
                         {"total", list.value().page.total},
                         {"page", query.page.page},
                         {"per_page", query.page.per_page},
                         {"by_stage", std::move(by_stage)}});
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {});
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto network = ParseId(params.at(0));
    if (!network.ok()) return WriteProblem(response, network.status());
    auto organisation = ParseId(params.at(1));
    if (!organisation.ok()) return WriteProblem(response, organisation.status());
    auto found = pipeline_.Find(caller.value().account, network.value(), organisation.value());
    if (!found.ok()) return WriteProblem(response, found.status());
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(found.value()));
  }

  void Move(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto network = ParseId(params.at(0));
    if (!network.ok()) return WriteProblem(response, network.status());
    auto organisation = ParseId(params.at(1));
    if (!organisation.ok()) return WriteProblem(response, organisation.status());
    auto body = ReadJsonBody(request, kMoveFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    StageMoveDraft draft;
    draft.stage = body.value().Text("stage");
    draft.reason = body.value().Text("reason");
    draft.owner_id = body.value().Integer("owner_id");
    if (ValidationErrors& errors = body.value().errors(); !errors.empty()) {
      ValidationErrors rules;  // what else is wrong, said in the same answer
      ValidateStageMove(draft, rules);
      errors.AddOthers(rules);
      return WriteProblem(response, errors.ToStatus());
    }
    auto moved = pipeline_.Move(caller.value().account, network.value(), organisation.value(), draft);
    if (!moved.ok()) return WriteProblem(response, moved.status());
    WriteJson(response, ToJson(moved.value()));
  }

 private:
  AccountRepository accounts_;
  PipelineRepository pipeline_;
};

}  // namespace

void RegisterPipeline(Router& router, ApiServices& services) {
  auto handler = std::make_shared<PipelineHandler>(services);
  router.Add("GET", "/api/v1/pipeline", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("GET", "/api/v1/pipeline/{network_id}/{organisation_id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Show(request, response, params);
             });
  router.Add("PUT", "/api/v1/pipeline/{network_id}/{organisation_id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Move(request, response, params);
             });
}

}  // namespace rrma::http
