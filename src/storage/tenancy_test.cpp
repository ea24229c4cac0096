// Network tenancy as stored: persons scoped by tenant_scope.h, the audit log, and accounts as
// administrators manage them. Runs on SQLite and PostgreSQL.
#include <algorithm>
#include <array>

#include <gtest/gtest.h>

#include "domain/access.h"
#include "storage/account_repository.h"
#include "storage/audit_repository.h"
#include "storage/migrations.h"
#include "storage/person_repository.h"
#include "storage/reference_import.h"
#include "storage/storage_test_support.h"
#include "storage/user_directory.h"

namespace rrma {
namespace {

constexpr const char* kOwn = "Territoires Solidaires";
constexpr const char* kOther = "RESACOOP";

class TenancyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
      if (collectivite.category == "commune" && data.collectivites.size() < 2) data.collectivites.push_back(collectivite);
    }
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    admin_ = accounts.CreateUser("admin@rrma.fr", "h", Role::kAdmin, std::nullopt).value();
    own_admin_ = accounts.CreateUser("admin@ts.fr", "h", Role::kNetworkAdmin, std::string(kOwn)).value();
    own_staff_ = accounts.CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string(kOwn)).value();
    other_staff_ = accounts.CreateUser("staff@resacoop.fr", "h", Role::kNetworkStaff, std::string(kOther)).value();
    other_admin_ = accounts.CreateUser("admin@resacoop.fr", "h", Role::kNetworkAdmin, std::string(kOther)).value();
    own_network_ = *own_staff_.roles.at(0).network_id;
    organisation_ = FirstOrganisation();
    member_ = accounts.CreateUser("maire@commune.fr", "h", Role::kMember, std::string(kOwn), organisation_).value();
  }

  int64_t FirstOrganisation() {
    auto session = database_->Acquire();
    long long id = 0;
    *session << "SELECT MIN(id) FROM organisation", soci::into(id);
    return id;
  }

  Person Create(Visibility visibility, const std::string& family_name) {
    PersonDraft draft;
    draft.network_id = own_network_;
    draft.visibility = std::string(VisibilityName(visibility));
    draft.given_name = "Élise";
    draft.family_name = family_name;
    draft.email = std::optional<std::string>("elise@valbonne.fr");
    Position position;
    position.organisation_id = organisation_;
    position.kind = "elu";
    position.title = "Maire";
    position.start_date = "2020-07-03";
    draft.positions = std::vector<Position>{position};
    auto created = PersonRepository(*database_).Create(own_staff_, draft);
    EXPECT_TRUE(created.ok()) << created.status().detail();
    return created.value();
  }

  std::unique_ptr<Database> database_;
  Account admin_, own_admin_, own_staff_, other_staff_, other_admin_, member_, anonymous_;
  int64_t own_network_ = 0;
  int64_t organisation_ = 0;
};

TEST_F(TenancyTest, EachCallerReadsThePersonsTheTenancyTableGivesThem) {
  PersonRepository persons(*database_);
  std::vector<Person> created;
  for (Visibility visibility : {Visibility::kPrivate, Visibility::kNetwork, Visibility::kPublic}) {
    created.push_back(Create(visibility, std::string(VisibilityName(visibility))));
  }
  // Persons of Territoires Solidaires, private / network / public, written out caller by caller.
  const std::vector<std::pair<const Account*, std::array<bool, 3>>> expected = {
      {&anonymous_, {false, false, true}},  {&member_, {false, false, true}},
      {&own_staff_, {true, true, true}},    {&own_admin_, {true, true, true}},
      {&other_staff_, {false, true, true}}, {&other_admin_, {false, true, true}},
      {&admin_, {true, true, true}},
  };
  for (const auto& [caller, readable] : expected) {
    for (size_t i = 0; i < created.size(); ++i) {
      EXPECT_EQ(persons.Find(*caller, created[i].id).ok(), readable[i])
          << caller->email << " reading a " << VisibilityName(created[i].visibility) << " person";
    }
  }
}

TEST_F(TenancyTest, TheStoredScopeAgreesWithTheDomainRulesForEveryCallerAndVisibility) {
  PersonRepository persons(*database_);
  std::vector<Person> created;
  for (Visibility visibility : {Visibility::kPrivate, Visibility::kNetwork, Visibility::kPublic}) {
    created.push_back(Create(visibility, std::string(VisibilityName(visibility))));
  }
  for (const Account& caller : {Account{}, member_, own_staff_, own_admin_, other_staff_, other_admin_, admin_}) {
    PersonQuery everything;
    int64_t expected_total = 0;
    for (const Person& person : created) {
      const bool readable = MayRead(caller, person.network_id, person.visibility);
      expected_total += readable ? 1 : 0;
      EXPECT_EQ(persons.Find(caller, person.id).ok(), readable)
          << caller.email << " reading a " << VisibilityName(person.visibility) << " person";
    }
    EXPECT_EQ(persons.List(caller, everything).total, expected_total) << caller.email;
  }
}

TEST_F(TenancyTest, AHiddenEmailIsSearchedOnlyByThoseShownIt) {
  PersonRepository persons(*database_);
  std::vector<Person> created;
  for (Visibility visibility : {Visibility::kPrivate, Visibility::kNetwork, Visibility::kPublic}) {
    created.push_back(Create(visibility, "Martin"));
  }
  PersonQuery by_name, by_email, by_both;
  by_name.text = "martin";
  by_email.text = "valbonne";  // elise@valbonne.fr
  by_both.text = "martin valbonne";
  for (const Account& caller : {Account{}, member_, own_staff_, own_admin_, other_staff_, other_admin_, admin_}) {
    int64_t readable = 0, shown = 0;
    for (const Person& person : created) {
      if (!MayRead(caller, person.network_id, person.visibility)) continue;
      ++readable;
      if (AsSeenBy(person, caller).email) ++shown;
    }
    EXPECT_EQ(persons.List(caller, by_name).total, readable) << caller.email;
    EXPECT_EQ(persons.List(caller, by_email).total, shown) << caller.email;
    EXPECT_EQ(persons.List(caller, by_both).total, shown) << caller.email;
  }
  // The same, written out for the callers of the defect.
  EXPECT_EQ(persons.List(own_staff_, by_email).total, 3);
  EXPECT_EQ(persons.List(other_staff_, by_name).total, 2);
  EXPECT_EQ(persons.List(other_staff_, by_email).total, 0);
  EXPECT_EQ(persons.List(Account{}, by_name).total, 1);
  EXPECT_EQ(persons.List(Account{}, by_email).total, 0);
}

TEST_F(TenancyTest, StAndSteFindSaintAndSainteInPersonsNamesAndTheOtherWayRound) {
  PersonRepository persons(*database_);
  const int64_t abbreviated = Create(Visibility::kPublic, "St-Exupéry").id;
  const int64_t written_out = Create(Visibility::kPublic, "Sainte-Beuve").id;
  const auto found = [&](const char* text) {
    PersonQuery query;
    query.text = text;
    std::vector<int64_t> ids;
    for (const Person& person : persons.List(Account{}, query).items) ids.push_back(person.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(found("saint exupery"), Ids{abbreviated});
  EXPECT_EQ(found("st exupery"), Ids{abbreviated});
  EXPECT_EQ(found("ste beuve"), Ids{written_out});
  EXPECT_EQ(found("Ste-Beuve"), Ids{written_out});
  EXPECT_EQ(found("sainte"), Ids{written_out});
  EXPECT_EQ(found("saint"), (Ids{abbreviated, written_out}));
  EXPECT_EQ(found("st"), (Ids{abbreviated, written_out}));
}

// Persons recorded before version 5 had their email among the searched names.
TEST_F(TenancyTest, MigratingToVersionFiveTakesTheEmailOutOfTheSearchedNames) {
  PersonRepository persons(*database_);
  Create(Visibility::kPublic, "Martin");
  {
    auto session = database_->Acquire();
    *session << "UPDATE person SET search_name = 'martin elise elise valbonne fr'";
    *session << "ALTER TABLE person DROP COLUMN search_contacts";
    *session << "DELETE FROM schema_migrations WHERE version = 5";
  }
  EXPECT_EQ(Migrate(*database_).applied,
            std::vector<std::string>{"persons searched by their names, their contacts apart"});
  PersonQuery by_email, by_name;
  by_email.text = "valbonne";
  by_name.text = "elise martin";
  EXPECT_EQ(persons.List(other_staff_, by_email).total, 0);
  EXPECT_EQ(persons.List(Account{}, by_email).total, 0);
  EXPECT_EQ(persons.List(own_staff_, by_email).total, 1);
  EXPECT_EQ(persons.List(Account{}, by_name).total, 1);
}

TEST_F(TenancyTest, AnotherNetworksPrivatePersonIsNotFoundForReadingAndWriting) {
  PersonRepository persons(*database_);
  Person secret = Create(Visibility::kPrivate, "Secret");
  PersonDraft rename;
  rename.family_name = "Piraté";
  EXPECT_EQ(persons.Find(other_staff_, secret.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(persons.Update(other_staff_, secret.id, rename).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(persons.Delete(other_staff_, secret.id).code(), ErrorCode::kNotFound);
  EXPECT_EQ(persons.Erase(other_admin_, secret.id, "2026-11-22T00:00:00Z").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(persons.Find(own_staff_, secret.id).value().family_name, "Secret");
}

TEST_F(TenancyTest, ASharedPersonMayBeReadButNotChangedByAnotherNetwork) {
  PersonRepository persons(*database_);
  Person shared = Create(Visibility::kNetwork, "Partagée");
  PersonDraft rename;
  rename.family_name = "Modifiée";
  EXPECT_TRUE(persons.Find(other_staff_, shared.id).ok());
  EXPECT_EQ(persons.Update(other_staff_, shared.id, rename).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(persons.Export(other_admin_, shared.id).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(persons.Find(Account{}, shared.id).status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(persons.Find(other_staff_, shared.id).value().email);  // contacts stay with the owner
  EXPECT_EQ(persons.Find(own_staff_, shared.id).value().email, "elise@valbonne.fr");
}

TEST_F(TenancyTest, OnlyTheNetworksAdministratorsDeleteAPerson) {
  PersonRepository persons(*database_);
  Person person = Create(Visibility::kPrivate, "Doublon");
  EXPECT_EQ(persons.Delete(own_staff_, person.id).code(), ErrorCode::kForbidden);
  EXPECT_TRUE(persons.Delete(own_admin_, person.id).ok());
  EXPECT_EQ(persons.Find(own_admin_, person.id).status().code(), ErrorCode::kNotFound);
}

TEST_F(TenancyTest, NobodyRecordsAPersonInANetworkTheyDoNotWorkFor) {
  PersonDraft draft;
  draft.network_id = *other_staff_.roles.at(0).network_id;
  draft.visibility = "private";
  draft.given_name = "Jean";
  draft.family_name = "Dupont";
  PersonRepository persons(*database_);
  EXPECT_EQ(persons.Create(own_staff_, draft).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(persons.Create(member_, draft).status().code(), ErrorCode::kForbidden);
  draft.network_id = 999999;
  EXPECT_EQ(persons.Create(admin_, draft).status().field_errors().at(0).field, "network_id");
}

TEST_F(TenancyTest, EveryChangeOfAPersonIsInItsHistoryWithTheFieldsBeforeAndAfter) {
  PersonRepository persons(*database_);
  Person person = Create(Visibility::kPrivate, "Durand");
  PersonDraft rename;
  rename.family_name = "Martin";
  ASSERT_TRUE(persons.Update(own_staff_, person.id, rename).ok());
  AuditQuery query;
  query.record = RecordRef{"person", person.id};
  auto history = AuditRepository(*database_).List(own_admin_, query);
  ASSERT_TRUE(history.ok()) << history.status().detail();
  ASSERT_EQ(history.value().total, 2);
  const AuditEntry& update = history.value().items.at(0);  // newest first
  EXPECT_EQ(update.action, "update");
  EXPECT_EQ(update.actor_email, "staff@ts.fr");
  EXPECT_EQ(update.network_id, own_network_);
  ASSERT_EQ(update.changes.size(), 1u);
  EXPECT_EQ(update.changes.at(0).field, "family_name");
  EXPECT_EQ(update.changes.at(0).before, "Durand");
  EXPECT_EQ(update.changes.at(0).after, "Martin");
  EXPECT_EQ(history.value().items.at(1).action, "create");
}

TEST_F(TenancyTest, HistoryIsForTheOwningNetworksAdministratorsOnly) {
  Person person = Create(Visibility::kNetwork, "Durand");
  AuditQuery query;
  query.record = RecordRef{"person", person.id};
  AuditRepository audit(*database_);
  EXPECT_EQ(audit.List(own_staff_, query).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(audit.List(other_admin_, query).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(audit.List(Account{}, query).status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(audit.List(admin_, query).ok());
  EXPECT_EQ(audit.List(own_staff_, AuditQuery{}).status().code(), ErrorCode::kForbidden);
  auto network_log = audit.List(other_admin_, AuditQuery{});
  ASSERT_TRUE(network_log.ok());
  for (const AuditEntry& entry : network_log.value().items) EXPECT_NE(entry.network_id, own_network_);
}

TEST_F(TenancyTest, ErasureKeepsTheFactsAndRedactsTheHistory) {
  PersonRepository persons(*database_);
  Person person = Create(Visibility::kPrivate, "Durand");
  EXPECT_EQ(persons.Erase(own_staff_, person.id, "2026-11-22T20:00:00Z").status().code(), ErrorCode::kForbidden);
  auto erased = persons.Erase(own_admin_, person.id, "2026-11-22T20:00:00Z");
  ASSERT_TRUE(erased.ok()) << erased.status().detail();
  EXPECT_EQ(erased.value().family_name, "effacée");
  EXPECT_FALSE(erased.value().email);
  ASSERT_EQ(erased.value().positions.size(), 1u);
  EXPECT_EQ(erased.value().positions[0].kind, "elu");
  EXPECT_EQ(erased.value().positions[0].organisation_id, organisation_);
  EXPECT_EQ(persons.Erase(own_admin_, person.id, "2026-11-22T20:00:01Z").status().code(), ErrorCode::kConflict);
  PersonDraft rename;
  rename.family_name = "Retour";
  EXPECT_EQ(persons.Update(own_staff_, person.id, rename).status().code(), ErrorCode::kConflict);

  auto exported = persons.Export(own_admin_, person.id);
  ASSERT_TRUE(exported.ok());
  for (const AuditEntry& entry : exported.value().history) {
    for (const FieldChange& change : entry.changes) {
      EXPECT_NE(change.before, "Durand") << entry.action;
      EXPECT_NE(change.after, "Durand") << entry.action;
      EXPECT_NE(change.after, "elise@valbonne.fr") << entry.action;
    }
  }
  EXPECT_EQ(exported.value().history.back().action, "export");
  EXPECT_EQ(exported.value().history.at(1).action, "erase");
}

TEST_F(TenancyTest, ANetworkAdminManagesTheAccountsOfTheirNetworkOnly) {
  UserDirectory users(*database_);
  auto listed = users.List(own_admin_, UserQuery{});
  ASSERT_TRUE(listed.ok());
  std::vector<std::string> emails;
  for (const Account& account : listed.value().items) emails.push_back(account.email);
  EXPECT_EQ(emails, (std::vector<std::string>{"admin@ts.fr", "maire@commune.fr", "staff@ts.fr"}));
  EXPECT_EQ(users.Find(own_admin_, other_staff_.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(users.List(own_staff_, UserQuery{}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(users.List(admin_, UserQuery{}).value().total, 6);
  UserQuery elsewhere;
  elsewhere.network_id = *other_staff_.roles.at(0).network_id;
  EXPECT_EQ(users.List(own_admin_, elsewhere).status().code(), ErrorCode::kForbidden);

  RoleRequest into_other{Role::kNetworkStaff, *other_staff_.roles.at(0).network_id, std::nullopt};
  EXPECT_EQ(users.GrantRole(own_admin_, own_staff_.id, into_other).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(users.GrantRole(own_admin_, own_staff_.id, RoleRequest{Role::kAdmin, std::nullopt, std::nullopt})
                .status()
                .code(),
            ErrorCode::kForbidden);
  RoleRequest promote{Role::kNetworkAdmin, own_network_, std::nullopt};
  auto promoted = users.GrantRole(own_admin_, own_staff_.id, promote);
  ASSERT_TRUE(promoted.ok()) << promoted.status().detail();
  EXPECT_EQ(promoted.value().roles.size(), 2u);
  EXPECT_EQ(users.GrantRole(own_admin_, own_staff_.id, promote).status().code(), ErrorCode::kConflict);
  int64_t granted = 0;
  for (const RoleGrant& grant : promoted.value().roles) {
    if (grant.role == Role::kNetworkAdmin) granted = grant.id;
  }
  ASSERT_NE(granted, 0);
  EXPECT_TRUE(users.RevokeRole(own_admin_, own_staff_.id, granted).ok());
  auto after = users.Find(own_admin_, own_staff_.id).value();
  ASSERT_EQ(after.roles.size(), 1u);
  EXPECT_EQ(after.roles[0].role, Role::kNetworkStaff);
}

TEST_F(TenancyTest, AnInvitedAccountChoosesItsPasswordOnceThroughItsLink) {
  UserDirectory users(*database_);
  AccountRepository accounts(*database_);
  RoleRequest staff{Role::kNetworkStaff, own_network_, std::nullopt};
  auto invited = users.Invite(own_admin_, "nouvelle@ts.fr", staff, "link-digest", 2'000'000'000);
  ASSERT_TRUE(invited.ok()) << invited.status().detail();
  EXPECT_TRUE(invited.value().created);
  EXPECT_EQ(invited.value().account.status, AccountStatus::kInvited);
  EXPECT_EQ(accounts.FindCredentials("nouvelle@ts.fr").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(users.AcceptLink("link-digest", "hash", 2'000'000'001).field_errors().at(0).field, "code");  // expired
  ASSERT_TRUE(users.AcceptLink("link-digest", "hash", 1'900'000'000).ok());
  EXPECT_EQ(accounts.FindCredentials("nouvelle@ts.fr").value().second, "hash");
  EXPECT_EQ(users.AcceptLink("link-digest", "other", 1'900'000'001).code(), ErrorCode::kInvalid);  // used

  // A new link for an active account is a reset: the password stops working until it is used.
  accounts.CreateSession(invited.value().account.id, "their-session", "csrf", 1'900'000'002);
  ASSERT_TRUE(users.IssueLink(own_admin_, invited.value().account.id, "reset-digest", 2'000'000'000, 1'900'000'003).ok());
  EXPECT_EQ(accounts.FindCredentials("nouvelle@ts.fr").status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(accounts.TouchSession("their-session", 1'900'000'004).ok());
  ASSERT_TRUE(users.AcceptLink("reset-digest", "new-hash", 1'900'000'005).ok());
  EXPECT_EQ(accounts.FindCredentials("nouvelle@ts.fr").value().second, "new-hash");

  // Another network's account is not given a role by this network's admin (it would open its
  // history to them); a national admin gives it, without a link.
  EXPECT_EQ(users.Invite(own_admin_, "staff@resacoop.fr", staff, "second-digest", 2'000'000'000).status().code(),
            ErrorCode::kConflict);
  auto again = users.Invite(admin_, "staff@resacoop.fr", staff, "third-digest", 2'000'000'000);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value().created);
  EXPECT_EQ(again.value().account.roles.size(), 2u);
  EXPECT_EQ(users.Find(own_admin_, other_staff_.id).value().roles.size(), 1u);  // only the role in their network
}

TEST_F(TenancyTest, DeactivationEndsSessionsAndStopsTokens) {
  UserDirectory users(*database_);
  AccountRepository accounts(*database_);
  accounts.CreateSession(own_staff_.id, "session", "csrf", 1'800'000'000);
  ASSERT_TRUE(accounts.CreateToken(own_staff_.id, "script", "token").ok());
  EXPECT_EQ(users.SetActive(own_admin_, own_admin_.id, false, 1'800'000'001).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(users.SetActive(other_admin_, own_staff_.id, false, 1'800'000'001).status().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(users.IssueLink(own_admin_, own_staff_.id, "pending-link", 2'000'000'000, 1'800'000'000).ok());
  auto deactivated = users.SetActive(own_admin_, own_staff_.id, false, 1'800'000'001);
  ASSERT_TRUE(deactivated.ok());
  EXPECT_EQ(deactivated.value().status, AccountStatus::kDeactivated);
  EXPECT_FALSE(accounts.TouchSession("session", 1'800'000'002).ok());
  EXPECT_FALSE(accounts.FindByTokenDigest("token").ok());
  EXPECT_FALSE(accounts.FindCredentials("staff@ts.fr").ok());
  ASSERT_TRUE(users.SetActive(own_admin_, own_staff_.id, true, 1'800'000'003).ok());
  EXPECT_EQ(users.AcceptLink("pending-link", "hash", 1'800'000'004).code(), ErrorCode::kInvalid);  // died with it
  ASSERT_TRUE(users.IssueLink(own_admin_, own_staff_.id, "fresh-link", 2'000'000'000, 1'800'000'005).ok());
  EXPECT_FALSE(accounts.FindByTokenDigest("token").ok());  // not while a reset waits
  ASSERT_TRUE(users.AcceptLink("fresh-link", "hash", 1'800'000'006).ok());
  EXPECT_TRUE(accounts.FindByTokenDigest("token").ok());
  AuditQuery query;
  query.record = RecordRef{"user", own_staff_.id};
  auto history = AuditRepository(*database_).List(own_admin_, query).value();
  EXPECT_EQ(history.items.at(0).action, "invitation_accept");
  EXPECT_EQ(history.items.at(2).action, "reactivate");
  EXPECT_EQ(history.items.at(3).action, "deactivate");
  for (const AuditEntry& entry : history.items) {
    EXPECT_TRUE(!entry.network_id || entry.network_id == own_network_) << entry.action;
  }
}

}  // namespace
}  // namespace rrma
