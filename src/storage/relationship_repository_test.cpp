// Imports of a network's directory as stored, on SQLite and PostgreSQL: the rows and their audit
// entries written in bulk, idempotence, repeated lines, dry runs and lines refused while reading.
#include <gtest/gtest.h>

#include "domain/access.h"
#include "storage/account_repository.h"
#include "storage/audit_repository.h"
#include "storage/reference_import.h"
#include "storage/relationship_repository.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
      if (collectivite.category == "commune" && data.collectivites.size() < 2) data.collectivites.push_back(collectivite);
    }
    communes_ = {*data.collectivites.at(0).insee_code, *data.collectivites.at(1).insee_code};
    ImportReference(*database_, data, nullptr);
    staff_ = AccountRepository(*database_)
                 .CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires"))
                 .value();
    network_ = *staff_.roles.at(0).network_id;
  }

  ImportOutcome ImportAssociations(ImportOptions options = {}) {
    std::vector<ActorRepository::ImportRow> rows;
    for (const char* rna : {"W061234567", "W069876543"}) {
      ActorDraft draft;
      draft.network_id = network_;
      draft.visibility = "private";
      draft.kind = "association";
      draft.name = std::string("Association ") + rna;
      draft.rna = std::optional<std::string>(rna);
      rows.push_back({rows.size() + 2, draft});
    }
    return ActorRepository(*database_).ImportDrafts(staff_, rows, options);
  }

  RelationshipRepository::ImportRow Seat(size_t line, const std::string& commune, const std::string& rna) {
    RelationshipDraft draft;
    draft.network_id = network_;
    draft.visibility = "private";
    draft.kind = "board_seat";
    draft.source = "import";
    return {line, commune, rna, draft};
  }

  std::vector<RelationshipRepository::ImportRow> Seats() {
    return {Seat(2, communes_[0], "W061234567"), Seat(3, communes_[1], "W061234567"),
            Seat(4, communes_[0], "W069876543"), Seat(5, communes_[0], "w061234567")};
  }

  int64_t Count(const std::string& sql) {
    auto session = database_->Acquire();
    long long count = 0;
    *session << sql, soci::into(count);
    return count;
  }

  std::unique_ptr<Database> database_;
  std::vector<std::string> communes_;
  Account staff_;
  int64_t network_ = 0;
};

TEST_F(ImportTest, ImportWritesEveryRowWithItsAuditEntryOnceAndNothingTheSecondTime) {
  ASSERT_EQ(ImportAssociations().created, 2);
  const ImportOutcome first = RelationshipRepository(*database_).ImportDrafts(staff_, Seats(), {});
  EXPECT_TRUE(first.written);
  EXPECT_EQ(first.created, 3);
  EXPECT_EQ(first.existing, 0);
  ASSERT_EQ(first.repeated.size(), 1u);
  EXPECT_EQ(first.repeated[0].line, 5u);
  EXPECT_EQ(first.repeated[0].first_line, 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship WHERE network_id IS NOT NULL"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE record_type = 'relationship' AND action = 'create'"
                  " AND record_id IN (SELECT id FROM relationship)"),
            3);
  // Ids handed out by the import do not clash with those of later creations.
  RelationshipDraft later;
  later.network_id = network_;
  later.visibility = "private";
  later.kind = "board_seat";
  later.role = std::optional<std::string>("president");
  later.from_id = Count("SELECT MIN(id) FROM organisation WHERE category = 'commune'");
  later.to_id = Count("SELECT MIN(id) FROM organisation WHERE rna = 'W061234567'");
  EXPECT_TRUE(RelationshipRepository(*database_).Create(staff_, later).ok());

  const ImportOutcome again = RelationshipRepository(*database_).ImportDrafts(staff_, Seats(), {});
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.existing, 3);
  EXPECT_EQ(again.repeated.size(), 1u);
  EXPECT_EQ(ImportAssociations().existing, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship WHERE network_id IS NOT NULL"), 4);
}

TEST_F(ImportTest, ADryRunARefusedFileAndALineRefusedWhileReadingWriteNothing) {
  ASSERT_EQ(ImportAssociations({true, false}).created, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM organisation WHERE rna IS NOT NULL"), 0);
  ImportAssociations();
  const int64_t generation = Count("SELECT value FROM data_generation WHERE name = 'directory'");
  const ImportOutcome dry = RelationshipRepository(*database_).ImportDrafts(staff_, Seats(), {true, false});
  EXPECT_EQ(dry.created, 3);
  EXPECT_FALSE(dry.written);
  auto rows = Seats();
  rows.push_back(Seat(6, communes_[1], "W000000001"));
  const ImportOutcome refused = RelationshipRepository(*database_).ImportDrafts(staff_, rows, {});
  EXPECT_FALSE(refused.written);
  ASSERT_EQ(refused.rejected.size(), 1u);
  EXPECT_EQ(refused.rejected[0].field, "to_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship WHERE network_id IS NOT NULL"), 0);
  EXPECT_EQ(Count("SELECT value FROM data_generation WHERE name = 'directory'"), generation);
  rows = Seats();
  rows[1].refused = true;
  const ImportOutcome partial = RelationshipRepository(*database_).ImportDrafts(staff_, rows, {false, true});
  EXPECT_TRUE(partial.written);
  EXPECT_EQ(partial.created, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship WHERE network_id IS NOT NULL"), 2);
  EXPECT_EQ(Count("SELECT value FROM data_generation WHERE name = 'directory'"), generation + 1);
}

}  // namespace
}  // namespace rrma
