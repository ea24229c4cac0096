#include "storage/pipeline/interaction_repository.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "domain/access.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
#include "storage/pipeline/attachment_repository.h"
#include "storage/pipeline/dormant_relations.h"
#include "storage/record_parties.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

// Followed by the caller's read condition of the event (an event the reader may not read is not named).
constexpr std::string_view kColumnsUntilEvent =
    "SELECT i.id, i.network_id, n.name, i.visibility, i.happened_on, i.type, i.subject, i.notes, i.next_action,"
    " i.next_action_due, i.next_action_owner_id, ow.email, i.next_action_done_at, i.created_by, au.email,"
    " i.created_at, i.updated_at, ev.id, ev.title, ev.starts_at FROM interaction i JOIN network n ON n.id = i.network_id"
    " LEFT JOIN app_user ow ON ow.id = i.next_action_owner_id LEFT JOIN app_user au ON au.id = i.created_by"
    " LEFT JOIN event ev ON ev.id = i.event_id AND ";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM interaction i";
// Followed by the interactions' ids as bound parameters, ") AND " and the caller's read condition.
constexpr std::string_view kOrganisations =
    "SELECT io.interaction_id, o.id, o.name FROM interaction_organisation io JOIN organisation o"
    " ON o.id = io.organisation_id WHERE io.interaction_id IN (";
constexpr std::string_view kPersons =
    "SELECT ip.interaction_id, p.id, p.given_name, p.family_name FROM interaction_person ip JOIN person p"
    " ON p.id = ip.person_id WHERE ip.interaction_id IN (";
constexpr std::string_view kEventNetwork = "SELECT ev.network_id FROM event ev WHERE ev.id = :id AND ";
constexpr std::string_view kNetworkExists = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kTeamMember =
    "SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id WHERE u.id = :owner AND u.active = 1"
    " AND ur.role IN ('network_staff', 'network_admin') AND ur.network_id = :network";
constexpr std::string_view kInsert =
    "INSERT INTO interaction (id, network_id, visibility, happened_on, type, subject, notes, next_action,"
    " next_action_due, next_action_owner_id, next_action_done_at, event_id, created_by, created_at, updated_at)"
    " VALUES (:id, :network, :visibility, :date, :type, :subject, :notes, :action, :due, :owner, :done, :event, :by,"
    " :now, :now)";
constexpr std::string_view kUpdate =
    "UPDATE interaction SET visibility = :visibility, happened_on = :date, type = :type, subject = :subject,"
    " notes = :notes, next_action = :action, next_action_due = :due, next_action_owner_id = :owner,"
    " next_action_done_at = :done, event_id = :event, updated_at = :now WHERE id = :id";
constexpr std::string_view kDelete = "DELETE FROM interaction WHERE id = :id";
// A new list of parties replaces those the writer may read; the others stay (followed by the
// caller's read condition and ")").
constexpr std::string_view kDeleteOrganisations =
    "DELETE FROM interaction_organisation WHERE interaction_id = :id AND organisation_id IN"
    " (SELECT o.id FROM organisation o WHERE ";
constexpr std::string_view kDeletePersons =
    "DELETE FROM interaction_person WHERE interaction_id = :id AND person_id IN (SELECT p.id FROM person p WHERE ";
constexpr std::string_view kAddOrganisation =
    "INSERT INTO interaction_organisation (interaction_id, organisation_id) VALUES (:id, :organisation)";
constexpr std::string_view kAddPerson = "INSERT INTO interaction_person (interaction_id, person_id) VALUES (:id, :person)";
constexpr std::string_view kStoredParties =
    "SELECT organisation_id FROM interaction_organisation WHERE interaction_id = :id ORDER BY organisation_id";
constexpr std::string_view kStoredPersons =
    "SELECT person_id FROM interaction_person WHERE interaction_id = :id ORDER BY person_id";
// Dormant: past « non contactée », not moved since `since`, and no interaction of the network
// with the collectivité since then; the date of the last one, if any.
const std::string kDormant =
    "SELECT d.id, d.name, d.insee_code, d.category, d.population, d.departement_code, d.stage, d.last_on FROM ("
    "SELECT o.id, o.name, o.insee_code, o.category, o.population, o.departement_code, ps.stage,"
    " (SELECT MAX(i.happened_on) FROM " + kCollectiviteInteractions + ") AS last_on"
    " FROM pipeline_stage ps JOIN organisation o ON o.id = ps.organisation_id"
    " WHERE ps.network_id = :network AND " + kDormantRelation +
    ") d ORDER BY (d.last_on IS NOT NULL), d.last_on, d.name LIMIT 200";

Status UnknownInteraction(int64_t id) {
  return Status::NotFound("Aucun compte rendu ne porte l'identifiant " + std::to_string(id) + ".");
}

class InteractionRow {
 public:
  explicit InteractionRow(soci::session& session) : statement(session), row(statement.statement()) {
    id_ = row.Integer();
    network_ = row.Integer();
    network_name_ = row.Text();
    visibility_ = row.Text();
    date_ = row.Text();
    type_ = row.Text();
    subject_ = row.Text();
    notes_ = row.Text();
    action_ = row.Text();
    due_ = row.Text();
    owner_ = row.Integer();
    owner_email_ = row.Text();
    done_ = row.Text();
    author_ = row.Integer();
    author_email_ = row.Text();
    created_ = row.Text();
    updated_ = row.Text();
    event_ = row.Integer();
    event_title_ = row.Text();
    event_start_ = row.Text();
  }

  InteractionView Read() const {
    InteractionView view;
    Interaction& i = view.interaction;
    i.id = row.IntegerOr(id_);
    i.network_id = row.IntegerOr(network_);
    i.network_name = row.TextOr(network_name_);
    i.visibility = ParseVisibility(row.TextOr(visibility_)).value_or(Visibility::kPrivate);
    i.date = row.TextOr(date_);
    i.type = row.TextOr(type_);
    i.subject = row.TextOr(subject_);
    i.notes = row.TextOr(notes_);
    if (auto action = row.OptionalText(action_)) {
      i.next_action = NextAction{*action, row.OptionalText(due_), row.OptionalInteger(owner_), row.OptionalText(done_)};
      if (i.next_action->owner_id) view.owner = AccountRef{*i.next_action->owner_id, row.TextOr(owner_email_)};
    }
    i.created_by = row.OptionalInteger(author_);
    if (i.created_by) view.author = AccountRef{*i.created_by, row.TextOr(author_email_)};
    i.created_at = row.TextOr(created_);
    i.updated_at = row.TextOr(updated_);
    if (auto event = row.OptionalInteger(event_)) {
      i.event_id = *event;
      view.event = EventRef{*event, row.TextOr(event_title_), row.TextOr(event_start_)};
    }
    return view;
  }

  BoundStatement statement;
  RowReader row;

 private:
  size_t id_, network_, network_name_, visibility_, date_, type_, subject_, notes_, action_, due_, owner_, owner_email_,
      done_, author_, author_email_, created_, updated_, event_, event_title_, event_start_;
};

std::string Columns() { return std::string(kColumnsUntilEvent) + ReadableBy("ev"); }

// The organisations and persons of the interactions that caller may read, and the flags: two
// queries for the whole list, whatever its length.
void Complete(Database::Lease& session, const Account& caller, std::vector<InteractionView>& views,
              const std::string& today) {
  if (views.empty()) return;
  std::unordered_map<int64_t, InteractionView*> by_id;
  std::vector<int64_t> ids;
  for (InteractionView& view : views) {
    view.organisations.clear();
    view.persons.clear();
    by_id[view.interaction.id] = &view;
    ids.push_back(view.interaction.id);
  }
  std::vector<Binding> bindings = {CallerBinding(caller)};
  const std::string in = InList(ids, bindings);
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t interaction = row.Integer(), oid = row.Integer(), name = row.Text();
    select.Use(bindings);
    select.Execute(std::string(kOrganisations) + in + ") AND " + ReadableBy("o") + " ORDER BY o.name, o.id");
    while (select.Fetch()) by_id.at(row.IntegerOr(interaction))->organisations.push_back({row.IntegerOr(oid), row.TextOr(name)});
  }
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t interaction = row.Integer(), pid = row.Integer(), given = row.Text(), family = row.Text();
    select.Use(bindings);
    select.Execute(std::string(kPersons) + in + ") AND " + ReadableBy("p") + " ORDER BY p.family_name, p.given_name, p.id");
    while (select.Fetch()) {
      by_id.at(row.IntegerOr(interaction))
          ->persons.push_back({row.IntegerOr(pid), PersonDisplayName(row.TextOr(given), row.TextOr(family))});
    }
  }
  auto attachments = AttachmentRepository::Of(session, ids);
  for (InteractionView& view : views) {
    view.interaction.organisation_ids.clear();
    for (const PartyRef& o : view.organisations) view.interaction.organisation_ids.push_back(o.id);
    view.interaction.person_ids.clear();
    for (const PartyRef& p : view.persons) view.interaction.person_ids.push_back(p.id);
    view.overdue = view.interaction.next_action && IsOverdue(*view.interaction.next_action, today);
    if (auto found = attachments.find(view.interaction.id); found != attachments.end()) view.attachments = found->second;
  }
}

std::string Today() { return NowIsoUtc().substr(0, 10); }

std::vector<InteractionView> Run(Database::Lease& session, const Account& caller, const std::string& sql,
                                 const std::vector<Binding>& bindings) {
  std::vector<InteractionView> found;
  {
    InteractionRow query(*session);
    query.statement.Use(bindings);
    query.statement.Execute(sql);
    while (query.statement.Fetch()) found.push_back(query.Read());
  }
  Complete(session, caller, found, Today());
  return found;
}

Result<InteractionView> Readable(Database::Lease& session, const Account& caller, int64_t id) {
  auto found = Run(session, caller, Columns() + " WHERE i.id = :id AND " + ReadableBy("i"),
                   {{"id", id}, CallerBinding(caller)});
  if (found.empty()) return UnknownInteraction(id);
  return found.front();
}

// What the draft names must exist for caller: the network, its team member, the organisations
// and persons (NotFound, as if absent, when caller may not read them).
Status CheckReferences(Database::Lease& session, const Account& caller, const InteractionDraft& draft,
                       int64_t network_id) {
  if (!RunScalar(session, std::string(kNetworkExists), {{"id", network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(network_id) + ".");
  }
  if (!WorksIn(caller, network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y écrire de compte rendu.");
  }
  if (draft.organisation_ids) {
    if (Status known = CheckReadableOrganisations(session, caller, *draft.organisation_ids); !known.ok()) return known;
  }
  if (draft.person_ids) {
    if (Status known = CheckReadablePersons(session, caller, *draft.person_ids); !known.ok()) return known;
  }
  if (draft.event_id && *draft.event_id) {
    const int64_t event = **draft.event_id;
    auto owner = RunScalar(session, std::string(kEventNetwork) + ReadableBy("ev"), {{"id", event}, CallerBinding(caller)});
    if (!owner) return Status::NotFound("Aucun événement ne porte l'identifiant " + std::to_string(event) + ".");
    if (*owner != network_id) {
      return Status::Invalid("event_id", "Cet événement appartient à un autre réseau que le compte rendu.");
    }
  }
  if (draft.next_action && *draft.next_action && (*draft.next_action)->owner_id &&
      !RunScalar(session, std::string(kTeamMember), {{"owner", *(*draft.next_action)->owner_id}, {"network", network_id}})) {
    return Status::Invalid("next_action.owner_id", "Ce compte ne fait pas partie de l'équipe du réseau.");
  }
  return Status::Ok();
}

void BindColumns(BoundStatement& statement, const Interaction& i, const std::string& now) {
  statement.Use("visibility", std::string(VisibilityName(i.visibility)));
  statement.Use("date", i.date);
  statement.Use("type", i.type);
  statement.Use("subject", i.subject);
  statement.Use("notes", i.notes);
  statement.UseOptional("action", i.next_action ? std::optional(i.next_action->description) : std::nullopt);
  statement.UseOptional("due", i.next_action ? i.next_action->due_date : std::nullopt);
  statement.UseOptional("owner", i.next_action ? i.next_action->owner_id : std::nullopt);
  statement.UseOptional("done", i.next_action ? i.next_action->done_at : std::nullopt);
  statement.UseOptional("event", i.event_id);
  statement.Use("now", now);
}

void WriteParties(Database::Lease& session, const Account& caller, int64_t id, const InteractionDraft& draft) {
  if (draft.organisation_ids) {
    BoundStatement clear(*session);
    clear.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
    RunChange(clear, std::string(kDeleteOrganisations) + ReadableBy("o") + ")");
    for (int64_t organisation : *draft.organisation_ids) {
      BoundStatement add(*session);
      add.Use("id", id);
      add.Use("organisation", organisation);
      RunChange(add, std::string(kAddOrganisation));
    }
  }
  if (draft.person_ids) {
    BoundStatement clear(*session);
    clear.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
    RunChange(clear, std::string(kDeletePersons) + ReadableBy("p") + ")");
    for (int64_t person : *draft.person_ids) {
      BoundStatement add(*session);
      add.Use("id", id);
      add.Use("person", person);
      RunChange(add, std::string(kAddPerson));
    }
  }
}

// What changed, for the audit log (the ids of the parties, not their names).
std::vector<FieldChange> Changes(const Interaction& before, const Interaction& after, bool creating) {
  std::vector<FieldChange> changes;
  const auto compare = [&](const char* field, const std::optional<std::string>& b, const std::optional<std::string>& a) {
    if (creating ? a.has_value() : b != a) changes.push_back({field, creating ? std::nullopt : b, a});
  };
  compare("visibility", std::string(VisibilityName(before.visibility)), std::string(VisibilityName(after.visibility)));
  compare("date", before.date, after.date);
  compare("type", before.type, after.type);
  compare("subject", before.subject, after.subject);
  compare("notes", before.notes.empty() ? std::nullopt : std::optional(before.notes),
          after.notes.empty() ? std::nullopt : std::optional(after.notes));
  compare("organisation_ids", JoinIds(before.organisation_ids), JoinIds(after.organisation_ids));
  if (!after.person_ids.empty() || !before.person_ids.empty()) {
    compare("person_ids", JoinIds(before.person_ids), JoinIds(after.person_ids));
  }
  const auto action = [](const Interaction& i) {
    return i.next_action ? std::optional(i.next_action->description) : std::nullopt;
  };
  const auto due = [](const Interaction& i) { return i.next_action ? i.next_action->due_date : std::nullopt; };
  const auto done = [](const Interaction& i) { return i.next_action ? i.next_action->done_at : std::nullopt; };
  compare("next_action", action(before), action(after));
  compare("next_action_due", due(before), due(after));
  compare("next_action_done_at", done(before), done(after));
  const auto event = [](const Interaction& i) { return i.event_id ? std::optional(std::to_string(*i.event_id)) : std::nullopt; };
  compare("event_id", event(before), event(after));
  return changes;
}

void Journal(Database::Lease& session, const Account& caller, const Interaction& i, const std::string& action,
             std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = i.network_id;
  entry.action = action;
  entry.record_type = "interaction";
  entry.record_id = i.id;
  entry.changes = std::move(changes);
  AppendAudit(*session, entry);
}

}  // namespace

Result<InteractionView> InteractionRepository::Create(const Account& caller, const InteractionDraft& draft) {
  ValidationErrors errors;
  ValidateInteractionDraft(draft, nullptr, errors);
  if (!errors.empty()) return errors.ToStatus();
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (Status known = CheckReferences(session, caller, draft, *draft.network_id); !known.ok()) return known;
  const std::string now = NowIsoUtc();
  Interaction created = ApplyDraft(Interaction{}, draft, now);
  created.id = ReserveIds(*session, database_.engine(), "interaction", 1).front();
  created.created_at = now;
  {
    BoundStatement insert(*session);
    insert.Use("id", created.id);
    insert.Use("network", created.network_id);
    BindColumns(insert, created, now);
    insert.UseOptional("by", caller.id != 0 ? std::optional<int64_t>(caller.id) : std::nullopt);
    RunChange(insert, std::string(kInsert));
  }
  WriteParties(session, caller, created.id, draft);
  RaisePipelineGeneration(*session);
  Journal(session, caller, created, "create", Changes(Interaction{}, created, true));
  auto found = Readable(session, caller, created.id);
  transaction.Commit();
  return found;
}

Result<InteractionView> InteractionRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, caller, id);
}

Result<Page<InteractionView>> InteractionRepository::List(const Account& caller, const InteractionQuery& query) {
  std::string where = " WHERE " + ReadableBy("i");
  std::vector<Binding> bindings = {CallerBinding(caller)};
  if (query.network_id) {
    where += " AND i.network_id = :network";
    bindings.push_back({"network", *query.network_id});
  }
  if (query.organisation_id) {
    // Only through an organisation the caller may read: a private one is as unknown as a missing one.
    where += NamesReadableOrganisation("interaction_organisation", "interaction_id", "i");
    bindings.push_back({"organisation", *query.organisation_id});
  }
  if (query.person_id) {
    where += NamesReadablePerson("interaction_person", "interaction_id", "i");
    bindings.push_back({"person", *query.person_id});
  }
  if (query.event_id) {
    where += " AND i.event_id = :event";
    bindings.push_back({"event", *query.event_id});
  }
  if (query.type) {
    where += " AND i.type = :type";
    bindings.push_back({"type", *query.type});
  }
  if (query.from) {
    where += " AND i.happened_on >= :from";
    bindings.push_back({"from", *query.from});
  }
  if (query.to) {
    where += " AND i.happened_on <= :to";
    bindings.push_back({"to", *query.to});
  }
  auto session = database_.Acquire();
  Page<InteractionView> page;
  page.request = query.page;
  page.total = RunScalar(session, std::string(kCount) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  page.items = Run(session, caller, Columns() + where +
                                        " ORDER BY i.happened_on DESC, i.id DESC LIMIT :limit OFFSET :offset",
                   bindings);
  return page;
}

Result<InteractionView> InteractionRepository::Update(const Account& caller, int64_t id, const InteractionDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto found = Readable(session, caller, id);
  if (!found.ok()) return found;
  Interaction before = found.value().interaction;
  if (!WorksIn(caller, before.network_id)) {
    return Status::Forbidden("Ce compte rendu appartient à un autre réseau : vous pouvez le consulter, pas le modifier.");
  }
  // The parties as stored, the ones caller cannot read included.
  before.organisation_ids = IdsOf(session, kStoredParties, id);
  before.person_ids = IdsOf(session, kStoredPersons, id);
  ValidationErrors errors;
  ValidateInteractionDraft(draft, &before, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (Status known = CheckReferences(session, caller, draft, before.network_id); !known.ok()) return known;
  const std::string now = NowIsoUtc();
  Interaction after = ApplyDraft(before, draft, now);
  // The parties caller cannot read stay: they belong to the new list as stored.
  const auto keep_hidden = [](const std::vector<int64_t>& stored, const std::vector<int64_t>& readable,
                              std::vector<int64_t>& next) {
    for (int64_t id : stored) {
      if (std::find(readable.begin(), readable.end(), id) == readable.end() &&
          std::find(next.begin(), next.end(), id) == next.end()) {
        next.push_back(id);
      }
    }
  };
  if (draft.organisation_ids) keep_hidden(before.organisation_ids, found.value().interaction.organisation_ids, after.organisation_ids);
  if (draft.person_ids) keep_hidden(before.person_ids, found.value().interaction.person_ids, after.person_ids);
  std::sort(after.organisation_ids.begin(), after.organisation_ids.end());
  std::sort(after.person_ids.begin(), after.person_ids.end());
  auto changes = Changes(before, after, false);
  if (!changes.empty()) {
    BoundStatement update(*session);
    BindColumns(update, after, now);
    update.Use("id", id);
    RunChange(update, std::string(kUpdate));
    WriteParties(session, caller, id, draft);
    RaisePipelineGeneration(*session);
    Journal(session, caller, after, "update", std::move(changes));
  }
  auto updated = Readable(session, caller, id);
  transaction.Commit();
  return updated;
}

Status InteractionRepository::Delete(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto found = Readable(session, caller, id);
  if (!found.ok()) return found.status();
  const Interaction& before = found.value().interaction;
  if (!WorksIn(caller, before.network_id)) {
    return Status::Forbidden("Ce compte rendu appartient à un autre réseau : vous pouvez le consulter, pas le supprimer.");
  }
  BoundStatement remove(*session);
  remove.Use("id", id);
  RunChange(remove, std::string(kDelete));
  RaisePipelineGeneration(*session);
  Journal(session, caller, before, "delete", Changes(before, Interaction{}, false));
  transaction.Commit();
  return Status::Ok();
}

Relances InteractionRepository::RelancesOf(const Account& caller, const std::string& today, const std::string& since) {
  Relances relances;
  auto session = database_.Acquire();
  const std::string mine = Columns() + " WHERE i.next_action_owner_id = :me AND i.next_action IS NOT NULL"
                           " AND i.next_action_done_at IS NULL AND " + ReadableBy("i");
  relances.overdue = Run(session, caller, mine + " AND i.next_action_due < :today ORDER BY i.next_action_due, i.id LIMIT 200",
                         {{"me", caller.id}, {"today", today}, CallerBinding(caller)});
  relances.upcoming = Run(session, caller,
                          mine + " AND (i.next_action_due IS NULL OR i.next_action_due >= :today)"
                                 " ORDER BY (i.next_action_due IS NULL), i.next_action_due, i.id LIMIT 200",
                          {{"me", caller.id}, {"today", today}, CallerBinding(caller)});
  std::set<int64_t> networks;
  for (const RoleGrant& grant : caller.roles) {
    if (grant.network_id && (grant.role == Role::kNetworkAdmin || grant.role == Role::kNetworkStaff)) {
      networks.insert(*grant.network_id);
    }
  }
  for (int64_t network : networks) {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer(), name = row.Text(), insee = row.Text(), category = row.Text(),
                 population = row.Integer(), departement = row.Text(), stage = row.Text(), last = row.Text();
    select.Use(std::vector<Binding>{{"network", network}, {"since", since}});
    select.Execute(kDormant);
    while (select.Fetch()) {
      relances.dormant.push_back(
          {network,
           {row.IntegerOr(id), row.TextOr(name), row.OptionalText(insee), row.OptionalText(category),
            row.OptionalInteger(population), row.OptionalText(departement)},
           ParsePipelineStage(row.TextOr(stage)).value_or(PipelineStage::kNonContactee),
           row.OptionalText(last)});
    }
  }
  return relances;
}

}  // namespace rrma
