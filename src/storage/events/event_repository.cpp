#include "storage/events/event_repository.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "domain/access.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
#include "storage/record_parties.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kColumns =
    "SELECT ev.id, ev.network_id, n.name, ev.visibility, ev.kind, ev.title, ev.theme, ev.description, ev.starts_at,"
    " ev.ends_at, ev.place, ev.departement_code, ev.created_by, au.email, ev.created_at, ev.updated_at"
    " FROM event ev JOIN network n ON n.id = ev.network_id LEFT JOIN app_user au ON au.id = ev.created_by";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM event ev";
// Followed by the events' ids, ") AND " and the caller's read condition.
constexpr std::string_view kOrganisationsFrom =
    "FROM event_organisation eo JOIN organisation o ON o.id = eo.organisation_id WHERE eo.event_id IN (";
constexpr std::string_view kPersonsFrom = "FROM event_person ep JOIN person p ON p.id = ep.person_id WHERE ep.event_id IN (";
constexpr std::string_view kInteractionsFrom = "FROM interaction i WHERE i.event_id IN (";
constexpr std::string_view kNetworkExists = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kInsert =
    "INSERT INTO event (id, network_id, visibility, kind, title, theme, description, starts_at, ends_at, place,"
    " departement_code, created_by, created_at, updated_at) VALUES (:id, :network, :visibility, :kind, :title, :theme,"
    " :description, :starts, :ends, :place, :departement, :by, :now, :now)";
constexpr std::string_view kUpdate =
    "UPDATE event SET visibility = :visibility, kind = :kind, title = :title, theme = :theme,"
    " description = :description, starts_at = :starts, ends_at = :ends, place = :place,"
    " departement_code = :departement, updated_at = :now WHERE id = :id";
constexpr std::string_view kDelete = "DELETE FROM event WHERE id = :id";
// The parties as stored, those caller cannot read included.
constexpr std::string_view kStoredOrganisations =
    "SELECT organisation_id, role, attendance FROM event_organisation WHERE event_id = :id ORDER BY organisation_id";
constexpr std::string_view kStoredPersons =
    "SELECT person_id, attendance FROM event_person WHERE event_id = :id ORDER BY person_id";
constexpr std::string_view kClearOrganisations = "DELETE FROM event_organisation WHERE event_id = :id";
constexpr std::string_view kClearPersons = "DELETE FROM event_person WHERE event_id = :id";
constexpr std::string_view kAddOrganisation =
    "INSERT INTO event_organisation (event_id, organisation_id, role, attendance) VALUES (:id, :party, :role, :attendance)";
constexpr std::string_view kAddPerson =
    "INSERT INTO event_person (event_id, person_id, attendance) VALUES (:id, :party, :attendance)";

Status UnknownEvent(int64_t id) {
  return Status::NotFound("Aucun événement ne porte l'identifiant " + std::to_string(id) + ".");
}

class EventRow {
 public:
  explicit EventRow(soci::session& session) : statement(session), row(statement.statement()) {
    id_ = row.Integer();
    network_ = row.Integer();
    network_name_ = row.Text();
    visibility_ = row.Text();
    kind_ = row.Text();
    title_ = row.Text();
    theme_ = row.Text();
    description_ = row.Text();
    starts_ = row.Text();
    ends_ = row.Text();
    place_ = row.Text();
    departement_ = row.Text();
    author_ = row.Integer();
    author_email_ = row.Text();
    created_ = row.Text();
    updated_ = row.Text();
  }

  EventView Read() const {
    EventView view;
    Event& e = view.event;
    e.id = row.IntegerOr(id_);
    e.network_id = row.IntegerOr(network_);
    e.network_name = row.TextOr(network_name_);
    e.visibility = ParseVisibility(row.TextOr(visibility_)).value_or(Visibility::kPrivate);
    e.kind = row.TextOr(kind_);
    e.title = row.TextOr(title_);
    e.theme = row.TextOr(theme_);
    e.description = row.TextOr(description_);
    e.starts_at = row.TextOr(starts_);
    e.ends_at = row.TextOr(ends_);
    e.place = row.TextOr(place_);
    e.departement = row.OptionalText(departement_);
    e.created_by = row.OptionalInteger(author_);
    if (e.created_by) view.author = AccountRef{*e.created_by, row.TextOr(author_email_)};
    e.created_at = row.TextOr(created_);
    e.updated_at = row.TextOr(updated_);
    return view;
  }

  BoundStatement statement;
  RowReader row;

 private:
  size_t id_, network_, network_name_, visibility_, kind_, title_, theme_, description_, starts_, ends_, place_,
      departement_, author_, author_email_, created_, updated_;
};

// The rows of one query over the parties or records of the events in `in` that caller may read,
// each handed to take with its event. Capped (a list), only the first `cap` of each event by
// `order`, through a window over the same rows.
template <typename Take>
void ReadEach(BoundStatement& select, const std::string& event, const std::string& columns,
              const std::string& from_where, const std::string& order, std::optional<int64_t> cap,
              std::vector<Binding> bindings, Take take) {
  std::string sql;
  if (cap) {
    sql = "SELECT * FROM (SELECT " + event + " AS x_event, " + columns + ", ROW_NUMBER() OVER (PARTITION BY " + event +
          " ORDER BY " + order + ") AS x_rank " + from_where + ") x WHERE x.x_rank <= :cap ORDER BY x.x_event, x.x_rank";
    bindings.push_back({"cap", *cap});
  } else {
    sql = "SELECT " + event + ", " + columns + " " + from_where + " ORDER BY " + order;
  }
  select.Use(bindings);
  select.Execute(sql);
  while (select.Fetch()) take();
}

// The parties and records of the events that caller may read: three queries for the whole list,
// three more for the counts when the lists are capped. `focus` is the organisation or person a
// list is filtered by, named first.
void Complete(Database::Lease& session, const Account& caller, std::vector<EventView>& views,
              std::optional<int64_t> cap = std::nullopt, const EventQuery* focus = nullptr) {
  if (views.empty()) return;
  std::unordered_map<int64_t, EventView*> by_id;
  std::vector<int64_t> ids;
  for (EventView& view : views) {
    by_id[view.event.id] = &view;
    ids.push_back(view.event.id);
  }
  std::vector<Binding> bindings = {CallerBinding(caller)};
  const std::string in = InList(ids, bindings);
  const auto with_focus = [&](std::optional<int64_t> id) {
    std::vector<Binding> all = bindings;
    all.push_back({"focus", id.value_or(0)});
    return all;
  };
  const std::string organisations = std::string(kOrganisationsFrom) + in + ") AND " + ReadableBy("o");
  const std::string persons = std::string(kPersonsFrom) + in + ") AND " + ReadableBy("p");
  const std::string interactions = std::string(kInteractionsFrom) + in + ") AND " + ReadableBy("i");
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t event = row.Integer(), id = row.Integer(), name = row.Text(), role = row.Text(),
                 attendance = row.Text();
    ReadEach(select, "eo.event_id", "o.id, o.name, eo.role, eo.attendance", organisations,
             "CASE WHEN o.id = :focus THEN 0 WHEN eo.role = 'organisateur' THEN 1 ELSE 2 END, o.name, o.id", cap,
             with_focus(focus ? focus->organisation_id : std::nullopt), [&] {
               by_id.at(row.IntegerOr(event))
                   ->organisations.push_back(
                       {row.IntegerOr(id), row.TextOr(name), row.TextOr(role), row.TextOr(attendance)});
             });
  }
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t event = row.Integer(), id = row.Integer(), given = row.Text(), family = row.Text(),
                 attendance = row.Text();
    ReadEach(select, "ep.event_id", "p.id, p.given_name, p.family_name, ep.attendance", persons,
             "CASE WHEN p.id = :focus THEN 0 ELSE 1 END, p.family_name, p.given_name, p.id", cap,
             with_focus(focus ? focus->person_id : std::nullopt), [&] {
               by_id.at(row.IntegerOr(event))
                   ->persons.push_back({row.IntegerOr(id), PersonDisplayName(row.TextOr(given), row.TextOr(family)),
                                        "", row.TextOr(attendance)});
             });
  }
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t event = row.Integer(), id = row.Integer(), date = row.Text(), type = row.Text(),
                 subject = row.Text();
    ReadEach(select, "i.event_id", "i.id, i.happened_on, i.type, i.subject", interactions,
             "i.happened_on DESC, i.id DESC", cap, bindings, [&] {
               by_id.at(row.IntegerOr(event))
                   ->interactions.push_back({row.IntegerOr(id), row.TextOr(date), row.TextOr(type), row.TextOr(subject)});
             });
  }
  if (cap) {
    // Counted by the engine: the lists hold only the first few.
    const auto count = [&](const std::string& select_sql, auto store) {
      BoundStatement select(*session);
      RowReader row(select.statement());
      const size_t event = row.Integer(), all = row.Integer(), some = row.Integer(), present = row.Integer();
      select.Use(bindings);
      select.Execute(select_sql);
      while (select.Fetch()) {
        store(by_id.at(row.IntegerOr(event))->counts, row.IntegerOr(all), row.IntegerOr(some), row.IntegerOr(present));
      }
    };
    count("SELECT eo.event_id, COUNT(*), SUM(CASE WHEN eo.role = 'organisateur' THEN 0 ELSE 1 END),"
          " SUM(CASE WHEN eo.attendance = 'present' THEN 1 ELSE 0 END) " + organisations + " GROUP BY eo.event_id",
          [](EventCounts& c, int64_t all, int64_t participants, int64_t present) {
            c.organisations = all;
            c.participants += participants;
            c.present += present;
          });
    count("SELECT ep.event_id, COUNT(*), COUNT(*), SUM(CASE WHEN ep.attendance = 'present' THEN 1 ELSE 0 END) " +
              persons + " GROUP BY ep.event_id",
          [](EventCounts& c, int64_t all, int64_t participants, int64_t present) {
            c.persons = all;
            c.participants += participants;
            c.present += present;
          });
    count("SELECT i.event_id, COUNT(*), 0, 0 " + interactions + " GROUP BY i.event_id",
          [](EventCounts& c, int64_t all, int64_t, int64_t) { c.interactions = all; });
  }
  for (EventView& view : views) {
    if (!cap) {
      EventCounts& c = view.counts;
      c = {static_cast<int64_t>(view.organisations.size()), static_cast<int64_t>(view.persons.size()),
           static_cast<int64_t>(view.persons.size()), 0, static_cast<int64_t>(view.interactions.size())};
      for (const EventPartyView& o : view.organisations) {
        c.participants += o.role != "organisateur";
        c.present += o.attendance == "present";
      }
      for (const EventPartyView& p : view.persons) c.present += p.attendance == "present";
    }
    view.event.organisations.clear();
    for (const EventPartyView& o : view.organisations) view.event.organisations.push_back({o.id, o.role, o.attendance});
    view.event.persons.clear();
    for (const EventPartyView& p : view.persons) view.event.persons.push_back({p.id, p.attendance});
  }
}

std::vector<EventView> Run(Database::Lease& session, const Account& caller, const std::string& sql,
                           const std::vector<Binding>& bindings, std::optional<int64_t> cap = std::nullopt,
                           const EventQuery* focus = nullptr) {
  std::vector<EventView> found;
  {
    EventRow query(*session);
    query.statement.Use(bindings);
    query.statement.Execute(sql);
    while (query.statement.Fetch()) found.push_back(query.Read());
  }
  Complete(session, caller, found, cap, focus);
  return found;
}

Result<EventView> Readable(Database::Lease& session, const Account& caller, int64_t id) {
  auto found = Run(session, caller, std::string(kColumns) + " WHERE ev.id = :id AND " + ReadableBy("ev"),
                   {{"id", id}, CallerBinding(caller)});
  if (found.empty()) return UnknownEvent(id);
  return found.front();
}

// The parties of an event as stored, those caller cannot read included.
void ReadStoredParties(Database::Lease& session, int64_t id, Event& event) {
  event.organisations.clear();
  event.persons.clear();
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t party = row.Integer(), role = row.Text(), attendance = row.Text();
    select.Use("id", id);
    select.Execute(std::string(kStoredOrganisations));
    while (select.Fetch()) event.organisations.push_back({row.IntegerOr(party), row.TextOr(role), row.TextOr(attendance)});
  }
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t party = row.Integer(), attendance = row.Text();
  select.Use("id", id);
  select.Execute(std::string(kStoredPersons));
  while (select.Fetch()) event.persons.push_back({row.IntegerOr(party), row.TextOr(attendance)});
}

template <typename Party>
std::vector<int64_t> IdsOfParties(const std::vector<Party>& parties) {
  std::vector<int64_t> ids;
  for (const Party& party : parties) ids.push_back(party.id);
  return ids;
}

// What the draft names must exist for caller: the network, the organisations and persons
// (NotFound, as if absent, when caller may not read them).
Status CheckReferences(Database::Lease& session, const Account& caller, const EventDraft& draft, int64_t network_id) {
  if (!RunScalar(session, std::string(kNetworkExists), {{"id", network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(network_id) + ".");
  }
  if (!WorksIn(caller, network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer d'événement.");
  }
  if (draft.organisations) {
    if (Status known = CheckReadableOrganisations(session, caller, IdsOfParties(*draft.organisations)); !known.ok()) {
      return known;
    }
  }
  if (draft.persons) return CheckReadablePersons(session, caller, IdsOfParties(*draft.persons));
  return Status::Ok();
}

void BindColumns(BoundStatement& statement, const Event& e, const std::string& now) {
  statement.Use("visibility", std::string(VisibilityName(e.visibility)));
  statement.Use("kind", e.kind);
  statement.Use("title", e.title);
  statement.Use("theme", e.theme);
  statement.Use("description", e.description);
  statement.Use("starts", e.starts_at);
  statement.Use("ends", e.ends_at);
  statement.Use("place", e.place);
  statement.UseOptional("departement", e.departement);
  statement.Use("now", now);
}

void WriteParties(Database::Lease& session, const Event& event) {
  for (std::string_view clear : {kClearOrganisations, kClearPersons}) {
    BoundStatement remove(*session);
    remove.Use("id", event.id);
    RunChange(remove, std::string(clear));
  }
  for (const EventOrganisation& party : event.organisations) {
    BoundStatement add(*session);
    add.Use("id", event.id);
    add.Use("party", party.id);
    add.Use("role", party.role);
    add.Use("attendance", party.attendance);
    RunChange(add, std::string(kAddOrganisation));
  }
  for (const EventPerson& party : event.persons) {
    BoundStatement add(*session);
    add.Use("id", event.id);
    add.Use("party", party.id);
    add.Use("attendance", party.attendance);
    RunChange(add, std::string(kAddPerson));
  }
}

// The parties caller cannot read stay as stored, after those sent.
template <typename Party>
void KeepHidden(const std::vector<Party>& stored, const std::vector<Party>& readable, std::vector<Party>& next) {
  const auto has = [](const std::vector<Party>& list, int64_t id) {
    return std::any_of(list.begin(), list.end(), [id](const Party& p) { return p.id == id; });
  };
  for (const Party& party : stored) {
    if (!has(readable, party.id) && !has(next, party.id)) next.push_back(party);
  }
  std::sort(next.begin(), next.end(), [](const Party& a, const Party& b) { return a.id < b.id; });
}

std::string OrganisationsForAudit(const std::vector<EventOrganisation>& parties) {
  std::string text;
  for (const EventOrganisation& p : parties) {
    text += (text.empty() ? "" : ", ") + std::to_string(p.id) + " " + p.role + " " + p.attendance;
  }
  return text;
}

std::string PersonsForAudit(const std::vector<EventPerson>& parties) {
  std::string text;
  for (const EventPerson& p : parties) text += (text.empty() ? "" : ", ") + std::to_string(p.id) + " " + p.attendance;
  return text;
}

// What changed, for the audit log (the ids of the parties with their role and attendance).
std::vector<FieldChange> Changes(const Event& before, const Event& after, bool creating) {
  std::vector<FieldChange> changes;
  const auto compare = [&](const char* field, const std::optional<std::string>& b, const std::optional<std::string>& a) {
    const auto value = [](const std::optional<std::string>& v) { return v && !v->empty() ? v : std::nullopt; };
    if (creating ? value(a).has_value() : value(b) != value(a)) {
      changes.push_back({field, creating ? std::nullopt : value(b), value(a)});
    }
  };
  compare("visibility", std::string(VisibilityName(before.visibility)), std::string(VisibilityName(after.visibility)));
  compare("kind", before.kind, after.kind);
  compare("title", before.title, after.title);
  compare("theme", before.theme, after.theme);
  compare("description", before.description, after.description);
  compare("starts_at", before.starts_at, after.starts_at);
  compare("ends_at", before.ends_at, after.ends_at);
  compare("place", before.place, after.place);
  compare("departement", before.departement, after.departement);
  compare("organisations", OrganisationsForAudit(before.organisations), OrganisationsForAudit(after.organisations));
  compare("persons", PersonsForAudit(before.persons), PersonsForAudit(after.persons));
  return changes;
}

void Journal(Database::Lease& session, const Account& caller, const Event& e, const std::string& action,
             std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = e.network_id;
  entry.action = action;
  entry.record_type = "event";
  entry.record_id = e.id;
  entry.changes = std::move(changes);
  AppendAudit(*session, entry);
}

}  // namespace

Result<EventView> EventRepository::Create(const Account& caller, const EventDraft& draft) {
  ValidationErrors errors;
  ValidateEventDraft(draft, nullptr, errors);
  if (!errors.empty()) return errors.ToStatus();
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (Status known = CheckReferences(session, caller, draft, *draft.network_id); !known.ok()) return known;
  const std::string now = NowIsoUtc();
  Event created = ApplyDraft(Event{}, draft, now);
  created.id = ReserveIds(*session, database_.engine(), "event", 1).front();
  created.created_at = now;
  {
    BoundStatement insert(*session);
    insert.Use("id", created.id);
    insert.Use("network", created.network_id);
    BindColumns(insert, created, now);
    insert.UseOptional("by", caller.id != 0 ? std::optional<int64_t>(caller.id) : std::nullopt);
    RunChange(insert, std::string(kInsert));
  }
  std::sort(created.organisations.begin(), created.organisations.end(),
            [](const EventOrganisation& a, const EventOrganisation& b) { return a.id < b.id; });
  std::sort(created.persons.begin(), created.persons.end(),
            [](const EventPerson& a, const EventPerson& b) { return a.id < b.id; });
  WriteParties(session, created);
  Journal(session, caller, created, "create", Changes(Event{}, created, true));
  auto found = Readable(session, caller, created.id);
  transaction.Commit();
  return found;
}

Result<EventView> EventRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, caller, id);
}

Result<Page<EventView>> EventRepository::List(const Account& caller, const EventQuery& query) {
  std::string where = " WHERE " + ReadableBy("ev");
  std::vector<Binding> bindings = {CallerBinding(caller)};
  if (query.network_id) {
    where += " AND ev.network_id = :network";
    bindings.push_back({"network", *query.network_id});
  }
  if (query.organisation_id) {
    // Only through an organisation the caller may read: a private one is as unknown as a missing one.
    where += NamesReadableOrganisation("event_organisation", "event_id", "ev");
    bindings.push_back({"organisation", *query.organisation_id});
  }
  if (query.person_id) {
    where += NamesReadablePerson("event_person", "event_id", "ev");
    bindings.push_back({"person", *query.person_id});
  }
  if (query.kind) {
    where += " AND ev.kind = :kind";
    bindings.push_back({"kind", *query.kind});
  }
  // Dates against the start's local date and time: from the day's first minute, to its last.
  if (query.from) {
    where += " AND ev.starts_at >= :from";
    bindings.push_back({"from", *query.from + "T00:00"});
  }
  if (query.to) {
    where += " AND ev.starts_at <= :to";
    bindings.push_back({"to", *query.to + "T23:59"});
  }
  auto session = database_.Acquire();
  Page<EventView> page;
  page.request = query.page;
  page.total = RunScalar(session, std::string(kCount) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  page.items = Run(session, caller,
                   std::string(kColumns) + where + " ORDER BY ev.starts_at, ev.id LIMIT :limit OFFSET :offset", bindings,
                   kListedEventParties, &query);
  return page;
}

Result<EventView> EventRepository::Update(const Account& caller, int64_t id, const EventDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto found = Readable(session, caller, id);
  if (!found.ok()) return found;
  Event before = found.value().event;
  if (!WorksIn(caller, before.network_id)) {
    return Status::Forbidden("Cet événement appartient à un autre réseau : vous pouvez le consulter, pas le modifier.");
  }
  ReadStoredParties(session, id, before);
  ValidationErrors errors;
  ValidateEventDraft(draft, &before, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (Status known = CheckReferences(session, caller, draft, before.network_id); !known.ok()) return known;
  const std::string now = NowIsoUtc();
  Event after = ApplyDraft(before, draft, now);
  if (draft.organisations) KeepHidden(before.organisations, found.value().event.organisations, after.organisations);
  if (draft.persons) KeepHidden(before.persons, found.value().event.persons, after.persons);
  auto changes = Changes(before, after, false);
  if (!changes.empty()) {
    BoundStatement update(*session);
    BindColumns(update, after, now);
    update.Use("id", id);
    RunChange(update, std::string(kUpdate));
    if (draft.organisations || draft.persons) WriteParties(session, after);
    Journal(session, caller, after, "update", std::move(changes));
  }
  auto updated = Readable(session, caller, id);
  transaction.Commit();
  return updated;
}

Status EventRepository::Delete(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto found = Readable(session, caller, id);
  if (!found.ok()) return found.status();
  Event before = found.value().event;
  if (!WorksIn(caller, before.network_id)) {
    return Status::Forbidden("Cet événement appartient à un autre réseau : vous pouvez le consulter, pas le supprimer.");
  }
  ReadStoredParties(session, id, before);
  BoundStatement remove(*session);
  remove.Use("id", id);
  RunChange(remove, std::string(kDelete));
  Journal(session, caller, before, "delete", Changes(before, Event{}, false));
  transaction.Commit();
  return Status::Ok();
}

}  // namespace rrma
