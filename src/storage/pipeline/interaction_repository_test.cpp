// Accompaniment records as stored, on SQLite and PostgreSQL: parties, next actions and their
// flags, what each reader sees of them, who may write, filters, and « Mes relances ».
#include "storage/pipeline/interaction_repository.h"

#include <gtest/gtest.h>

#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/bound_statement.h"
#include "storage/person_repository.h"
#include "storage/pipeline/dormant_relations.h"
#include "storage/reference_import.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class InteractionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
      if (collectivite.category == "commune" && data.collectivites.size() < 3) data.collectivites.push_back(collectivite);
    }
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    staff_ = accounts.CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    colleague_ = accounts.CreateUser("collegue@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    other_ = accounts.CreateUser("staff@resacoop.fr", "h", Role::kNetworkStaff, std::string("RESACOOP")).value();
    network_ = *staff_.roles.at(0).network_id;
    other_network_ = *other_.roles.at(0).network_id;
    auto session = database_->Acquire();
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    select.Execute("SELECT id FROM organisation WHERE kind = 'collectivite' AND category = 'commune' ORDER BY id");
    while (select.Fetch()) communes_.push_back(row.IntegerOr(id));
  }

  int64_t Association(const Account& owner, int64_t network, const char* visibility, const char* name) {
    ActorDraft draft;
    draft.network_id = network;
    draft.visibility = visibility;
    draft.kind = "association";
    draft.name = name;
    return ActorRepository(*database_).Create(owner, draft).value().id;
  }

  InteractionDraft Draft(std::vector<int64_t> organisations, const char* visibility = "private") {
    InteractionDraft draft;
    draft.network_id = network_;
    draft.visibility = visibility;
    draft.date = "2026-03-12";
    draft.type = "prise_de_contact";
    draft.subject = "Appel au maire";
    draft.organisation_ids = std::move(organisations);
    return draft;
  }

  InteractionRepository interactions() { return InteractionRepository(*database_); }

  std::unique_ptr<Database> database_;
  Account staff_, colleague_, other_;
  int64_t network_ = 0, other_network_ = 0;
  std::vector<int64_t> communes_;
};

TEST_F(InteractionTest, ARecordKeepsItsPartiesItsNextActionAndItsAuthor) {
  PersonDraft person;
  person.network_id = network_;
  person.visibility = "private";
  person.given_name = "Élise";
  person.family_name = "Martin";
  const int64_t elise = PersonRepository(*database_).Create(staff_, person).value().id;
  InteractionDraft draft = Draft({communes_.at(0), communes_.at(1)});
  draft.person_ids = std::vector<int64_t>{elise};
  draft.notes = "Intéressée par un projet eau.\nRappeler après le conseil municipal.";
  draft.next_action = std::optional<NextAction>(NextAction{"Envoyer la note Clé en main", std::string("2099-01-15"), colleague_.id, std::nullopt});
  auto created = interactions().Create(staff_, draft);
  ASSERT_TRUE(created.ok()) << created.status().detail();
  const InteractionView& view = created.value();
  EXPECT_EQ(view.organisations.size(), 2u);
  ASSERT_EQ(view.persons.size(), 1u);
  EXPECT_EQ(view.persons[0].name, "Élise Martin");
  ASSERT_TRUE(view.owner.has_value());
  EXPECT_EQ(view.owner->email, "collegue@ts.fr");
  EXPECT_EQ(view.author->email, "staff@ts.fr");
  EXPECT_FALSE(view.overdue);
  EXPECT_EQ(interactions().Find(staff_, view.interaction.id).value().interaction.notes, *draft.notes);
}

TEST_F(InteractionTest, AnotherNetworksPrivateOrganisationOrPersonIsNotFound) {
  const int64_t theirs = Association(other_, other_network_, "private", "Association de RESACOOP");
  EXPECT_EQ(interactions().Create(staff_, Draft({theirs})).status().code(), ErrorCode::kNotFound);
  InteractionDraft theirs_draft = Draft({communes_.at(0)});
  EXPECT_EQ(interactions().Create(other_, theirs_draft).status().code(), ErrorCode::kForbidden);
  InteractionDraft stranger = Draft({communes_.at(0)});
  stranger.next_action = std::optional<NextAction>(NextAction{"Rappeler", std::nullopt, other_.id, std::nullopt});
  auto refused = interactions().Create(staff_, stranger);
  ASSERT_EQ(refused.status().code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.status().field_errors().at(0).field, "next_action.owner_id");
}

TEST_F(InteractionTest, AReaderSeesOnlyThePartiesTheyMayRead) {
  const int64_t ours = Association(staff_, network_, "private", "Méditerranée Afrique Solidarité");
  const int64_t id = interactions().Create(staff_, Draft({communes_.at(0), ours}, "network")).value().interaction.id;
  auto seen = interactions().Find(other_, id);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen.value().organisations.size(), 1u);
  EXPECT_EQ(seen.value().organisations[0].id, communes_.at(0));
  EXPECT_EQ(interactions().Update(other_, id, InteractionDraft{}).status().code(), ErrorCode::kForbidden);
  const int64_t hidden = interactions().Create(staff_, Draft({communes_.at(0)})).value().interaction.id;
  EXPECT_EQ(interactions().Find(other_, hidden).status().code(), ErrorCode::kNotFound);
}

TEST_F(InteractionTest, AChangeKeepsThePartiesTheEditorCannotSee) {
  const int64_t ours = Association(staff_, network_, "private", "Amitié Togo");
  const int64_t id = interactions().Create(staff_, Draft({communes_.at(0), ours}, "public")).value().interaction.id;
  InteractionDraft change;
  change.subject = "Appel au maire et à la DGS";
  auto changed = interactions().Update(colleague_, id, change);
  ASSERT_TRUE(changed.ok()) << changed.status().detail();
  EXPECT_EQ(changed.value().organisations.size(), 2u);
  EXPECT_EQ(changed.value().interaction.subject, "Appel au maire et à la DGS");
}

TEST_F(InteractionTest, ANewListOfPartiesKeepsThoseTheEditorCannotRead) {
  const int64_t theirs = Association(other_, other_network_, "network", "Partenaire de RESACOOP");
  const int64_t id = interactions().Create(staff_, Draft({communes_.at(0), theirs})).value().interaction.id;
  ActorDraft hide;
  hide.visibility = "private";
  ASSERT_TRUE(ActorRepository(*database_).Update(other_, theirs, hide).ok());
  InteractionDraft change;
  change.organisation_ids = std::vector<int64_t>{communes_.at(1)};
  auto changed = interactions().Update(staff_, id, change);
  ASSERT_TRUE(changed.ok()) << changed.status().detail();
  ASSERT_EQ(changed.value().organisations.size(), 1u);
  EXPECT_EQ(changed.value().organisations[0].id, communes_.at(1));
  auto session = database_->Acquire();
  EXPECT_EQ(RunScalar(session, "SELECT COUNT(*) FROM interaction_organisation WHERE interaction_id = :id AND organisation_id = :o",
                      {{"id", id}, {"o", theirs}}),
            1)
      << "the link the editor cannot read stays";
}

TEST_F(InteractionTest, APastDueDateIsAcceptedAndFlaggedAndDoneClearsTheRelance) {
  InteractionDraft draft = Draft({communes_.at(0)});
  draft.next_action = std::optional<NextAction>(NextAction{"Relancer la mairie", std::string("2020-01-10"), staff_.id, std::nullopt});
  auto created = interactions().Create(staff_, draft);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created.value().overdue);
  InteractionDraft later = Draft({communes_.at(1)});
  later.next_action = std::optional<NextAction>(NextAction{"Préparer la rencontre", std::string("2099-06-01"), staff_.id, std::nullopt});
  interactions().Create(staff_, later);
  InteractionDraft someone_else = Draft({communes_.at(2)});
  someone_else.next_action = std::optional<NextAction>(NextAction{"Pas pour moi", std::string("2020-01-10"), colleague_.id, std::nullopt});
  interactions().Create(staff_, someone_else);

  Relances relances = interactions().RelancesOf(staff_, "2026-11-28", "2026-05-28");
  ASSERT_EQ(relances.overdue.size(), 1u);
  EXPECT_EQ(relances.overdue[0].interaction.next_action->description, "Relancer la mairie");
  ASSERT_EQ(relances.upcoming.size(), 1u);
  EXPECT_EQ(relances.upcoming[0].interaction.next_action->description, "Préparer la rencontre");

  InteractionDraft done;
  done.next_action_done = true;
  auto marked = interactions().Update(staff_, created.value().interaction.id, done);
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(marked.value().interaction.next_action->done_at.has_value());
  EXPECT_FALSE(marked.value().overdue);
  EXPECT_TRUE(interactions().RelancesOf(staff_, "2026-11-28", "2026-05-28").overdue.empty());
}

TEST_F(InteractionTest, ACollectiviteFollowedWithoutInteractionForSixMonthsIsDormant) {
  PipelineRepository pipeline(*database_);
  for (int64_t commune : communes_) {
    ASSERT_TRUE(pipeline.Move(staff_, network_, commune, {std::string("prise_de_contact"), std::nullopt, std::nullopt}).ok());
  }
  {
    auto session = database_->Acquire();
    *session << "UPDATE pipeline_stage SET changed_at = '2025-01-05T10:00:00Z'";
  }
  InteractionDraft old = Draft({communes_.at(0)});
  old.date = "2025-02-01";
  interactions().Create(staff_, old);
  InteractionDraft recent = Draft({communes_.at(1)});
  recent.date = "2026-10-01";
  interactions().Create(staff_, recent);

  const Relances relances = interactions().RelancesOf(staff_, "2026-11-28", "2026-05-28");
  ASSERT_EQ(relances.dormant.size(), 2u);
  EXPECT_EQ(relances.dormant[0].collectivite.id, communes_.at(2)) << "never accompanied comes first";
  EXPECT_FALSE(relances.dormant[0].last_interaction.has_value());
  EXPECT_EQ(relances.dormant[1].collectivite.id, communes_.at(0));
  EXPECT_EQ(relances.dormant[1].last_interaction, "2025-02-01");
  EXPECT_TRUE(interactions().RelancesOf(other_, "2026-11-28", "2026-05-28").dormant.empty());
}

TEST_F(InteractionTest, TheDormantRuleReadsEachCollectivitesOwnRecordsNeverTheWholeNetworksOnSqlite) {
  // SQLite plans the nested query as written: from the collectivité's parties to each record by
  // its key. Led by the network's records, it read them all for every relation (seconds a page).
  if (database_->engine() != Engine::kSqlite) GTEST_SKIP() << "PostgreSQL chooses its plan by its statistics";
  auto session = database_->Acquire();
  BoundStatement explain(*session);
  RowReader row(explain.statement());
  row.Integer(), row.Integer(), row.Integer();  // id, parent, notused
  const size_t detail = row.Text();
  explain.Use({{"since", std::string("2026-05-28")}});
  explain.Execute("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM pipeline_stage ps WHERE ps.network_id = 1 AND " +
                  kDormantRelation);
  std::string plan;
  while (explain.Fetch()) plan += row.TextOr(detail) + "\n";
  EXPECT_NE(plan.find("SEARCH io USING COVERING INDEX interaction_organisation_by_organisation"), std::string::npos)
      << plan;
  EXPECT_NE(plan.find("SEARCH i USING INTEGER PRIMARY KEY"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN i"), std::string::npos) << plan;
}

TEST_F(InteractionTest, TheListFiltersByOrganisationTypeAndDatesLatestFirst) {
  InteractionDraft first = Draft({communes_.at(0)});
  first.date = "2026-01-10";
  InteractionDraft second = Draft({communes_.at(0), communes_.at(1)});
  second.date = "2026-02-10";
  second.type = "appui_juridique";
  InteractionDraft third = Draft({communes_.at(1)});
  third.date = "2026-03-10";
  for (const auto* draft : {&first, &second, &third}) ASSERT_TRUE(interactions().Create(staff_, *draft).ok());

  InteractionQuery query;
  query.organisation_id = communes_.at(0);
  auto page = interactions().List(staff_, query);
  ASSERT_EQ(page.value().total, 2);
  EXPECT_EQ(page.value().items[0].interaction.date, "2026-02-10");
  query.type = "appui_juridique";
  EXPECT_EQ(interactions().List(staff_, query).value().total, 1);
  InteractionQuery dated;
  dated.from = "2026-02-01";
  dated.to = "2026-02-28";
  EXPECT_EQ(interactions().List(staff_, dated).value().total, 1);
  EXPECT_EQ(interactions().List(other_, InteractionQuery{}).value().total, 0) << "private rows of another network";
}

TEST_F(InteractionTest, ADeletedRecordIsGoneAndJournaled) {
  const int64_t id = interactions().Create(staff_, Draft({communes_.at(0)})).value().interaction.id;
  EXPECT_EQ(interactions().Delete(other_, id).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(interactions().Delete(colleague_, id).ok());
  EXPECT_EQ(interactions().Find(staff_, id).status().code(), ErrorCode::kNotFound);
  auto session = database_->Acquire();
  EXPECT_EQ(RunScalar(session, "SELECT COUNT(*) FROM audit_entry WHERE record_type = 'interaction' AND record_id = :id",
                      {{"id", id}}),
            2);
}

}  // namespace
}  // namespace rrma
