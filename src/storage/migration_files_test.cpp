// Migrations written as SQL files: how a file is read, and what the pipeline's migration does to
// a database that already holds memberships (SQLite and PostgreSQL).
#include "storage/migration_files.h"

#include <gtest/gtest.h>

#include "storage/account_repository.h"
#include "storage/bound_statement.h"
#include "storage/migrations.h"
#include "storage/reference_import.h"
#include "storage/relationship_repository.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

TEST(MigrationFiles, AFileGivesItsNameAndItsStatementsWithoutComments) {
  const std::string_view text =
      "-- the engagement pipeline\n"
      "--\n"
      "-- One row per network.\n"
      "CREATE TABLE a (\n  id INTEGER -- the key\n);\n"
      "\n"
      "  -- indented comment\n"
      "INSERT INTO a (id) VALUES (1);\n";
  EXPECT_EQ(MigrationName(text), "the engagement pipeline");
  const auto statements = MigrationStatements(text);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], "CREATE TABLE a (\n  id INTEGER -- the key\n)\n");
  EXPECT_EQ(statements[1], "INSERT INTO a (id) VALUES (1)\n");
}

TEST(MigrationFiles, EveryFileIsNumberedAfterTheMigrationsWrittenInCodeAndNamed) {
  int previous = 8;
  for (const MigrationFile& file : MigrationFiles()) {
    EXPECT_GT(file.version, previous) << file.path;
    EXPECT_FALSE(MigrationName(file.text).empty()) << file.path;
    EXPECT_FALSE(MigrationStatements(file.text).empty()) << file.path;
    previous = file.version;
  }
  EXPECT_EQ(LatestSchemaVersion(), previous);
}

TEST(MigrationFiles, CollectivitesAlreadyMembersStartTheirPipelineAtAdhesion) {
  auto database = testing::OpenEmptyTestDatabase();
  ReferenceData data;
  data.networks = testing::ReferenceSlice().networks;
  for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
    if (collectivite.category == "commune" && data.collectivites.size() < 2) data.collectivites.push_back(collectivite);
  }
  ImportReference(*database, data, nullptr);
  const Account staff = AccountRepository(*database)
                            .CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires"))
                            .value();
  const int64_t network = *staff.roles.at(0).network_id;
  auto session = database->Acquire();
  const int64_t record = RunScalar(session, "SELECT organisation_id FROM network WHERE id = :id", {{"id", network}}).value();
  const int64_t commune = RunScalar(session, "SELECT MIN(id) FROM organisation WHERE kind = 'collectivite'", {}).value();
  // The database as version 8 left it, with a membership in force and an ended one.
  *session << "DROP TABLE pipeline_change";
  *session << "DROP TABLE pipeline_stage";
  *session << "DELETE FROM schema_migrations WHERE version = 9";
  for (const std::optional<std::string>& end : {std::optional<std::string>(), std::optional<std::string>("2001-12-31")}) {
    BoundStatement insert(*session);
    insert.Use(std::vector<Binding>{{"from", commune}, {"to", record}, {"network", network}});
    insert.UseOptional("end", end);
    RunChange(insert, "INSERT INTO relationship (kind, from_id, to_id, start_date, end_date, source, network_id,"
                      " visibility) VALUES ('member_of', :from, :to, '2000-01-01', :end, 'test', :network, 'private')");
  }
  Migrate(*database);
  EXPECT_EQ(RunScalar(session, "SELECT COUNT(*) FROM pipeline_stage WHERE stage = 'adhesion' AND organisation_id = :id",
                      {{"id", commune}}),
            1);
  EXPECT_EQ(RunScalar(session, "SELECT COUNT(*) FROM pipeline_change WHERE to_stage = 'adhesion'", {}), 1);
}

}  // namespace
}  // namespace rrma
