#include "domain/relation_graph.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

GraphNode Collectivite(int64_t id, std::string name, std::string category, std::string insee, bool archived = false) {
  GraphNode node;
  node.id = id;
  node.name = std::move(name);
  node.kind = "collectivite";
  node.category = std::move(category);
  node.insee_code = std::move(insee);
  node.archived = archived;
  return node;
}

GraphEdge Relation(int64_t id, int64_t from, int64_t to) {
  GraphEdge edge;
  edge.id = id;
  edge.from_id = from;
  edge.to_id = to;
  return edge;
}

TEST(RelationGraph, FindsNodesAndTheRelationsLeavingAndReachingThem) {
  RelationGraph graph;
  graph.AddNode(Collectivite(1, "Peymeinade", "commune", "06095"));
  GraphNode mas;
  mas.id = 2;
  mas.name = "Méditerranée Afrique Solidarité";
  mas.kind = "association";
  graph.AddNode(mas);
  graph.AddEdge(Relation(10, 1, 2));
  graph.Finish();

  ASSERT_NE(graph.Node(2), nullptr);
  EXPECT_EQ(graph.Node(2)->name, "Méditerranée Afrique Solidarité");
  EXPECT_EQ(graph.Node(3), nullptr);
  const auto peymeinade = graph.LinksAt(graph.IndexOf(1));
  ASSERT_EQ(peymeinade.size(), 1u);
  EXPECT_EQ(graph.edges()[peymeinade[0].edge].id, 10);
  EXPECT_TRUE(peymeinade[0].leaves);
  EXPECT_EQ(peymeinade[0].other, graph.IndexOf(2));
  const auto association = graph.LinksAt(graph.IndexOf(2));
  ASSERT_EQ(association.size(), 1u);
  EXPECT_FALSE(association[0].leaves);
  EXPECT_EQ(association[0].other, graph.IndexOf(1));
}

TEST(RelationGraph, ListsANodesLinksLeavingFirstEachInTheOrderAdded) {
  RelationGraph graph;
  for (int64_t id : {1, 2, 3}) graph.AddNode(Collectivite(id, "C" + std::to_string(id), "commune", "0600" + std::to_string(id)));
  graph.AddEdge(Relation(10, 2, 1));
  graph.AddEdge(Relation(11, 1, 3));
  graph.AddEdge(Relation(12, 3, 1));
  graph.AddEdge(Relation(13, 1, 2));
  graph.AddEdge(Relation(14, 1, 99));  // an end outside the graph: no link at the end it lacks
  graph.Finish();
  std::vector<int64_t> ids;
  for (const GraphLink& link : graph.LinksAt(graph.IndexOf(1))) ids.push_back(graph.edges()[link.edge].id);
  EXPECT_EQ(ids, (std::vector<int64_t>{11, 13, 14, 10, 12}));
  EXPECT_EQ(graph.LinksAt(graph.IndexOf(1))[2].other, kNoNode);
}

TEST(RelationGraph, NumbersDaysSoThatTheyOrderAsTheDates) {
  EXPECT_EQ(DayNumber(std::string("2026-11-28"), 0), 20261128);
  EXPECT_LT(DayNumber(std::string("2025-12-31"), 0), DayNumber(std::string("2026-01-01"), 0));
  EXPECT_EQ(DayNumber(std::nullopt, 7), 7);
  EXPECT_EQ(DayNumber(std::string("2026-1-28"), 7), 7);
  EXPECT_EQ(DayNumber(std::string("2026-xx-28"), 7), 7);
}

TEST(RelationGraph, UnknownIdsHaveNoRelations) {
  RelationGraph graph;
  graph.Finish();
  EXPECT_EQ(graph.IndexOf(42), kNoNode);
  EXPECT_TRUE(graph.LinksAt(graph.IndexOf(42)).empty());
  EXPECT_EQ(graph.NetworkNode(1), nullptr);
  EXPECT_EQ(graph.Region("93"), nullptr);
  EXPECT_EQ(graph.CountryName("TG"), nullptr);
}

TEST(RelationGraph, FindsANetworksRecordItsRegionsDepartementsAndCountryNames) {
  RelationGraph graph;
  GraphNode network;
  network.id = 5;
  network.name = "Territoires Solidaires";
  network.kind = "association";
  network.network_of = 1;
  graph.AddNode(network);
  graph.AddNode(Collectivite(6, "Provence-Alpes-Côte d'Azur", "region", "93"));
  graph.AddNode(Collectivite(7, "Alpes-Maritimes", "departement", "06"));
  graph.AddCountry("BJ", "Bénin");
  graph.Finish();

  ASSERT_NE(graph.NetworkNode(1), nullptr);
  EXPECT_EQ(graph.NetworkNode(1)->id, 5);
  ASSERT_NE(graph.Region("93"), nullptr);
  EXPECT_EQ(graph.Region("93")->id, 6);
  EXPECT_EQ(graph.Region("06"), nullptr);
  ASSERT_NE(graph.Departement("06"), nullptr);
  EXPECT_EQ(graph.Departement("06")->id, 7);
  ASSERT_NE(graph.CountryName("BJ"), nullptr);
  EXPECT_EQ(*graph.CountryName("BJ"), "Bénin");
}

TEST(RelationGraph, ACurrentRegionWinsOverAnArchivedOneWithTheSameCode) {
  RelationGraph graph;
  graph.AddNode(Collectivite(1, "Ancienne région", "region", "93", /*archived=*/true));
  graph.AddNode(Collectivite(2, "Provence-Alpes-Côte d'Azur", "region", "93"));
  graph.Finish();
  EXPECT_EQ(graph.Region("93")->id, 2);
}

TEST(HoldsOn, ARelationHoldsFromItsStartDayToItsEndDayInclusive) {
  GraphEdge edge = Relation(1, 1, 2);
  edge.start_date = "2020-03-01";
  edge.end_date = "2022-12-31";
  EXPECT_FALSE(HoldsOn(edge, "2020-02-29"));
  EXPECT_TRUE(HoldsOn(edge, "2020-03-01"));
  EXPECT_TRUE(HoldsOn(edge, "2022-12-31"));
  EXPECT_FALSE(HoldsOn(edge, "2023-01-01"));
}

TEST(HoldsOn, ARelationWithoutDatesAlwaysHolds) {
  EXPECT_TRUE(HoldsOn(Relation(1, 1, 2), "1990-01-01"));
  EXPECT_TRUE(HoldsOn(Relation(1, 1, 2), "2090-01-01"));
}

}  // namespace
}  // namespace rrma
