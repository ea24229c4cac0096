#include "domain/outreach.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace rrma {
namespace {

constexpr int64_t kTerritoiresSolidaires = 1;  // network ids
constexpr int64_t kOtherNetwork = 2;

constexpr int64_t kNetworkRecord = 100;  // organisation ids
constexpr int64_t kPaca = 90;
constexpr int64_t kMouansSartoux = 201;
constexpr int64_t kPeymeinade = 202;
constexpr int64_t kValbonne = 203;
constexpr int64_t kMas = 300;

constexpr char kAt[] = "2025-06-01";
constexpr char kLongAgo[] = "2010-01-01";  // a start date outside the recent window of kAt

Account StaffOf(int64_t network_id) {
  RoleGrant grant;
  grant.role = Role::kNetworkStaff;
  grant.network_id = network_id;
  Account account;
  account.id = 10 + network_id;
  account.roles.push_back(grant);
  return account;
}

const Account kAnonymous;

GraphNode Commune(int64_t id, std::string name, std::string region = "93") {
  GraphNode node;
  node.id = id;
  node.name = std::move(name);
  node.kind = "collectivite";
  node.category = "commune";
  node.departement_code = "06";
  node.region_code = std::move(region);
  node.population = 10000;
  return node;
}

GraphNode Actor(int64_t id, std::string name, std::string kind = "association") {
  GraphNode node;
  node.id = id;
  node.name = std::move(name);
  node.kind = std::move(kind);
  node.owner_network_id = kTerritoiresSolidaires;
  return node;
}

// A directory under construction: nodes and relations are plain values until Build(), so that a
// test may archive, hide or end any of them first.
struct Directory {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  int64_t next_edge_id = 1000;

  Directory() {
    GraphNode network = Actor(kNetworkRecord, "Territoires Solidaires");
    network.network_of = kTerritoiresSolidaires;
    nodes.push_back(network);
    GraphNode paca = Commune(kPaca, "Provence-Alpes-Côte d'Azur");
    paca.category = "region";
    paca.insee_code = "93";
    paca.departement_code.reset();
    paca.owner_network_id = 0;
    nodes.push_back(paca);
  }

  GraphNode& Node(int64_t id) {
    for (GraphNode& node : nodes) {
      if (node.id == id) return node;
    }
    throw std::out_of_range("no node");
  }

  // The reference returned is valid until the next Relate.
  GraphEdge& Relate(RelationKind kind, int64_t from, int64_t to, std::optional<BoardRole> role = std::nullopt,
                    std::string start = kLongAgo) {
    GraphEdge edge;
    edge.id = next_edge_id++;
    edge.kind = kind;
    edge.from_id = from;
    edge.to_id = to;
    edge.role = role;
    edge.start_date = std::move(start);
    edge.owner_network_id = kTerritoiresSolidaires;
    edges.push_back(edge);
    return edges.back();
  }

  GraphEdge& SeatOn(int64_t from, int64_t board, BoardRole role = BoardRole::kMembre, std::string start = kLongAgo) {
    return Relate(RelationKind::kBoardSeat, from, board, role, std::move(start));
  }
  GraphEdge& Join(int64_t member, int64_t body) { return Relate(RelationKind::kMemberOf, member, body); }
  GraphEdge& Partner(int64_t a, int64_t b) { return Relate(RelationKind::kPartnership, a, b); }

  // The story of seed 000: MAS, member of Territoires Solidaires, with three communes on its CA.
  void AddSeedStory() {
    nodes.push_back(Commune(kMouansSartoux, "Mouans-Sartoux"));
    nodes.push_back(Commune(kPeymeinade, "Peymeinade"));
    nodes.push_back(Commune(kValbonne, "Valbonne"));
    GraphNode mas = Actor(kMas, "Méditerranée Afrique Solidarité");
    mas.acronym = "MAS";
    mas.countries = {"TG", "BJ"};
    nodes.push_back(mas);
    Join(kMas, kNetworkRecord);
    for (int64_t commune : {kMouansSartoux, kPeymeinade, kValbonne}) SeatOn(commune, kMas);
  }

  RelationGraph Build() const {
    RelationGraph graph;
    for (const GraphNode& node : nodes) graph.AddNode(node);
    for (const GraphEdge& edge : edges) graph.AddEdge(edge);
    graph.AddCountry("TG", "Togo");
    graph.AddCountry("BJ", "Bénin");
    graph.AddCountry("ML", "Mali");
    graph.AddCountry("SN", "Sénégal");
    graph.Finish();
    return graph;
  }
};

OutreachQuery Query(std::string at = kAt) {
  OutreachQuery query;
  query.network_id = kTerritoiresSolidaires;
  query.at = std::move(at);
  query.regions = {"93"};
  return query;
}

std::vector<OutreachTarget> Outreach(const Directory& directory, const OutreachQuery& query = Query(),
                                     const Account& caller = StaffOf(kTerritoiresSolidaires)) {
  return FindOutreach(directory.Build(), caller, query);
}

std::vector<std::string> Names(const std::vector<OutreachTarget>& targets) {
  std::vector<std::string> names;
  for (const OutreachTarget& target : targets) names.push_back(target.name);
  return names;
}

const OutreachTarget* Find(const std::vector<OutreachTarget>& targets, int64_t id) {
  for (const OutreachTarget& target : targets) {
    if (target.id == id) return &target;
  }
  return nullptr;
}

std::vector<std::string> Explanations(const std::vector<OutreachTarget>& targets) {
  std::vector<std::string> sentences;
  for (const OutreachTarget& target : targets) {
    for (const OutreachPath& path : target.paths) sentences.push_back(path.explanation);
  }
  return sentences;
}

// ---- The seed story -----------------------------------------------------------------------------

TEST(Outreach, ReachesTheThreeCommunesOnTheCaOfAMemberAssociation) {
  Directory directory;
  directory.AddSeedStory();
  std::vector<OutreachTarget> targets = Outreach(directory);

  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
  const OutreachTarget& peymeinade = targets[1];
  ASSERT_EQ(peymeinade.paths.size(), 1u);
  const OutreachPath& path = peymeinade.paths[0];
  EXPECT_EQ(path.connector, ConnectorKind::kLocalActor);
  EXPECT_EQ(path.intermediaries, std::vector<int64_t>{kMas});
  ASSERT_EQ(path.steps.size(), 2u);
  EXPECT_EQ(path.steps[0].kind, RelationKind::kBoardSeat);
  EXPECT_EQ(path.steps[0].from_id, kPeymeinade);
  EXPECT_EQ(path.steps[1].kind, RelationKind::kMemberOf);
  EXPECT_EQ(path.steps[1].to_id, kNetworkRecord);
  EXPECT_EQ(path.explanation,
            "Peymeinade siège au CA de Méditerranée Afrique Solidarité (MAS), association adhérente de "
            "Territoires Solidaires, active au Togo et au Bénin.");
  EXPECT_DOUBLE_EQ(peymeinade.score, 1.0 * 0.6);
}

TEST(Outreach, FindsNothingForANetworkWithoutAnOrganisationRecord) {
  Directory directory;
  directory.AddSeedStory();
  OutreachQuery query = Query();
  query.network_id = 77;
  EXPECT_TRUE(Outreach(directory, query).empty());
}

// ---- Ranking ------------------------------------------------------------------------------------

TEST(Outreach, ABoardSeatOutranksAMembershipWhichOutranksAPartnership) {
  Directory directory;
  directory.nodes.push_back(Actor(300, "Acteurs Azur"));
  directory.Join(300, kNetworkRecord);
  directory.nodes.push_back(Commune(1, "Antibes"));
  directory.nodes.push_back(Commune(2, "Cannes"));
  directory.nodes.push_back(Commune(3, "Grasse"));
  directory.SeatOn(3, 300);
  directory.Join(2, 300);
  directory.Partner(300, 1);  // recorded from the association's side: partnerships go both ways

  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Grasse", "Cannes", "Antibes"}));
  EXPECT_EQ(targets[1].paths[0].explanation,
            "Cannes est adhérente d'Acteurs Azur, association adhérente de Territoires Solidaires.");
  EXPECT_EQ(targets[2].paths[0].explanation,
            "Antibes est partenaire d'Acteurs Azur, association adhérente de Territoires Solidaires.");
}

TEST(Outreach, APresidentOutranksAnOrdinaryBoardMember) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) edge.role = BoardRole::kPresident;
  }
  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(targets.front().name, "Valbonne");
  EXPECT_EQ(targets.front().paths[0].explanation,
            "Valbonne préside le CA de Méditerranée Afrique Solidarité (MAS), association adhérente de "
            "Territoires Solidaires, active au Togo et au Bénin.");
}

TEST(Outreach, AnOfficerOfTheBoardIsNamedWithTheOfficeHeld) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) edge.role = BoardRole::kTresorier;
  }
  std::vector<OutreachTarget> targets = Outreach(directory);
  const OutreachTarget* valbonne = Find(targets, kValbonne);
  ASSERT_NE(valbonne, nullptr);
  EXPECT_EQ(valbonne->paths[0].explanation,
            "Valbonne siège au CA de Méditerranée Afrique Solidarité (MAS) (trésorerie), association adhérente "
            "de Territoires Solidaires, active au Togo et au Bénin.");
}

TEST(Outreach, ARelationStartedWithinThreeYearsOutranksAnOlderOne) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) edge.start_date = "2022-06-01";  // exactly three years before kAt
    if (edge.from_id == kMouansSartoux) edge.start_date = "2022-05-31";
  }
  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Valbonne", "Mouans-Sartoux", "Peymeinade"}));
  EXPECT_DOUBLE_EQ(targets[0].score, 1.0 * 1.2 * 0.6);
}

TEST(Outreach, ASeatOnTheNetworksCaMakesAStrongerAnchorThanAMembership) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Actor(301, "Acteurs Azur"));
  directory.SeatOn(301, kNetworkRecord);
  directory.nodes.push_back(Commune(1, "Antibes"));
  directory.SeatOn(1, 301);

  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(targets.front().name, "Antibes");
  EXPECT_EQ(targets.front().paths[0].explanation,
            "Antibes siège au CA d'Acteurs Azur, association qui siège au CA de Territoires Solidaires.");
}

TEST(Outreach, ADirectPathOutranksAPathThroughTwoIntermediaries) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Actor(301, "Club Grasse Afrique"));
  directory.Join(301, kMas);
  directory.nodes.push_back(Commune(1, "Grasse"));
  directory.SeatOn(1, 301);

  std::vector<OutreachTarget> targets = Outreach(directory);
  ASSERT_EQ(targets.size(), 4u);
  EXPECT_EQ(targets.back().name, "Grasse");
  const OutreachPath& path = targets.back().paths[0];
  EXPECT_EQ(path.intermediaries, (std::vector<int64_t>{301, kMas}));
  EXPECT_EQ(path.steps.size(), 3u);
  EXPECT_DOUBLE_EQ(path.score, 1.0 * 0.6 * 0.6 * 0.5);
  EXPECT_EQ(path.explanation,
            "Grasse siège au CA de Club Grasse Afrique, adhérente de Méditerranée Afrique Solidarité (MAS), "
            "association adhérente de Territoires Solidaires, active au Togo et au Bénin.");
}

TEST(Outreach, LocalActorsOutrankTheEpciWhichOutranksTheRegion) {
  Directory directory;
  // The weakest local-actor path there is: two partnerships, then a membership, two intermediaries.
  directory.nodes.push_back(Actor(301, "Amis du Sud"));
  directory.nodes.push_back(Actor(302, "Acteurs Azur"));
  directory.Join(302, kNetworkRecord);
  directory.Partner(301, 302);
  directory.nodes.push_back(Commune(1, "Saint-Cézaire"));
  directory.Partner(1, 301);
  // An EPCI member of the network, with one member commune (COG reference data).
  GraphNode epci = Commune(400, "CA du Pays de Grasse");
  epci.category = "epci";
  epci.owner_network_id = 0;
  directory.nodes.push_back(epci);
  directory.Join(400, kNetworkRecord);
  directory.nodes.push_back(Commune(2, "Cabris"));
  GraphEdge& cog = directory.Join(2, 400);
  cog.reference = true;
  cog.owner_network_id = 0;
  // The Région is a member too, so every commune of it is reached.
  directory.Join(kPaca, kNetworkRecord);
  directory.nodes.push_back(Commune(3, "Biot"));

  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Saint-Cézaire", "Cabris", "Biot"}));
  const OutreachTarget& cabris = targets[1];
  ASSERT_EQ(cabris.paths.size(), 2u);
  EXPECT_EQ(cabris.paths[0].connector, ConnectorKind::kEpci);
  EXPECT_EQ(cabris.paths[0].intermediaries, std::vector<int64_t>{400});
  EXPECT_EQ(cabris.paths[0].explanation,
            "Cabris fait partie de CA du Pays de Grasse, adhérente de Territoires Solidaires.");
  EXPECT_EQ(cabris.paths[1].connector, ConnectorKind::kRegion);
  const OutreachPath& region = targets[2].paths[0];
  EXPECT_EQ(region.connector, ConnectorKind::kRegion);
  EXPECT_EQ(region.steps.size(), 1u);
  EXPECT_EQ(region.explanation, "Biot est en Région Provence-Alpes-Côte d'Azur, adhérente de Territoires Solidaires.");
  EXPECT_EQ(targets[0].paths.back().connector, ConnectorKind::kRegion);
  EXPECT_GT(targets[0].paths.front().score, cabris.score);
  EXPECT_GT(cabris.paths[0].score, region.score);
}

TEST(Outreach, MoreDoorsRankHigherAndAtMostThreePathsAreKept) {
  Directory directory;
  directory.AddSeedStory();
  for (int64_t id : {301, 302, 303}) {
    directory.nodes.push_back(Actor(id, "Association " + std::to_string(id)));
    directory.Join(id, kNetworkRecord);
    directory.SeatOn(kValbonne, id);
  }
  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(targets.front().name, "Valbonne");
  EXPECT_EQ(targets.front().paths.size(), kMaxPathsPerTarget);
  EXPECT_DOUBLE_EQ(targets.front().score, 0.6 + 0.1 * (0.6 + 0.6));
}

TEST(Outreach, ARelationRecordedTwiceWithTheSameDoorCountsAsOneDoor) {
  Directory directory;
  directory.AddSeedStory();
  directory.Partner(kValbonne, kMas);
  std::vector<OutreachTarget> targets = Outreach(directory);
  const OutreachTarget* valbonne = Find(targets, kValbonne);
  ASSERT_NE(valbonne, nullptr);
  ASSERT_EQ(valbonne->paths.size(), 1u);
  EXPECT_EQ(valbonne->paths[0].steps[0].kind, RelationKind::kBoardSeat);
  EXPECT_DOUBLE_EQ(valbonne->score, 0.6);
}

// ---- Dates, archives, members -------------------------------------------------------------------

TEST(Outreach, AnEndedRelationIsLeftOutUnlessTheDateIsBeforeItsEnd) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kPeymeinade) edge.end_date = "2020-12-31";
  }
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Mouans-Sartoux", "Valbonne"}));
  EXPECT_EQ(Names(Outreach(directory, Query("2020-12-31"))),
            (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
}

TEST(Outreach, ARelationNotYetStartedIsLeftOut) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) edge.start_date = "2026-01-01";
  }
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade"}));
}

TEST(Outreach, AnArchivedIntermediaryOpensNoDoor) {
  Directory directory;
  directory.AddSeedStory();
  directory.Node(kMas).archived = true;
  EXPECT_TRUE(Outreach(directory).empty());
}

TEST(Outreach, AnArchivedCollectiviteIsNoTarget) {
  Directory directory;
  directory.AddSeedStory();
  directory.Node(kValbonne).archived = true;
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade"}));
}

TEST(Outreach, MembersOfTheNetworkAreNotTargetsWhileTheirMembershipHolds) {
  Directory directory;
  directory.AddSeedStory();
  directory.Join(kMouansSartoux, kNetworkRecord).start_date = "2023-01-01";
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Peymeinade", "Valbonne"}));
  EXPECT_EQ(Names(Outreach(directory, Query("2022-12-31"))),
            (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
}

TEST(Outreach, CyclesEndAndNoPathVisitsAnOrganisationTwice) {
  Directory directory;
  directory.nodes.push_back(Commune(1, "Grasse"));
  directory.nodes.push_back(Actor(301, "Alpha"));
  directory.nodes.push_back(Actor(302, "Beta"));
  directory.nodes.push_back(Actor(303, "Gamma"));
  directory.nodes.push_back(Actor(304, "Delta"));
  directory.Join(302, kNetworkRecord);
  directory.SeatOn(1, 301);
  directory.Partner(301, 302);
  directory.Partner(302, 301);
  directory.Join(301, 302);
  directory.Join(302, 301);
  directory.Partner(301, 301);
  directory.Partner(302, 1);  // Beta back to Grasse: a loop through the target
  // A loop that never reaches the network.
  directory.Partner(1, 303);
  directory.Join(303, 304);
  directory.Join(304, 303);
  directory.Partner(304, 303);

  std::vector<OutreachTarget> targets = Outreach(directory);
  ASSERT_EQ(targets.size(), 1u);
  for (const OutreachPath& path : targets[0].paths) {
    std::set<int64_t> visited{targets[0].id, kNetworkRecord};
    for (int64_t id : path.intermediaries) EXPECT_TRUE(visited.insert(id).second) << path.explanation;
    EXPECT_NE(path.intermediaries.front(), 303);
  }
  EXPECT_EQ(targets[0].paths.size(), 2u);  // through Beta directly, and through Alpha then Beta
}

// ---- Filters ------------------------------------------------------------------------------------

TEST(Outreach, ThroughAnUnanchoredDoorTheBestOnwardRelationIsKeptAndEqualOnesGoToTheLowestId) {
  Directory directory;
  directory.nodes.push_back(Commune(kValbonne, "Valbonne"));
  directory.nodes.push_back(Actor(400, "Comité de jumelage"));
  directory.nodes.push_back(Actor(402, "Amis du Togo"));
  directory.nodes.push_back(Actor(401, "Amis du Bénin"));
  directory.nodes.push_back(Actor(403, "Solidarité Sahel"));
  directory.Join(401, kNetworkRecord);
  directory.Join(402, kNetworkRecord);
  directory.Join(403, kNetworkRecord);
  directory.SeatOn(kValbonne, 400);
  directory.Join(400, 402);     // membership: 0.6
  directory.Join(400, 401);     // the same weight, lower id: the tie goes to it
  directory.Partner(400, 403);  // partnership: 0.4, beaten
  std::vector<OutreachTarget> targets = Outreach(directory);
  ASSERT_EQ(targets.size(), 1u);
  ASSERT_EQ(targets[0].paths.size(), 1u) << "one door, so one path";
  EXPECT_EQ(targets[0].paths[0].intermediaries, (std::vector<int64_t>{400, 401}));
  EXPECT_DOUBLE_EQ(targets[0].paths[0].score, 0.5 * 1.0 * 0.6 * 0.6);
}

TEST(Outreach, AnOnwardRelationBackToTheTargetOpensNoPathButServesOtherTargetsOfTheSameDoor) {
  Directory directory;
  directory.nodes.push_back(Commune(kValbonne, "Valbonne"));
  directory.nodes.push_back(Commune(kPeymeinade, "Peymeinade"));
  directory.nodes.push_back(Actor(400, "Comité de jumelage"));
  directory.nodes.push_back(Actor(401, "Amis du Bénin"));
  directory.SeatOn(kPeymeinade, kNetworkRecord);  // anchored, yet a target: a seat is no membership
  directory.Join(401, kNetworkRecord);
  directory.Partner(kPeymeinade, 400);
  directory.Partner(kValbonne, 400);
  directory.Partner(400, 401);
  std::vector<OutreachTarget> targets = Outreach(directory);
  const OutreachTarget* peymeinade = Find(targets, kPeymeinade);
  const OutreachTarget* valbonne = Find(targets, kValbonne);
  ASSERT_NE(peymeinade, nullptr);
  ASSERT_NE(valbonne, nullptr);
  ASSERT_EQ(peymeinade->paths.size(), 1u);
  EXPECT_EQ(peymeinade->paths[0].intermediaries, (std::vector<int64_t>{400, 401}));
  ASSERT_EQ(valbonne->paths.size(), 1u);
  // Through the Comité, Peymeinade's seat on the CA outweighs the Amis' membership.
  EXPECT_EQ(valbonne->paths[0].intermediaries, (std::vector<int64_t>{400, kPeymeinade}));
}

TEST(Outreach, OnlyTheTargetsAskedForGetTheirPathsAndSentencesTheOthersTheirScore) {
  Directory directory;
  directory.AddSeedStory();
  OutreachQuery query = Query();
  query.detail_from = 1;
  query.detail_count = 1;
  std::vector<OutreachTarget> targets = Outreach(directory, query);
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_TRUE(targets[0].paths.empty());
  EXPECT_GT(targets[0].score, 0);
  ASSERT_EQ(targets[1].paths.size(), 1u);
  EXPECT_EQ(targets[1].paths[0].explanation,
            "Peymeinade siège au CA de Méditerranée Afrique Solidarité (MAS), association adhérente de Territoires "
            "Solidaires, active au Togo et au Bénin.");
  EXPECT_TRUE(targets[2].paths.empty());
  EXPECT_EQ(targets[2].score, targets[1].score);
}

TEST(Outreach, KeepsOnlyCollectivitesOfTheNetworksRegionsMatchingTheFilters) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Commune(1, "Lyon", "84"));
  directory.SeatOn(1, kMas);
  directory.Node(kValbonne).departement_code = "83";
  directory.Node(kPeymeinade).population = 8000;
  GraphNode epci = Commune(400, "CA de Sophia Antipolis");
  epci.category = "epci";
  directory.nodes.push_back(epci);
  directory.Join(kValbonne, 400).reference = true;
  directory.SeatOn(400, kMas);

  EXPECT_EQ(Names(Outreach(directory)),
            (std::vector<std::string>{"CA de Sophia Antipolis", "Mouans-Sartoux", "Peymeinade", "Valbonne"}));
  OutreachQuery query = Query();
  query.departement = "06";
  query.category = "commune";
  EXPECT_EQ(Names(Outreach(directory, query)), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade"}));
  query = Query();
  query.population_max = 9000;
  EXPECT_EQ(Names(Outreach(directory, query)), (std::vector<std::string>{"Peymeinade"}));
  query = Query();
  query.epci = 400;
  EXPECT_EQ(Names(Outreach(directory, query)), (std::vector<std::string>{"Valbonne"}));
}

TEST(Outreach, ViaKeepsOnlyThePathsOpenedByThatOrganisation) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Actor(301, "Acteurs Azur"));
  directory.Join(301, kNetworkRecord);
  directory.nodes.push_back(Commune(1, "Grasse"));
  directory.SeatOn(1, 301);
  directory.Partner(kPeymeinade, 301);

  OutreachQuery query = Query();
  query.via = kMas;
  std::vector<OutreachTarget> targets = Outreach(directory, query);
  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
  for (const OutreachTarget& target : targets) {
    ASSERT_EQ(target.paths.size(), 1u);
    EXPECT_EQ(target.paths[0].intermediaries.front(), kMas);
  }
  query.via = 301;
  EXPECT_EQ(Names(Outreach(directory, query)), (std::vector<std::string>{"Grasse", "Peymeinade"}));
}

// ---- Tenancy ------------------------------------------------------------------------------------

TEST(Outreach, AnotherNetworksPrivateAssociationOpensNoDoorAndIsNeverNamed) {
  Directory directory;
  directory.AddSeedStory();
  GraphNode hidden = Actor(301, "Cercle Discret");
  hidden.owner_network_id = kOtherNetwork;
  hidden.visibility = Visibility::kPrivate;
  directory.nodes.push_back(hidden);
  directory.Join(301, kNetworkRecord);
  directory.Partner(301, kMas);
  directory.nodes.push_back(Commune(1, "Grasse"));
  directory.SeatOn(1, 301);
  directory.SeatOn(kValbonne, 301, BoardRole::kPresident);

  std::vector<OutreachTarget> targets = Outreach(directory);
  EXPECT_EQ(Names(targets), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
  for (const std::string& sentence : Explanations(targets)) {
    EXPECT_EQ(sentence.find("Cercle Discret"), std::string::npos) << sentence;
  }
  // Its own network sees it.
  std::vector<OutreachTarget> theirs = Outreach(directory, Query(), StaffOf(kOtherNetwork));
  const OutreachTarget* grasse = Find(theirs, 1);
  ASSERT_NE(grasse, nullptr);
  EXPECT_EQ(grasse->paths[0].intermediaries.front(), 301);
}

TEST(Outreach, AnotherNetworksPrivateRelationOpensNoDoor) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) {
      edge.owner_network_id = kOtherNetwork;
      edge.visibility = Visibility::kPrivate;
    }
  }
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade"}));
  EXPECT_EQ(Names(Outreach(directory, Query(), StaffOf(kOtherNetwork))).size(), 3u);
}

TEST(Outreach, AMembershipOfTheNetworkRecordedByAnotherNetworkOpensNoDoor) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kMas && edge.to_id == kNetworkRecord) {
      edge.owner_network_id = kOtherNetwork;
      edge.visibility = Visibility::kPublic;
    }
  }
  EXPECT_TRUE(Outreach(directory).empty());
  EXPECT_TRUE(Outreach(directory, Query(), StaffOf(kOtherNetwork)).empty());
}

TEST(Outreach, ARelationSharedWithTheNetworksIsReadByAnotherNetworksStaffOnly) {
  Directory directory;
  directory.AddSeedStory();
  for (GraphEdge& edge : directory.edges) {
    if (edge.from_id == kValbonne) {
      edge.owner_network_id = kOtherNetwork;
      edge.visibility = Visibility::kNetwork;
    }
  }
  EXPECT_EQ(Names(Outreach(directory)), (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade", "Valbonne"}));
  EXPECT_EQ(Names(Outreach(directory, Query(), kAnonymous)),
            (std::vector<std::string>{"Mouans-Sartoux", "Peymeinade"}));
}

TEST(Outreach, AnAnonymousCallerSeesOnlyPublicRows) {
  Directory directory;
  directory.AddSeedStory();
  EXPECT_EQ(Outreach(directory, Query(), kAnonymous).size(), 3u);
  directory.Node(kMas).visibility = Visibility::kNetwork;
  EXPECT_TRUE(Outreach(directory, Query(), kAnonymous).empty());
  EXPECT_EQ(Outreach(directory).size(), 3u);
}

// ---- Countries in sentences ---------------------------------------------------------------------

TEST(Outreach, NamesThreeCountriesAndLeavesOutCodesWithoutAName) {
  Directory directory;
  directory.AddSeedStory();
  directory.Node(kMas).countries = {"TG", "XX", "BJ", "ML", "TG"};
  EXPECT_EQ(Outreach(directory)[0].paths[0].explanation,
            "Mouans-Sartoux siège au CA de Méditerranée Afrique Solidarité (MAS), association adhérente de "
            "Territoires Solidaires, active au Togo, au Bénin et au Mali.");
  directory.Node(kMas).countries = {"XX"};
  EXPECT_EQ(Outreach(directory)[0].paths[0].explanation,
            "Mouans-Sartoux siège au CA de Méditerranée Afrique Solidarité (MAS), association adhérente de "
            "Territoires Solidaires.");
}

TEST(InCountry, ChoosesThePrepositionByNumberGenderAndFirstLetter) {
  EXPECT_EQ(InCountry("Togo"), "au Togo");
  EXPECT_EQ(InCountry("Bénin"), "au Bénin");
  EXPECT_EQ(InCountry("Burkina Faso"), "au Burkina Faso");
  EXPECT_EQ(InCountry("Côte d'Ivoire"), "en Côte d'Ivoire");
  EXPECT_EQ(InCountry("Guinée-Bissau"), "en Guinée-Bissau");
  EXPECT_EQ(InCountry("Afghanistan"), "en Afghanistan");
  EXPECT_EQ(InCountry("Équateur"), "en Équateur");
  EXPECT_EQ(InCountry("Mexique"), "au Mexique");
  EXPECT_EQ(InCountry("Cambodge"), "au Cambodge");
  EXPECT_EQ(InCountry("Royaume-Uni"), "au Royaume-Uni");
  EXPECT_EQ(InCountry("Comores"), "aux Comores");
  EXPECT_EQ(InCountry("États-Unis"), "aux États-Unis");
  EXPECT_EQ(InCountry("Pays-Bas"), "aux Pays-Bas");
  EXPECT_EQ(InCountry("Madagascar"), "à Madagascar");
  EXPECT_EQ(InCountry("Haïti"), "à Haïti");
  EXPECT_EQ(InCountry("Maurice"), "à Maurice");
}

// ---- Consortia ----------------------------------------------------------------------------------

constexpr int64_t kNice = 204;

ConsortiumQuery ConsortiumsOn(std::string at = kAt, size_t min_size = 3) {
  ConsortiumQuery query;
  query.network_id = kTerritoiresSolidaires;
  query.at = std::move(at);
  query.regions = {"93"};
  query.min_size = min_size;
  return query;
}

std::vector<Consortium> Consortia(const Directory& directory, const ConsortiumQuery& query = ConsortiumsOn(),
                                  const Account& caller = StaffOf(kTerritoiresSolidaires)) {
  return FindConsortia(directory.Build(), caller, query);
}

TEST(Consortia, GathersTheThreeCommunesOnTheCaOfAMemberAssociation) {
  Directory directory;
  directory.AddSeedStory();
  std::vector<Consortium> consortia = Consortia(directory);
  ASSERT_EQ(consortia.size(), 1u);
  const Consortium& mas = consortia[0];
  EXPECT_EQ(mas.kind, ConsortiumConnectorKind::kBoard);
  EXPECT_EQ(mas.connector_id, kMas);
  EXPECT_EQ(mas.connector_name, "Méditerranée Afrique Solidarité");
  EXPECT_EQ(mas.members, (std::vector<int64_t>{kMouansSartoux, kPeymeinade, kValbonne}));
  EXPECT_DOUBLE_EQ(mas.score, 3 * 1.0 + 1.0);
  EXPECT_EQ(mas.explanation,
            "Territoires Solidaires peut solliciter Méditerranée Afrique Solidarité (MAS), adhérente du réseau, "
            "pour réunir Mouans-Sartoux, Peymeinade et Valbonne, qui siègent à son CA.");
}

TEST(Consortia, AnUnanchoredConnectorIsProposedToTheMembersThemselves) {
  Directory directory;
  directory.AddSeedStory();
  directory.edges.erase(directory.edges.begin());  // MAS leaves the network
  std::vector<Consortium> consortia = Consortia(directory);
  ASSERT_EQ(consortia.size(), 1u);
  EXPECT_DOUBLE_EQ(consortia[0].score, 3.0);
  EXPECT_EQ(consortia[0].explanation,
            "Mouans-Sartoux, Peymeinade et Valbonne siègent au CA de Méditerranée Afrique Solidarité (MAS) : un "
            "Clé en main possible.");
}

TEST(Consortia, ACollectiviteSeatedTwiceCountsOnce) {
  Directory directory;
  directory.AddSeedStory();
  directory.SeatOn(kPeymeinade, kMas, BoardRole::kPresident, "2022-01-01");
  directory.Node(kValbonne).archived = true;
  EXPECT_TRUE(Consortia(directory).empty());
  std::vector<Consortium> pairs = Consortia(directory, ConsortiumsOn(kAt, 2));
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].members, (std::vector<int64_t>{kMouansSartoux, kPeymeinade}));
}

TEST(Consortia, AGroupSmallerThanTheMinimumIsNoConsortium) {
  Directory directory;
  directory.AddSeedStory();
  EXPECT_TRUE(Consortia(directory, ConsortiumsOn(kAt, 4)).empty());
  EXPECT_EQ(Consortia(directory, ConsortiumsOn(kAt, 3)).size(), 1u);
}

TEST(Consortia, AnotherNetworksPrivateConnectorIsInvisible) {
  Directory directory;
  directory.AddSeedStory();
  GraphNode hidden = Actor(301, "Cercle Discret");
  hidden.owner_network_id = kOtherNetwork;
  hidden.visibility = Visibility::kPrivate;
  directory.nodes.push_back(hidden);
  for (int64_t commune : {kMouansSartoux, kPeymeinade, kValbonne}) {
    GraphEdge& seat = directory.SeatOn(commune, 301);
    seat.owner_network_id = kOtherNetwork;
  }
  std::vector<Consortium> mine = Consortia(directory);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].connector_id, kMas);
  std::vector<Consortium> theirs = Consortia(directory, ConsortiumsOn(), StaffOf(kOtherNetwork));
  ASSERT_EQ(theirs.size(), 2u);
  EXPECT_EQ(theirs[1].explanation,
            "Mouans-Sartoux, Peymeinade et Valbonne siègent au CA de Cercle Discret : un Clé en main possible.");
}

TEST(Consortia, PartnersOfTheSameForeignAuthorityAndOfTheSameCountryGather) {
  Directory directory;
  directory.nodes.push_back(Commune(1, "Antibes"));
  directory.nodes.push_back(Commune(2, "Grasse"));
  directory.nodes.push_back(Commune(3, "Nice"));
  directory.nodes.push_back(Commune(4, "Cannes"));
  GraphNode dakar = Actor(501, "Ville de Dakar", "collectivite_etrangere");
  dakar.country_code = "SN";
  GraphNode thies = Actor(502, "Ville de Thiès", "collectivite_etrangere");
  thies.countries = {"SN"};  // no country of its own recorded: its countries of action stand for it
  directory.nodes.push_back(dakar);
  directory.nodes.push_back(thies);
  directory.Partner(1, 501);
  directory.Partner(501, 2);
  directory.Partner(3, 502);
  directory.Partner(4, 502);

  std::vector<Consortium> consortia = Consortia(directory, ConsortiumsOn(kAt, 2));
  ASSERT_EQ(consortia.size(), 3u);
  EXPECT_EQ(consortia[0].kind, ConsortiumConnectorKind::kCountry);
  EXPECT_EQ(consortia[0].country, "SN");
  EXPECT_EQ(consortia[0].connector_name, "SN");
  EXPECT_FALSE(consortia[0].connector_id.has_value());
  EXPECT_EQ(consortia[0].members, (std::vector<int64_t>{1, 4, 2, 3}));
  EXPECT_DOUBLE_EQ(consortia[0].score, 0.6 * 4);
  EXPECT_EQ(consortia[0].explanation,
            "Antibes, Cannes, Grasse et Nice ont des partenaires au Sénégal : un Clé en main possible.");
  EXPECT_EQ(consortia[1].kind, ConsortiumConnectorKind::kForeignPartner);
  EXPECT_EQ(consortia[1].connector_id, 501);
  EXPECT_EQ(consortia[1].members, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(consortia[1].explanation,
            "Antibes et Grasse sont partenaires de Ville de Dakar : un Clé en main possible.");
  EXPECT_EQ(consortia[2].connector_id, 502);
}

TEST(Consortia, AnEpciGathersOnlyItsCommunesEngagedInInternationalAction) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Commune(kNice, "Nice"));
  GraphNode epci = Commune(400, "CA du Pays de Grasse");
  epci.category = "epci";
  epci.owner_network_id = 0;
  directory.nodes.push_back(epci);
  for (int64_t commune : {kMouansSartoux, kPeymeinade, kValbonne, kNice}) {
    GraphEdge& cog = directory.Join(commune, 400);
    cog.reference = true;
    cog.owner_network_id = 0;
  }
  auto epci_consortium = [&]() -> std::optional<Consortium> {
    for (const Consortium& consortium : Consortia(directory)) {
      if (consortium.kind == ConsortiumConnectorKind::kEpci) return consortium;
    }
    return std::nullopt;
  };
  std::optional<Consortium> around_epci = epci_consortium();
  ASSERT_TRUE(around_epci.has_value());
  EXPECT_EQ(around_epci->members, (std::vector<int64_t>{kMouansSartoux, kPeymeinade, kValbonne}));
  EXPECT_EQ(around_epci->explanation,
            "Mouans-Sartoux, Peymeinade et Valbonne font partie de CA du Pays de Grasse : un Clé en main possible.");

  directory.Node(kValbonne).archived = true;  // two engaged communes are too few
  EXPECT_FALSE(epci_consortium().has_value());
  directory.Join(kNice, kNetworkRecord);  // a member of the network is engaged
  ASSERT_TRUE(epci_consortium().has_value());
  EXPECT_EQ(epci_consortium()->members, (std::vector<int64_t>{kMouansSartoux, kNice, kPeymeinade}));
}

TEST(Consortia, AnAnchoredConnectorIsWorthOneMoreMember) {
  Directory directory;
  directory.AddSeedStory();
  directory.nodes.push_back(Commune(kNice, "Nice"));
  directory.nodes.push_back(Actor(301, "Acteurs Azur"));
  for (int64_t commune : {kMouansSartoux, kPeymeinade, kValbonne, kNice}) directory.SeatOn(commune, 301);
  std::vector<Consortium> consortia = Consortia(directory);
  ASSERT_EQ(consortia.size(), 2u);
  EXPECT_EQ(consortia[0].connector_id, 301);   // four seats: 4, and first by name
  EXPECT_EQ(consortia[1].connector_id, kMas);  // three seats and anchored: 4
  directory.Node(kNice).archived = true;
  EXPECT_EQ(Consortia(directory)[0].connector_id, kMas);
}

TEST(Consortia, NarrowsToTheRegionAndDepartementAsked) {
  Directory directory;
  directory.AddSeedStory();
  directory.Node(kValbonne).departement_code = "83";
  ConsortiumQuery query = ConsortiumsOn();
  query.departement = "06";
  EXPECT_TRUE(Consortia(directory, query).empty());
  query = ConsortiumsOn();
  query.region = "84";
  EXPECT_TRUE(Consortia(directory, query).empty());
  query.region = "93";
  EXPECT_EQ(Consortia(directory, query).size(), 1u);
}

}  // namespace
}  // namespace rrma
