// InteractionRepository: the accompaniment records of the networks' teams (domain/pipeline/
// interaction.h), each with the organisations and persons it was with and its next action, and
// « Mes relances »: a team member's next actions and the dormant relations of their networks.
// Network-owned rows with a visibility (tenant_scope.h): a record is read by whoever may read its
// row, and shows only the organisations and persons that reader may read; it is written by its
// network's team. Every change is journaled (record type "interaction"). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/paging.h"
#include "domain/pipeline/attachment.h"
#include "domain/pipeline/interaction.h"
#include "domain/pipeline/stage.h"
#include "domain/status.h"
#include "storage/database.h"
#include "storage/pipeline/pipeline_repository.h"

namespace rrma {

struct PartyRef {
  int64_t id = 0;
  std::string name;
};

// The event an interaction is about, when the reader may read it.
struct EventRef {
  int64_t id = 0;
  std::string title;
  std::string starts_at;
};

// An interaction as a reader sees it.
struct InteractionView {
  Interaction interaction;
  std::vector<PartyRef> organisations;  // those the reader may read
  std::vector<PartyRef> persons;        // idem
  std::optional<AccountRef> owner;      // who takes the next action
  std::optional<AccountRef> author;
  std::optional<EventRef> event;
  std::vector<Attachment> attachments;
  bool overdue = false;
};

struct InteractionQuery {
  std::optional<int64_t> network_id;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> person_id;
  std::optional<int64_t> event_id;
  std::optional<std::string> type;
  std::optional<std::string> from;  // dates, inclusive
  std::optional<std::string> to;
  PageRequest page;
};

struct DormantRelation {
  int64_t network_id = 0;
  PipelineCollectivite collectivite;
  PipelineStage stage = PipelineStage::kNonContactee;
  std::optional<std::string> last_interaction;  // date of the latest, none when never
};

struct Relances {
  std::vector<InteractionView> overdue;   // due before today, oldest first
  std::vector<InteractionView> upcoming;  // due today or later, or without a due date; soonest first
  std::vector<DormantRelation> dormant;   // no interaction for kDormantMonths, longest silent first
};

class InteractionRepository {
 public:
  explicit InteractionRepository(Database& database) : database_(database) {}

  // Invalid (ValidateInteractionDraft; network unknown; next_action.owner_id not an account of the
  // network's team; event_id an event of another network), Forbidden unless caller works in the network, NotFound when an organisation
  // , a person or the event is not readable by caller.
  Result<InteractionView> Create(const Account& caller, const InteractionDraft& draft);
  // NotFound when not readable.
  Result<InteractionView> Find(const Account& caller, int64_t id);
  // Latest first (by date, then id).
  Result<Page<InteractionView>> List(const Account& caller, const InteractionQuery& query);
  // NotFound when not readable; Forbidden when caller does not work in its network; then as Create.
  Result<InteractionView> Update(const Account& caller, int64_t id, const InteractionDraft& draft);
  Status Delete(const Account& caller, int64_t id);

  // The caller's next actions still to do (at most 200 of each kind) and, for the networks they
  // work in, the collectivités past « non contactée » with no interaction since `since` (today
  // minus kDormantMonths) that were not moved since either.
  Relances RelancesOf(const Account& caller, const std::string& today, const std::string& since);

 private:
  Database& database_;
};

}  // namespace rrma
