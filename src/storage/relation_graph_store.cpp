#include "storage/relation_graph_store.h"

#include <nlohmann/json.hpp>

#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"

namespace rrma {
namespace {

constexpr std::string_view kGenerations = "SELECT name, value FROM data_generation";
constexpr std::string_view kNodes =
    "SELECT o.id, o.population, o.network_id, o.name, o.acronym, o.kind, o.category, o.insee_code,"
    " o.departement_code, o.region_code, o.countries, o.country_code, o.archived_at, o.visibility"
    " FROM organisation o WHERE ";
// Reference rows (the COG) change only with an import; the rest with every network's write.
constexpr std::string_view kReferenceRows = "reference_key IS NOT NULL";
constexpr std::string_view kDirectoryRows = "reference_key IS NULL";
constexpr std::string_view kNetworkNodes = "SELECT id, organisation_id FROM network WHERE organisation_id IS NOT NULL";
constexpr std::string_view kEdges =
    "SELECT id, from_id, to_id, network_id, kind, role, start_date, end_date, reference_key, visibility"
    " FROM relationship WHERE kind IN ('member_of', 'board_seat', 'partnership') AND ";
// Upper bounds of the rows ReadNodes and ReadEdges read for the networks' part.
constexpr std::string_view kCountNodes = "SELECT COUNT(*) FROM organisation WHERE reference_key IS NULL";
constexpr std::string_view kCountEdges = "SELECT COUNT(*) FROM relationship WHERE reference_key IS NULL";
constexpr std::string_view kCountries = "SELECT code, name FROM country";
constexpr std::string_view kNetworkRegions = "SELECT network_id, region_code FROM network_region ORDER BY region_code";

std::optional<RelationKind> ParseKind(const std::string& kind) {
  if (kind == "member_of") return RelationKind::kMemberOf;
  if (kind == "board_seat") return RelationKind::kBoardSeat;
  if (kind == "partnership") return RelationKind::kPartnership;
  return std::nullopt;
}

std::optional<BoardRole> ParseRole(const std::optional<std::string>& role) {
  if (!role) return std::nullopt;
  if (*role == "president") return BoardRole::kPresident;
  if (*role == "vice_president") return BoardRole::kVicePresident;
  if (*role == "tresorier") return BoardRole::kTresorier;
  if (*role == "secretaire") return BoardRole::kSecretaire;
  return BoardRole::kMembre;
}

std::vector<std::string> ParseCodes(const std::optional<std::string>& json_text) {
  std::vector<std::string> codes;
  if (!json_text) return codes;
  auto json = nlohmann::json::parse(*json_text, nullptr, false);
  if (!json.is_array()) return codes;
  for (const auto& item : json) {
    if (item.is_string()) codes.push_back(item.get<std::string>());
  }
  return codes;
}

// organisation id -> network id, for the networks' own records.
std::unordered_map<int64_t, int64_t> ReadNetworkRecords(Database::Lease& session) {
  std::unordered_map<int64_t, int64_t> network_of;
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t network = row.Integer(), organisation = row.Integer();
  select.Execute(std::string(kNetworkNodes));
  while (select.Fetch()) network_of[row.IntegerOr(organisation)] = row.IntegerOr(network);
  return network_of;
}

// Reads nodes (then edges, below) and hands each to add(), so that rows go straight where they are kept.
template <typename Add>
void ReadNodes(Database::Lease& session, std::string_view rows, const std::unordered_map<int64_t, int64_t>& network_of,
               Add&& add) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), population = row.Integer(), network = row.Integer();
  const size_t name = row.Text(), acronym = row.Text(), kind = row.Text(), category = row.Text(), insee = row.Text();
  const size_t departement = row.Text(), region = row.Text(), countries = row.Text(), country = row.Text();
  const size_t archived = row.Text(), visibility = row.Text();
  select.Execute(std::string(kNodes).append(rows));
  while (select.Fetch()) {
    GraphNode node;
    node.id = row.IntegerOr(id);
    node.population = row.OptionalInteger(population);
    node.owner_network_id = row.IntegerOr(network);
    node.name = row.TextOr(name);
    node.acronym = row.OptionalText(acronym);
    node.kind = row.TextOr(kind);
    node.category = row.OptionalText(category);
    node.insee_code = row.OptionalText(insee);
    node.departement_code = row.OptionalText(departement);
    node.region_code = row.OptionalText(region);
    node.countries = ParseCodes(row.OptionalText(countries));
    node.country_code = row.OptionalText(country);
    node.archived = row.OptionalText(archived).has_value();
    node.visibility = ParseVisibility(row.TextOr(visibility)).value_or(Visibility::kPrivate);
    if (auto found = network_of.find(node.id); found != network_of.end()) node.network_of = found->second;
    add(std::move(node));
  }
}

template <typename Add>
void ReadEdges(Database::Lease& session, std::string_view rows, Add&& add) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), from = row.Integer(), to = row.Integer(), network = row.Integer();
  const size_t kind = row.Text(), role = row.Text(), start = row.Text(), end = row.Text(), key = row.Text();
  const size_t visibility = row.Text();
  select.Execute(std::string(kEdges).append(rows));
  while (select.Fetch()) {
    auto parsed = ParseKind(row.TextOr(kind));
    if (!parsed) continue;
    GraphEdge edge;
    edge.id = row.IntegerOr(id);
    edge.kind = *parsed;
    edge.from_id = row.IntegerOr(from);
    edge.to_id = row.IntegerOr(to);
    edge.owner_network_id = row.IntegerOr(network);
    if (edge.kind == RelationKind::kBoardSeat) edge.role = ParseRole(row.OptionalText(role));
    edge.start_date = row.OptionalText(start);
    edge.end_date = row.OptionalText(end);
    edge.reference = row.OptionalText(key).has_value();
    edge.visibility = ParseVisibility(row.TextOr(visibility)).value_or(Visibility::kPrivate);
    add(std::move(edge));
  }
}

}  // namespace

std::shared_ptr<const GraphSnapshot> RelationGraphStore::Current() {
  int64_t reference = 0, directory = 0;
  {
    auto session = database_.Acquire();
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t name = row.Text(), value = row.Integer();
    select.Execute(std::string(kGenerations));
    while (select.Fetch()) {
      if (row.TextOr(name) == "reference") reference = row.IntegerOr(value);
      if (row.TextOr(name) == "directory") directory = row.IntegerOr(value);
    }
  }
  std::lock_guard lock(mutex_);
  if (!snapshot_ || snapshot_->reference_generation != reference || snapshot_->directory_generation != directory) {
    snapshot_.reset();  // not kept alive by the store while the next one is built (requests may still hold it)
    snapshot_ = Build(reference, directory);
  }
  return snapshot_;
}

std::shared_ptr<const ReferencePart> RelationGraphStore::ReadReference(Database::Lease& session,
                                                                       int64_t reference_generation) {
  auto part = std::make_shared<ReferencePart>();
  part->generation = reference_generation;
  ReadNodes(session, kReferenceRows, {}, [&](GraphNode node) { part->nodes.push_back(std::move(node)); });
  ReadEdges(session, kReferenceRows, [&](GraphEdge edge) { part->edges.push_back(std::move(edge)); });
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t code = row.Text(), name = row.Text();
  select.Execute(std::string(kCountries));
  while (select.Fetch()) part->countries.emplace_back(row.TextOr(code), row.TextOr(name));
  return part;
}

std::shared_ptr<const GraphSnapshot> RelationGraphStore::Build(int64_t reference_generation,
                                                              int64_t directory_generation) {
  auto snapshot = std::make_shared<GraphSnapshot>();
  snapshot->reference_generation = reference_generation;
  snapshot->directory_generation = directory_generation;
  auto session = database_.Acquire();
  ReadTransaction consistent(session, database_.engine());
  if (!reference_ || reference_->generation != reference_generation) {
    reference_ = ReadReference(session, reference_generation);
  }
  // The COG's rows are copied from memory; only what networks record is read again, straight
  // into the graph sized beforehand (at national scale a vector's growth would double its peak).
  RelationGraph& graph = snapshot->graph;
  graph.Reserve(reference_->nodes.size() + static_cast<size_t>(RunScalar(session, std::string(kCountNodes), {}).value_or(0)),
                reference_->edges.size() + static_cast<size_t>(RunScalar(session, std::string(kCountEdges), {}).value_or(0)));
  for (const GraphNode& node : reference_->nodes) graph.AddNode(node);
  for (const GraphEdge& edge : reference_->edges) graph.AddEdge(edge);
  for (const auto& [code, name] : reference_->countries) graph.AddCountry(code, name);
  ReadNodes(session, kDirectoryRows, ReadNetworkRecords(session), [&](GraphNode node) { graph.AddNode(std::move(node)); });
  ReadEdges(session, kDirectoryRows, [&](GraphEdge edge) { graph.AddEdge(std::move(edge)); });
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t network = row.Integer(), region = row.Text();
    select.Execute(std::string(kNetworkRegions));
    while (select.Fetch()) snapshot->network_regions[row.IntegerOr(network)].push_back(row.TextOr(region));
  }
  snapshot->graph.Finish();
  return snapshot;
}

}  // namespace rrma
