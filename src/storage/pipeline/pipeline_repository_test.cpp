// The engagement pipeline as stored, on SQLite and PostgreSQL: moves and their history, the
// membership kept consistent from either side, the filters and counts of the list, and the
// network's team as the only readers and writers.
#include "storage/pipeline/pipeline_repository.h"

#include <gtest/gtest.h>

#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/bound_statement.h"
#include "storage/reference_import.h"
#include "storage/relationship_repository.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
      if (collectivite.category != "commune") continue;
      if (collectivite.departement_code == "06" && communes_06_ < 2) ++communes_06_, data.collectivites.push_back(collectivite);
      if (collectivite.departement_code == "83" && communes_83_ < 1) ++communes_83_, data.collectivites.push_back(collectivite);
    }
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    staff_ = accounts.CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    colleague_ = accounts.CreateUser("collegue@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    other_ = accounts.CreateUser("staff@resacoop.fr", "h", Role::kNetworkStaff, std::string("RESACOOP")).value();
    admin_ = accounts.CreateUser("admin@rrma.fr", "h", Role::kAdmin, std::nullopt).value();
    network_ = *staff_.roles.at(0).network_id;
    auto session = database_->Acquire();
    record_ = RunScalar(session, "SELECT organisation_id FROM network WHERE id = :id", {{"id", network_}}).value();
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer(), departement = row.Text();
    select.Execute("SELECT id, departement_code FROM organisation WHERE kind = 'collectivite' AND category = 'commune'"
                   " ORDER BY id");
    while (select.Fetch()) (row.TextOr(departement) == "06" ? in_06_ : in_83_).push_back(row.IntegerOr(id));
  }

  PipelineRepository pipeline() { return PipelineRepository(*database_); }

  Result<std::pair<PipelineEntry, std::vector<PipelineChange>>> Move(int64_t organisation, const char* stage,
                                                                     const char* reason = "", const Account* as = nullptr) {
    return pipeline().Move(as ? *as : staff_, network_, organisation, {std::string(stage), std::string(reason), std::nullopt});
  }

  std::vector<Relationship> Memberships(int64_t organisation) {
    RelationshipQuery query;
    query.organisation_id = organisation;
    query.kind = "member_of";
    return RelationshipRepository(*database_).List(staff_, query).value().items;
  }

  std::unique_ptr<Database> database_;
  int communes_06_ = 0, communes_83_ = 0;
  Account staff_, colleague_, other_, admin_;
  int64_t network_ = 0, record_ = 0;
  std::vector<int64_t> in_06_, in_83_;
};

TEST_F(PipelineTest, AMoveIsRecordedWithWhoWhenAndWhyAndMovingBackIsRecordedToo) {
  const int64_t commune = in_06_.at(0);
  auto first = Move(commune, "prise_de_contact", "Appel au maire");
  ASSERT_TRUE(first.ok()) << first.status().detail();
  EXPECT_EQ(first.value().first.stage, PipelineStage::kPriseDeContact);
  ASSERT_TRUE(first.value().first.owner.has_value());
  EXPECT_EQ(first.value().first.owner->id, staff_.id) << "whoever first moves it follows it";
  Move(commune, "opportunites_communes", "Projet eau");
  auto back = Move(commune, "prise_de_contact", "Élections : nouvelle équipe");
  ASSERT_TRUE(back.ok());
  const auto& history = back.value().second;
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].from, PipelineStage::kOpportunitesCommunes);
  EXPECT_EQ(history[0].to, PipelineStage::kPriseDeContact);
  EXPECT_EQ(history[0].reason, "Élections : nouvelle équipe");
  ASSERT_TRUE(history[0].by.has_value());
  EXPECT_EQ(history[0].by->email, "staff@ts.fr");
  EXPECT_EQ(history[2].from, PipelineStage::kNonContactee);
  EXPECT_FALSE(history[0].at.empty());
}

TEST_F(PipelineTest, MovingToTheSameStageRecordsNothing) {
  const int64_t commune = in_06_.at(0);
  Move(commune, "prise_de_contact");
  auto again = Move(commune, "prise_de_contact", "encore");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().second.size(), 1u);
}

TEST_F(PipelineTest, ReachingAdhesionRecordsAMembershipAndMovingBackBeforeItEndsIt) {
  const int64_t commune = in_06_.at(0);
  auto joined = Move(commune, "opportunites_communes", "Délibération votée");
  ASSERT_TRUE(joined.ok()) << joined.status().detail();
  EXPECT_TRUE(joined.value().first.member);
  auto memberships = Memberships(commune);
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships[0].to.id, record_);
  EXPECT_EQ(memberships[0].network_id, network_);

  auto left = Move(commune, "prise_de_contact", "Ne renouvelle pas");
  ASSERT_TRUE(left.ok());
  EXPECT_FALSE(left.value().first.member);
  EXPECT_TRUE(Memberships(commune).empty()) << "a membership begun today is withdrawn, not ended";
  EXPECT_EQ(left.value().first.stage, PipelineStage::kPriseDeContact);
}

TEST_F(PipelineTest, AnEarlierMembershipEndsOnTheDayBeforeAndStaysInTheHistory) {
  const int64_t commune = in_06_.at(0);
  RelationshipDraft draft;
  draft.kind = "member_of";
  draft.from_id = commune;
  draft.to_id = record_;
  draft.network_id = network_;
  draft.visibility = "private";
  draft.start_date = std::optional<std::string>("2020-01-15");
  ASSERT_TRUE(RelationshipRepository(*database_).Create(staff_, draft).ok());
  auto moved = Move(commune, "non_contactee", "Erreur de saisie");
  ASSERT_TRUE(moved.ok());
  auto memberships = Memberships(commune);
  ASSERT_EQ(memberships.size(), 1u);
  ASSERT_TRUE(memberships[0].end_date.has_value());
  EXPECT_LT(*memberships[0].end_date, memberships[0].created_at.substr(0, 10));
}

TEST_F(PipelineTest, RecordingAMembershipMovesTheStageToAdhesionAndDeletingItMovesItBack) {
  const int64_t commune = in_06_.at(1);
  Move(commune, "prise_de_contact");
  RelationshipDraft draft;
  draft.kind = "member_of";
  draft.from_id = commune;
  draft.to_id = record_;
  draft.network_id = network_;
  draft.visibility = "private";
  auto membership = RelationshipRepository(*database_).Create(colleague_, draft);
  ASSERT_TRUE(membership.ok()) << membership.status().detail();
  auto found = pipeline().Find(staff_, network_, commune);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value().first.stage, PipelineStage::kAdhesion);
  EXPECT_EQ(found.value().second.at(0).reason, kMembershipRecordedReason);
  EXPECT_EQ(found.value().second.at(0).by->email, "collegue@ts.fr");

  ASSERT_TRUE(RelationshipRepository(*database_).Delete(staff_, membership.value().id).ok());
  found = pipeline().Find(staff_, network_, commune);
  EXPECT_EQ(found.value().first.stage, PipelineStage::kPriseDeContact);
  EXPECT_EQ(found.value().second.at(0).reason, kMembershipEndedReason);
}

TEST_F(PipelineTest, TheListFiltersByDepartementAndStageAndCountsEachStage) {
  Move(in_06_.at(0), "prise_de_contact");
  Move(in_06_.at(1), "collaboration");
  Move(in_83_.at(0), "prise_de_contact");
  PipelineQuery query;
  query.network_id = network_;
  auto all = pipeline().List(staff_, query);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value().page.total, 3);
  EXPECT_EQ(all.value().by_stage.at(PipelineStage::kPriseDeContact), 2);
  EXPECT_EQ(all.value().by_stage.at(PipelineStage::kCollaboration), 1);

  query.departement = "06";
  query.stage = PipelineStage::kPriseDeContact;
  auto filtered = pipeline().List(staff_, query);
  ASSERT_EQ(filtered.value().page.items.size(), 1u);
  EXPECT_EQ(filtered.value().page.items[0].collectivite.id, in_06_.at(0));
  EXPECT_EQ(filtered.value().page.total, 1);
  EXPECT_EQ(filtered.value().by_stage.at(PipelineStage::kCollaboration), 1) << "counts ignore the stage filter";

  PipelineQuery followed;
  followed.network_id = network_;
  followed.owner_id = colleague_.id;
  EXPECT_EQ(pipeline().List(staff_, followed).value().page.total, 0);
}

TEST_F(PipelineTest, OnlyTheNetworksTeamAndNationalAdminsReadOrMoveItsPipeline) {
  const int64_t commune = in_06_.at(0);
  ASSERT_TRUE(Move(commune, "prise_de_contact").ok());
  EXPECT_EQ(Move(commune, "adhesion", "", &other_).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(pipeline().Find(other_, network_, commune).status().code(), ErrorCode::kForbidden);
  PipelineQuery query;
  query.network_id = network_;
  EXPECT_EQ(pipeline().List(other_, query).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(pipeline().List(admin_, query).value().page.total, 1);
  EXPECT_EQ(pipeline().Find(staff_, 987654, commune).status().code(), ErrorCode::kNotFound);
}

TEST_F(PipelineTest, ANationalAdminMovingACollectiviteDoesNotBecomeItsFollower) {
  auto moved = Move(in_06_.at(0), "prise_de_contact", "", &admin_);
  ASSERT_TRUE(moved.ok()) << moved.status().detail();
  EXPECT_FALSE(moved.value().first.owner.has_value());
  EXPECT_EQ(Move(in_06_.at(0), "adhesion").value().first.owner->id, staff_.id) << "the next team member who moves it";
}

TEST_F(PipelineTest, OnlyACollectiviteMovesAndOnlyATeamMemberFollowsIt) {
  ActorDraft association;
  association.network_id = network_;
  association.visibility = "private";
  association.kind = "association";
  association.name = "Méditerranée Afrique Solidarité";
  const int64_t mas = ActorRepository(*database_).Create(staff_, association).value().id;
  auto refused = Move(mas, "prise_de_contact");
  ASSERT_EQ(refused.status().code(), ErrorCode::kInvalid);
  EXPECT_EQ(refused.status().field_errors().at(0).field, "organisation_id");

  auto stranger = pipeline().Move(staff_, network_, in_06_.at(0), {std::string("prise_de_contact"), std::nullopt, other_.id});
  ASSERT_EQ(stranger.status().code(), ErrorCode::kInvalid);
  EXPECT_EQ(stranger.status().field_errors().at(0).field, "owner_id");
  auto followed = pipeline().Move(staff_, network_, in_06_.at(0), {std::string("prise_de_contact"), std::nullopt, colleague_.id});
  ASSERT_TRUE(followed.ok());
  EXPECT_EQ(followed.value().first.owner->id, colleague_.id);
}

}  // namespace
}  // namespace rrma
