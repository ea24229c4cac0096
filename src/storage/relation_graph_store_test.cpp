// The relationship graph kept in memory, on SQLite and PostgreSQL: a signed-in reader sees a write
// at once; a visitor gets the last graph built without waiting, while the next one is built in the
// background.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/reference_import.h"
#include "storage/relation_graph_store.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class GraphStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    ImportReference(*database_, data, nullptr);
    staff_ = AccountRepository(*database_)
                 .CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires"))
                 .value();
  }

  int64_t CreateAssociation(const std::string& name) {
    ActorDraft draft;
    draft.network_id = *staff_.roles.at(0).network_id;
    draft.visibility = "private";
    draft.kind = "association";
    draft.name = name;
    return ActorRepository(*database_).Create(staff_, draft).value().id;
  }

  std::unique_ptr<Database> database_;
  Account staff_;
};

TEST_F(GraphStoreTest, ASignedInReaderSeesAWriteInTheNextGraph) {
  RelationGraphStore store(*database_);
  const auto before = store.Current(GraphFreshness::kLatest);
  const int64_t id = CreateAssociation("Méditerranée Afrique Solidarité");
  EXPECT_EQ(before->graph.Node(id), nullptr);
  const auto after = store.Current(GraphFreshness::kLatest);
  ASSERT_NE(after->graph.Node(id), nullptr);
  EXPECT_GT(after->directory_generation, before->directory_generation);
  EXPECT_EQ(store.Current(GraphFreshness::kLatest), after) << "an unchanged database is not read again";
}

TEST_F(GraphStoreTest, AVisitorGetsTheLastGraphBuiltWhileTheNextIsBuiltInTheBackground) {
  RelationGraphStore store(*database_);
  const auto before = store.Current(GraphFreshness::kLastBuilt);  // none yet: built now
  const int64_t id = CreateAssociation("Amitié Togo");
  EXPECT_EQ(store.Current(GraphFreshness::kLastBuilt), before) << "the visitor did not wait for a rebuild";

  // Nobody asks for the latest graph: the rebuild the visitor started still brings the write in.
  std::shared_ptr<const GraphSnapshot> seen = before;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (seen == before && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    seen = store.Current(GraphFreshness::kLastBuilt);
  }
  ASSERT_NE(seen, before) << "no rebuild in the background within 60 s";
  EXPECT_NE(seen->graph.Node(id), nullptr);
  EXPECT_EQ(store.Current(GraphFreshness::kLatest), seen) << "the background graph is the latest";
}

TEST_F(GraphStoreTest, AStoreDestroyedDuringABackgroundRebuildWaitsForIt) {
  auto store = std::make_unique<RelationGraphStore>(*database_);
  const auto before = store->Current(GraphFreshness::kLastBuilt);
  CreateAssociation("Coopération Atlantique");
  EXPECT_EQ(store->Current(GraphFreshness::kLastBuilt), before);
  store.reset();  // joins the thread, which still holds the database: no crash, no leak under ASan
  EXPECT_EQ(before.use_count(), 1);
}

}  // namespace
}  // namespace rrma
