// How the outreach and consortium finders decide, stated once (the README copies this block).
//
// What is walked. A node or a relation counts only when the caller may read it (MayRead on the
// network that owns it and its visibility; reference rows belong to no network and are public). A
// node counts only when it is not archived; a relation only when it holds on the query date `at`
// and both its ends count. Nothing else is walked, counted or named.
//
// Anchored organisations hold a membership of, or a seat on the board of, the network's own
// organisation record: they are « of » the network. An organisation's anchor is its strongest such
// relation (by the weights below).
//
// Outreach targets are the collectivités of the network's régions, narrowed by département,
// category, population ceiling (a target of unknown population is left out when one is set) and
// EPCI (the target is a member of it), other than the network's record and its members.
//
// Paths from a target T to the network pass through one or two intermediaries, never twice the
// same organisation (so cycles in the graph are harmless). A relation « leads on » from X when X
// holds the board seat, X is the member, or it is a partnership (either direction).
//   local actor, one intermediary    T → A, A anchored.
//   local actor, two intermediaries  T → A → B, B anchored, A not anchored (when A is anchored the
//                                    network reaches it directly, and the shorter path says so).
//   EPCI                             T is a member of an EPCI that is anchored; steps: that
//                                    membership, then the EPCI's anchor.
//   Région                           T's Région is anchored; no relation joins a collectivité to its
//                                    Région, so the only step is the Région's anchor.
// Reference (COG) relations and memberships of an EPCI are never steps of a local-actor path: they
// are the territory's structure, not ties the target chose; they make the EPCI path instead.
// With `via`, only paths whose first intermediary is `via` are kept.
//
// Path score. A local-actor path scores the product of its relations' weights, the anchor's
// included, halved when it has two intermediaries. A relation weighs 1.0 for a board seat, 0.6 for
// a membership, 0.4 for a partnership; ×1.5 for the seat of a président·e, ×1.2 for that of a
// vice-président·e, trésorier·e or secrétaire; ×1.2 when the relation started within the 3 years
// before `at`. An EPCI path scores a fixed 0.024 and a Région path 0.012: half the lowest score a
// local-actor path can reach (0.4 × 0.4 × 0.6 × 0.5 = 0.048), and half of that. The compiler checks
// these bands (static_assert below), so any local-actor path outranks any EPCI path, which
// outranks any Région path, whatever the weights are tuned to.
//
// Target score. One path per door (first intermediary) is kept, the best; then the 3 best doors
// (ties: fewer intermediaries, then ids). The target scores its best path plus 0.1 × the sum of the
// other kept paths: more doors rank higher. Three EPCI paths give at most 0.024 × 1.2 < 0.048, so a
// target reached through a local actor still ranks above every target reached only through its EPCI
// or Région. Targets are ordered by score (highest first), then name, then id.
//
// Consortia group at least `min_size` distinct collectivités of the network's régions (narrowed by
// région and département) around one connector, on `at`:
//   board            they hold seats on the board of the same organisation (not a collectivité, not
//                    the network's record);
//   foreign partner  they are partners of the same foreign authority (kind collectivite_etrangere);
//   country          they are partners of foreign authorities of the same country: the authority's
//                    country_code, or else each of its countries of action;
//   EPCI             they are members of the same EPCI and « engaged »: holding at least one relation
//                    that is not reference data (a membership of the network counts). Without that
//                    rule every EPCI would be a consortium.
// A consortium scores its kind's weight (board 1.0, foreign partner 0.9, country 0.6, EPCI 0.5) ×
// its number of members, + 1 when the connector is anchored in the network (the network can ask it
// to gather them). Ordered by score (highest first), then connector name.
#include "domain/outreach.h"

#include "domain/visible_graph.h"

#include <algorithm>
#include <array>
#include <limits>
#include <charconv>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace rrma {
namespace {

constexpr double kBoardSeatWeight = 1.0;
constexpr double kMemberOfWeight = 0.6;
constexpr double kPartnershipWeight = 0.4;
constexpr double kPresidentFactor = 1.5;
constexpr double kOfficerFactor = 1.2;  // vice-présidence, trésorerie, secrétariat
constexpr double kRecentFactor = 1.2;
constexpr int kRecentYears = 3;
constexpr double kTwoIntermediaryFactor = 0.5;
constexpr double kOtherPathsShare = 0.1;

// The bands that keep local actors above EPCIs above Régions, derived rather than chosen so that
// retuning a weight cannot break the order.
static_assert(kPresidentFactor >= 1 && kOfficerFactor >= 1 && kRecentFactor >= 1, "factors only raise a weight");
static_assert(kPartnershipWeight <= kMemberOfWeight && kMemberOfWeight <= kBoardSeatWeight,
              "a partnership is the weakest relation and a membership the weakest anchor");
constexpr double kLowestLocalActorScore =
    kPartnershipWeight * kPartnershipWeight * kMemberOfWeight * kTwoIntermediaryFactor;
constexpr double kEpciPathScore = kLowestLocalActorScore / 2;
constexpr double kRegionPathScore = kEpciPathScore / 2;
static_assert(kEpciPathScore * (1 + kOtherPathsShare * static_cast<double>(kMaxPathsPerTarget - 1)) <
                  kLowestLocalActorScore,
              "a target reached only through connectors ranks below any target reached through a local actor");
static_assert(kRegionPathScore < kEpciPathScore, "the EPCI is the closer connector");

constexpr double kBoardConsortiumWeight = 1.0;
constexpr double kForeignPartnerConsortiumWeight = 0.9;
constexpr double kCountryConsortiumWeight = 0.6;
constexpr double kEpciConsortiumWeight = 0.5;
constexpr double kAnchoredConnectorBonus = 1.0;

bool IsEpci(const GraphNode& node) { return node.epci; }

uint32_t OtherIndex(const GraphEdge& edge, int64_t id) { return edge.from_id == id ? edge.to_index : edge.from_index; }



// The same ISO date `years` years earlier; nullopt when the date does not start with a year.
std::optional<std::string> YearsBefore(const std::string& date, int years) {
  int year = 0;
  if (date.size() < 4) return std::nullopt;
  auto [end, error] = std::from_chars(date.data(), date.data() + 4, year);
  if (error != std::errc() || end != date.data() + 4 || year - years < 1000) return std::nullopt;
  return std::to_string(year - years) + date.substr(4);
}

// The weight of a relation in a path (see the ranking above).
class RelationWeights {
 public:
  explicit RelationWeights(const std::string& at)
      : recent_since_(YearsBefore(at, kRecentYears)),
        recent_since_day_(DayNumber(recent_since_, std::numeric_limits<int32_t>::max())) {}

  double operator()(const PathStep& step) const {
    return KindWeight(step.kind) * RoleFactor(step.role) * (IsRecent(step.start_date) ? kRecentFactor : 1.0);
  }
  // The same from a link, which carries the role and the start as a day number.
  double operator()(const GraphLink& link) const {
    return KindWeight(link.kind) * RoleFactor(link.role) * (link.start_day >= recent_since_day_ ? kRecentFactor : 1.0);
  }

 private:
  static double KindWeight(RelationKind kind) {
    switch (kind) {
      case RelationKind::kBoardSeat:
        return kBoardSeatWeight;
      case RelationKind::kMemberOf:
        return kMemberOfWeight;
      case RelationKind::kPartnership:
        return kPartnershipWeight;
    }
    return kPartnershipWeight;
  }

  static double RoleFactor(const std::optional<BoardRole>& role) {
    if (!role || *role == BoardRole::kMembre) return 1.0;
    return *role == BoardRole::kPresident ? kPresidentFactor : kOfficerFactor;
  }

  // Relations only reach the path when they hold on `at`, so a start on or after the bound is recent.
  bool IsRecent(const std::optional<std::string>& start) const {
    return start && recent_since_ && *start >= *recent_since_;
  }

  std::optional<std::string> recent_since_;
  int32_t recent_since_day_;  // as DayNumber; a start without a date (0) is never recent
};

PathStep StepOf(const GraphEdge& edge) {
  return {edge.id, edge.kind, edge.from_id, edge.to_id, edge.role, edge.start_date, edge.end_date};
}

// Anchored organisation id → its strongest relation to the network's record.
using Anchors = std::unordered_map<int64_t, PathStep>;

Anchors FindAnchors(const VisibleGraph& view, const GraphNode& network, const RelationWeights& weight) {
  Anchors anchors;
  for (const GraphEdge* edge : view.Edges(network.id)) {
    if (edge->to_id != network.id || edge->kind == RelationKind::kPartnership) continue;
    // Who belongs to a network, and who sits on its CA, is the network's own record to keep:
    // another network's row cannot make an organisation a door of this one.
    if (!edge->reference && edge->owner_network_id != network.network_of.value_or(0)) continue;
    PathStep step = StepOf(*edge);
    auto [it, inserted] = anchors.try_emplace(edge->from_id, step);
    const PathStep& held = it->second;
    if (!inserted && (weight(step) > weight(held) || (weight(step) == weight(held) && step.edge_id < held.edge_id))) {
      it->second = step;
    }
  }
  return anchors;
}

// The positions of the nodes holding a membership of `body`, flagged.
std::vector<bool> MembersOf(const VisibleGraph& view, int64_t body_id) {
  std::vector<bool> members(view.graph().nodes().size());
  view.ForEachEdgeAt(view.graph().IndexOf(body_id), [&](const GraphEdge& edge) {
    if (edge.kind == RelationKind::kMemberOf && edge.to_id == body_id) members[edge.from_index] = true;
  });
  return members;
}

// The targets' memberships that rule them in (of the EPCI asked for) or out (of the network).
struct TargetMemberships {
  std::vector<bool> of_network;
  std::optional<std::vector<bool>> of_epci;
};

// The positions of the collectivités of these régions, each once, in the graph's order.
std::vector<uint32_t> CandidatesIn(const RelationGraph& graph, const std::vector<std::string>& regions) {
  std::vector<uint32_t> candidates;
  for (const std::string& region : std::set<std::string>(regions.begin(), regions.end())) {
    std::span<const uint32_t> found = graph.CollectivitesIn(region);
    candidates.insert(candidates.end(), found.begin(), found.end());
  }
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

bool InRegions(const GraphNode& node, const std::vector<std::string>& regions) {
  return node.region_code && std::find(regions.begin(), regions.end(), *node.region_code) != regions.end();
}

bool IsTarget(const VisibleGraph& view, uint32_t index, const GraphNode& network, const OutreachQuery& query,
              const TargetMemberships& memberships) {
  const GraphNode& node = view.graph().NodeAt(index);
  if (!node.collectivite || node.id == network.id || !view.Sees(node)) return false;
  if (!InRegions(node, query.regions)) return false;
  if (query.departement && node.departement_code != query.departement) return false;
  if (query.category && node.category != query.category) return false;
  if (query.population_max && (!node.population || *node.population > *query.population_max)) return false;
  if (memberships.of_epci && !(*memberships.of_epci)[index]) return false;
  return !memberships.of_network[index];
}

// ---- French sentences ------------------------------------------------------------------------

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool StartsWithVowel(std::string_view text) {
  for (std::string_view vowel : {"A", "E", "I", "O", "U", "É", "È", "Ê", "Î", "Ô", "Â", "À"}) {
    if (StartsWith(text, vowel)) return true;
  }
  return false;
}

// « de » before a name, elided or contracted as French wants: « d'Occitanie Coopération »,
// « du Cannet » (for Le Cannet), « des Mureaux ».
std::string Of(std::string_view name) {
  if (StartsWith(name, "Le ")) return "du " + std::string(name.substr(3));
  if (StartsWith(name, "Les ")) return "des " + std::string(name.substr(4));
  if (StartsWithVowel(name)) return "d'" + std::string(name);
  return "de " + std::string(name);
}

std::string Label(const GraphNode& node) {
  if (!node.acronym || node.acronym->empty() || *node.acronym == node.name) return node.name;
  return node.name + " (" + *node.acronym + ")";
}

// « A », « A et B », « A, B et C ».
std::string JoinFrench(const std::vector<std::string>& items) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += i + 1 == items.size() ? " et " : ", ";
    joined += items[i];
  }
  return joined;
}

// How a sentence names an organisation's kind, and the gender the words describing it take.
struct KindWords {
  std::string_view noun;
  bool feminine = true;
};

KindWords WordsFor(const GraphNode& node) {
  if (node.kind == "association") return {"association", true};
  if (node.kind == "entreprise") return {"entreprise", true};
  if (node.kind == "enseignement_recherche") return {"établissement d'enseignement et de recherche", false};
  if (node.kind == "institution_publique") return {"institution publique", true};
  if (node.kind == "collectivite") return {"collectivité", true};
  if (node.kind == "collectivite_etrangere") return {"collectivité étrangère", true};
  return {"organisation", true};
}

std::string_view RoleNote(const std::optional<BoardRole>& role) {
  if (!role) return "";
  switch (*role) {
    case BoardRole::kVicePresident:
      return " (vice-présidence)";
    case BoardRole::kTresorier:
      return " (trésorerie)";
    case BoardRole::kSecretaire:
      return " (secrétariat)";
    case BoardRole::kMembre:
    case BoardRole::kPresident:
      return "";
  }
  return "";
}

// « siège au CA de X », « préside le CA de X », « siège au CA de X (trésorerie) ».
std::string BoardClause(const std::optional<BoardRole>& role, std::string_view board) {
  if (role == BoardRole::kPresident) return "préside le CA " + Of(board);
  return "siège au CA " + Of(board) + std::string(RoleNote(role));
}

// What the target (a collectivité) does with its first intermediary: « siège au CA de X ».
std::string TargetClause(const PathStep& step, const GraphNode& other) {
  switch (step.kind) {
    case RelationKind::kBoardSeat:
      return BoardClause(step.role, Label(other));
    case RelationKind::kMemberOf:
      return "est adhérente " + Of(Label(other));
    case RelationKind::kPartnership:
      return "est partenaire " + Of(Label(other));
  }
  return "";
}

// What an intermediary does with the next organisation, as a phrase placed after it:
// « adhérente de X », « qui siège au CA de X », « partenaire de X ».
std::string DescribingClause(const PathStep& step, std::string_view next, bool feminine) {
  switch (step.kind) {
    case RelationKind::kBoardSeat:
      return "qui " + BoardClause(step.role, next);
    case RelationKind::kMemberOf:
      return (feminine ? "adhérente " : "adhérent ") + Of(next);
    case RelationKind::kPartnership:
      return "partenaire " + Of(next);
  }
  return "";
}

// « , active au Togo et au Bénin », or nothing when none of its countries has a known name.
std::string CountriesClause(const RelationGraph& graph, const GraphNode& node, bool feminine) {
  std::vector<std::string> places;
  std::set<std::string> seen;
  for (const std::string& code : node.countries) {
    const std::string* name = graph.CountryName(code);
    if (name != nullptr && seen.insert(code).second) places.push_back(InCountry(*name));
  }
  if (places.empty()) return "";
  return std::string(feminine ? ", active " : ", actif ") + JoinFrench(places);
}

std::string ExplainLocalActorPath(const VisibleGraph& view, const GraphNode& target, const GraphNode& network,
                                  const OutreachPath& path) {
  const GraphNode& first = *view.Node(path.intermediaries.front());
  const GraphNode& anchored = *view.Node(path.intermediaries.back());
  std::string sentence = target.name + " " + TargetClause(path.steps.front(), first);
  if (path.intermediaries.size() == 2) {
    sentence += ", " + DescribingClause(path.steps[1], Label(anchored), WordsFor(first).feminine);
  }
  KindWords words = WordsFor(anchored);
  sentence += ", " + std::string(words.noun) + " " + DescribingClause(path.steps.back(), network.name, words.feminine) +
              CountriesClause(view.graph(), anchored, words.feminine) + ".";
  return sentence;
}

std::string ExplainPath(const VisibleGraph& view, const GraphNode& target, const GraphNode& network,
                        const OutreachPath& path) {
  const GraphNode& connector = *view.Node(path.intermediaries.front());
  std::string anchor = DescribingClause(path.steps.back(), network.name, WordsFor(connector).feminine);
  switch (path.connector) {
    case ConnectorKind::kLocalActor:
      return ExplainLocalActorPath(view, target, network, path);
    case ConnectorKind::kEpci:
      return target.name + " fait partie " + Of(Label(connector)) + ", " + anchor + ".";
    case ConnectorKind::kRegion:
      return target.name + " est en Région " + connector.name + ", " + anchor + ".";
  }
  return "";
}

// ---- Outreach paths --------------------------------------------------------------------------

// A path before it is written out: its score, intermediaries and the relations it uses by index,
// so that the many paths found for a target cost no allocation; only those kept become OutreachPaths.
struct Candidate {
  double score = 0;
  ConnectorKind connector = ConnectorKind::kLocalActor;
  std::array<int64_t, 2> intermediaries{};  // organisation ids, target side first
  uint8_t count = 0;                        // how many intermediaries
  std::array<uint32_t, 2> edges{kNoNode, kNoNode};  // the relations before the anchor, by index
  const PathStep* anchor = nullptr;
};

// Walks by node position and reads the links beside each node (GraphLink), touching a node record
// or an edge only for the paths kept: the graph is too large for the processor's caches.
class PathFinder {
 public:
  PathFinder(const VisibleGraph& view, const GraphNode& network, const Anchors& anchors, const RelationWeights& weight)
      : view_(view), graph_(view.graph()), network_index_(graph_.IndexOf(network.id)), weight_(weight),
        anchor_at_(graph_.nodes().size(), nullptr) {
    for (const auto& [id, step] : anchors) {
      if (uint32_t index = graph_.IndexOf(id); index != kNoNode) anchor_at_[index] = &step;
    }
  }

  // The best path per door (first intermediary), the best kMaxPathsPerTarget of them, best first;
  // with `via`, only the paths opened by that organisation.
  std::vector<Candidate> BestPathsFrom(uint32_t target_index, const std::optional<int64_t>& via) const {
    std::vector<Candidate> candidates = CandidatesFrom(target_index);
    if (via) std::erase_if(candidates, [&](const Candidate& c) { return c.intermediaries[0] != *via; });
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) { return Better(a, b); });
    std::vector<Candidate> kept;
    for (const Candidate& candidate : candidates) {
      if (kept.size() == kMaxPathsPerTarget) break;
      const auto same_door = [&](const Candidate& k) { return k.intermediaries[0] == candidate.intermediaries[0]; };
      if (std::none_of(kept.begin(), kept.end(), same_door)) kept.push_back(candidate);
    }
    return kept;
  }

  // The path with its relations copied out of the graph (the costly part: the edges are far apart).
  OutreachPath WrittenOut(const Candidate& c) const {
    OutreachPath path;
    path.connector = c.connector;
    path.score = c.score;
    path.intermediaries.assign(c.intermediaries.begin(), c.intermediaries.begin() + c.count);
    for (uint32_t edge : c.edges) {
      if (edge != kNoNode) path.steps.push_back(StepOf(graph_.edges()[edge]));
    }
    path.steps.push_back(*c.anchor);
    return path;
  }

 private:
  // Every path from the target to the network, unsorted.
  std::vector<Candidate> CandidatesFrom(uint32_t target_index) const {
    const GraphNode& target = graph_.NodeAt(target_index);
    std::vector<Candidate> candidates;
    view_.ForEachLinkAt(target_index, [&](const GraphLink& first) {
      if (!LeadsOn(first) || first.other == network_index_) return;
      if (first.kind == RelationKind::kMemberOf && first.other_epci) {
        AddConnector(ConnectorKind::kEpci, first.other, first.edge, candidates);
      } else if (!first.reference) {
        AddLocalActor(target_index, first, candidates);
      }
    });
    if (target.region_code) {
      const GraphNode* region = graph_.Region(*target.region_code);
      if (region != nullptr && region->id != target.id && view_.Sees(*region)) {
        AddConnector(ConnectorKind::kRegion, graph_.IndexOf(region->id), kNoNode, candidates);
      }
    }
    return candidates;
  }

  // The relations a path may follow from a node: a seat it holds, a membership it holds, a partnership.
  static bool LeadsOn(const GraphLink& link) { return link.kind == RelationKind::kPartnership || link.leaves; }

  // Scores multiply in the path's order (first relation, second, anchor), as the ranking states.
  void AddLocalActor(uint32_t target_index, const GraphLink& first, std::vector<Candidate>& candidates) const {
    const uint32_t door = first.other;
    if (const PathStep* anchor = anchor_at_[door]) {
      candidates.push_back({1.0 * weight_(first) * weight_(*anchor), ConnectorKind::kLocalActor,
                            {graph_.IdAt(door), 0}, 1, {first.edge, kNoNode}, anchor});
      return;
    }
    const double first_score = kTwoIntermediaryFactor * weight_(first);
    for (const Onward& onward : OnwardFrom(door)) {
      if (onward.next == target_index) continue;
      candidates.push_back({first_score * onward.weight * onward.anchor_weight, ConnectorKind::kLocalActor,
                            {graph_.IdAt(door), graph_.IdAt(onward.next)}, 2, {first.edge, onward.edge},
                            anchor_at_[onward.next]});
    }
  }

  // An EPCI or Région path, when that collectivité is anchored.
  void AddConnector(ConnectorKind kind, uint32_t connector, uint32_t edge, std::vector<Candidate>& candidates) const {
    const PathStep* anchor = anchor_at_[connector];
    if (anchor == nullptr) return;
    candidates.push_back({kind == ConnectorKind::kEpci ? kEpciPathScore : kRegionPathScore, kind,
                          {graph_.IdAt(connector), 0}, 1, {edge, kNoNode}, anchor});
  }

  // A relation leading on from a door to an anchored organisation, with what ranks it.
  struct Onward {
    uint32_t edge;
    uint32_t next;
    double weight;
    double anchor_weight;
  };

  // The relations from a door (an unanchored first intermediary) to anchored organisations.
  // Computed once per door and query: many targets share a door.
  const std::vector<Onward>& OnwardFrom(uint32_t door) const {
    auto [kept, inserted] = onward_.try_emplace(door);
    if (!inserted) return kept->second;
    view_.ForEachLinkAt(door, [&](const GraphLink& second) {
      if (second.reference || !LeadsOn(second) || second.other == network_index_) return;
      const PathStep* anchor = anchor_at_[second.other];
      if (anchor == nullptr || (second.kind == RelationKind::kMemberOf && second.other_epci)) return;
      kept->second.push_back({second.edge, second.other, weight_(second), weight_(*anchor)});
    });
    return kept->second;
  }

  // The ids of the relations a candidate uses, in order (read from the edges: only on ties).
  std::array<int64_t, 3> StepIds(const Candidate& c) const {
    std::array<int64_t, 3> ids{0, 0, 0};
    size_t n = 0;
    for (uint32_t edge : c.edges) {
      if (edge != kNoNode) ids[n++] = graph_.edges()[edge].id;
    }
    ids[n] = c.anchor->edge_id;
    return ids;
  }

  // Best first; equal scores: fewer intermediaries, then their ids, the connector, then the ids of
  // the relations, so that answers are stable.
  bool Better(const Candidate& a, const Candidate& b) const {
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count < b.count;
    if (a.intermediaries != b.intermediaries) return a.intermediaries < b.intermediaries;
    if (a.connector != b.connector) return a.connector < b.connector;
    return StepIds(a) < StepIds(b);
  }

  const VisibleGraph& view_;
  const RelationGraph& graph_;
  const uint32_t network_index_;
  const RelationWeights& weight_;
  std::vector<const PathStep*> anchor_at_;  // by node position: its anchor, or nullptr
  mutable std::unordered_map<uint32_t, std::vector<Onward>> onward_;  // by door position
};

double TargetScore(const std::vector<Candidate>& kept) {
  double others = 0;
  for (size_t i = 1; i < kept.size(); ++i) others += kept[i].score;
  return kept.front().score + kOtherPathsShare * others;
}

// ---- Consortia -------------------------------------------------------------------------------

bool IsConsortiumCandidate(const VisibleGraph& view, const GraphNode& node, const GraphNode& network,
                           const ConsortiumQuery& query) {
  if (!node.collectivite || node.id == network.id || !view.Sees(node)) return false;
  if (!InRegions(node, query.regions)) return false;
  if (query.region && node.region_code != query.region) return false;
  return !query.departement || node.departement_code == query.departement;
}

// The countries a foreign authority stands for: its own, or else those it acts in.
std::vector<std::string> CountriesOf(const GraphNode& authority) {
  if (authority.country_code) return {*authority.country_code};
  return authority.countries;
}

// The collectivités gathered around each connector (sets: a collectivité counts once however many
// relations tie it to the connector).
struct ConsortiumGroups {
  std::map<std::pair<ConsortiumConnectorKind, int64_t>, std::set<int64_t>> by_organisation;
  std::map<std::string, std::set<int64_t>> by_country;

  void Collect(const VisibleGraph& view, uint32_t member_index, const GraphNode& network) {
    const GraphNode& member = view.graph().NodeAt(member_index);
    bool engaged = false;
    std::vector<int64_t> epcis;
    view.ForEachEdgeAt(member_index, [&](const GraphEdge& edge) {
      engaged = engaged || !edge.reference;
      const GraphNode& other = view.graph().NodeAt(OtherIndex(edge, member.id));
      bool held = edge.from_id == member.id;
      if (edge.kind == RelationKind::kBoardSeat && held && other.id != network.id && !other.collectivite) {
        by_organisation[{ConsortiumConnectorKind::kBoard, other.id}].insert(member.id);
      } else if (edge.kind == RelationKind::kPartnership && other.kind == "collectivite_etrangere") {
        by_organisation[{ConsortiumConnectorKind::kForeignPartner, other.id}].insert(member.id);
        for (const std::string& country : CountriesOf(other)) by_country[country].insert(member.id);
      } else if (edge.kind == RelationKind::kMemberOf && held && IsEpci(other)) {
        epcis.push_back(other.id);
      }
    });
    if (!engaged) return;
    for (int64_t epci : epcis) by_organisation[{ConsortiumConnectorKind::kEpci, epci}].insert(member.id);
  }
};

double ConsortiumWeight(ConsortiumConnectorKind kind) {
  switch (kind) {
    case ConsortiumConnectorKind::kBoard:
      return kBoardConsortiumWeight;
    case ConsortiumConnectorKind::kForeignPartner:
      return kForeignPartnerConsortiumWeight;
    case ConsortiumConnectorKind::kCountry:
      return kCountryConsortiumWeight;
    case ConsortiumConnectorKind::kEpci:
      return kEpciConsortiumWeight;
  }
  return kEpciConsortiumWeight;
}

// What the members share, as a verb phrase: « siègent au CA de X », « ont des partenaires au Mali ».
std::string SharedClause(const VisibleGraph& view, const Consortium& consortium, const GraphNode* connector) {
  switch (consortium.kind) {
    case ConsortiumConnectorKind::kBoard:
      return "siègent au CA " + Of(Label(*connector));
    case ConsortiumConnectorKind::kForeignPartner:
      return "sont partenaires " + Of(Label(*connector));
    case ConsortiumConnectorKind::kEpci:
      return "font partie " + Of(Label(*connector));
    case ConsortiumConnectorKind::kCountry:
      break;
  }
  const std::string* name = view.graph().CountryName(*consortium.country);
  if (name == nullptr) return "ont des partenaires dans le même pays (" + *consortium.country + ")";
  return "ont des partenaires " + InCountry(*name);
}

// How the members stand to an anchored connector, after their names: « qui siègent à son CA ».
std::string_view MembersToConnector(ConsortiumConnectorKind kind) {
  switch (kind) {
    case ConsortiumConnectorKind::kBoard:
      return "qui siègent à son CA";
    case ConsortiumConnectorKind::kForeignPartner:
      return "qui en sont partenaires";
    case ConsortiumConnectorKind::kEpci:
      return "qui en sont membres";
    case ConsortiumConnectorKind::kCountry:
      break;
  }
  return "";
}

// Who should call whom: the network calls the connector when it is anchored (it can gather its
// own), else the members themselves.
std::string ExplainConsortium(const VisibleGraph& view, const Consortium& consortium, const GraphNode& network,
                              const GraphNode* connector, const PathStep* anchor) {
  std::vector<std::string> names;
  for (int64_t id : consortium.members) names.push_back(view.Node(id)->name);
  if (anchor == nullptr) {
    return JoinFrench(names) + " " + SharedClause(view, consortium, connector) + " : un Clé en main possible.";
  }
  bool feminine = WordsFor(*connector).feminine;
  std::string standing = anchor->kind == RelationKind::kBoardSeat ? "qui siège au CA du réseau"
                         : feminine                               ? "adhérente du réseau"
                                                                  : "adhérent du réseau";
  return network.name + " peut solliciter " + Label(*connector) + ", " + standing + ", pour réunir " +
         JoinFrench(names) + ", " + std::string(MembersToConnector(consortium.kind)) + ".";
}

std::vector<int64_t> ByName(const VisibleGraph& view, const std::set<int64_t>& ids) {
  std::vector<int64_t> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end(),
            [&](int64_t a, int64_t b) { return std::tie(view.Node(a)->name, a) < std::tie(view.Node(b)->name, b); });
  return sorted;
}

Consortium MakeConsortium(const VisibleGraph& view, const GraphNode& network, const Anchors& anchors,
                          ConsortiumConnectorKind kind, const GraphNode* connector,
                          const std::optional<std::string>& country, const std::set<int64_t>& members) {
  Consortium consortium;
  consortium.kind = kind;
  consortium.country = country;
  if (connector != nullptr) {
    consortium.connector_id = connector->id;
    consortium.connector_name = connector->name;
  } else {
    consortium.connector_name = country.value_or("");
  }
  consortium.members = ByName(view, members);
  const PathStep* anchor = nullptr;
  if (connector != nullptr) {
    if (auto it = anchors.find(connector->id); it != anchors.end()) anchor = &it->second;
  }
  consortium.score = ConsortiumWeight(kind) * static_cast<double>(members.size()) +
                     (anchor != nullptr ? kAnchoredConnectorBonus : 0.0);
  consortium.explanation = ExplainConsortium(view, consortium, network, connector, anchor);
  return consortium;
}

bool BetterConsortium(const Consortium& a, const Consortium& b) {
  if (a.score != b.score) return a.score > b.score;
  return std::tie(a.connector_name, a.kind, a.connector_id, a.country) <
         std::tie(b.connector_name, b.kind, b.connector_id, b.country);
}

}  // namespace

std::vector<OutreachTarget> FindOutreach(const RelationGraph& graph, const Account& caller,
                                         const OutreachQuery& query) {
  VisibleGraph view(graph, caller, query.at);
  const GraphNode* network = graph.NetworkNode(query.network_id);
  if (network == nullptr || !view.Sees(*network)) return {};
  RelationWeights weight(query.at);
  Anchors anchors = FindAnchors(view, *network, weight);
  PathFinder finder(view, *network, anchors, weight);

  TargetMemberships memberships{MembersOf(view, network->id), std::nullopt};
  if (query.epci) memberships.of_epci = MembersOf(view, *query.epci);
  // Every target is found and scored; only the page asked for gets its paths written out and
  // explained (copying relations out of a national graph and writing sentences cost the most).
  struct Reached {
    OutreachTarget target;
    std::vector<Candidate> kept;
  };
  std::vector<Reached> reached;
  for (uint32_t index : CandidatesIn(graph, query.regions)) {
    if (!IsTarget(view, index, *network, query, memberships)) continue;
    std::vector<Candidate> kept = finder.BestPathsFrom(index, query.via);
    if (kept.empty()) continue;
    const GraphNode& node = graph.NodeAt(index);
    reached.push_back({{node.id, node.name, node.insee_code, node.population, TargetScore(kept), {}}, std::move(kept)});
  }
  std::sort(reached.begin(), reached.end(), [](const Reached& a, const Reached& b) {
    if (a.target.score != b.target.score) return a.target.score > b.target.score;
    return std::tie(a.target.name, a.target.id) < std::tie(b.target.name, b.target.id);
  });
  std::vector<OutreachTarget> targets;
  targets.reserve(reached.size());
  for (size_t i = 0; i < reached.size(); ++i) {
    OutreachTarget& target = reached[i].target;
    if (i >= query.detail_from && i - query.detail_from < query.detail_count) {
      const GraphNode& node = *graph.Node(target.id);
      for (const Candidate& candidate : reached[i].kept) {
        target.paths.push_back(finder.WrittenOut(candidate));
        target.paths.back().explanation = ExplainPath(view, node, *network, target.paths.back());
      }
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<Consortium> FindConsortia(const RelationGraph& graph, const Account& caller, const ConsortiumQuery& query) {
  VisibleGraph view(graph, caller, query.at);
  const GraphNode* network = graph.NetworkNode(query.network_id);
  if (network == nullptr || !view.Sees(*network)) return {};
  Anchors anchors = FindAnchors(view, *network, RelationWeights(query.at));

  ConsortiumGroups groups;
  for (uint32_t index : CandidatesIn(graph, query.regions)) {
    if (IsConsortiumCandidate(view, graph.NodeAt(index), *network, query)) groups.Collect(view, index, *network);
  }
  std::vector<Consortium> consortia;
  for (const auto& [key, members] : groups.by_organisation) {
    if (members.size() < query.min_size) continue;
    consortia.push_back(
        MakeConsortium(view, *network, anchors, key.first, view.Node(key.second), std::nullopt, members));
  }
  for (const auto& [country, members] : groups.by_country) {
    if (members.size() < query.min_size) continue;
    consortia.push_back(
        MakeConsortium(view, *network, anchors, ConsortiumConnectorKind::kCountry, nullptr, country, members));
  }
  std::sort(consortia.begin(), consortia.end(), BetterConsortium);
  return consortia;
}

// The preposition follows the name's number and gender: plural names take « aux », names of islands
// and city-states « à », feminine names (ending in e, save a few) and names opening on a vowel
// « en », the others « au ». A compound name takes the gender of its first word (« en Guinée-Bissau »).
std::string InCountry(std::string_view french_name) {
  static constexpr std::string_view kWithA[] = {"Madagascar",
                                                "Cuba",
                                                "Haïti",
                                                "Maurice",
                                                "Singapour",
                                                "Malte",
                                                "Chypre",
                                                "Monaco",
                                                "Bahreïn",
                                                "Djibouti",
                                                "Saint-Marin",
                                                "Sainte-Lucie",
                                                "Sao Tomé-et-Principe",
                                                "Saint-Kitts-et-Nevis",
                                                "Saint-Vincent-et-les-Grenadines",
                                                "Trinité-et-Tobago",
                                                "Taïwan",
                                                "Hong Kong",
                                                "Macao",
                                                "Porto Rico",
                                                "Nauru",
                                                "Tuvalu",
                                                "Kiribati",
                                                "Palaos"};
  static constexpr std::string_view kPluralPrefixes[] = {"Comores",  "Philippines", "États-Unis", "Pays-Bas", "Émirats",
                                                         "Maldives", "Seychelles",  "Bahamas",    "Fidji",    "Îles "};
  static constexpr std::string_view kMasculineInE[] = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe",
                                                       "Belize",  "Suriname", "Royaume",    "Zaïre"};
  std::string name(french_name);
  if (std::find(std::begin(kWithA), std::end(kWithA), french_name) != std::end(kWithA)) return "à " + name;
  for (std::string_view prefix : kPluralPrefixes) {
    if (StartsWith(french_name, prefix)) return "aux " + name;
  }
  if (StartsWithVowel(french_name)) return "en " + name;
  std::string_view head = french_name.substr(0, french_name.find_first_of(" -"));
  bool masculine = std::find(std::begin(kMasculineInE), std::end(kMasculineInE), head) != std::end(kMasculineInE);
  if (!head.empty() && head.back() == 'e' && !masculine) return "en " + name;
  return "au " + name;
}

}  // namespace rrma
