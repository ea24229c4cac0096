#include "domain/pipeline/stage.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

TEST(PipelineStage, EveryStageReadsBackFromItsApiNameAndHasAFrenchLabel) {
  for (PipelineStage stage : kPipelineStages) {
    EXPECT_EQ(ParsePipelineStage(PipelineStageName(stage)), stage);
    EXPECT_FALSE(PipelineStageLabel(stage).empty());
  }
  EXPECT_EQ(PipelineStageLabel(PipelineStage::kRelationEchange), "Relation d'échange");
  EXPECT_FALSE(ParsePipelineStage("Adhesion").has_value());
  EXPECT_FALSE(ParsePipelineStage("").has_value());
}

TEST(PipelineStage, StagesFollowTheOrderOfSeed000AndMembershipStartsAtAdhesion) {
  EXPECT_LT(PipelineStage::kNonContactee, PipelineStage::kPriseDeContact);
  EXPECT_LT(PipelineStage::kOpportunitesCommunes, PipelineStage::kCollaboration);
  EXPECT_FALSE(IsMemberStage(PipelineStage::kPriseDeContact));
  EXPECT_TRUE(IsMemberStage(PipelineStage::kAdhesion));
  EXPECT_TRUE(IsMemberStage(PipelineStage::kCollaboration));
}

TEST(PipelineStage, AMoveRequiresAKnownStageAndAReasonWithoutControlCharacters) {
  ValidationErrors missing;
  ValidateStageMove({}, missing);
  EXPECT_EQ(missing.ToStatus().field_errors().at(0).field, "stage");

  ValidationErrors wrong;
  ValidateStageMove({std::string("signee"), std::string("appel\x07"), int64_t{0}}, wrong);
  const auto errors = wrong.ToStatus().field_errors();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "stage");
  EXPECT_EQ(errors[1].field, "reason");
  EXPECT_EQ(errors[2].field, "owner_id");

  ValidationErrors fine;
  ValidateStageMove({std::string("adhesion"), std::string("Délibération du 12 mars\nvotée à l'unanimité"), std::nullopt}, fine);
  EXPECT_TRUE(fine.empty());
}

TEST(PipelineStage, MovingToAMembersStageRecordsAMembershipAndMovingBackEndsIt) {
  EXPECT_EQ(MembershipChangeFor(PipelineStage::kAdhesion, false), MembershipChange::kRecord);
  EXPECT_EQ(MembershipChangeFor(PipelineStage::kCollaboration, false), MembershipChange::kRecord);
  EXPECT_EQ(MembershipChangeFor(PipelineStage::kCollaboration, true), MembershipChange::kNone);
  EXPECT_EQ(MembershipChangeFor(PipelineStage::kPriseDeContact, true), MembershipChange::kEnd);
  EXPECT_EQ(MembershipChangeFor(PipelineStage::kNonContactee, false), MembershipChange::kNone);
}

TEST(PipelineStage, AMembershipWrittenElsewhereBringsTheStageInLine) {
  EXPECT_EQ(StageAfterMembership(PipelineStage::kNonContactee, true), PipelineStage::kAdhesion);
  EXPECT_EQ(StageAfterMembership(PipelineStage::kPriseDeContact, true), PipelineStage::kAdhesion);
  EXPECT_EQ(StageAfterMembership(PipelineStage::kRelationEchange, true), std::nullopt);
  EXPECT_EQ(StageAfterMembership(PipelineStage::kCollaboration, false), PipelineStage::kPriseDeContact);
  EXPECT_EQ(StageAfterMembership(PipelineStage::kPriseDeContact, false), std::nullopt);
}

}  // namespace
}  // namespace rrma
