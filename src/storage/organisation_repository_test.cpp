#include "storage/organisation_repository.h"

#include <set>

#include <gtest/gtest.h>

#include "storage/reference_import.h"
#include "storage/reference_repository.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class DirectoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = testing::OpenEmptyTestDatabase().release();
    ImportReference(*database_, testing::ReferenceSlice(), nullptr);
  }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
  }

  Page<OrganisationSummary> Search(OrganisationQuery query) { return OrganisationRepository(*database_).Search(Account{}, query); }
  Page<OrganisationSummary> SearchText(const std::string& text) {
    OrganisationQuery query;
    query.text = text;
    return Search(query);
  }
  int64_t IdOfCommune(const std::string& insee) {
    OrganisationQuery query;
    query.insee = insee;
    query.category = "commune";
    return Search(query).items.at(0).id;
  }

  static Database* database_;
};

Database* DirectoryTest::database_ = nullptr;

TEST_F(DirectoryTest, FindsMouansSartouxWhateverTheAccentsCaseAndHyphens) {
  for (const char* text : {"mouans", "mouans sartoux", "MOUANS-SARTOUX", "Mouans Sart", "  mouans--sartoux "}) {
    auto page = SearchText(text);
    ASSERT_FALSE(page.items.empty()) << text;
    EXPECT_EQ(page.items[0].name, "Mouans-Sartoux") << text;
  }
  auto peymeinade = SearchText("péymeinade");
  ASSERT_EQ(peymeinade.total, 1);
  EXPECT_EQ(peymeinade.items[0].insee_code, "06095");
}

TEST_F(DirectoryTest, ReturnsTheOfficialFieldsOfACommune) {
  auto page = SearchText("mouans sartoux");
  ASSERT_EQ(page.total, 1);
  const OrganisationSummary& mouans = page.items[0];
  EXPECT_EQ(mouans.kind, "collectivite");
  EXPECT_EQ(mouans.category, "commune");
  EXPECT_EQ(mouans.insee_code, "06084");
  EXPECT_EQ(mouans.siren, "210600847");
  EXPECT_EQ(mouans.population, 11015);
  ASSERT_TRUE(mouans.departement && mouans.region);
  EXPECT_EQ(mouans.departement->name, "Alpes-Maritimes");
  EXPECT_EQ(mouans.region->code, "93");
  EXPECT_EQ(mouans.region->name, "Provence-Alpes-Côte d'Azur");
}

TEST_F(DirectoryTest, EveryWordMustStartAWordOfTheName) {
  EXPECT_EQ(SearchText("sartoux mouans").items.at(0).name, "Mouans-Sartoux");
  EXPECT_EQ(SearchText("ouans").total, 0);
  EXPECT_EQ(SearchText("mouans nice").total, 0);
}

TEST_F(DirectoryTest, PutsAnExactNameFirstThenTheLargestPopulation) {
  auto nice = SearchText("nice");
  ASSERT_GT(nice.total, 0);
  EXPECT_EQ(nice.items[0].name, "Nice");
  auto all = Search({});
  ASSERT_GE(all.items.size(), 2u);
  EXPECT_GE(all.items[0].population.value_or(0), all.items[1].population.value_or(0));
}

TEST_F(DirectoryTest, FindsByOfficialIdentifierInFiltersOrText) {
  OrganisationQuery by_siren;
  by_siren.siren = "200039857";
  auto epci = Search(by_siren);
  ASSERT_EQ(epci.total, 1);
  EXPECT_EQ(epci.items[0].name, "CA du Pays de Grasse");
  EXPECT_EQ(epci.items[0].category, "epci");
  EXPECT_EQ(epci.items[0].subcategory, "CA");
  EXPECT_EQ(SearchText("06084").items.at(0).name, "Mouans-Sartoux");
}

TEST_F(DirectoryTest, FiltersByCategoryRegionAndDepartement) {
  OrganisationQuery regions;
  regions.category = "region";
  regions.page.per_page = 200;
  EXPECT_EQ(Search(regions).total, 18);

  OrganisationQuery var;
  var.departement = "83";
  var.text = "saint";
  auto page = Search(var);
  ASSERT_GT(page.total, 0);
  for (const auto& item : page.items) EXPECT_EQ(item.departement->code, "83");

  OrganisationQuery deleguees;
  deleguees.category = "commune_deleguee";
  deleguees.region = "93";
  for (const auto& item : Search(deleguees).items) EXPECT_EQ(item.category, "commune_deleguee");
}

TEST_F(DirectoryTest, PagesAreStableAndAPagePastTheEndIsEmpty) {
  OrganisationQuery query;
  query.departement = "06";
  query.page = {1, 5};
  auto first = Search(query);
  query.page.page = 2;
  auto second = Search(query);
  EXPECT_EQ(first.total, second.total);
  ASSERT_EQ(second.items.size(), 5u);
  EXPECT_NE(first.items[0].id, second.items[0].id);
  query.page.page = 100000;
  auto beyond = Search(query);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, first.total);
}

TEST_F(DirectoryTest, HostileTextIsSearchedForVerbatimNeverExecuted) {
  for (const char* text : {"' OR 1=1 --", "\"; DROP TABLE organisation; --", "%", "_", "<script>"}) {
    EXPECT_EQ(SearchText(text).total, 0) << text;
  }
  EXPECT_EQ(SearchText("nice").items.at(0).name, "Nice");
}

TEST_F(DirectoryTest, DetailShowsTheEpciAndTheNetworkOfTheRegion) {
  auto detail = OrganisationRepository(*database_).FindById(IdOfCommune("06084"));
  ASSERT_TRUE(detail.ok());
  const OrganisationDetail& mouans = detail.value();
  EXPECT_EQ(mouans.postal_codes, std::vector<std::string>{"06370"});
  ASSERT_EQ(mouans.member_of.size(), 1u);
  EXPECT_EQ(mouans.member_of[0].organisation.name, "CA du Pays de Grasse");
  ASSERT_EQ(mouans.networks.size(), 1u);
  EXPECT_EQ(mouans.networks[0].name, "Territoires Solidaires");
  EXPECT_NE(mouans.reference_source->find("COG 2026"), std::string::npos);
}

TEST_F(DirectoryTest, AnUnknownIdIsNotFound) {
  EXPECT_EQ(OrganisationRepository(*database_).FindById(987654321).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(OrganisationRepository(*database_).ListMembers(987654321, {}).status().code(), ErrorCode::kNotFound);
}

TEST_F(DirectoryTest, ListsTheCommunesOfAnEpci) {
  auto mouans = OrganisationRepository(*database_).FindById(IdOfCommune("06084")).value();
  int64_t epci = mouans.member_of.at(0).organisation.id;
  auto detail = OrganisationRepository(*database_).FindById(epci).value();
  EXPECT_GE(detail.members_total, 20);
  auto members = OrganisationRepository(*database_).ListMembers(epci, {1, 200}).value();
  EXPECT_EQ(members.total, detail.members_total);
  bool found = false;
  for (const auto& m : members.items) found = found || m.name == "Mouans-Sartoux";
  EXPECT_TRUE(found);
}

TEST_F(DirectoryTest, ListsCountriesOddAndNetworks) {
  ReferenceRepository reference(*database_);
  auto benin = reference.ListCountries("benin", {});
  ASSERT_EQ(benin.total, 1);
  EXPECT_EQ(benin.items[0].code, "BJ");
  EXPECT_EQ(benin.items[0].name, "Bénin");
  EXPECT_EQ(reference.ListCountries("tg", {}).items.at(0).name, "Togo");
  EXPECT_GT(reference.ListCountries("", {1, 200}).total, 240);

  auto odd = reference.ListOdd({1, 200});
  ASSERT_EQ(odd.total, 17);
  EXPECT_EQ(odd.items[12].number, 13);

  auto networks = reference.ListNetworks({1, 200});
  EXPECT_EQ(networks.total, 12);
  bool paca = false;
  for (const Network& n : networks.items) {
    if (n.name == "Territoires Solidaires") {
      paca = n.region_codes == std::vector<std::string>{"93"} &&
             n.region_names == std::vector<std::string>{"Provence-Alpes-Côte d'Azur"};
    }
  }
  EXPECT_TRUE(paca);
}

TEST_F(DirectoryTest, StAndSteFindTheSaintsAndSaintesTheyAbbreviate) {
  const std::pair<const char*, const char*> searches[] = {
      {"ste maxime", "83115"}, {"Ste-Maxime", "83115"},         {"st raphael", "83118"},
      {"St-Raphaël", "83118"}, {"st laurent du var", "06123"}, {"saint-raphael", "83118"},
  };
  for (const auto& [text, insee] : searches) {
    auto page = SearchText(text);
    ASSERT_FALSE(page.items.empty()) << text;
    EXPECT_EQ(page.items[0].insee_code, insee) << text;
  }
}

TEST_F(DirectoryTest, AnAbbreviatedCountryNameIsFoundWrittenOut) {
  ReferenceRepository reference(*database_);
  EXPECT_EQ(reference.ListCountries("ste lucie", {}).items.at(0).code, "LC");
  EXPECT_EQ(reference.ListCountries("st marin", {}).items.at(0).code, "SM");
  EXPECT_EQ(reference.ListCountries("saint marin", {}).items.at(0).code, "SM");
}

// Names the directory writes with an abbreviation (the COG has « CC du Pays de Pontchâteau
// St-Gildas-des-Bois »), found by the word written out.
TEST(DirectoryAbbreviations, ANameWrittenWithStOrSteIsFoundBySaintOrSainte) {
  auto database = testing::OpenEmptyTestDatabase();
  ReferenceData data;
  for (const ReferenceCollectivite& c : testing::ReferenceSlice().collectivites) {
    if (c.category == "commune" && data.collectivites.size() < 3) data.collectivites.push_back(c);
  }
  ASSERT_EQ(data.collectivites.size(), 3u);
  data.collectivites[0].name = "CC du Pays de Pontchâteau St-Gildas-des-Bois";
  data.collectivites[1].name = "Ste-Reine-de-Bretagne";
  data.collectivites[2].name = "Stains";
  ImportReference(*database, data, nullptr);
  OrganisationRepository organisations(*database);
  const auto names = [&](const char* text) {
    OrganisationQuery query;
    query.text = text;
    std::set<std::string> found;
    for (const OrganisationSummary& item : organisations.Search(Account{}, query).items) found.insert(item.name);
    return found;
  };
  using Names = std::set<std::string>;
  const std::string gildas = "CC du Pays de Pontchâteau St-Gildas-des-Bois";
  EXPECT_EQ(names("saint gildas"), Names{gildas});
  EXPECT_EQ(names("pontchateau saint-gildas-des-bois"), Names{gildas});
  EXPECT_EQ(names("sainte reine"), Names{"Ste-Reine-de-Bretagne"});
  EXPECT_EQ(names("sain"), (Names{gildas, "Ste-Reine-de-Bretagne"}));
  EXPECT_EQ(names("saintes"), Names{});
  EXPECT_EQ(names("st"), (Names{gildas, "Ste-Reine-de-Bretagne", "Stains"}));
  EXPECT_EQ(names("ste"), Names{"Ste-Reine-de-Bretagne"});
}

}  // namespace
}  // namespace rrma
