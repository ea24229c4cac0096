#include "domain/relation_graph.h"

#include <utility>

namespace rrma {
namespace {

// Indexes a collectivité by its INSEE code. When two records share a code (a merged commune kept
// archived beside its successor), the current one wins so that lookups name what exists today.
void IndexByCode(std::unordered_map<std::string, size_t>& index, const std::vector<GraphNode>& nodes, size_t i) {
  const GraphNode& node = nodes[i];
  if (!node.insee_code) return;
  auto [it, inserted] = index.try_emplace(*node.insee_code, i);
  if (!inserted && nodes[it->second].archived && !node.archived) it->second = i;
}

}  // namespace

void RelationGraph::Reserve(size_t nodes, size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
}

void RelationGraph::AddNode(GraphNode node) { nodes_.push_back(std::move(node)); }

void RelationGraph::AddEdge(GraphEdge edge) { edges_.push_back(std::move(edge)); }

void RelationGraph::AddCountry(std::string code, std::string name) {
  countries_.insert_or_assign(std::move(code), std::move(name));
}

void RelationGraph::Finish() {
  node_index_.clear();
  network_nodes_.clear();
  regions_.clear();
  departements_.clear();
  collectivites_by_region_.clear();
  access_.clear();
  access_.reserve(nodes_.size());
  ids_.clear();
  ids_.reserve(nodes_.size());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    GraphNode& node = nodes_[i];
    node.collectivite = node.kind == "collectivite";
    node.epci = node.collectivite && node.category == "epci";
    access_.push_back({node.owner_network_id, node.visibility, node.archived});
    ids_.push_back(node.id);
    node_index_.insert_or_assign(node.id, static_cast<uint32_t>(i));
    if (node.collectivite && node.region_code) collectivites_by_region_[*node.region_code].push_back(static_cast<uint32_t>(i));
    if (node.network_of) network_nodes_.insert_or_assign(*node.network_of, i);
    if (node.kind != "collectivite" || !node.category) continue;
    if (*node.category == "region") IndexByCode(regions_, nodes_, i);
    if (*node.category == "departement") IndexByCode(departements_, nodes_, i);
  }
  for (GraphEdge& edge : edges_) {
    edge.from_index = IndexOf(edge.from_id);
    edge.to_index = IndexOf(edge.to_id);
    edge.start_day = DayNumber(edge.start_date, 0);
    edge.end_day = DayNumber(edge.end_date, std::numeric_limits<int32_t>::max());
  }
  LinkEdges();
}

// Counting sort of the edges by each end's position: per node, the edges leaving it, then those
// reaching it, each group in the order the edges were added.
void RelationGraph::LinkEdges() {
  const size_t count = nodes_.size();
  std::vector<uint32_t> leaving(count + 1, 0), reaching(count + 1, 0);
  for (const GraphEdge& edge : edges_) {
    if (edge.from_index != kNoNode) ++leaving[edge.from_index];
    if (edge.to_index != kNoNode) ++reaching[edge.to_index];
  }
  link_offsets_.assign(count + 1, 0);
  for (size_t i = 0; i < count; ++i) link_offsets_[i + 1] = link_offsets_[i] + leaving[i] + reaching[i];
  links_.assign(link_offsets_[count], GraphLink{});
  std::vector<uint32_t> next_leaving(link_offsets_.begin(), link_offsets_.end() - 1), next_reaching(count);
  for (size_t i = 0; i < count; ++i) next_reaching[i] = link_offsets_[i] + leaving[i];
  for (size_t e = 0; e < edges_.size(); ++e) {
    const GraphEdge& edge = edges_[e];
    GraphLink link{static_cast<uint32_t>(e), kNoNode, edge.start_day, edge.end_day, edge.owner_network_id,
                   edge.visibility, edge.kind, edge.reference, true, false, edge.role};
    if (edge.from_index != kNoNode) {
      link.other = edge.to_index;
      link.other_epci = edge.to_index != kNoNode && nodes_[edge.to_index].epci;
      links_[next_leaving[edge.from_index]++] = link;
    }
    if (edge.to_index != kNoNode) {
      link.other = edge.from_index;
      link.other_epci = edge.from_index != kNoNode && nodes_[edge.from_index].epci;
      link.leaves = false;
      links_[next_reaching[edge.to_index]++] = link;
    }
  }
}

std::span<const GraphLink> RelationGraph::LinksAt(uint32_t index) const {
  if (index == kNoNode || index + 1 >= link_offsets_.size()) return {};
  return std::span<const GraphLink>(links_).subspan(link_offsets_[index], link_offsets_[index + 1] - link_offsets_[index]);
}

uint32_t RelationGraph::IndexOf(int64_t id) const {
  auto it = node_index_.find(id);
  return it == node_index_.end() ? kNoNode : it->second;
}

const GraphNode* RelationGraph::Node(int64_t id) const {
  uint32_t index = IndexOf(id);
  return index == kNoNode ? nullptr : &nodes_[index];
}

const GraphNode* RelationGraph::NetworkNode(int64_t network_id) const {
  auto it = network_nodes_.find(network_id);
  return it == network_nodes_.end() ? nullptr : &nodes_[it->second];
}

const GraphNode* RelationGraph::Region(const std::string& code) const {
  auto it = regions_.find(code);
  return it == regions_.end() ? nullptr : &nodes_[it->second];
}

const GraphNode* RelationGraph::Departement(const std::string& code) const {
  auto it = departements_.find(code);
  return it == departements_.end() ? nullptr : &nodes_[it->second];
}

std::span<const uint32_t> RelationGraph::CollectivitesIn(const std::string& region_code) const {
  auto it = collectivites_by_region_.find(region_code);
  if (it == collectivites_by_region_.end()) return {};
  return it->second;
}

const std::string* RelationGraph::CountryName(const std::string& code) const {
  auto it = countries_.find(code);
  return it == countries_.end() ? nullptr : &it->second;
}

int32_t DayNumber(const std::optional<std::string>& date, int32_t otherwise) {
  if (!date || date->size() != 10 || (*date)[4] != '-' || (*date)[7] != '-') return otherwise;
  int32_t number = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    const char c = (*date)[i];
    if (c < '0' || c > '9') return otherwise;
    number = number * 10 + (c - '0');
  }
  return number;
}

// ISO dates (YYYY-MM-DD) order as strings, so no parsing is needed.
bool HoldsOn(const GraphEdge& edge, const std::string& date) {
  if (edge.start_date && *edge.start_date > date) return false;
  if (edge.end_date && *edge.end_date < date) return false;
  return true;
}

}  // namespace rrma
