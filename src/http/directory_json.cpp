#include "http/directory_json.h"

#include "http/json_output.h"

namespace rrma::http {
namespace {

using nlohmann::json;

json NodeRef(const RelationGraph& graph, int64_t id) {
  const GraphNode* node = graph.Node(id);
  if (node == nullptr) return {{"id", id}};
  return {{"id", id},
          {"name", node->name},
          {"acronym", OrNull(node->acronym)},
          {"kind", node->kind},
          {"category", OrNull(node->category)}};
}

json StepJson(const PathStep& step) {
  return {{"id", step.edge_id},
          {"kind", RelationKindName(step.kind)},
          {"from_id", step.from_id},
          {"to_id", step.to_id},
          {"role", step.role ? json(BoardRoleName(*step.role)) : json(nullptr)},
          {"start_date", OrNull(step.start_date)},
          {"end_date", OrNull(step.end_date)}};
}

std::string_view ConnectorName(ConnectorKind kind) {
  switch (kind) {
    case ConnectorKind::kEpci: return "epci";
    case ConnectorKind::kRegion: return "region";
    case ConnectorKind::kLocalActor: break;
  }
  return "acteur_local";
}

std::string_view ConsortiumKindName(ConsortiumConnectorKind kind) {
  switch (kind) {
    case ConsortiumConnectorKind::kForeignPartner: return "partenaire_etranger";
    case ConsortiumConnectorKind::kCountry: return "pays";
    case ConsortiumConnectorKind::kEpci: return "epci";
    case ConsortiumConnectorKind::kBoard: break;
  }
  return "conseil_administration";
}

}  // namespace

std::string_view RelationKindName(RelationKind kind) {
  switch (kind) {
    case RelationKind::kBoardSeat: return "board_seat";
    case RelationKind::kPartnership: return "partnership";
    case RelationKind::kMemberOf: break;
  }
  return "member_of";
}

std::optional<RelationKind> ParseRelationKind(std::string_view name) {
  for (RelationKind kind : {RelationKind::kMemberOf, RelationKind::kBoardSeat, RelationKind::kPartnership}) {
    if (RelationKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view BoardRoleName(BoardRole role) {
  switch (role) {
    case BoardRole::kPresident: return "president";
    case BoardRole::kVicePresident: return "vice_president";
    case BoardRole::kTresorier: return "tresorier";
    case BoardRole::kSecretaire: return "secretaire";
    case BoardRole::kMembre: break;
  }
  return "membre";
}

json ToJson(const Actor& a, const Account& caller) {
  json commune = nullptr;
  if (a.commune_insee) commune = {{"insee_code", *a.commune_insee}, {"name", OrNull(a.commune_name)}};
  return {{"id", a.id},
          {"kind", a.kind},
          {"category", nullptr},
          {"name", a.name},
          {"acronym", OrNull(a.acronym)},
          {"rna", OrNull(a.rna)},
          {"siren", OrNull(a.siren)},
          {"address", OrNull(a.address)},
          {"commune", std::move(commune)},
          {"departement_code", OrNull(a.departement_code)},
          {"region_code", OrNull(a.region_code)},
          {"website", OrNull(a.website)},
          {"country_code", OrNull(a.country_code)},
          {"level", OrNull(a.level)},
          {"themes", a.themes},
          {"countries", a.countries},
          {"odd", a.odd},
          {"description", a.description},
          {"archived", a.archived_at.has_value()},
          {"archived_at", OrNull(a.archived_at)},
          {"network", {{"id", a.network_id}, {"name", a.network_name}}},
          {"visibility", VisibilityName(a.visibility)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"permissions", {{"edit", WorksIn(caller, a.network_id)}}}};
}

json ToJson(const Relationship& r, const Account& caller) {
  const auto end = [](const RelationshipEnd& e) {
    return json{{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"category", OrNull(e.category)}};
  };
  json network = nullptr;
  if (r.network_id) network = {{"id", *r.network_id}, {"name", r.network_name}};
  return {{"id", r.id},
          {"kind", r.kind},
          {"from", end(r.from)},
          {"to", end(r.to)},
          {"role", OrNull(r.role)},
          {"start_date", OrNull(r.start_date)},
          {"end_date", OrNull(r.end_date)},
          {"source", r.source},
          {"network", std::move(network)},
          {"visibility", VisibilityName(r.visibility)},
          {"themes", r.themes},
          {"convention_date", OrNull(r.convention_date)},
          {"reference", r.reference},
          {"created_at", r.created_at},
          {"permissions", {{"edit", !r.reference && r.network_id && WorksIn(caller, *r.network_id)}}}};
}

json ToJson(const OutreachTarget& target, const RelationGraph& graph) {
  json paths = json::array();
  for (const OutreachPath& path : target.paths) {
    json intermediaries = json::array();
    for (int64_t id : path.intermediaries) intermediaries.push_back(NodeRef(graph, id));
    json relations = json::array();
    for (const PathStep& step : path.steps) relations.push_back(StepJson(step));
    paths.push_back({{"connector", ConnectorName(path.connector)},
                     {"intermediaries", std::move(intermediaries)},
                     {"relations", std::move(relations)},
                     {"score", path.score},
                     {"explanation", path.explanation}});
  }
  return {{"target",
           {{"id", target.id},
            {"name", target.name},
            {"insee_code", OrNull(target.insee_code)},
            {"population", OrNull(target.population)}}},
          {"score", target.score},
          {"paths", std::move(paths)}};
}

json ToJson(const Neighbourhood& n) {
  json nodes = json::array();
  for (const NeighbourhoodNode& entry : n.nodes) {
    const GraphNode& node = *entry.node;
    nodes.push_back({{"id", node.id},
                     {"name", node.name},
                     {"acronym", OrNull(node.acronym)},
                     {"kind", node.kind},
                     {"category", OrNull(node.category)},
                     {"depth", entry.depth}});
  }
  json edges = json::array();
  for (const GraphEdge* edge : n.edges) {
    PathStep step{edge->id, edge->kind, edge->from_id, edge->to_id, edge->role, edge->start_date, edge->end_date};
    json item = StepJson(step);
    item["reference"] = edge->reference;
    edges.push_back(std::move(item));
  }
  return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}, {"truncated", n.truncated}};
}

json ToJson(const Consortium& c, const RelationGraph& graph) {
  json members = json::array();
  for (int64_t id : c.members) {
    json member = NodeRef(graph, id);
    if (const GraphNode* node = graph.Node(id)) {
      member["insee_code"] = OrNull(node->insee_code);
      member["population"] = OrNull(node->population);
    }
    members.push_back(std::move(member));
  }
  json connector = {{"kind", ConsortiumKindName(c.kind)}, {"name", c.connector_name}};
  connector["organisation"] = c.connector_id ? NodeRef(graph, *c.connector_id) : json(nullptr);
  connector["country"] = OrNull(c.country);
  return {{"connector", std::move(connector)},
          {"members", std::move(members)},
          {"size", c.members.size()},
          {"score", c.score},
          {"explanation", c.explanation}};
}

}  // namespace rrma::http
