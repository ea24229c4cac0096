#include "storage/reference_import.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "storage/organisation_repository.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

const KindReport& Kind(const ImportReport& report, const std::string& label) {
  for (const KindReport& kind : report.kinds) {
    if (kind.kind == label) return kind;
  }
  static const KindReport kMissing;
  ADD_FAILURE() << "no line for " << label;
  return kMissing;
}

int64_t CountByText(Database& database, const std::string& text) {
  OrganisationQuery query;
  query.text = text;
  return OrganisationRepository(database).Search(Account{}, query).total;
}

TEST(Migrations, ASecondRunAppliesNothing) {
  auto database = testing::OpenEmptyTestDatabase();
  MigrationReport again = Migrate(*database);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.current_version, LatestSchemaVersion());
}

TEST(ReferenceImport, AddsEverythingIntoAnEmptyDatabase) {
  auto database = testing::OpenEmptyTestDatabase();
  EXPECT_TRUE(ReferenceIsEmpty(*database));
  const ReferenceData& data = testing::ReferenceSlice();
  ImportReport report = ImportReference(*database, data, nullptr);
  EXPECT_TRUE(report.changed());
  EXPECT_EQ(Kind(report, "régions").added, 18);
  EXPECT_GT(Kind(report, "communes").added, 250);
  EXPECT_EQ(Kind(report, "adhésions aux EPCI").added, static_cast<int64_t>(data.memberships.size()));
  EXPECT_EQ(Kind(report, "ODD").added, 17);
  EXPECT_EQ(Kind(report, "réseaux").added, 12);
  EXPECT_GT(Kind(report, "pays").added, 240);
  EXPECT_FALSE(ReferenceIsEmpty(*database));
}

TEST(ReferenceImport, ASecondRunChangesNothingAndSaysSo) {
  auto database = testing::OpenEmptyTestDatabase();
  ImportReference(*database, testing::ReferenceSlice(), nullptr);
  ImportReport again = ImportReference(*database, testing::ReferenceSlice(), nullptr);
  EXPECT_FALSE(again.changed());
  for (const KindReport& kind : again.kinds) {
    EXPECT_EQ(kind.added, 0) << kind.kind;
    EXPECT_EQ(kind.updated, 0) << kind.kind;
    EXPECT_EQ(kind.closed, 0) << kind.kind;
  }
  EXPECT_GT(Kind(again, "communes").unchanged, 250);
}

TEST(ReferenceImport, UpdatesAChangedCollectiviteAndItsSearchWords) {
  auto database = testing::OpenEmptyTestDatabase();
  ImportReference(*database, testing::ReferenceSlice(), nullptr);
  ReferenceData renamed = testing::ReferenceSlice();
  for (ReferenceCollectivite& c : renamed.collectivites) {
    if (c.category == "commune" && c.insee_code == "06084") c.name = "Mouans-Sartoux-la-Neuve";
  }
  ImportReport report = ImportReference(*database, renamed, nullptr);
  EXPECT_EQ(Kind(report, "communes").updated, 1);
  EXPECT_EQ(CountByText(*database, "neuve"), 1);
  EXPECT_EQ(CountByText(*database, "mouans sartoux la"), 1);
}

TEST(ReferenceImport, RaisesTheReferenceGenerationOnlyWhenSomethingChanged) {
  auto database = testing::OpenEmptyTestDatabase();
  OrganisationRepository repository(*database);
  const int64_t empty = repository.ReferenceGeneration();
  ImportReference(*database, testing::ReferenceSlice(), nullptr);
  const int64_t loaded = repository.ReferenceGeneration();
  EXPECT_GT(loaded, empty);
  ImportReference(*database, testing::ReferenceSlice(), nullptr);
  EXPECT_EQ(repository.ReferenceGeneration(), loaded);
  ReferenceData renamed = testing::ReferenceSlice();
  renamed.collectivites.front().name += " (renommée)";
  ImportReference(*database, renamed, nullptr);
  EXPECT_GT(repository.ReferenceGeneration(), loaded);
}

TEST(ReferenceImport, ClosesAMembershipThatLeftTheSourceAndReopensItWhenItReturns) {
  auto database = testing::OpenEmptyTestDatabase();
  ImportReference(*database, testing::ReferenceSlice(), nullptr);
  ReferenceData without = testing::ReferenceSlice();
  std::erase_if(without.memberships, [](const ReferenceMembership& m) { return m.member_key == "commune:06084"; });
  ImportReport closed = ImportReference(*database, without, nullptr);
  EXPECT_EQ(Kind(closed, "adhésions aux EPCI").closed, 1);

  OrganisationRepository repository(*database);
  OrganisationQuery query;
  query.insee = "06084";
  query.category = "commune";
  int64_t id = repository.Search(Account{}, query).items.at(0).id;
  EXPECT_TRUE(repository.FindById(id).value().member_of.empty());

  ImportReport reopened = ImportReference(*database, testing::ReferenceSlice(), nullptr);
  EXPECT_EQ(Kind(reopened, "adhésions aux EPCI").updated, 1);
  EXPECT_EQ(repository.FindById(id).value().member_of.size(), 1u);
}

TEST(ReferenceImport, AFailedImportLeavesTheDatabaseAsItWas) {
  auto database = testing::OpenEmptyTestDatabase();
  ReferenceData broken = testing::ReferenceSlice();
  broken.collectivites.push_back(broken.collectivites.front());  // same reference key twice
  EXPECT_ANY_THROW(ImportReference(*database, broken, nullptr));
  EXPECT_TRUE(ReferenceIsEmpty(*database));
  EXPECT_EQ(CountByText(*database, "mouans"), 0);
}

}  // namespace
}  // namespace rrma
