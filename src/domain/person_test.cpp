#include "domain/person.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace rrma {
namespace {

PersonDraft CompleteDraft() {
  PersonDraft draft;
  draft.network_id = 1;
  draft.visibility = "private";
  draft.given_name = "Élise";
  draft.family_name = "Durand-Nguyễn";
  return draft;
}

std::vector<std::string> Fields(const ValidationErrors& errors) {
  std::vector<std::string> fields;
  const Status status = errors.ToStatus();
  for (const FieldError& error : status.field_errors()) fields.push_back(error.field);
  return fields;
}

TEST(Person, ACreationNeedsNetworkVisibilityAndBothNames) {
  ValidationErrors errors;
  ValidatePersonDraft(PersonDraft{}, true, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"network_id", "visibility", "given_name", "family_name"}));
  ValidationErrors none;
  ValidatePersonDraft(CompleteDraft(), true, none);
  EXPECT_TRUE(none.empty());
}

TEST(Person, AChangeMayNotMoveThePersonToAnotherNetwork) {
  PersonDraft draft;
  draft.network_id = 2;
  ValidationErrors errors;
  ValidatePersonDraft(draft, false, errors);
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"network_id"});
}

TEST(Person, BadValuesAreNamedByTheirField) {
  PersonDraft draft = CompleteDraft();
  draft.visibility = "secret";
  draft.given_name = "   ";
  draft.family_name = std::string(201, 'x');
  draft.email = std::optional<std::string>("pas-une-adresse");
  draft.phone = std::optional<std::string>("appelez-moi");
  draft.notes = std::string("bell\x07");
  Position position;
  position.organisation_id = 0;
  position.kind = "roi";
  position.start_date = "2024-02-30";
  draft.positions = std::vector<Position>{position};
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"visibility", "given_name", "family_name", "email", "phone",
                                                      "notes", "positions[0].organisation_id", "positions[0].kind",
                                                      "positions[0].start_date"}));
}

TEST(Person, HostileTextIsAcceptedVerbatim) {
  PersonDraft draft = CompleteDraft();
  draft.given_name = "<script>alert(1)</script>";
  draft.family_name = "'); DROP TABLE person; --";
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(ApplyDraft(Person{}, draft).family_name, "'); DROP TABLE person; --");
}

// Each name made of characters that show nothing: zero-width spaces and joiners, word joiner,
// byte-order mark, soft hyphen, bidirectional controls, no-break and ideographic spaces, a tag.
constexpr const char* kInvisibleNames[] = {
    "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202A\u202B\u202C\u202D\u202E",
    "\u2066\u2067\u2068\u2069", "\u200E\u200F\u061C", "\u00A0\u3000 \u200B", "\U000E0041", "\u2800",
};

TEST(Person, ANameMadeOnlyOfInvisibleCharactersIsRefusedNamingItsField) {
  for (const char* invisible : kInvisibleNames) {
    PersonDraft draft = CompleteDraft();
    draft.given_name = invisible;
    draft.family_name = std::string(invisible) + invisible;
    ValidationErrors errors;
    ValidatePersonDraft(draft, true, errors);
    const Status status = errors.ToStatus();
    ASSERT_EQ(Fields(errors), (std::vector<std::string>{"given_name", "family_name"})) << invisible;
    EXPECT_EQ(status.field_errors()[0].message, "Le prénom ne contient aucun caractère visible.");
    EXPECT_EQ(status.field_errors()[1].message, "Le nom ne contient aucun caractère visible.");
  }
}

TEST(Person, AChangeToAnInvisibleNameIsRefusedToo) {
  PersonDraft draft;
  draft.family_name = "\u200B\u200B";
  ValidationErrors errors;
  ValidatePersonDraft(draft, false, errors);
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"family_name"});
}

TEST(Person, InvisibleCharactersAroundAVisibleNameAreKept) {
  PersonDraft draft = CompleteDraft();
  draft.given_name = "\u200BÉlise\u00AD";
  draft.family_name = "Nguyễn\u200D";
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  EXPECT_TRUE(errors.empty());
}

TEST(Person, AC1ControlOrALineSeparatorInsideANameIsRefused) {
  for (const char* name : {"Jean\xC2\x85" "Dupont", "Jean\xC2\x9B" "31m", "Jean\xE2\x80\xA8" "Dupont"}) {
    PersonDraft draft = CompleteDraft();
    draft.family_name = name;
    ValidationErrors errors;
    ValidatePersonDraft(draft, true, errors);
    EXPECT_EQ(Fields(errors), std::vector<std::string>{"family_name"}) << name;
  }
}

TEST(Person, ABidirectionalControlInsideAVisibleNameIsRefused) {
  PersonDraft draft = CompleteDraft();
  draft.family_name = "\u202BNguyễn\u202C";
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"family_name"});
}

TEST(Person, AnEndBeforeTheStartIsRefused) {
  PersonDraft draft = CompleteDraft();
  Position position;
  position.organisation_id = 5;
  position.kind = "elu";
  position.start_date = "2020-03-15";
  position.end_date = "2019-12-31";
  draft.positions = std::vector<Position>{position};
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"positions[0].end_date"});
}

TEST(Person, ErasureKeepsOnlyTheNonPersonalFacts) {
  Person person;
  person.id = 7;
  person.given_name = "Élise";
  person.family_name = "Durand";
  person.email = "elise@valbonne.fr";
  person.phone = "04 93 00 00 00";
  person.notes = "Rencontrée au salon";
  Position position;
  position.organisation_id = 42;
  position.kind = "elu";
  position.title = "Maire";
  position.start_date = "2020-07-03";
  person.positions = {position};
  Person erased = Erase(person, "2026-11-22T20:00:00Z");
  EXPECT_EQ(erased.given_name, "Personne");
  EXPECT_EQ(erased.family_name, "effacée");
  EXPECT_FALSE(erased.email);
  EXPECT_FALSE(erased.phone);
  EXPECT_TRUE(erased.notes.empty());
  ASSERT_EQ(erased.positions.size(), 1u);
  EXPECT_EQ(erased.positions[0].organisation_id, 42);
  EXPECT_EQ(erased.positions[0].kind, "elu");
  EXPECT_FALSE(erased.positions[0].title);
  EXPECT_EQ(erased.positions[0].start_date, "2020-01-01");
  EXPECT_EQ(erased.erased_at, "2026-11-22T20:00:00Z");
  // The history says what is kept, the year, and no day that was never recorded.
  const auto changes = PersonChanges(person, erased);
  const auto positions = std::find_if(changes.begin(), changes.end(), [](const FieldChange& c) { return c.field == "positions"; });
  ASSERT_NE(positions, changes.end());
  EXPECT_EQ(positions->after, "élu·e, organisation 42, 2020 → …");
}

TEST(Person, TheYearOfAPositionDateIsItsFirstFourDigits) {
  EXPECT_EQ(YearOf(std::string("2020-07-03")), 2020);
  EXPECT_EQ(YearOf(std::nullopt), std::nullopt);
  EXPECT_EQ(YearOf(std::string("20x0-01-01")), std::nullopt);
}

TEST(Person, ChangesListEachModifiedFieldWithBeforeAndAfter) {
  Person before;
  before.id = 3;
  before.given_name = "Élise";
  before.family_name = "Durand";
  Person after = before;
  after.family_name = "Martin";
  after.visibility = Visibility::kNetwork;
  auto changes = PersonChanges(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, "visibility");
  EXPECT_EQ(changes[0].before, "private");
  EXPECT_EQ(changes[0].after, "network");
  EXPECT_EQ(changes[1].field, "family_name");
  EXPECT_EQ(changes[1].before, "Durand");
  EXPECT_EQ(changes[1].after, "Martin");
  EXPECT_TRUE(IsPersonalField("family_name"));
  EXPECT_FALSE(IsPersonalField("visibility"));
}

TEST(Person, ContactsAndNotesAreForTheOwningNetworkOnly) {
  Person person;
  person.network_id = 1;
  person.visibility = Visibility::kPublic;
  person.family_name = "Durand";
  person.email = "elise@valbonne.fr";
  person.phone = "04 93 00 00 00";
  person.notes = "Rencontrée au salon";
  RoleGrant staff;
  staff.role = Role::kNetworkStaff;
  staff.network_id = 1;
  Account own;
  own.id = 1;
  own.roles = {staff};
  staff.network_id = 2;
  Account other;
  other.id = 2;
  other.roles = {staff};
  EXPECT_EQ(AsSeenBy(person, own).email, "elise@valbonne.fr");
  for (const Account& outsider : {other, Account{}}) {
    Person seen = AsSeenBy(person, outsider);
    EXPECT_EQ(seen.family_name, "Durand");
    EXPECT_FALSE(seen.email);
    EXPECT_FALSE(seen.phone);
    EXPECT_TRUE(seen.notes.empty());
  }
}

TEST(Audit, RecordReferencesNameAKnownTypeAndAPositiveId) {
  EXPECT_EQ(ParseRecordRef("person:12", "record").value().id, 12);
  EXPECT_EQ(ParseRecordRef("user:3", "record").value().type, "user");
  for (const char* bad : {"person", "person:", "person:0", "person:-1", "person:1x", "table:1", ":4"}) {
    EXPECT_EQ(ParseRecordRef(bad, "record").status().code(), ErrorCode::kInvalid) << bad;
  }
}

}  // namespace
}  // namespace rrma
