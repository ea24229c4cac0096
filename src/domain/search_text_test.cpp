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

namespace rrma {
namespace {

TEST(SearchText, RecognisesValidAndInvalidUtf8) {
  EXPECT_TRUE(IsValidUtf8("Mouans-Sartoux, Valbonne, Œuilly, 🙂, \xEF\xBF\xBD"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
}

TEST(SearchText, TextOfSpacesFormatCharactersAndBlankGlyphsIsInvisible) {
  for (std::string_view invisible :
       {"", " \t", "\u00A0", "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202A\u202E",
        "\u2066\u2069", "\u200E\u200F", "\u061C", "\u3000\u2003", "\u3164", "\uFE0F", "\U000E0001",
        "\u2800", "\u0301\u0301", "\u200B\u20DD"}) {
    EXPECT_TRUE(IsInvisibleText(invisible)) << invisible;
  }
}

TEST(SearchText, TextWithOneVisibleCharacterIsNotInvisible) {
  for (std::string_view visible : {"a", "\u200BÉ", "-", ".", "\u202E\u05D0", "🙂\uFE0F", "\u00A0\u00B7", "\xff"}) {
    EXPECT_FALSE(IsInvisibleText(visible)) << visible;
  }
}

TEST(SearchText, BidirectionalControlsAreFoundAnywhereInText) {
  for (std::string_view text : {"Jean\u202Eelbaf", "\u2066Marie\u2069", "a\u200Fb", "\u061C"}) {
    EXPECT_TRUE(HasBidiControl(text)) << text;
  }
  for (std::string_view text : {"Jean", "\u05D0\u05D1", "Zoé", "\u200B"}) EXPECT_FALSE(HasBidiControl(text)) << text;
}

TEST(SearchText, AnAbbreviatedSearchWordAlsoStartsTheWordItStandsFor) {
  using Strings = std::vector<std::string>;
  EXPECT_EQ(FormsOfSearchWord("st").prefixes, (Strings{"st", "saint"}));
  EXPECT_EQ(FormsOfSearchWord("ste").prefixes, (Strings{"ste", "sainte"}));
  EXPECT_EQ(FormsOfSearchWord("sts").prefixes, (Strings{"sts", "saints"}));
  EXPECT_EQ(FormsOfSearchWord("stes").prefixes, (Strings{"stes", "saintes"}));
  EXPECT_TRUE(FormsOfSearchWord("st").words.empty());
  EXPECT_TRUE(FormsOfSearchWord("ste").words.empty());
}

TEST(SearchText, AWrittenOutSearchWordAlsoMatchesTheAbbreviationsOfTheWordsItStarts) {
  using Strings = std::vector<std::string>;
  EXPECT_EQ(FormsOfSearchWord("saint").prefixes, Strings{"saint"});
  EXPECT_EQ(FormsOfSearchWord("saint").words, (Strings{"st", "ste", "sts", "stes"}));
  EXPECT_EQ(FormsOfSearchWord("sainte").words, (Strings{"ste", "stes"}));
  EXPECT_EQ(FormsOfSearchWord("saints").words, Strings{"sts"});
  EXPECT_EQ(FormsOfSearchWord("saintes").words, Strings{"stes"});
}

TEST(SearchText, OtherWordsHaveNoOtherForm) {
  using Strings = std::vector<std::string>;
  for (std::string_view word : {"mouans", "stade", "strasbourg", "s", "etienne", "saintonge"}) {
    EXPECT_EQ(FormsOfSearchWord(word).prefixes, Strings{std::string(word)}) << word;
    EXPECT_TRUE(FormsOfSearchWord(word).words.empty()) << word;
  }
}

TEST(SearchText, ExpandsEveryAbbreviationOfANormalisedText) {
  EXPECT_EQ(ExpandAbbreviations(NormaliseForSearch("St-Étienne")), "saint etienne");
  EXPECT_EQ(ExpandAbbreviations(NormaliseForSearch("ste maxime")), "sainte maxime");
  EXPECT_EQ(ExpandAbbreviations("sts anges stes maries st"), "saints anges saintes maries saint");
  EXPECT_EQ(ExpandAbbreviations("saint etienne"), "saint etienne");
  EXPECT_EQ(ExpandAbbreviations("stade strasbourg"), "stade strasbourg");
  EXPECT_EQ(ExpandAbbreviations(""), "");
}

TEST(SearchText, RefusesInvalidUtf8TooLongOrTooManyWords) {
  const auto errors_for = [](std::string_view text) {
    ValidationErrors errors;
    ValidateSearchText(text, "q", errors);
    return errors.ToStatus();
  };
  EXPECT_TRUE(errors_for("un deux trois quatre cinq six sept huit").ok());
  EXPECT_EQ(errors_for("un deux trois quatre cinq six sept huit neuf").field_errors().at(0).field, "q");
  EXPECT_FALSE(errors_for("\xff").ok());
  EXPECT_FALSE(errors_for(std::string(201, 'a')).ok());
  EXPECT_TRUE(errors_for("a a a a a a a a a a a a").ok());  // repeated words count once
}

}  // namespace
}  // namespace rrma

namespace rrma {
namespace {

TEST(SearchText, DigitsAndCorsicanCodesAreOfficialCodesNotNameWords) {
  EXPECT_EQ(AsOfficialCode("06084"), "06084");
  EXPECT_EQ(AsOfficialCode("210600847"), "210600847");
  EXPECT_EQ(AsOfficialCode("2a004"), "2A004");
  EXPECT_FALSE(AsOfficialCode("1er"));
  EXPECT_FALSE(AsOfficialCode("mouans"));
  EXPECT_FALSE(AsOfficialCode("2c004"));
}

}  // namespace
}  // namespace rrma
