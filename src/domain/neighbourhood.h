// The neighbourhood of an organisation in the relationship graph: the organisations within two
// relations of it, and those relations, as the caller may read them on a date — what the
// organisation page draws. Bounded: at most max_nodes organisations, nearest first. Pure function
// over a RelationGraph, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/relation_graph.h"

namespace rrma {

inline constexpr size_t kMaxNeighbourhoodNodes = 300;

struct NeighbourhoodNode {
  const GraphNode* node = nullptr;
  int depth = 0;  // 0 for the organisation itself
};

struct Neighbourhood {
  std::vector<NeighbourhoodNode> nodes;
  std::vector<const GraphEdge*> edges;
  bool truncated = false;  // more organisations lay within two relations
};

struct NeighbourhoodQuery {
  int64_t organisation_id = 0;
  std::string at;                  // YYYY-MM-DD
  std::set<RelationKind> kinds;    // empty: every kind
  size_t max_nodes = kMaxNeighbourhoodNodes;
  bool reference = true;  // false: leave out the COG's relations (the EPCI memberships)
};

// Nothing when the organisation is not visible to caller (unreadable or archived is still drawn
// when it is the centre: an archived actor's page shows its former ties).
std::optional<Neighbourhood> NeighbourhoodOf(const RelationGraph& graph, const Account& caller,
                                             const NeighbourhoodQuery& query);

}  // namespace rrma
