#include "storage/person_repository.h"

#include "domain/access.h"
#include "domain/search_text.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kPersonColumns =
    "SELECT p.id, p.network_id, n.name, p.visibility, p.given_name, p.family_name, p.email, p.phone, p.notes,"
    " p.erased_at, p.created_at, p.updated_at FROM person p JOIN network n ON n.id = p.network_id";
constexpr std::string_view kCountPersons = "SELECT COUNT(*) FROM person p";
constexpr std::string_view kByName = " ORDER BY p.search_name, p.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kWhereId = " WHERE p.id = :id AND ";
constexpr std::string_view kInNetwork = " AND p.network_id = :network";
constexpr std::string_view kAtOrganisation =
    " AND EXISTS (SELECT 1 FROM person_position w WHERE w.person_id = p.id AND w.organisation_id = :organisation)";
constexpr std::string_view kSelectPositions =
    "SELECT pp.id, pp.organisation_id, o.name, o.category, pp.kind, pp.title, pp.start_date, pp.end_date"
    " FROM person_position pp JOIN organisation o ON o.id = pp.organisation_id WHERE pp.person_id = :id"
    " ORDER BY (pp.start_date IS NULL), pp.start_date DESC, pp.id";  // undated last on both engines
constexpr std::string_view kSelectNetwork = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kSelectOrganisation =
    "SELECT name, category FROM organisation WHERE id = :id AND visibility = 'public'";
constexpr std::string_view kInsertPerson =
    "INSERT INTO person (network_id, visibility, given_name, family_name, search_name, search_contacts, email,"
    " phone, notes, created_at, updated_at) VALUES (:network, :visibility, :given, :family, :search, :contacts,"
    " :email, :phone, :notes, :now, :now) RETURNING id";
constexpr std::string_view kUpdatePerson =
    "UPDATE person SET visibility = :visibility, given_name = :given, family_name = :family, search_name = :search,"
    " search_contacts = :contacts, email = :email, phone = :phone, notes = :notes, erased_at = :erased,"
    " updated_at = :now WHERE id = :id";
constexpr std::string_view kDeletePositions = "DELETE FROM person_position WHERE person_id = :id";
constexpr std::string_view kInsertPosition =
    "INSERT INTO person_position (person_id, organisation_id, kind, title, start_date, end_date)"
    " VALUES (:person, :organisation, :kind, :title, :start, :end)";
constexpr std::string_view kDeletePerson = "DELETE FROM person WHERE id = :id";

class PersonReader {
 public:
  explicit PersonReader(soci::statement& statement) : row_(statement) {
    id_ = row_.Integer();
    network_id_ = row_.Integer();
    network_name_ = row_.Text();
    visibility_ = row_.Text();
    given_ = row_.Text();
    family_ = row_.Text();
    email_ = row_.Text();
    phone_ = row_.Text();
    notes_ = row_.Text();
    erased_ = row_.Text();
    created_ = row_.Text();
    updated_ = row_.Text();
  }

  Person Read() const {
    Person person;
    person.id = row_.IntegerOr(id_);
    person.network_id = row_.IntegerOr(network_id_);
    person.network_name = row_.TextOr(network_name_);
    person.visibility = ParseVisibility(row_.TextOr(visibility_)).value_or(Visibility::kPrivate);
    person.given_name = row_.TextOr(given_);
    person.family_name = row_.TextOr(family_);
    person.email = row_.OptionalText(email_);
    person.phone = row_.OptionalText(phone_);
    person.notes = row_.TextOr(notes_);
    person.erased_at = row_.OptionalText(erased_);
    person.created_at = row_.TextOr(created_);
    person.updated_at = row_.TextOr(updated_);
    return person;
  }

 private:
  RowReader row_;
  size_t id_, network_id_, network_name_, visibility_, given_, family_, email_, phone_, notes_, erased_, created_,
      updated_;
};

struct PersonQueryStatement {
  explicit PersonQueryStatement(soci::session& session) : statement(session), reader(statement.statement()) {}
  BoundStatement statement;
  PersonReader reader;
};

struct PositionQuery {
  explicit PositionQuery(soci::session& session) : statement(session), row(statement.statement()) {
    id = row.Integer();
    organisation_id = row.Integer();
    organisation_name = row.Text();
    organisation_category = row.Text();
    kind = row.Text();
    title = row.Text();
    start_date = row.Text();
    end_date = row.Text();
  }
  BoundStatement statement;
  RowReader row;
  size_t id, organisation_id, organisation_name, organisation_category, kind, title, start_date, end_date;
};

std::vector<Person> RunPersons(Database::Lease& session, const std::string& sql, const std::vector<Binding>& bindings) {
  auto& query = session.Cached<PersonQueryStatement>(sql);
  query.statement.Use(bindings);
  query.statement.Execute(sql);
  std::vector<Person> persons;
  while (query.statement.Fetch()) persons.push_back(query.reader.Read());
  return persons;
}

void ReadPositions(Database::Lease& session, Person& person) {
  static const std::string kSql(kSelectPositions);
  auto& query = session.Cached<PositionQuery>(kSql);
  query.statement.Use("id", person.id);
  query.statement.Execute(kSql);
  person.positions.clear();
  while (query.statement.Fetch()) {
    Position position;
    position.id = query.row.IntegerOr(query.id);
    position.organisation_id = query.row.IntegerOr(query.organisation_id);
    position.organisation_name = query.row.TextOr(query.organisation_name);
    position.organisation_category = query.row.OptionalText(query.organisation_category);
    position.kind = query.row.TextOr(query.kind);
    position.title = query.row.OptionalText(query.title);
    position.start_date = query.row.OptionalText(query.start_date);
    position.end_date = query.row.OptionalText(query.end_date);
    person.positions.push_back(std::move(position));
  }
}

Status UnknownPerson(int64_t id) {
  return Status::NotFound("Aucune personne ne porte l'identifiant " + std::to_string(id) + ".");
}

// How a person is read: to show it, or to change it (then its row stays locked until commit,
// so that concurrent changes, deletion and erasure apply one after the other).
enum class Purpose { kShow, kChange };

// The person if caller may read it, with its positions, as caller may see it; NotFound otherwise.
Result<Person> Readable(Database::Lease& session, Engine engine, const Account& caller, int64_t id,
                        Purpose purpose = Purpose::kShow) {
  std::string sql = std::string(kPersonColumns) + std::string(kWhereId) + ReadableBy("p");
  if (purpose == Purpose::kChange) sql = ForEngine(engine, sql + "{{lock_person}}");
  auto persons = RunPersons(session, sql, {{"id", id}, CallerBinding(caller)});
  if (persons.empty()) return UnknownPerson(id);
  ReadPositions(session, persons.front());
  return purpose == Purpose::kShow ? AsSeenBy(persons.front(), caller) : persons.front();
}

// Ok when every position names an organisation of the directory, whose name and category are
// then filled in; Invalid naming each position that does not.
Status CheckOrganisations(Database::Lease& session, std::vector<Position>& positions) {
  ValidationErrors errors;
  for (size_t i = 0; i < positions.size(); ++i) {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t name = row.Text();
    const size_t category = row.Text();
    select.Use("id", positions[i].organisation_id);
    select.Execute(std::string(kSelectOrganisation));
    bool found = false;
    while (select.Fetch()) {
      found = true;
      positions[i].organisation_name = row.TextOr(name);
      positions[i].organisation_category = row.OptionalText(category);
    }
    if (!found) {
      errors.Add("positions[" + std::to_string(i) + "].organisation_id",
                 "Aucune organisation ne porte l'identifiant " + std::to_string(positions[i].organisation_id) + ".");
    }
  }
  return errors.ToStatus();
}

void WritePositions(soci::session& session, const Person& person) {
  {
    BoundStatement clear(session);
    clear.Use("id", person.id);
    RunChange(clear, std::string(kDeletePositions));
  }
  for (const Position& position : person.positions) {
    BoundStatement insert(session);
    insert.Use("person", person.id);
    insert.Use("organisation", position.organisation_id);
    insert.Use("kind", position.kind);
    insert.UseOptional("title", position.title);
    insert.UseOptional("start", position.start_date);
    insert.UseOptional("end", position.end_date);
    RunChange(insert, std::string(kInsertPosition));
  }
}

void WritePerson(soci::session& session, const Person& person, const std::string& now) {
  BoundStatement update(session);
  update.Use("visibility", std::string(VisibilityName(person.visibility)));
  update.Use("given", person.given_name);
  update.Use("family", person.family_name);
  update.Use("search", SearchableNames(person));
  update.Use("contacts", SearchableContacts(person));
  update.UseOptional("email", person.email);
  update.UseOptional("phone", person.phone);
  update.Use("notes", person.notes);
  update.UseOptional("erased", person.erased_at);
  update.Use("now", now);
  update.Use("id", person.id);
  RunChange(update, std::string(kUpdatePerson));
}

AuditEntry EntryAbout(const Account& caller, const Person& person, std::string action,
                      std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = person.network_id;
  entry.action = std::move(action);
  entry.record_type = "person";
  entry.record_id = person.id;
  entry.changes = std::move(changes);
  return entry;
}

// The person, locked, if caller may change it; NotFound when unreadable, Forbidden when only readable.
Result<Person> Writable(Database::Lease& session, Engine engine, const Account& caller, int64_t id) {
  auto person = Readable(session, engine, caller, id, Purpose::kChange);
  if (!person.ok()) return person;
  if (!WorksIn(caller, person.value().network_id)) {
    return Status::Forbidden("Cette personne appartient à un autre réseau : vous pouvez la consulter, pas la modifier.");
  }
  return person;
}

// The person, locked, if caller administers its network; NotFound or Forbidden as Writable.
Result<Person> Administered(Database::Lease& session, Engine engine, const Account& caller, int64_t id) {
  auto person = Readable(session, engine, caller, id, Purpose::kChange);
  if (!person.ok()) return person;
  if (!Administers(caller, person.value().network_id)) {
    return Status::Forbidden("L'export, l'effacement et l'historique sont réservés aux administrateurs du réseau.");
  }
  return person;
}

// The condition that a person matches one word of a search, binding its values under names
// starting with prefix: the word is in the names, in one of its forms (search_text.h), or in the
// contacts when the caller is shown them.
std::string Matching(const std::string& word, const std::string& prefix, std::vector<Binding>& bindings) {
  const auto like = [&](std::string_view column, const std::string& text) {
    const std::string name = prefix + "_" + std::to_string(bindings.size());
    bindings.push_back({name, LikeContainsPattern(text)});
    return std::string(column) + " LIKE :" + name + " ESCAPE '!'";
  };
  const SearchWordForms forms = FormsOfSearchWord(word);
  std::string condition;
  for (const std::string& part : forms.prefixes) condition += like("p.search_name", part) + " OR ";
  for (const std::string& whole : forms.words) {
    condition += like("(' ' || p.search_name || ' ')", " " + whole + " ") + " OR ";
  }
  return "(" + condition + "(" + like("p.search_contacts", word) + " AND " + ContactsReadableBy("p") + "))";
}

}  // namespace

Page<Person> PersonRepository::List(const Account& caller, const PersonQuery& query) {
  std::string where = " WHERE " + ReadableBy("p");
  std::vector<Binding> bindings = {CallerBinding(caller)};
  if (query.text) {
    const auto words = SearchWords(NormaliseForSearch(*query.text));
    // Text made only of punctuation or symbols can match no name (as in the directory).
    if (words.empty() && query.text->find_first_not_of(" \t") != std::string::npos) {
      Page<Person> none;
      none.request = query.page;
      return none;
    }
    for (size_t i = 0; i < words.size(); ++i) where += " AND " + Matching(words[i], "w" + std::to_string(i), bindings);
  }
  if (query.network_id) {
    where += kInNetwork;
    bindings.push_back({"network", *query.network_id});
  }
  if (query.organisation_id) {
    where += kAtOrganisation;
    bindings.push_back({"organisation", *query.organisation_id});
  }
  auto session = database_.Acquire();
  ReadTransaction snapshot(session, database_.engine());
  Page<Person> page;
  page.request = query.page;
  page.total = RunScalar(session, std::string(kCountPersons) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  page.items = RunPersons(session, std::string(kPersonColumns) + where + std::string(kByName), bindings);
  for (Person& person : page.items) {
    ReadPositions(session, person);
    person = AsSeenBy(std::move(person), caller);
  }
  return page;
}

Result<Person> PersonRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, database_.engine(), caller, id);
}

Result<Person> PersonRepository::Create(const Account& caller, const PersonDraft& draft) {
  ValidationErrors errors;
  ValidatePersonDraft(draft, true, errors);
  if (!errors.empty()) return errors.ToStatus();
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (!RunScalar(session, std::string(kSelectNetwork), {{"id", *draft.network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*draft.network_id) + ".");
  }
  if (!WorksIn(caller, *draft.network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer de personne.");
  }
  Person person = ApplyDraft(Person{}, draft);
  if (Status known = CheckOrganisations(session, person.positions); !known.ok()) return known;
  const std::string now = NowIsoUtc();
  {
    BoundStatement insert(*session);
    RowReader row(insert.statement());
    const size_t id = row.Integer();
    insert.Use("network", person.network_id);
    insert.Use("visibility", std::string(VisibilityName(person.visibility)));
    insert.Use("given", person.given_name);
    insert.Use("family", person.family_name);
    insert.Use("search", SearchableNames(person));
    insert.Use("contacts", SearchableContacts(person));
    insert.UseOptional("email", person.email);
    insert.UseOptional("phone", person.phone);
    insert.Use("notes", person.notes);
    insert.Use("now", now);
    insert.Execute(std::string(kInsertPerson));
    while (insert.Fetch()) person.id = row.IntegerOr(id);
  }
  WritePositions(*session, person);
  AppendAudit(*session, EntryAbout(caller, person, "create", PersonChanges(Person{}, person)));
  auto created = Readable(session, database_.engine(), caller, person.id);
  transaction.Commit();
  return created;
}

Result<Person> PersonRepository::Update(const Account& caller, int64_t id, const PersonDraft& draft) {
  ValidationErrors errors;
  ValidatePersonDraft(draft, false, errors);
  if (!errors.empty()) return errors.ToStatus();
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto before = Writable(session, database_.engine(), caller, id);
  if (!before.ok()) return before;
  if (before.value().erased_at) return Status::Conflict("Cette personne a été effacée : sa fiche ne change plus.");
  Person after = ApplyDraft(before.value(), draft);
  if (draft.positions) {
    if (Status known = CheckOrganisations(session, after.positions); !known.ok()) return known;
  }
  auto changes = PersonChanges(before.value(), after);
  if (!changes.empty()) {
    WritePerson(*session, after, NowIsoUtc());
    if (draft.positions) WritePositions(*session, after);
    AppendAudit(*session, EntryAbout(caller, after, "update", std::move(changes)));
  }
  auto updated = Readable(session, database_.engine(), caller, id);
  transaction.Commit();
  return updated;
}

Status PersonRepository::Delete(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto person = Administered(session, database_.engine(), caller, id);
  if (!person.ok()) return person.status();
  BoundStatement remove(*session);
  remove.Use("id", id);
  RunChange(remove, std::string(kDeletePerson));
  RedactPersonalValues(*session, "person", id);
  AppendAudit(*session, EntryAbout(caller, person.value(), "delete", {}));
  transaction.Commit();
  PurgeErasedValues(*session, database_.engine());
  return Status::Ok();
}

Result<Person> PersonRepository::Erase(const Account& caller, int64_t id, const std::string& now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto person = Administered(session, database_.engine(), caller, id);
  if (!person.ok()) return person;
  if (person.value().erased_at) return Status::Conflict("Cette personne a déjà été effacée.");
  Person erased = rrma::Erase(person.value(), now);
  WritePerson(*session, erased, now);
  WritePositions(*session, erased);
  RedactPersonalValues(*session, "person", id);
  std::vector<FieldChange> changes;
  for (const FieldChange& change : PersonChanges(person.value(), erased)) {
    changes.push_back({change.field, std::string(kRedacted), change.after});
  }
  AppendAudit(*session, EntryAbout(caller, erased, "erase", std::move(changes)));
  auto result = Readable(session, database_.engine(), caller, id);
  transaction.Commit();
  PurgeErasedValues(*session, database_.engine());
  return result;
}

Result<PersonExport> PersonRepository::Export(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto person = Administered(session, database_.engine(), caller, id);
  if (!person.ok()) return person.status();
  AppendAudit(*session, EntryAbout(caller, person.value(), "export", {}));
  PersonExport exported{std::move(person).value(), RecordHistory(session, "person", id)};
  transaction.Commit();
  return exported;
}

}  // namespace rrma
