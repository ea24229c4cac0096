// The relationship graph kept in memory, on SQLite and PostgreSQL: the next request after a write
// reads a graph that holds it, and an unchanged database is not read again.
#include <gtest/gtest.h>

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

TEST_F(GraphStoreTest, TheNextRequestAfterAWriteReadsAGraphThatHoldsIt) {
  RelationGraphStore store(*database_);
  const auto before = store.Current();
  const int64_t id = CreateAssociation("Méditerranée Afrique Solidarité");
  EXPECT_EQ(before->graph.Node(id), nullptr);
  const auto after = store.Current();
  ASSERT_NE(after->graph.Node(id), nullptr);
  EXPECT_GT(after->directory_generation, before->directory_generation);
  EXPECT_EQ(store.Current(), after) << "an unchanged database is not read again";
}

}  // namespace
}  // namespace rrma
