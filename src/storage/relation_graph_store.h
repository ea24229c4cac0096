// RelationGraphStore: the relationship graph (domain/relation_graph.h) built from the database and
// kept in memory while the data is unchanged — the reference generation (COG imports) and the
// directory generation (every write to actors and relationships) both unchanged — the way the
// fiche cache keeps reference fiches. The finders read a snapshot; a writer's change is seen by
// the next request, which rebuilds once while the others wait: the COG's rows are copied from the
// part kept in memory, only the rows networks record are read again. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <unordered_map>
#include <vector>

#include "domain/relation_graph.h"
#include "storage/database.h"

namespace rrma {

struct GraphSnapshot {
  RelationGraph graph;
  std::unordered_map<int64_t, std::vector<std::string>> network_regions;  // network id -> région codes
  int64_t reference_generation = -1;
  int64_t directory_generation = -1;
};

// The COG's part of the graph, read once per reference generation.
struct ReferencePart {
  int64_t generation = -1;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<std::pair<std::string, std::string>> countries;  // code, French name
};

class RelationGraphStore {
 public:
  explicit RelationGraphStore(Database& database) : database_(database) {}

  // The graph as the database holds it now (one small query to compare generations).
  std::shared_ptr<const GraphSnapshot> Current();

 private:
  std::shared_ptr<const GraphSnapshot> Build(int64_t reference_generation, int64_t directory_generation);
  std::shared_ptr<const ReferencePart> ReadReference(Database::Lease& session, int64_t reference_generation);

  Database& database_;
  std::mutex mutex_;
  std::shared_ptr<const GraphSnapshot> snapshot_;
  std::shared_ptr<const ReferencePart> reference_;  // guarded by mutex_ too
};

}  // namespace rrma
