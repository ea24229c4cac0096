#include "domain/neighbourhood.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace rrma {
namespace {

Account StaffOf(int64_t network) {
  Account account;
  account.id = 7;
  account.roles.push_back({1, Role::kNetworkStaff, network, "", std::nullopt, ""});
  return account;
}

GraphNode Node(int64_t id, std::string name, int64_t owner = 0, Visibility visibility = Visibility::kPublic) {
  GraphNode node;
  node.id = id;
  node.name = std::move(name);
  node.kind = "association";
  node.owner_network_id = owner;
  node.visibility = visibility;
  return node;
}

GraphEdge Edge(int64_t id, RelationKind kind, int64_t from, int64_t to, int64_t owner = 1,
               Visibility visibility = Visibility::kPublic) {
  GraphEdge edge;
  edge.id = id;
  edge.kind = kind;
  edge.from_id = from;
  edge.to_id = to;
  edge.owner_network_id = owner;
  edge.visibility = visibility;
  return edge;
}

// A chain 1 — 2 — 3 — 4, plus 5 private to network 2 on 2, and 6 seating 1 since 2030.
RelationGraph Chain() {
  RelationGraph graph;
  for (int64_t id = 1; id <= 4; ++id) graph.AddNode(Node(id, "N" + std::to_string(id)));
  graph.AddNode(Node(5, "Privée", 2, Visibility::kPrivate));
  graph.AddNode(Node(6, "Future"));
  graph.AddEdge(Edge(10, RelationKind::kBoardSeat, 1, 2));
  graph.AddEdge(Edge(11, RelationKind::kPartnership, 2, 3));
  graph.AddEdge(Edge(12, RelationKind::kMemberOf, 3, 4));
  graph.AddEdge(Edge(13, RelationKind::kMemberOf, 5, 2, 2, Visibility::kPrivate));
  GraphEdge future = Edge(14, RelationKind::kBoardSeat, 6, 1);
  future.start_date = "2030-01-01";
  graph.AddEdge(future);
  graph.Finish();
  return graph;
}

std::vector<int64_t> Ids(const Neighbourhood& n) {
  std::vector<int64_t> ids;
  for (const NeighbourhoodNode& node : n.nodes) ids.push_back(node.node->id);
  return ids;
}

TEST(Neighbourhood, ReachesTwoRelationsAwayAndNoFurther) {
  RelationGraph graph = Chain();
  auto n = NeighbourhoodOf(graph, StaffOf(1), {1, "2026-01-01", {}, 300});
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(Ids(*n), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(n->edges.size(), 2u);
  EXPECT_EQ(n->nodes[2].depth, 2);
  EXPECT_FALSE(n->truncated);
}

TEST(Neighbourhood, ShowsAnotherNetworksPrivateRowsOnlyToThatNetwork) {
  RelationGraph graph = Chain();
  auto mine = NeighbourhoodOf(graph, StaffOf(2), {2, "2026-01-01", {}, 300});
  auto theirs = NeighbourhoodOf(graph, StaffOf(1), {2, "2026-01-01", {}, 300});
  const auto own = Ids(*mine);
  EXPECT_NE(std::find(own.begin(), own.end(), 5), own.end());
  const auto seen = Ids(*theirs);
  EXPECT_EQ(std::find(seen.begin(), seen.end(), 5), seen.end());
  EXPECT_FALSE(NeighbourhoodOf(graph, StaffOf(1), {5, "2026-01-01", {}, 300}).has_value());
}

TEST(Neighbourhood, KeepsOnlyTheKindsAskedAndTheRelationsHoldingOnTheDate) {
  RelationGraph graph = Chain();
  auto seats = NeighbourhoodOf(graph, StaffOf(1), {2, "2026-01-01", {RelationKind::kBoardSeat}, 300});
  EXPECT_EQ(Ids(*seats), (std::vector<int64_t>{2, 1}));
  auto later = NeighbourhoodOf(graph, StaffOf(1), {1, "2031-01-01", {RelationKind::kBoardSeat}, 300});
  EXPECT_EQ(Ids(*later), (std::vector<int64_t>{1, 2, 6}));
}

TEST(Neighbourhood, LeavesOutTheReferenceRelationsWhenAskedAndWalksOnWithoutThem) {
  RelationGraph graph;
  graph.AddNode(Node(1, "Commune"));
  graph.AddNode(Node(2, "EPCI"));
  graph.AddNode(Node(3, "Autre commune de l'EPCI"));
  graph.AddNode(Node(4, "Association"));
  for (GraphEdge edge : {Edge(10, RelationKind::kMemberOf, 1, 2, 0), Edge(11, RelationKind::kMemberOf, 3, 2, 0)}) {
    edge.reference = true;
    graph.AddEdge(edge);
  }
  graph.AddEdge(Edge(12, RelationKind::kBoardSeat, 1, 4));
  graph.Finish();
  auto all = NeighbourhoodOf(graph, StaffOf(1), {1, "2026-01-01", {}, 300});
  EXPECT_EQ(Ids(*all), (std::vector<int64_t>{1, 2, 4, 3}));
  auto recorded = NeighbourhoodOf(graph, StaffOf(1), {1, "2026-01-01", {}, 300, false});
  EXPECT_EQ(Ids(*recorded), (std::vector<int64_t>{1, 4}));
  ASSERT_EQ(recorded->edges.size(), 1u);
  EXPECT_EQ(recorded->edges[0]->id, 12);
}

TEST(Neighbourhood, StopsAtTheNodeLimitAndSaysSo) {
  RelationGraph graph = Chain();
  auto n = NeighbourhoodOf(graph, StaffOf(1), {2, "2026-01-01", {}, 2});
  EXPECT_EQ(n->nodes.size(), 2u);
  EXPECT_TRUE(n->truncated);
}

}  // namespace
}  // namespace rrma
