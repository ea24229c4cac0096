#include "domain/identifiers.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(Identifiers, SirenPassesOnlyWithAValidLuhnKey) {
  EXPECT_TRUE(IsValidSiren("210600847"));  // Mouans-Sartoux
  EXPECT_TRUE(IsValidSiren("200039857"));  // CA du Pays de Grasse
  EXPECT_FALSE(IsValidSiren("210600848"));
  EXPECT_FALSE(IsValidSiren("123456789"));
  EXPECT_FALSE(IsValidSiren("21060084"));
  EXPECT_FALSE(IsValidSiren("2106008470"));
  EXPECT_FALSE(IsValidSiren("21060084a"));
}

TEST(Identifiers, RnaIsWFollowedByNineDigits) {
  EXPECT_TRUE(IsValidRna("W062012345"));
  EXPECT_FALSE(IsValidRna("062012345"));
  EXPECT_FALSE(IsValidRna("W06201234"));
  EXPECT_FALSE(IsValidRna("X062012345"));
}

TEST(Identifiers, InseeCodesFollowTheCogFormats) {
  EXPECT_TRUE(IsCommuneInseeCode("06084"));
  EXPECT_TRUE(IsCommuneInseeCode("2A004"));
  EXPECT_FALSE(IsCommuneInseeCode("2C004"));
  EXPECT_FALSE(IsCommuneInseeCode("0608"));
  EXPECT_TRUE(IsDepartementCode("06"));
  EXPECT_TRUE(IsDepartementCode("2B"));
  EXPECT_TRUE(IsDepartementCode("974"));
  EXPECT_FALSE(IsDepartementCode("XYZ"));
  EXPECT_FALSE(IsDepartementCode("123"));
  for (const char* none : {"00", "20", "96", "99", "970", "979", "984", "989", "2C"}) {
    EXPECT_FALSE(IsDepartementCode(none)) << none;
  }
  for (const char* code : {"01", "19", "21", "95", "971", "976", "977", "988"}) EXPECT_TRUE(IsDepartementCode(code)) << code;
  EXPECT_TRUE(IsRegionCode("93"));
  EXPECT_FALSE(IsRegionCode("abc"));
  EXPECT_TRUE(IsInseeCode("06084"));
  EXPECT_FALSE(IsInseeCode("ABCDEFG"));
}

TEST(Identifiers, CountryCodesAreTwoUpperCaseLetters) {
  EXPECT_TRUE(IsCountryAlpha2("TG"));
  EXPECT_FALSE(IsCountryAlpha2("tg"));
  EXPECT_FALSE(IsCountryAlpha2("TGO"));
}

}  // namespace
}  // namespace rrma
