// Persons a network records (élu·es, agents, bénévoles of the organisations of its directory)
// and their positions. Personal data: owned by one network, shown according to its visibility,
// exportable and erasable at the person's request (RGPD). Value types, the rules that validate a
// person as submitted, and erasure. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/status.h"

namespace rrma {

// Position kinds travel as their API names: elu (élu·e), agent, benevole, salarie.
inline constexpr std::string_view kPositionKinds[] = {"elu", "agent", "benevole", "salarie"};
bool IsPositionKind(std::string_view kind);

// What replaces the names of an erased person.
inline constexpr std::string_view kErasedGivenName = "Personne";
inline constexpr std::string_view kErasedFamilyName = "effacée";

struct Position {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string organisation_name;  // filled when read
  std::optional<std::string> organisation_category;
  std::string kind;
  std::optional<std::string> title;       // "Maire", "Adjointe aux relations internationales"
  std::optional<std::string> start_date;  // YYYY-MM-DD; of an erased person, YYYY-01-01: only the year is kept
  std::optional<std::string> end_date;
};

// The year of a position's date (2020 for "2020-07-04"), when there is a date.
std::optional<int> YearOf(const std::optional<std::string>& date);

struct Person {
  int64_t id = 0;
  int64_t network_id = 0;
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::string given_name;
  std::string family_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::string notes;
  std::vector<Position> positions;
  std::optional<std::string> erased_at;
  std::string created_at;
  std::string updated_at;
};

// A person as submitted for creation or change: only the fields present are set. For a
// creation, network_id, visibility, given_name and family_name are required.
struct PersonDraft {
  std::optional<int64_t> network_id;
  std::optional<std::string> visibility;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::optional<std::string>> email;  // present with no value: clear it
  std::optional<std::optional<std::string>> phone;
  std::optional<std::string> notes;
  std::optional<std::vector<Position>> positions;  // replaces the list when present
};

inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxNotesLength = 20000;
inline constexpr size_t kMaxPositions = 50;

// Records every fault of the draft under its field name ("given_name", "positions[2].kind"…).
// Organisation ids are checked for existence by storage, not here.
void ValidatePersonDraft(const PersonDraft& draft, bool creating, ValidationErrors& errors);

// The person with the draft's fields applied. The draft must have been validated.
Person ApplyDraft(Person person, const PersonDraft& draft);

// What remains of a person after erasure: names replaced, contacts and notes emptied, positions
// kept as their non-personal facts (organisation, kind, years) without titles.
Person Erase(Person person, const std::string& now);

// The person as caller may see it: contacts (email, phone) and notes belong to the owning
// network; whoever else may read the person (shared or public) sees names and positions only.
Person AsSeenBy(Person person, const Account& caller);

// What a search of persons reads, normalised for search (search_text.h): the names, which whoever
// may read the person may search; and the contacts (the email address), which only those who are
// shown them (AsSeenBy) may search.
std::string SearchableNames(const Person& person);
std::string SearchableContacts(const Person& person);

// The changes from before to after, field by field, for the audit log (positions as one field);
// before with id 0 stands for a creation.
std::vector<FieldChange> PersonChanges(const Person& before, const Person& after);

// The fields of a person whose values identify them, redacted from the audit log on erasure.
bool IsPersonalField(std::string_view field);

}  // namespace rrma
