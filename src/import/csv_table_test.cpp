#include "import/csv_table.h"

#include <gtest/gtest.h>

#include "import/directory_import.h"

namespace rrma {
namespace {

TEST(CsvTable, ReadsAFrenchExcelFileWithBomSemicolonsAccentsABlankLineAndAQuotedNewline) {
  const std::string file =
      "\xEF\xBB\xBFNom;Type;Thématiques\r\n"
      "Méditerranée Afrique Solidarité;association;\"santé; eau\"\r\n"
      "\r\n"
      "\"Association\nsur deux lignes\";association;\r\n"
      "Cités Unies;autre;culture\r\n";
  auto table = ReadCsv(file);
  ASSERT_TRUE(table.ok()) << table.status().detail();
  EXPECT_EQ(table.value().delimiter, ';');
  EXPECT_EQ(table.value().header, (std::vector<std::string>{"Nom", "Type", "Thématiques"}));
  ASSERT_EQ(table.value().rows.size(), 3u);
  EXPECT_EQ(table.value().rows[0].fields[2], "santé; eau");
  EXPECT_EQ(table.value().rows[1].line, 4u);
  EXPECT_EQ(table.value().rows[1].fields[0], "Association\nsur deux lignes");
  EXPECT_EQ(table.value().rows[2].line, 6u) << "the row after a quoted newline keeps its line in the file";
}

TEST(CsvTable, ReadsCommasWhenTheHeaderUsesThem) {
  auto table = ReadCsv("source,cible,type\n06084,W061234567,board_seat\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table.value().delimiter, ',');
  EXPECT_EQ(table.value().rows[0].fields[1], "W061234567");
}

TEST(CsvTable, RefusesAFileThatIsNotUtf8NamingTheLine) {
  auto table = ReadCsv("nom;type\nCit\xE9s Unies;autre\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().field_errors().at(0).field, "fichier");
  EXPECT_NE(table.status().field_errors().at(0).message.find("ligne 2"), std::string::npos);
}

TEST(CsvTable, RefusesAQuoteLeftOpenAndAnEmptyFile) {
  EXPECT_FALSE(ReadCsv("nom;type\n\"Sans fin;association\n").ok());
  EXPECT_FALSE(ReadCsv("").ok());
  EXPECT_FALSE(ReadCsv("\xEF\xBB\xBF\r\n\r\n").ok());
}

TEST(CsvTable, NormalisesHeadersWithoutRegardToCaseAccentsAndSeparators) {
  EXPECT_EQ(NormaliseHeader("Site web"), "site_web");
  EXPECT_EQ(NormaliseHeader("SITE-WEB"), "site_web");
  EXPECT_EQ(NormaliseHeader("Thématiques"), "thematiques");
  EXPECT_EQ(NormaliseHeader(" insee_commune "), "insee_commune");
}

TEST(CsvTable, WritesWhatExcelOpens) {
  const std::string csv = WriteCsv({"nom", "erreur"}, {{"A;B", "dit \"non\""}});
  EXPECT_EQ(csv, "\xEF\xBB\xBFnom;erreur\r\n\"A;B\";\"dit \"\"non\"\"\"\r\n");
}

TEST(DirectoryImport, MapsOrganisationColumnsAndFrenchValues) {
  auto table = ReadCsv(
      "Nom;TYPE;RNA;Siren;Insee_commune;Pays;Thématiques;Site web\n"
      "MAS;Association;W061234567;;06084;Togo, Bénin;santé | éducation;https://mas.example\n"
      "Commune de Kpalimé;Collectivité étrangère;;;;TG;;\n"
      "Martiens;extraterrestre;;;;;;\n");
  ASSERT_TRUE(table.ok());
  auto parsed = ParseActors(table.value(), 3, "private");
  ASSERT_TRUE(parsed.ok());
  // A refused line is kept, marked, so that storage names its other faults too.
  ASSERT_EQ(parsed.value().rows.size(), 3u);
  EXPECT_FALSE(parsed.value().rows[1].refused);
  EXPECT_TRUE(parsed.value().rows[2].refused);
  const ActorDraft& mas = parsed.value().rows[0].draft;
  EXPECT_EQ(*mas.kind, "association");
  EXPECT_EQ(**mas.rna, "W061234567");
  EXPECT_EQ(**mas.commune_insee, "06084");
  EXPECT_EQ(*mas.countries, (std::vector<std::string>{"Togo", "Bénin"}));
  EXPECT_EQ(*mas.themes, (std::vector<std::string>{"santé", "éducation"}));
  const ActorDraft& kpalime = parsed.value().rows[1].draft;
  EXPECT_EQ(*kpalime.kind, "collectivite_etrangere");
  EXPECT_EQ(**kpalime.country_code, "TG");
  ASSERT_EQ(parsed.value().problems.size(), 1u);
  EXPECT_EQ(parsed.value().problems[0].line, 4u);
  EXPECT_EQ(parsed.value().problems[0].field, "TYPE");
}

TEST(DirectoryImport, RefusesAFileWithoutItsRequiredColumns) {
  auto table = ReadCsv("source;type\n06084;board_seat\n");
  auto parsed = ParseRelationships(table.value(), 3, "private");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().field_errors().at(0).message.find("cible"), std::string::npos);
}

TEST(DirectoryImport, ReadsRelationshipKindsRolesAndFrenchDates) {
  auto table = ReadCsv(
      "source;cible;type;role;debut;fin\n"
      "06095;W061234567;Siège au CA;Présidente;01/03/2020;\n"
      "06152;W061234567;adhésion;;2021-01-01;31/12/2024\n"
      "06084;W061234567;amitié;;demain;\n");
  auto parsed = ParseRelationships(table.value(), 3, "network");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.value().rows.size(), 3u);
  EXPECT_FALSE(parsed.value().rows[1].refused);
  EXPECT_TRUE(parsed.value().rows[2].refused);
  EXPECT_FALSE(parsed.value().rows[2].draft.kind.has_value());
  EXPECT_EQ(*parsed.value().rows[0].draft.kind, "board_seat");
  EXPECT_EQ(**parsed.value().rows[0].draft.role, "president");
  EXPECT_EQ(**parsed.value().rows[0].draft.start_date, "2020-03-01");
  EXPECT_EQ(**parsed.value().rows[1].draft.end_date, "2024-12-31");
  ASSERT_EQ(parsed.value().problems.size(), 2u);
  EXPECT_EQ(parsed.value().problems[0].field, "type");
  EXPECT_EQ(parsed.value().problems[1].field, "debut");
}

TEST(DirectoryImport, QuotesAtMostSixtyCharactersOfABadValue) {
  auto table = ReadCsv("nom;type\nX;" + std::string(5000, 'z') + "\n");
  auto parsed = ParseActors(table.value(), 3, "private");
  ASSERT_EQ(parsed.value().problems.size(), 1u);
  EXPECT_LT(parsed.value().problems[0].message.size(), 300u);
  EXPECT_EQ(Excerpt("éèà"), "éèà");
  EXPECT_EQ(Excerpt(std::string(61, 'a')), std::string(60, 'a') + "…");
}

TEST(DirectoryImport, UsesTheColumnsAMappingNames) {
  auto table = ReadCsv("Raison;Ville\nMAS;06084\n");
  auto parsed = ParseActors(table.value(), 3, "private", {{"nom", "Raison"}, {"insee_commune", "Ville"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed.value().rows[0].draft.name, "MAS");
  EXPECT_EQ(**parsed.value().rows[0].draft.commune_insee, "06084");
}

}  // namespace
}  // namespace rrma
