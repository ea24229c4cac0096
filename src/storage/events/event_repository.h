// EventRepository: the events networks take part in (domain/events/event.h), with the
// organisations that organise or attend them, the persons invited, and the accompaniment records
// written about them. Network-owned rows with a visibility (tenant_scope.h): an event is read by
// whoever may read its row and shows only the organisations, persons and records that reader may
// read; it is written by its network's team. Every change is journaled (record type "event").
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/events/event.h"
#include "domain/paging.h"
#include "domain/status.h"
#include "storage/database.h"
#include "storage/pipeline/pipeline_repository.h"

namespace rrma {

struct EventPartyView {
  int64_t id = 0;
  std::string name;
  std::string role;  // organisations only
  std::string attendance;
};

struct EventInteraction {
  int64_t id = 0;
  std::string date;
  std::string type;
  std::string subject;
};

// How many of each the reader may read, whether listed in full or not.
struct EventCounts {
  int64_t organisations = 0;
  int64_t persons = 0;
  int64_t participants = 0;  // organisations other than organisers, and persons
  int64_t present = 0;       // organisations and persons marked present
  int64_t interactions = 0;
};

// In a list, each event names at most this many organisations, persons and records (its counts
// say how many there are): a page of events costs the same whatever their size.
inline constexpr int64_t kListedEventParties = 20;

// An event as a reader sees it. Read alone, it names every party and record; in a list, the first
// kListedEventParties of each.
struct EventView {
  Event event;
  std::vector<EventPartyView> organisations;  // those the reader may read: organisers first, then by name
                                              // (in a list filtered by organisation, that one first)
  std::vector<EventPartyView> persons;        // idem, by name (in a list filtered by person, that one first)
  std::vector<EventInteraction> interactions; // the records about it the reader may read, latest first
  EventCounts counts;
  std::optional<AccountRef> author;
};

struct EventQuery {
  std::optional<int64_t> network_id;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> person_id;
  std::optional<std::string> kind;
  std::optional<std::string> from;  // dates (YYYY-MM-DD) the start's date is compared to, inclusive
  std::optional<std::string> to;
  PageRequest page;
};

class EventRepository {
 public:
  explicit EventRepository(Database& database) : database_(database) {}

  // Invalid (ValidateEventDraft; network unknown), Forbidden unless caller works in the network,
  // NotFound when an organisation or a person is not readable by caller.
  Result<EventView> Create(const Account& caller, const EventDraft& draft);
  // NotFound when not readable.
  Result<EventView> Find(const Account& caller, int64_t id);
  // By start, then id.
  Result<Page<EventView>> List(const Account& caller, const EventQuery& query);
  // NotFound when not readable; Forbidden when caller does not work in its network; then as
  // Create. A list sent replaces the parties caller may read; the others stay as they were.
  Result<EventView> Update(const Account& caller, int64_t id, const EventDraft& draft);
  // The records about it stay, without their event.
  Status Delete(const Account& caller, int64_t id);

 private:
  Database& database_;
};

}  // namespace rrma
