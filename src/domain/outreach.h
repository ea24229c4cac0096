// The outreach finder (« s'appuyer sur les acteurs locaux », seed 000) and the consortium finder
// (« opportunités communes »): questions asked of the relationship graph for one network by one
// caller. Only nodes and edges the caller may read are ever walked, counted or named, so that a
// network's private relations never show in another network's answers nor in a sentence.
// Pure functions over a RelationGraph, thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.h"
#include "domain/relation_graph.h"

namespace rrma {

// One relation a path uses, in the direction it was recorded.
struct PathStep {
  int64_t edge_id = 0;
  RelationKind kind = RelationKind::kMemberOf;
  int64_t from_id = 0;
  int64_t to_id = 0;
  std::optional<BoardRole> role;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
};

// How a target is reached from the network: through local actors (associations and other
// organisations linked to the network), or through its EPCI or Région being a member.
enum class ConnectorKind { kLocalActor, kEpci, kRegion };

struct OutreachPath {
  std::vector<int64_t> intermediaries;  // organisation ids from the target's side to the network's, 1 or 2
  std::vector<PathStep> steps;          // the relations used, target side first
  ConnectorKind connector = ConnectorKind::kLocalActor;
  double score = 0;
  std::string explanation;  // French, e.g. « Peymeinade siège au CA de Méditerranée Afrique Solidarité
                            // (MAS), association adhérente de Territoires Solidaires, active au Togo et au Bénin. »
};

struct OutreachTarget {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> insee_code;
  std::optional<int64_t> population;
  double score = 0;
  std::vector<OutreachPath> paths;  // best first, at most kMaxPathsPerTarget (see OutreachQuery::detail_from)
};

inline constexpr size_t kMaxPathsPerTarget = 3;

struct OutreachQuery {
  int64_t network_id = 0;
  std::string at;  // YYYY-MM-DD: the graph as it stood on that date
  std::vector<std::string> regions;  // INSEE codes of the network's régions (storage knows them)
  std::optional<std::string> departement;
  std::optional<std::string> category;  // collectivité category (commune, epci…)
  std::optional<int64_t> population_max;
  std::optional<int64_t> epci;  // id of the EPCI whose member communes are the targets
  std::optional<int64_t> via;   // only paths whose first intermediary is this organisation
  // The targets, in the answer's order, that get their paths with French explanations (a page's
  // worth); the others carry their score only. Every target's by default.
  size_t detail_from = 0;
  size_t detail_count = std::numeric_limits<size_t>::max();
};

// The collectivités of the network's régions that are not members of it (on `at`), reached by at
// least one path, best score first (then name, then id). Each target's paths are the best ones.
std::vector<OutreachTarget> FindOutreach(const RelationGraph& graph, const Account& caller,
                                         const OutreachQuery& query);

// A group of collectivités sharing one connector, proposed as a Clé en main consortium.
enum class ConsortiumConnectorKind { kBoard, kForeignPartner, kCountry, kEpci };

struct Consortium {
  ConsortiumConnectorKind kind = ConsortiumConnectorKind::kBoard;
  std::optional<int64_t> connector_id;    // the association, foreign authority or EPCI; none for a country
  std::optional<std::string> country;     // ISO alpha-2, for a country
  std::string connector_name;             // the organisation's name, or the country's code
  std::vector<int64_t> members;           // distinct collectivités, by name
  double score = 0;
  std::string explanation;                // French: who in the network should call whom
};

struct ConsortiumQuery {
  int64_t network_id = 0;
  std::string at;
  std::vector<std::string> regions;  // INSEE codes of the network's régions (storage knows them)
  std::optional<std::string> region;
  std::optional<std::string> departement;
  size_t min_size = 3;
};

// The groups of at least min_size collectivités of the network's régions (narrowed by region and
// departement) sharing one connector on `at`, best score first (then connector name). The rules and
// the scores are stated atop outreach.cpp.
std::vector<Consortium> FindConsortia(const RelationGraph& graph, const Account& caller, const ConsortiumQuery& query);

// A country's French name with its preposition of place: « au Togo », « en Côte d'Ivoire »,
// « en Afghanistan », « aux Comores », « à Madagascar ». For explanations.
std::string InCountry(std::string_view french_name);

}  // namespace rrma
