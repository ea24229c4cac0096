// The network dashboard (/api/v1/dashboard): the named figures of domain/pipeline/dashboard.h over
// a period, as JSON or as one CSV/XLSX table. For the network's team and national admins; across
// networks (no `network`) for national admins only; 401 anonymous, 403 anyone else. A dashboard
// reads a network's whole year: two are computed at a time, the others are asked to come back (429).
#include <ctime>

#include "domain/field_rules.h"
#include "domain/pipeline/dashboard.h"
#include "domain/pipeline/interaction.h"
#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/pipeline/dashboard_repository.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

struct Dashboards {
  static constexpr int kAtOnce = 2;
};
using DashboardSlot = Slot<Dashboards>;

nlohmann::json ToJson(const std::vector<DashboardBreakdownRow>& rows, const char* key_name, bool labelled) {
  nlohmann::json items = nlohmann::json::array();
  for (const DashboardBreakdownRow& row : rows) {
    nlohmann::json item = {{key_name, row.key},
                           {"members", row.members},
                           {"accompanied", row.accompanied},
                           {"engaged", row.engaged}};
    if (labelled) item["label"] = PopulationBandLabel(row.key);
    items.push_back(std::move(item));
  }
  return items;
}

nlohmann::json ToJson(const DashboardFigures& figures) {
  nlohmann::json by_stage = nlohmann::json::object();
  for (const auto& [stage, count] : figures.by_stage) by_stage[std::string(PipelineStageName(stage))] = count;
  nlohmann::json conversions = nlohmann::json::array();
  for (const StageConversion& c : StageConversions(figures.crossings)) {
    conversions.push_back({{"from", PipelineStageName(c.from)},
                           {"to", PipelineStageName(c.to)},
                           {"count", c.count},
                           {"rate", c.rate ? nlohmann::json(*c.rate) : nlohmann::json(nullptr)}});
  }
  return {{"network_id", OrNull(figures.network_id)},
          {"from", figures.from},
          {"to", figures.to},
          {"members", figures.members},
          {"board_seats", figures.board_seats},
          {"presidencies", figures.presidencies},
          {"accompanied", figures.accompanied},
          {"by_stage", std::move(by_stage)},
          {"conversions", std::move(conversions)},
          {"interactions", figures.interactions()},
          {"interactions_by_type", figures.interactions_by_type},
          {"dormant", figures.dormant},
          {"dormant_since", MonthsBefore(figures.to, kDormantMonths)},
          {"by_departement", ToJson(figures.by_departement, "departement", false)},
          {"by_category", ToJson(figures.by_category, "category", false)},
          {"by_population_band", ToJson(figures.by_population_band, "band", true)}};
}

// One line per number: the figure, what it details, the number.
ExportTable DashboardTable(const DashboardFigures& f) {
  const std::string scope = f.network_id ? "reseau-" + std::to_string(*f.network_id) : "national";
  ExportTable table{"tableau-de-bord-" + scope + "-" + f.from + "-" + f.to, "Tableau de bord",
                    {"Indicateur", "Détail", "Valeur"}, {}};
  auto add = [&](std::string figure, std::string detail, int64_t value) {
    table.rows.push_back({std::move(figure), std::move(detail), std::to_string(value)});
  };
  table.rows.push_back({"Période", "du " + f.from + " au " + f.to, ""});
  add("Collectivités adhérentes", "au " + f.to, f.members);
  add("Collectivités au conseil d'administration", "au " + f.to, f.board_seats);
  add("Collectivités à la présidence", "au " + f.to, f.presidencies);
  add("Collectivités accompagnées", "sur la période", f.accompanied);
  for (const auto& [stage, count] : f.by_stage) add("Collectivités par étape (aujourd'hui)", std::string(PipelineStageLabel(stage)), count);
  for (const StageConversion& c : StageConversions(f.crossings)) {
    add("Passages d'étape sur la période",
        std::string(PipelineStageLabel(c.from)) + " → " + std::string(PipelineStageLabel(c.to)), c.count);
  }
  add("Accompagnements sur la période", "total", f.interactions());
  for (const auto& [type, count] : f.interactions_by_type) add("Accompagnements sur la période", std::string(InteractionTypeLabel(type)), count);
  add("Relations en sommeil", "sans échange depuis le " + MonthsBefore(f.to, kDormantMonths), f.dormant);
  auto breakdown = [&](const std::string& figure, const std::vector<DashboardBreakdownRow>& rows, bool band) {
    for (const DashboardBreakdownRow& row : rows) {
      const std::string key = band ? std::string(PopulationBandLabel(row.key)) : row.key.empty() ? "non renseigné" : row.key;
      add(figure + " : adhérentes", key, row.members);
      add(figure + " : accompagnées", key, row.accompanied);
      add(figure + " : suivies", key, row.engaged);
    }
  };
  breakdown("Par département", f.by_departement, false);
  breakdown("Par catégorie", f.by_category, false);
  breakdown("Par taille", f.by_population_band, true);
  return table;
}

class DashboardHandler {
 public:
  explicit DashboardHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), dashboard_(services.database) {}

  void Show(const Request& request, Response& response) {
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "from", "to", "format"});
    const auto format = ReadExportFormat(input);
    DashboardQuery query;
    query.network_id = input.Id("network");
    auto [from, to] = input.DatePeriod();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    const DashboardPeriod defaults = DefaultDashboardPeriod(to ? *to : TodayIsoUtc());
    query.to = to.value_or(defaults.to);
    query.from = from.value_or(defaults.from);
    if (query.to < query.from) {
      return WriteProblem(response, Status::Invalid("to", "La date de fin précède la date de début."));
    }
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    const std::optional<DashboardSlot> computing = DashboardSlot::Take();
    if (!computing) {
      response.SetHeader("Retry-After", "2");
      return WriteProblem(response, Status::TooManyRequests(
                                        "D'autres tableaux de bord sont en cours de calcul : réessayez dans quelques secondes."));
    }
    auto figures = dashboard_.Figures(caller.value().account, query);
    if (!figures.ok()) return WriteProblem(response, figures.status());
    if (format) return WriteExport(response, DashboardTable(figures.value()), *format);
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(figures.value()));
  }

 private:
  AccountRepository accounts_;
  DashboardRepository dashboard_;
};

}  // namespace

void RegisterDashboard(Router& router, ApiServices& services) {
  auto handler = std::make_shared<DashboardHandler>(services);
  router.Add("GET", "/api/v1/dashboard", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Show(request, response);
  });
}

}  // namespace rrma::http
