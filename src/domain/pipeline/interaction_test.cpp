#include "domain/pipeline/interaction.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

std::vector<std::string> Fields(const ValidationErrors& errors) {
  std::vector<std::string> fields;
  const Status status = errors.ToStatus();
  for (const FieldError& error : status.field_errors()) fields.push_back(error.field);
  return fields;
}

TEST(Interaction, ACreationNamesEveryMissingField) {
  ValidationErrors errors;
  ValidateInteractionDraft({}, nullptr, errors);
  EXPECT_EQ(Fields(errors),
            (std::vector<std::string>{"network_id", "visibility", "date", "type", "subject", "organisation_ids"}));
}

TEST(Interaction, BadValuesAreNamedOneByOne) {
  InteractionDraft draft;
  draft.network_id = 1;
  draft.visibility = "secret";
  draft.date = "2026-02-30";
  draft.type = "dejeuner";
  draft.subject = "Objet\nsur deux lignes";
  draft.organisation_ids = std::vector<int64_t>{4, 4};
  draft.person_ids = std::vector<int64_t>{0};
  draft.next_action = std::optional<NextAction>(NextAction{"", std::string("demain"), int64_t{-1}, std::nullopt});
  ValidationErrors errors;
  ValidateInteractionDraft(draft, nullptr, errors);
  EXPECT_EQ(Fields(errors),
            (std::vector<std::string>{"visibility", "date", "type", "subject", "organisation_ids[1]", "person_ids[0]",
                                      "next_action.description", "next_action.due_date", "next_action.owner_id"}));
}

TEST(Interaction, EveryTypeOfDomainMdIsKnownWithAFrenchLabel) {
  for (std::string_view type : kInteractionTypes) {
    EXPECT_TRUE(IsInteractionType(type));
    EXPECT_NE(InteractionTypeLabel(type), type);
  }
  EXPECT_EQ(InteractionTypeLabel("vsi_reciprocite"), "VSI en réciprocité");
  EXPECT_FALSE(IsInteractionType("Conseil"));
}

TEST(Interaction, ANextActionIsOverdueOnlyWhileToDoAndPastItsDueDate) {
  NextAction action{"Relancer", std::string("2026-11-27"), std::nullopt, std::nullopt};
  EXPECT_TRUE(IsOverdue(action, "2026-11-28"));
  EXPECT_FALSE(IsOverdue(action, "2026-11-27"));
  action.done_at = "2026-11-28T09:00:00Z";
  EXPECT_FALSE(IsOverdue(action, "2026-11-28"));
  EXPECT_FALSE(IsOverdue({"Sans échéance", std::nullopt, std::nullopt, std::nullopt}, "2026-11-28"));
}

TEST(Interaction, MarkingDoneStampsTheNextActionAndANewOneIsToDoAgain) {
  Interaction interaction;
  interaction.next_action = NextAction{"Relancer", std::nullopt, std::nullopt, std::nullopt};
  InteractionDraft done;
  done.next_action_done = true;
  Interaction after = ApplyDraft(interaction, done, "2026-11-28T09:00:00Z");
  EXPECT_EQ(after.next_action->done_at, "2026-11-28T09:00:00Z");
  InteractionDraft replaced;
  replaced.next_action = std::optional<NextAction>(NextAction{"Rappeler en janvier", std::nullopt, std::nullopt, std::nullopt});
  EXPECT_FALSE(ApplyDraft(after, replaced, "2026-11-29T09:00:00Z").next_action->done_at.has_value());
  InteractionDraft without;
  without.next_action_done = true;
  ValidationErrors errors;
  ValidateInteractionDraft(without, &interaction, errors);
  EXPECT_TRUE(errors.empty());
  Interaction none;
  ValidationErrors refused;
  ValidateInteractionDraft(without, &none, refused);
  EXPECT_EQ(Fields(refused), std::vector<std::string>{"next_action_done"});
}

}  // namespace
}  // namespace rrma
