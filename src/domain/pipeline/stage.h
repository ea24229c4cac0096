// The engagement pipeline of seed 000 (DOMAIN.md, « The engagement pipeline »): the stages of a
// network's relation with a collectivité, from « non contactée » to « collaboration », their
// French labels, what a request to move asks, and how a move and the collectivité's membership of
// the network stay consistent from either side:
//   - moving to « adhésion » or beyond makes a collectivité that is not a member one (a membership
//     is recorded from today); moving back before « adhésion » ends its membership;
//   - recording a membership moves a collectivité before « adhésion » to « adhésion »; ending or
//     deleting it moves one at a member's stage back to « prise de contact ».
// Moving back is allowed and recorded like any move. Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace rrma {

enum class PipelineStage {
  kNonContactee,
  kPriseDeContact,
  kAdhesion,
  kOpportunitesCommunes,
  kRelationEchange,
  kCollaboration,
};

inline constexpr std::array<PipelineStage, 6> kPipelineStages = {
    PipelineStage::kNonContactee,         PipelineStage::kPriseDeContact,  PipelineStage::kAdhesion,
    PipelineStage::kOpportunitesCommunes, PipelineStage::kRelationEchange, PipelineStage::kCollaboration};

std::optional<PipelineStage> ParsePipelineStage(std::string_view name);
// The API name: "prise_de_contact".
std::string_view PipelineStageName(PipelineStage stage);
// The French label: « Prise de contact ».
std::string_view PipelineStageLabel(PipelineStage stage);

// From « adhésion » on, the collectivité is a member of the network.
bool IsMemberStage(PipelineStage stage);

inline constexpr size_t kMaxStageReasonLength = 1000;

// PUT /pipeline/{network}/{organisation}: the stage, why (free text, may be empty) and who follows
// the collectivité (an account of the network; unchanged when absent).
struct StageMoveDraft {
  std::optional<std::string> stage;
  std::optional<std::string> reason;
  std::optional<int64_t> owner_id;
};

// Invalid naming stage (missing or unknown), reason (control characters, too long) or owner_id.
void ValidateStageMove(const StageMoveDraft& draft, ValidationErrors& errors);

// What a move does to the membership of a collectivité that is (or is not) a member today.
enum class MembershipChange { kNone, kRecord, kEnd };
MembershipChange MembershipChangeFor(PipelineStage to, bool member_today);

// The stage a membership written elsewhere (a relationship recorded, changed, deleted or imported)
// leads to, from the current one; nullopt when the stage is already consistent.
std::optional<PipelineStage> StageAfterMembership(PipelineStage current, bool member_today);

// The reasons recorded for moves the platform makes on a membership's account.
inline constexpr std::string_view kMembershipRecordedReason = "Adhésion au réseau enregistrée";
inline constexpr std::string_view kMembershipEndedReason = "Fin de l'adhésion au réseau";

}  // namespace rrma
