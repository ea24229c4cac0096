// The relationship graph of the directory held in memory: every organisation (reference
// collectivités and the actors networks record) as a node, every relationship as an edge, each
// with the network that owns it and its visibility. Storage builds one from the database and keeps
// it while the data is unchanged; the outreach and consortium finders (domain/outreach.h) read it
// for one caller, through the rows that caller may read (domain/access.h MayRead). Immutable once
// built: safe to share between threads.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/access.h"

namespace rrma {

enum class RelationKind : uint8_t { kMemberOf, kBoardSeat, kPartnership };

// A seat on a board (conseil d'administration) is held as one of these roles.
enum class BoardRole : uint8_t { kMembre, kPresident, kVicePresident, kTresorier, kSecretaire };

struct GraphNode {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> acronym;            // "MAS"
  std::string kind;                              // organisation kind: collectivite, association…
  std::optional<std::string> category;           // collectivités: commune, epci, departement, region…
  std::optional<std::string> insee_code;
  std::optional<int64_t> population;
  std::optional<std::string> departement_code;
  std::optional<std::string> region_code;
  std::vector<std::string> countries;            // countries of action, ISO 3166 alpha-2
  std::optional<std::string> country_code;       // the country a foreign authority lies in, ISO alpha-2
  std::optional<int64_t> network_of;             // set on the organisation record of a network: its network id
  bool archived = false;
  int64_t owner_network_id = 0;                  // 0 for reference rows (COG), which are public
  Visibility visibility = Visibility::kPublic;
  // Set by Finish() from kind and category, so that the finders compare no strings per node.
  bool collectivite = false;
  bool epci = false;
};

// The fields every walk reads come first, within one cache line; the dates as text last.
struct GraphEdge {
  // Positions of the ends in RelationGraph::nodes(), set by Finish(); kNoNode when an end is not
  // in the graph. The finders walk by position: no hashing on the hot path.
  uint32_t from_index = 0;
  uint32_t to_index = 0;
  // The dates as YYYYMMDD numbers, set by Finish(): no start is 0, no end the largest number.
  int32_t start_day = 0;
  int32_t end_day = std::numeric_limits<int32_t>::max();
  int64_t owner_network_id = 0;           // 0 for reference rows
  Visibility visibility = Visibility::kPublic;
  RelationKind kind = RelationKind::kMemberOf;
  bool reference = false;                 // from the COG (EPCI memberships)
  int64_t from_id = 0;  // member_of: the member; board_seat: the organisation holding the seat
  int64_t to_id = 0;    // member_of: the body joined; board_seat: whose board; partnership: the other side
  int64_t id = 0;
  std::optional<BoardRole> role;          // board seats only
  std::optional<std::string> start_date;  // YYYY-MM-DD
  std::optional<std::string> end_date;    // YYYY-MM-DD, the last day the relation holds
};

inline constexpr uint32_t kNoNode = std::numeric_limits<uint32_t>::max();

// Who may see a node, apart from the rest of its record so that deciding it for every node is a
// short sequential read. Built by Finish().
struct NodeAccess {
  int64_t owner_network_id = 0;
  Visibility visibility = Visibility::kPublic;
  bool archived = false;
};

// A relation as seen from one of its ends, with what a walk filters on, stored beside the node's
// other links: a walk reads them in sequence instead of jumping to each edge (the finders' cost at
// national scale was those jumps). Built by Finish().
struct GraphLink {
  uint32_t edge = 0;           // index into RelationGraph::edges()
  uint32_t other = kNoNode;    // position of the other end
  int32_t start_day = 0;       // as GraphEdge
  int32_t end_day = 0;
  int64_t owner_network_id = 0;
  Visibility visibility = Visibility::kPublic;
  RelationKind kind = RelationKind::kMemberOf;
  bool reference = false;
  bool leaves = false;         // this end is the edge's from (the member, the seat holder)
  bool other_epci = false;     // the other end is an EPCI
  std::optional<BoardRole> role;
};

// Nodes and edges with their indexes. Build once with Add…() then Finish(); read-only afterwards.
class RelationGraph {
 public:
  // Room for that many nodes and edges in all, so that adding them never holds two copies.
  void Reserve(size_t nodes, size_t edges);
  void AddNode(GraphNode node);
  void AddEdge(GraphEdge edge);
  // A country's French name ("Bénin"), for explanations.
  void AddCountry(std::string code, std::string name);
  // Builds the indexes; call once after the last Add.
  void Finish();

  const GraphNode* Node(int64_t id) const;
  // The position of a node in nodes(), or kNoNode.
  uint32_t IndexOf(int64_t id) const;
  const GraphNode& NodeAt(uint32_t index) const { return nodes_[index]; }
  int64_t IdAt(uint32_t index) const { return ids_[index]; }
  // Who may see each node, by position.
  const std::vector<NodeAccess>& access() const { return access_; }
  // The links of the node at that position: the relations leaving it (in the order they were
  // added), then those reaching it. A relation of a node to itself appears twice.
  std::span<const GraphLink> LinksAt(uint32_t index) const;
  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  // The organisation record of a network (GraphNode::network_of), or nullptr.
  const GraphNode* NetworkNode(int64_t network_id) const;
  // The collectivité of category "region" / "departement" with that INSEE code, or nullptr.
  const GraphNode* Region(const std::string& code) const;
  const GraphNode* Departement(const std::string& code) const;
  // The positions of the collectivités of a région (itself, its départements, EPCIs, communes…).
  std::span<const uint32_t> CollectivitesIn(const std::string& region_code) const;
  // The French name of a country code, or nullptr.
  const std::string* CountryName(const std::string& code) const;

 private:
  void LinkEdges();

  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
  std::unordered_map<int64_t, uint32_t> node_index_;
  // Links grouped by node position (compressed rows): those of node i are
  // links_[link_offsets_[i]] up to links_[link_offsets_[i + 1]].
  std::vector<NodeAccess> access_;
  std::vector<int64_t> ids_;  // by position, apart from the records for the same reason
  std::vector<uint32_t> link_offsets_;
  std::vector<GraphLink> links_;
  std::unordered_map<int64_t, size_t> network_nodes_;
  std::unordered_map<std::string, size_t> regions_, departements_;
  std::unordered_map<std::string, std::vector<uint32_t>> collectivites_by_region_;
  std::unordered_map<std::string, std::string> countries_;
};

// True when the edge holds on that date (YYYY-MM-DD): started on or before it (or no start) and
// not ended before it (or no end).
bool HoldsOn(const GraphEdge& edge, const std::string& date);

// An ISO date (YYYY-MM-DD) as the number YYYYMMDD, which orders as the dates do; `otherwise` when
// the text is not such a date.
int32_t DayNumber(const std::optional<std::string>& date, int32_t otherwise);

}  // namespace rrma
