#include "domain/pipeline/stage.h"

#include "domain/field_rules.h"

namespace rrma {
namespace {

struct StageNames {
  PipelineStage stage;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<StageNames, 6> kNames = {{
    {PipelineStage::kNonContactee, "non_contactee", "Non contactée"},
    {PipelineStage::kPriseDeContact, "prise_de_contact", "Prise de contact"},
    {PipelineStage::kAdhesion, "adhesion", "Adhésion"},
    {PipelineStage::kOpportunitesCommunes, "opportunites_communes", "Opportunités communes"},
    {PipelineStage::kRelationEchange, "relation_echange", "Relation d'échange"},
    {PipelineStage::kCollaboration, "collaboration", "Collaboration"},
}};

const StageNames& NamesOf(PipelineStage stage) { return kNames[static_cast<size_t>(stage)]; }

}  // namespace

std::optional<PipelineStage> ParsePipelineStage(std::string_view name) {
  for (const StageNames& names : kNames) {
    if (names.name == name) return names.stage;
  }
  return std::nullopt;
}

std::string_view PipelineStageName(PipelineStage stage) { return NamesOf(stage).name; }
std::string_view PipelineStageLabel(PipelineStage stage) { return NamesOf(stage).label; }

bool IsMemberStage(PipelineStage stage) { return stage >= PipelineStage::kAdhesion; }

void ValidateStageMove(const StageMoveDraft& draft, ValidationErrors& errors) {
  if (!draft.stage) {
    errors.Add("stage", "L'étape est obligatoire.");
  } else if (!ParsePipelineStage(*draft.stage)) {
    errors.Add("stage",
               "Étape inconnue : non_contactee, prise_de_contact, adhesion, opportunites_communes, relation_echange "
               "ou collaboration.");
  }
  if (draft.reason) CheckText(*draft.reason, "reason", "Le motif", false, kMaxStageReasonLength, errors);
  if (draft.owner_id && *draft.owner_id <= 0) errors.Add("owner_id", "Identifiant de compte invalide.");
}

MembershipChange MembershipChangeFor(PipelineStage to, bool member_today) {
  if (IsMemberStage(to) && !member_today) return MembershipChange::kRecord;
  if (!IsMemberStage(to) && member_today) return MembershipChange::kEnd;
  return MembershipChange::kNone;
}

std::optional<PipelineStage> StageAfterMembership(PipelineStage current, bool member_today) {
  if (member_today && !IsMemberStage(current)) return PipelineStage::kAdhesion;
  if (!member_today && IsMemberStage(current)) return PipelineStage::kPriseDeContact;
  return std::nullopt;
}

}  // namespace rrma
