#include "domain/search_text.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(SearchText, FoldsAccentsCaseAndHyphens) {
  EXPECT_EQ(NormaliseForSearch("Mouans-Sartoux"), "mouans sartoux");
  EXPECT_EQ(NormaliseForSearch("MOUANS-SARTOUX"), "mouans sartoux");
  EXPECT_EQ(NormaliseForSearch("  mouans   sartoux "), "mouans sartoux");
  EXPECT_EQ(NormaliseForSearch("péymeinade"), "peymeinade");
  EXPECT_EQ(NormaliseForSearch("Provence-Alpes-Côte d'Azur"), "provence alpes cote d azur");
}

TEST(SearchText, FoldsLigaturesAndCedillas) {
  EXPECT_EQ(NormaliseForSearch("Œuilly"), "oeuilly");
  EXPECT_EQ(NormaliseForSearch("Laæ Façade"), "laae facade");
  EXPECT_EQ(NormaliseForSearch("L’Haÿ-les-Roses"), "l hay les roses");
}

TEST(SearchText, TreatsInvalidUtf8AndSymbolsAsSeparators) {
  EXPECT_EQ(NormaliseForSearch("a\xff\xfe" "b"), "a b");
  EXPECT_EQ(NormaliseForSearch("\xc3"), "");
  EXPECT_EQ(NormaliseForSearch("' OR 1=1 --"), "or 1 1");
  EXPECT_EQ(NormaliseForSearch("<script>alert(1)</script>"), "script alert 1 script");
  EXPECT_EQ(NormaliseForSearch("🙂"), "");
}

TEST(SearchText, SplitsIntoDistinctWordsInOrder) {
  EXPECT_EQ(SearchWords("saint jean saint"), (std::vector<std::string>{"saint", "jean"}));
  EXPECT_TRUE(SearchWords("").empty());
}

TEST(SearchText, PrefixUpperBoundIsTheNextStringAfterAllPrefixedOnes) {
  EXPECT_EQ(PrefixUpperBound("mou"), "mov");
  EXPECT_LT(std::string("mouans"), PrefixUpperBound("mou"));
  EXPECT_GE(std::string("mov"), PrefixUpperBound("mou"));
  EXPECT_EQ(PrefixUpperBound("az"), "a{");
}

}  // namespace
}  // namespace rrma

namespace rrma {
namespace {

TEST(SearchText, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length("é"), 1u);
  EXPECT_EQ(Utf8Length("Mouans-Sartoux"), 14u);
  EXPECT_EQ(Utf8Length("🙂🙂"), 2u);
  EXPECT_EQ(Utf8Length("\xff\xfe"), 2u);
}

}  // namespace
}  // namespace rrma
