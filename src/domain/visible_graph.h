// The relationship graph as one caller sees it on one date: readable, unarchived nodes, and the
// readable relations holding on that date between two of them. What the finders and the
// neighbourhood walk, so that nothing else is ever walked, counted or named. A view over a
// RelationGraph; cheap to build per request. Thread-safe as long as the graph is not changed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/account.h"
#include "domain/relation_graph.h"

namespace rrma {

class VisibleGraph {
 public:
  VisibleGraph(const RelationGraph& graph, const Account& caller, const std::string& at)
      : graph_(graph), caller_(caller), at_(at) {}

  bool Sees(const GraphNode& node) const {
    return !node.archived && MayRead(caller_, node.owner_network_id, node.visibility);
  }

  const GraphNode* Node(int64_t id) const {
    const GraphNode* node = graph_.Node(id);
    return node != nullptr && Sees(*node) ? node : nullptr;
  }

  // The visible relations touching `id`, leaving it first. A relation of a node to itself says
  // nothing and is skipped.
  std::vector<const GraphEdge*> Edges(int64_t id) const {
    std::vector<const GraphEdge*> edges;
    for (const std::vector<size_t>* side : {&graph_.Outgoing(id), &graph_.Incoming(id)}) {
      for (size_t index : *side) {
        const GraphEdge& edge = graph_.edges()[index];
        if (edge.from_id != edge.to_id && Sees(edge)) edges.push_back(&edge);
      }
    }
    return edges;
  }

  const RelationGraph& graph() const { return graph_; }

 private:
  bool Sees(const GraphEdge& edge) const {
    return MayRead(caller_, edge.owner_network_id, edge.visibility) && HoldsOn(edge, at_) &&
           Node(edge.from_id) != nullptr && Node(edge.to_id) != nullptr;
  }

  const RelationGraph& graph_;
  const Account& caller_;
  const std::string& at_;
};

}  // namespace rrma
