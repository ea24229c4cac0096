// RelationGraphStore: the relationship graph (domain/relation_graph.h) built from the database and
// kept in memory while the data is unchanged — the reference generation (COG imports) and the
// directory generation (every write to actors and relationships) both unchanged — the way the
// fiche cache keeps reference fiches. The finders read a snapshot; a writer's change is seen by
// the next request that asks for the latest graph, which rebuilds once while the others asking
// for it wait: the COG's rows are copied from the part kept in memory, only the rows networks
// record are read again. A request that may read the previous graph (an anonymous visitor's)
// never waits for a rebuild once a graph exists: it gets the previous one, and a rebuild starts
// in the background if none is running. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
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

// What a request accepts: the graph with every committed write (a signed-in user who just
// recorded a relation expects to see it), or the last graph built (anonymous reads).
enum class GraphFreshness { kLatest, kLastBuilt };

class RelationGraphStore {
 public:
  explicit RelationGraphStore(Database& database) : database_(database) {}
  ~RelationGraphStore();  // waits for a background rebuild
  RelationGraphStore(const RelationGraphStore&) = delete;
  RelationGraphStore& operator=(const RelationGraphStore&) = delete;

  // The graph as the database holds it now (one small query to compare generations), or with
  // kLastBuilt the last one built while a newer one is being built.
  std::shared_ptr<const GraphSnapshot> Current(GraphFreshness freshness = GraphFreshness::kLatest);

 private:
  struct Generations {
    int64_t reference = 0;
    int64_t directory = 0;
  };
  Generations ReadGenerations();
  // Builds the graph of these generations unless one as recent is there; one build at a time.
  std::shared_ptr<const GraphSnapshot> BuildLatest(Generations wanted);
  void StartBackgroundBuild(Generations wanted);  // with state_mutex_ held
  std::shared_ptr<const GraphSnapshot> Build(Generations generations);
  std::shared_ptr<const ReferencePart> ReadReference(Database::Lease& session, int64_t reference_generation);

  Database& database_;
  std::mutex build_mutex_;  // held while a graph is built; guards reference_
  std::shared_ptr<const ReferencePart> reference_;
  std::mutex state_mutex_;  // guards what follows
  std::shared_ptr<const GraphSnapshot> snapshot_;
  bool background_running_ = false;
  std::thread background_;
};

}  // namespace rrma
