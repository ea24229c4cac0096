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

void RelationGraph::AddNode(GraphNode node) { nodes_.push_back(std::move(node)); }

void RelationGraph::AddEdge(GraphEdge edge) { edges_.push_back(std::move(edge)); }

void RelationGraph::AddCountry(std::string code, std::string name) {
  countries_.insert_or_assign(std::move(code), std::move(name));
}

void RelationGraph::Finish() {
  node_index_.clear();
  outgoing_.clear();
  incoming_.clear();
  network_nodes_.clear();
  regions_.clear();
  departements_.clear();
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const GraphNode& node = nodes_[i];
    node_index_.insert_or_assign(node.id, i);
    if (node.network_of) network_nodes_.insert_or_assign(*node.network_of, i);
    if (node.kind != "collectivite" || !node.category) continue;
    if (*node.category == "region") IndexByCode(regions_, nodes_, i);
    if (*node.category == "departement") IndexByCode(departements_, nodes_, i);
  }
  for (size_t i = 0; i < edges_.size(); ++i) {
    outgoing_[edges_[i].from_id].push_back(i);
    incoming_[edges_[i].to_id].push_back(i);
  }
}

const GraphNode* RelationGraph::Node(int64_t id) const {
  auto it = node_index_.find(id);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

const std::vector<size_t>& RelationGraph::Outgoing(int64_t id) const {
  static const std::vector<size_t> kNone;
  auto it = outgoing_.find(id);
  return it == outgoing_.end() ? kNone : it->second;
}

const std::vector<size_t>& RelationGraph::Incoming(int64_t id) const {
  static const std::vector<size_t> kNone;
  auto it = incoming_.find(id);
  return it == incoming_.end() ? kNone : it->second;
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

const std::string* RelationGraph::CountryName(const std::string& code) const {
  auto it = countries_.find(code);
  return it == countries_.end() ? nullptr : &it->second;
}

// ISO dates (YYYY-MM-DD) order as strings, so no parsing is needed.
bool HoldsOn(const GraphEdge& edge, const std::string& date) {
  if (edge.start_date && *edge.start_date > date) return false;
  if (edge.end_date && *edge.end_date < date) return false;
  return true;
}

}  // namespace rrma
