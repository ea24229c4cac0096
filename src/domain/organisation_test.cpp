#include "domain/organisation.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

std::vector<std::string> FieldsAtFault(const Status& status) {
  std::vector<std::string> fields;
  for (const FieldError& error : status.field_errors()) fields.push_back(error.field);
  return fields;
}

TEST(OrganisationQuery, AcceptsAnEmptyQueryAndEveryKnownFilter) {
  OrganisationQuery query;
  EXPECT_TRUE(ValidateOrganisationQuery(query).ok());
  query.text = "mouans";
  query.kind = "collectivite";
  query.category = "commune";
  query.region = "93";
  query.departement = "06";
  query.insee = "06084";
  query.siren = "210600847";
  query.page = {2, 200};
  EXPECT_TRUE(ValidateOrganisationQuery(query).ok());
}

TEST(OrganisationQuery, NamesEveryFieldAtFault) {
  OrganisationQuery query;
  query.kind = "martien";
  query.category = "planete";
  query.region = "abc";
  query.departement = "XYZ";
  query.insee = "ABCDEFG";
  query.siren = "123456789";
  query.page = {0, 201};
  Status status = ValidateOrganisationQuery(query);
  EXPECT_EQ(status.code(), ErrorCode::kInvalid);
  EXPECT_EQ(FieldsAtFault(status), (std::vector<std::string>{"kind", "category", "region", "departement", "insee",
                                                             "siren", "page", "per_page"}));
}

TEST(OrganisationQuery, RefusesTextLongerThanTwoHundredBytes) {
  OrganisationQuery query;
  query.text = std::string(201, 'a');
  EXPECT_EQ(FieldsAtFault(ValidateOrganisationQuery(query)), std::vector<std::string>{"q"});
  query.text = std::string(200, 'a');
  EXPECT_TRUE(ValidateOrganisationQuery(query).ok());
}

TEST(OrganisationQuery, PagesAreBoundedSoOffsetsCannotOverflow) {
  ValidationErrors errors;
  ValidatePageRequest({PageRequest::kMaxPage + 1, 20}, errors);
  ValidatePageRequest({-1, 0}, errors);
  EXPECT_EQ(FieldsAtFault(errors.ToStatus()), (std::vector<std::string>{"page", "page", "per_page"}));
}

TEST(Status, ASingleFieldErrorBecomesTheDetail) {
  Status status = Status::Invalid("siren", "Le SIREN est invalide.");
  EXPECT_EQ(status.detail(), "Le SIREN est invalide.");
  EXPECT_FALSE(status.ok());
}

}  // namespace
}  // namespace rrma

namespace rrma {
namespace {

TEST(OrganisationQuery, CountsTheTextLimitInCharacters) {
  OrganisationQuery query;
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  query.text = accents;
  EXPECT_TRUE(ValidateOrganisationQuery(query).ok());
  query.text = accents + "é";
  EXPECT_FALSE(ValidateOrganisationQuery(query).ok());
}

}  // namespace
}  // namespace rrma
