// Questions asked of the relationship graph kept in memory (RelationGraphStore): the finders
// (/api/v1/outreach, /api/v1/consortia) for one network, by its staff or a national admin, and an
// organisation's neighbourhood (/api/v1/organisations/{id}/neighbourhood) for anyone, bounded in
// size. The domain functions walk only what the caller may read; paging is over the computed list.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "domain/access.h"
#include "domain/field_rules.h"
#include "domain/identifiers.h"
#include "domain/neighbourhood.h"
#include "domain/organisation.h"
#include "http/authentication.h"
#include "http/directory_json.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/relation_graph_store.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

// The date a finder looks at: `at` when given (a real day), today otherwise.
std::string ReadDate(QueryInput& input) {
  auto at = input.Text("at");
  if (!at) return NowIsoUtc().substr(0, 10);
  if (!IsIsoDate(*at)) input.errors().Add("at", "Date " + IsoDateFault(*at) + ".");
  return *at;
}

// Ok when caller may ask the network's finders: its staff and national admins; a network nobody
// knows is 404 to those who may ask about any network.
Status MayAsk(const Account& caller, int64_t network_id, const GraphSnapshot& snapshot) {
  if (!WorksIn(caller, network_id)) {
    return Status::Forbidden("Les pistes d'un réseau sont réservées à son équipe.");
  }
  if (snapshot.graph.NetworkNode(network_id) == nullptr) {
    return Status::NotFound("Aucun réseau ne porte l'identifiant " + std::to_string(network_id) + ".");
  }
  return Status::Ok();
}

template <typename T, typename Convert>
void WriteComputedPage(Response& response, const std::vector<T>& all, const PageRequest& request, Convert convert) {
  nlohmann::json items = nlohmann::json::array();
  const auto offset = static_cast<size_t>(request.offset());
  for (size_t i = offset; i < all.size() && i < offset + static_cast<size_t>(request.per_page); ++i) {
    items.push_back(convert(all[i]));
  }
  response.SetHeader("Cache-Control", "no-store");
  WriteJson(response, {{"items", std::move(items)},
                       {"total", all.size()},
                       {"page", request.page},
                       {"per_page", request.per_page}});
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

ExportTable OutreachTable(const std::vector<OutreachTarget>& targets, int64_t network_id) {
  ExportTable table{"pistes-reseau-" + std::to_string(network_id), "Pistes",
                    {"Collectivité", "Code INSEE", "Population", "Score", "Meilleur chemin", "Autres chemins"}, {}};
  for (const OutreachTarget& t : targets) {
    if (table.rows.size() >= kMaxExportRows) break;
    std::string others;
    for (size_t i = 1; i < t.paths.size(); ++i) others += (others.empty() ? "" : "\n") + t.paths[i].explanation;
    table.rows.push_back({t.name, t.insee_code.value_or(""), t.population ? std::to_string(*t.population) : "",
                          Number(t.score), t.paths.empty() ? "" : t.paths.front().explanation, others});
  }
  return table;
}

ExportTable ConsortiaTable(const std::vector<Consortium>& consortia, const RelationGraph& graph, int64_t network_id) {
  ExportTable table{"opportunites-reseau-" + std::to_string(network_id), "Opportunités communes",
                    {"Connecteur", "Type", "Collectivités", "Nombre", "Score", "Qui appeler"}, {}};
  static const char* const kKinds[] = {"Conseil d'administration", "Partenaire étranger", "Pays", "EPCI"};
  for (const Consortium& c : consortia) {
    if (table.rows.size() >= kMaxExportRows) break;
    std::string members;
    for (int64_t id : c.members) {
      const GraphNode* node = graph.Node(id);
      members += (members.empty() ? "" : ", ") + (node ? node->name : std::to_string(id));
    }
    table.rows.push_back({c.connector_name, kKinds[static_cast<int>(c.kind)], members, std::to_string(c.members.size()),
                          Number(c.score), c.explanation});
  }
  return table;
}

class OutreachHandler {
 public:
  explicit OutreachHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), graphs_(services.database) {}

  void Outreach(const Request& request, Response& response) {
    auto caller = SignedIn(request);
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "departement", "category", "population_max", "epci", "via", "at", "page",
                               "per_page", "format"});
    const auto format = ReadExportFormat(input);
    OutreachQuery query;
    auto network = RequiredNetwork(input);
    const CollectiviteFilters filters = ReadCollectiviteFilters(input);
    query.departement = filters.departement;
    query.category = filters.category;
    query.population_max = filters.population_max;
    query.epci = input.Id("epci");
    query.via = input.Id("via");
    query.at = ReadDate(input);
    PageRequest page = input.ValidatedPage();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    query.network_id = *network;
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    auto snapshot = graphs_.Current();
    if (Status allowed = MayAsk(caller.value(), query.network_id, *snapshot); !allowed.ok()) {
      return WriteProblem(response, allowed);
    }
    query.regions = RegionsOf(*snapshot, query.network_id);
    if (format) {
      query.detail_count = kMaxExportRows;
    } else {
      query.detail_from = static_cast<size_t>(page.offset());
      query.detail_count = static_cast<size_t>(page.per_page);
    }
    const auto targets = FindOutreach(snapshot->graph, caller.value(), query);
    if (format) return WriteExport(response, OutreachTable(targets, query.network_id), *format);
    WriteComputedPage(response, targets, page, [&](const OutreachTarget& t) { return ToJson(t, snapshot->graph); });
  }

  void Consortia(const Request& request, Response& response) {
    auto caller = SignedIn(request);
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "region", "departement", "min_size", "at", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    ConsortiumQuery query;
    auto network = RequiredNetwork(input);
    query.region = input.Text("region");
    if (query.region && !IsRegionCode(*query.region)) input.errors().Add("region", "Code de région invalide (ex. 93).");
    query.departement = ReadDepartement(input);
    if (auto size = input.Integer("min_size")) {
      if (*size < 3 || *size > 50) {
        input.errors().Add("min_size", "Un consortium Clé en main réunit au moins 3 collectivités (50 au plus ici).");
      } else {
        query.min_size = static_cast<size_t>(*size);
      }
    }
    query.at = ReadDate(input);
    PageRequest page = input.ValidatedPage();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    query.network_id = *network;
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    auto snapshot = graphs_.Current();
    if (Status allowed = MayAsk(caller.value(), query.network_id, *snapshot); !allowed.ok()) {
      return WriteProblem(response, allowed);
    }
    query.regions = RegionsOf(*snapshot, query.network_id);
    const auto consortia = FindConsortia(snapshot->graph, caller.value(), query);
    if (format) return WriteExport(response, ConsortiaTable(consortia, snapshot->graph, query.network_id), *format);
    WriteComputedPage(response, consortia, page, [&](const Consortium& c) { return ToJson(c, snapshot->graph); });
  }

  void Neighbourhood(const Request& request, Response& response, const PathParams& params) {
    QueryInput input(request, {"kind", "at", "reference"});
    NeighbourhoodQuery query;
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    query.organisation_id = id.value();
    if (auto kinds = input.Text("kind")) ReadKinds(*kinds, query.kinds, input.errors());
    query.reference = input.Boolean("reference").value_or(true);
    query.at = ReadDate(input);
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto snapshot = graphs_.Current();
    auto found = NeighbourhoodOf(snapshot->graph, caller.value(), query);
    if (!found) return WriteProblem(response, Status::NotFound("Aucune organisation ne porte l'identifiant " +
                                                               std::to_string(query.organisation_id) + "."));
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(*found));
  }

 private:
  // "member_of,board_seat": each a known kind, else an error naming kind.
  static void ReadKinds(const std::string& text, std::set<RelationKind>& kinds, ValidationErrors& errors) {
    size_t start = 0;
    while (start <= text.size()) {
      const size_t comma = std::min(text.find(',', start), text.size());
      const std::string name = text.substr(start, comma - start);
      if (auto kind = ParseRelationKind(name)) {
        kinds.insert(*kind);
      } else {
        return errors.Add("kind", "Type de relation inconnu : member_of, board_seat ou partnership, séparés par des virgules.");
      }
      start = comma + 1;
    }
  }

  // The signed-in caller; anonymous visitors are asked to sign in before anything is checked.
  Result<Account> SignedIn(const Request& request) {
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (caller.ok() && caller.value().id == 0) {
      return Status::Unauthenticated("Connectez-vous pour interroger le graphe d'un réseau.");
    }
    return caller;
  }

  static std::optional<int64_t> RequiredNetwork(QueryInput& input) {
    auto network = input.Id("network");
    if (!network && input.errors().empty()) input.errors().Add("network", "Indiquez le réseau (network=ID).");
    return network;
  }

  static std::vector<std::string> RegionsOf(const GraphSnapshot& snapshot, int64_t network_id) {
    auto found = snapshot.network_regions.find(network_id);
    return found == snapshot.network_regions.end() ? std::vector<std::string>{} : found->second;
  }

  AccountRepository accounts_;
  RelationGraphStore graphs_;
};

}  // namespace

void RegisterOutreach(Router& router, ApiServices& services) {
  auto handler = std::make_shared<OutreachHandler>(services);
  router.Add("GET", "/api/v1/outreach", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Outreach(request, response);
  });
  router.Add("GET", "/api/v1/consortia", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Consortia(request, response);
  });
  router.Add("GET", "/api/v1/organisations/{id}/neighbourhood",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Neighbourhood(request, response, params);
             });
}

}  // namespace rrma::http
