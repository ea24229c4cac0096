// The relationship graph of the directory held in memory: every organisation (reference
// collectivités and the actors networks record) as a node, every relationship as an edge, each
// with the network that owns it and its visibility. Storage builds one from the database and keeps
// it while the data is unchanged; the outreach and consortium finders (domain/outreach.h) read it
// for one caller, through the rows that caller may read (domain/access.h MayRead). Immutable once
// built: safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/access.h"

namespace rrma {

enum class RelationKind { kMemberOf, kBoardSeat, kPartnership };

// A seat on a board (conseil d'administration) is held as one of these roles.
enum class BoardRole { kMembre, kPresident, kVicePresident, kTresorier, kSecretaire };

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
};

struct GraphEdge {
  int64_t id = 0;
  RelationKind kind = RelationKind::kMemberOf;
  int64_t from_id = 0;  // member_of: the member; board_seat: the organisation holding the seat
  int64_t to_id = 0;    // member_of: the body joined; board_seat: whose board; partnership: the other side
  std::optional<BoardRole> role;          // board seats only
  std::optional<std::string> start_date;  // YYYY-MM-DD
  std::optional<std::string> end_date;    // YYYY-MM-DD, the last day the relation holds
  bool reference = false;                 // from the COG (EPCI memberships)
  int64_t owner_network_id = 0;           // 0 for reference rows
  Visibility visibility = Visibility::kPublic;
};

// Nodes and edges with their indexes. Build once with Add…() then Finish(); read-only afterwards.
class RelationGraph {
 public:
  void AddNode(GraphNode node);
  void AddEdge(GraphEdge edge);
  // A country's French name ("Bénin"), for explanations.
  void AddCountry(std::string code, std::string name);
  // Builds the indexes; call once after the last Add.
  void Finish();

  const GraphNode* Node(int64_t id) const;
  // The indexes into edges() of the edges leaving / reaching a node.
  const std::vector<size_t>& Outgoing(int64_t id) const;
  const std::vector<size_t>& Incoming(int64_t id) const;
  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  // The organisation record of a network (GraphNode::network_of), or nullptr.
  const GraphNode* NetworkNode(int64_t network_id) const;
  // The collectivité of category "region" / "departement" with that INSEE code, or nullptr.
  const GraphNode* Region(const std::string& code) const;
  const GraphNode* Departement(const std::string& code) const;
  // The French name of a country code, or nullptr.
  const std::string* CountryName(const std::string& code) const;

 private:
  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
  std::unordered_map<int64_t, size_t> node_index_;
  std::unordered_map<int64_t, std::vector<size_t>> outgoing_, incoming_;
  std::unordered_map<int64_t, size_t> network_nodes_;
  std::unordered_map<std::string, size_t> regions_, departements_;
  std::unordered_map<std::string, std::string> countries_;
};

// True when the edge holds on that date (YYYY-MM-DD): started on or before it (or no start) and
// not ended before it (or no end).
bool HoldsOn(const GraphEdge& edge, const std::string& date);

}  // namespace rrma
