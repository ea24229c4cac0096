#include "domain/neighbourhood.h"

#include <unordered_map>

#include "domain/access.h"
#include "domain/visible_graph.h"

namespace rrma {

std::optional<Neighbourhood> NeighbourhoodOf(const RelationGraph& graph, const Account& caller,
                                             const NeighbourhoodQuery& query) {
  const GraphNode* centre = graph.Node(query.organisation_id);
  if (centre == nullptr || !MayRead(caller, centre->owner_network_id, centre->visibility)) return std::nullopt;
  const VisibleGraph view(graph, caller, query.at);
  Neighbourhood result;
  std::unordered_map<int64_t, int> depth_of = {{centre->id, 0}};
  result.nodes.push_back({centre, 0});
  std::set<int64_t> edges_taken;
  // Breadth first: the relations of the centre, then of its neighbours. An archived centre is
  // walked from although the view hides it, so its edges are read from the graph's index.
  for (size_t next = 0; next < result.nodes.size(); ++next) {
    const NeighbourhoodNode from = result.nodes[next];
    if (from.depth >= 2) break;
    {
      for (const GraphLink& link : graph.LinksAt(graph.IndexOf(from.node->id))) {
        const GraphEdge& edge = graph.edges()[link.edge];
        if (!query.kinds.empty() && query.kinds.count(edge.kind) == 0) continue;
        if (edge.reference && !query.reference) continue;
        if (!MayRead(caller, edge.owner_network_id, edge.visibility) || !HoldsOn(edge, query.at)) continue;
        const int64_t other_id = edge.from_id == from.node->id ? edge.to_id : edge.from_id;
        const GraphNode* other = view.Node(other_id);
        if (other == nullptr && other_id != centre->id) continue;
        if (depth_of.count(other_id) == 0) {
          if (result.nodes.size() >= query.max_nodes) {
            result.truncated = true;
            continue;
          }
          depth_of[other_id] = from.depth + 1;
          result.nodes.push_back({other, from.depth + 1});
        }
        if (edges_taken.insert(edge.id).second) result.edges.push_back(&edge);
      }
    }
  }
  return result;
}

}  // namespace rrma
