// The relationship graph as one caller sees it on one date: readable, unarchived nodes, and the
// readable relations holding on that date between two of them. What the finders and the
// neighbourhood walk, so that nothing else is ever walked, counted or named. A view over a
// RelationGraph; built per request in one pass over the nodes (which it decides once). Thread-safe
// as long as the graph is not changed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/account.h"
#include "domain/relation_graph.h"

namespace rrma {

class VisibleGraph {
 public:
  VisibleGraph(const RelationGraph& graph, const Account& caller, const std::string& at)
      : graph_(graph), caller_(caller), at_day_(DayNumber(at, 0)), seen_(graph.nodes().size()) {
    const std::vector<NodeAccess>& access = graph.access();
    for (size_t i = 0; i < seen_.size() && i < access.size(); ++i) {
      seen_[i] = !access[i].archived && MayRead(caller_, access[i].owner_network_id, access[i].visibility);
    }
  }

  bool Sees(const GraphNode& node) const { return SeenNow(node); }

  const GraphNode* Node(int64_t id) const { return NodeAt(graph_.IndexOf(id)); }

  // The node at that position of the graph's nodes(), when it is seen.
  const GraphNode* NodeAt(uint32_t index) const {
    return index != kNoNode && seen_[index] ? &graph_.NodeAt(index) : nullptr;
  }

  // Calls visit(link) for each visible relation touching the node at `index` (none when that node
  // is not seen), leaving it first. A relation of a node to itself says nothing and is skipped. No
  // allocation, and edges are not read: the finders' hot path.
  template <typename Visit>
  void ForEachLinkAt(uint32_t index, Visit&& visit) const {
    if (index == kNoNode || !seen_[index]) return;
    for (const GraphLink& link : graph_.LinksAt(index)) {
      if (link.other == index || link.other == kNoNode || !seen_[link.other]) continue;
      if (link.start_day > at_day_ || link.end_day < at_day_) continue;
      if (MayRead(caller_, link.owner_network_id, link.visibility)) visit(link);
    }
  }

  // The same, handing over each relation's edge.
  template <typename Visit>
  void ForEachEdgeAt(uint32_t index, Visit&& visit) const {
    ForEachLinkAt(index, [&](const GraphLink& link) { visit(graph_.edges()[link.edge]); });
  }

  // The visible relations touching `id`, leaving it first.
  std::vector<const GraphEdge*> Edges(int64_t id) const {
    std::vector<const GraphEdge*> edges;
    ForEachEdgeAt(graph_.IndexOf(id), [&](const GraphEdge& edge) { edges.push_back(&edge); });
    return edges;
  }

  const RelationGraph& graph() const { return graph_; }

 private:
  bool SeenNow(const GraphNode& node) const {
    return !node.archived && MayRead(caller_, node.owner_network_id, node.visibility);
  }

  const RelationGraph& graph_;
  const Account& caller_;
  int32_t at_day_;  // the date looked at, as DayNumber
  std::vector<char> seen_;  // by node position: Sees(node), decided once
};

}  // namespace rrma
