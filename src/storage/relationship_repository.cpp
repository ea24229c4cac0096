#include "storage/relationship_repository.h"

#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/identifiers.h"
#include "storage/actor_repository.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

// "rel", not "r": tenant_scope.h names the caller's roles r.
constexpr std::string_view kColumns =
    "SELECT rel.id, rel.from_id, rel.to_id, rel.network_id, rel.kind, f.name, f.kind, f.category, t.name, t.kind,"
    " t.category, rel.role, rel.start_date, rel.end_date, rel.source, n.name, rel.visibility, rel.themes,"
    " rel.convention_date, rel.reference_key, rel.created_at, rel.updated_at"
    " FROM relationship rel JOIN organisation f ON f.id = rel.from_id JOIN organisation t ON t.id = rel.to_id"
    " LEFT JOIN network n ON n.id = rel.network_id";
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM relationship rel JOIN organisation f ON f.id = rel.from_id"
    " JOIN organisation t ON t.id = rel.to_id";
// Current relationships first (no end date, or the latest end), then by start.
constexpr std::string_view kOrder =
    " ORDER BY rel.kind, (rel.end_date IS NULL) DESC, rel.end_date DESC, (rel.start_date IS NULL),"
    " rel.start_date DESC, rel.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kOrganisationReadable = "SELECT COUNT(*) FROM organisation o WHERE o.id = :id AND ";
constexpr std::string_view kEnd =
    "SELECT o.id, o.name, o.kind, o.category, o.archived_at FROM organisation o WHERE o.id = :id AND ";
constexpr std::string_view kSelectNetwork = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kNetworkOfRecord = "SELECT id FROM network WHERE organisation_id = :organisation";
constexpr std::string_view kSame =
    "SELECT id FROM relationship WHERE kind = :kind AND from_id = :from AND to_id = :to AND network_id = :network"
    " AND COALESCE(role, '') = :role AND COALESCE(start_date, '') = :start AND id <> :id";
constexpr std::string_view kInsert =
    "INSERT INTO relationship (kind, from_id, to_id, role, start_date, end_date, source, network_id, visibility,"
    " themes, convention_date, created_at, updated_at) VALUES (:kind, :from, :to, :role, :start, :end, :source,"
    " :network, :visibility, :themes, :convention, :now, :now) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE relationship SET role = :role, start_date = :start, end_date = :end, source = :source,"
    " visibility = :visibility, themes = :themes, convention_date = :convention, updated_at = :now WHERE id = :id";
constexpr std::string_view kDelete = "DELETE FROM relationship WHERE id = :id";
constexpr std::string_view kResolveEnd = "SELECT o.id FROM organisation o WHERE o.archived_at IS NULL AND ";

// A positive whole number of at most 18 digits, or nothing.
std::optional<int64_t> ParseDigits(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value > 0 ? std::optional<int64_t>(value) : std::nullopt;
}

struct RelationshipRow {
  explicit RelationshipRow(soci::session& session) : statement(session), row(statement.statement()) {
    // The first four columns are integers, the others text.
    for (size_t i = 0; i < slots.size(); ++i) slots[i] = i < 4 ? row.Integer() : row.Text();
  }
  Relationship Read() const {
    size_t i = 0;
    Relationship r;
    r.id = row.IntegerOr(slots[i++]);
    r.from.id = row.IntegerOr(slots[i++]);
    r.to.id = row.IntegerOr(slots[i++]);
    r.network_id = row.OptionalInteger(slots[i++]);
    r.kind = row.TextOr(slots[i++]);
    r.from.name = row.TextOr(slots[i++]);
    r.from.kind = row.TextOr(slots[i++]);
    r.from.category = row.OptionalText(slots[i++]);
    r.to.name = row.TextOr(slots[i++]);
    r.to.kind = row.TextOr(slots[i++]);
    r.to.category = row.OptionalText(slots[i++]);
    r.role = row.OptionalText(slots[i++]);
    r.start_date = row.OptionalText(slots[i++]);
    r.end_date = row.OptionalText(slots[i++]);
    r.source = row.TextOr(slots[i++]);
    r.network_name = row.TextOr(slots[i++]);
    r.visibility = ParseVisibility(row.TextOr(slots[i++])).value_or(Visibility::kPrivate);
    auto themes = nlohmann::json::parse(row.TextOr(slots[i++], "[]"), nullptr, false);
    if (themes.is_array()) {
      for (const auto& theme : themes) {
        if (theme.is_string()) r.themes.push_back(theme.get<std::string>());
      }
    }
    r.convention_date = row.OptionalText(slots[i++]);
    r.reference = row.OptionalText(slots[i++]).has_value();
    r.created_at = row.TextOr(slots[i++]);
    r.updated_at = row.OptionalText(slots[i++]);
    return r;
  }
  BoundStatement statement;
  RowReader row;
  std::array<size_t, 22> slots{};
};

// A relationship and both its ends readable by the caller.
std::string ReadableWithEnds() { return ReadableBy("rel") + " AND " + ReadableBy("f") + " AND " + ReadableBy("t"); }

std::vector<Relationship> Run(Database::Lease& session, const std::string& sql, const std::vector<Binding>& bindings) {
  auto& query = session.Cached<RelationshipRow>(sql);
  query.statement.Use(bindings);
  query.statement.Execute(sql);
  std::vector<Relationship> found;
  while (query.statement.Fetch()) found.push_back(query.Read());
  return found;
}

Status UnknownRelationship(int64_t id) {
  return Status::NotFound("Aucune relation ne porte l'identifiant " + std::to_string(id) + ".");
}

enum class Purpose { kShow, kChange };

Result<Relationship> Readable(Database::Lease& session, Engine engine, const Account& caller, int64_t id,
                              Purpose purpose = Purpose::kShow) {
  std::string sql = std::string(kColumns) + " WHERE rel.id = :id AND " + ReadableWithEnds();
  if (purpose == Purpose::kChange) sql = ForEngine(engine, sql + "{{lock_relationship}}");
  auto found = Run(session, sql, {{"id", id}, CallerBinding(caller)});
  if (found.empty()) return UnknownRelationship(id);
  return found.front();
}

// The end of a relationship about to be written, if caller may read it and it is not archived.
std::optional<RelationshipEnd> ReadEnd(Database::Lease& session, const Account& caller, int64_t id,
                                       const std::string& field, ValidationErrors& errors) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id_slot = row.Integer();
  const size_t name = row.Text(), kind = row.Text(), category = row.Text(), archived = row.Text();
  select.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
  select.Execute(std::string(kEnd) + ReadableBy("o"));
  std::optional<RelationshipEnd> end;
  bool is_archived = false;
  while (select.Fetch()) {
    end = RelationshipEnd{row.IntegerOr(id_slot), row.TextOr(name), row.TextOr(kind), row.OptionalText(category)};
    is_archived = row.OptionalText(archived).has_value();
  }
  if (!end) {
    errors.Add(field, "Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
  } else if (is_archived) {
    errors.Add(field, "« " + end->name + " » est archivée : restaurez-la avant de la relier.");
    end.reset();
  }
  return end;
}

Status CheckUnique(Database::Lease& session, const Relationship& r) {
  const auto same = RunScalar(session, std::string(kSame),
                              {{"kind", r.kind},
                               {"from", r.from.id},
                               {"to", r.to.id},
                               {"network", r.network_id.value_or(0)},
                               {"role", r.role.value_or("")},
                               {"start", r.start_date.value_or("")},
                               {"id", r.id}});
  if (same) return Status::Conflict("Cette relation est déjà enregistrée (relation " + std::to_string(*same) + ").");
  return Status::Ok();
}

void BindWritable(BoundStatement& statement, const Relationship& r, const std::string& now) {
  statement.UseOptional("role", r.role);
  statement.UseOptional("start", r.start_date);
  statement.UseOptional("end", r.end_date);
  statement.Use("source", r.source);
  statement.Use("visibility", std::string(VisibilityName(r.visibility)));
  statement.Use("themes", nlohmann::json(r.themes).dump());
  statement.UseOptional("convention", r.convention_date);
  statement.Use("now", now);
}

AuditEntry EntryAbout(const Account& caller, const Relationship& r, std::string action, std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = r.network_id;
  entry.action = std::move(action);
  entry.record_type = "relationship";
  entry.record_id = r.id;
  entry.changes = std::move(changes);
  return entry;
}

// The relationship, locked, if caller may change it.
Result<Relationship> Writable(Database::Lease& session, Engine engine, const Account& caller, int64_t id) {
  auto found = Readable(session, engine, caller, id, Purpose::kChange);
  if (!found.ok()) return found;
  if (found.value().reference) {
    return Status::Forbidden("Cette relation vient des données de référence (COG) : elle ne se modifie pas.");
  }
  if (!WorksIn(caller, found.value().network_id.value_or(0))) {
    return Status::Forbidden("Cette relation appartient à un autre réseau : vous pouvez la consulter, pas la modifier.");
  }
  return found;
}

}  // namespace

Result<Page<Relationship>> RelationshipRepository::List(const Account& caller, const RelationshipQuery& query) {
  auto session = database_.Acquire();
  ReadTransaction snapshot(session, database_.engine());
  if (RunScalar(session, std::string(kOrganisationReadable) + ReadableBy("o"),
                {{"id", query.organisation_id}, CallerBinding(caller)})
          .value_or(0) == 0) {
    return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(query.organisation_id) + ".");
  }
  std::string where = " WHERE (rel.from_id = :organisation OR rel.to_id = :organisation) AND " + ReadableWithEnds();
  std::vector<Binding> bindings = {{"organisation", query.organisation_id}, CallerBinding(caller)};
  if (query.kind) {
    where += " AND rel.kind = :kind";
    bindings.push_back({"kind", *query.kind});
  }
  Page<Relationship> page;
  page.request = query.page;
  page.total = RunScalar(session, std::string(kCount) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  page.items = Run(session, std::string(kColumns) + where + std::string(kOrder), bindings);
  return page;
}

Result<Relationship> RelationshipRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, database_.engine(), caller, id);
}

namespace {

// Creates the relationship within the caller's transaction.
Result<Relationship> CreateIn(Database::Lease& session, Engine engine, const Account& caller,
                              const RelationshipDraft& draft) {
  ValidationErrors errors;
  ValidateRelationshipDraft(draft, nullptr, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (!RunScalar(session, std::string(kSelectNetwork), {{"id", *draft.network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*draft.network_id) + ".");
  }
  if (!WorksIn(caller, *draft.network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer de relation.");
  }
  auto from = ReadEnd(session, caller, *draft.from_id, "from_id", errors);
  auto to = ReadEnd(session, caller, *draft.to_id, "to_id", errors);
  if (from && to) CheckRelationshipEnds(*draft.kind, *from, *to, errors);
  // A network's members, CA and own ties are that network's to record: another network's row
  // would make its organisations doors of this one (outreach.cpp counts only the network's own).
  for (const auto& [end, field] : {std::pair{&from, "from_id"}, std::pair{&to, "to_id"}}) {
    if (!*end || end->value().kind != "reseau") continue;
    auto owner = RunScalar(session, std::string(kNetworkOfRecord), {{"organisation", end->value().id}});
    if (owner && *owner != *draft.network_id) {
      errors.Add(field, "Seul le réseau « " + end->value().name + " » enregistre ses adhérents, son CA et ses liens.");
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  Relationship r = ApplyDraft(Relationship{}, draft);
  r.from = *from;
  r.to = *to;
  if (Status unique = CheckUnique(session, r); !unique.ok()) return unique;
  const std::string now = NowIsoUtc();
  {
    BoundStatement insert(*session);
    RowReader row(insert.statement());
    const size_t id = row.Integer();
    insert.Use("kind", r.kind);
    insert.Use("from", r.from.id);
    insert.Use("to", r.to.id);
    insert.Use("network", *r.network_id);
    BindWritable(insert, r, now);
    insert.Execute(std::string(kInsert));
    while (insert.Fetch()) r.id = row.IntegerOr(id);
  }
  AppendAudit(*session, EntryAbout(caller, r, "create", RelationshipChanges(Relationship{}, r)));
  RaiseDirectoryGeneration(*session);
  return Readable(session, engine, caller, r.id);
}

// The readable, unarchived organisation a file names by id, commune INSEE code, SIREN or RNA.
std::optional<int64_t> ResolveEnd(Database::Lease& session, const Account& caller, const std::string& text) {
  std::string sql = std::string(kResolveEnd);
  std::vector<Binding> bindings = {CallerBinding(caller)};
  std::string upper = text;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (IsValidRna(upper)) {
    sql += "o.rna = :value";
    bindings.push_back({"value", upper});
  } else if (upper.size() == 9 && IsValidSiren(upper)) {
    sql += "o.siren = :value";
    bindings.push_back({"value", upper});
  } else if (IsCommuneInseeCode(upper)) {
    // A commune's code first; five digits naming no commune may still be an id.
    sql += "(o.category = 'commune' AND o.insee_code = :value)";
    bindings.push_back({"value", upper});
    if (auto id = RunScalar(session, sql + " AND " + ReadableBy("o") + " ORDER BY o.id LIMIT 1", bindings)) return id;
    sql = std::string(kResolveEnd);
    bindings = {CallerBinding(caller)};
    auto number = ParseDigits(upper);
    if (!number) return std::nullopt;
    sql += "o.id = :id";
    bindings.push_back({"id", *number});
  } else if (auto number = ParseDigits(upper)) {
    sql += "o.id = :id";
    bindings.push_back({"id", *number});
  } else {
    return std::nullopt;
  }
  return RunScalar(session, sql + " AND " + ReadableBy("o") + " ORDER BY o.id LIMIT 1", bindings);
}

}  // namespace

Result<Relationship> RelationshipRepository::Create(const Account& caller, const RelationshipDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto created = CreateIn(session, database_.engine(), caller, draft);
  if (created.ok()) transaction.Commit();
  return created;
}

ImportOutcome RelationshipRepository::ImportDrafts(const Account& caller, const std::vector<ImportRow>& rows,
                                                   const ImportOptions& options) {
  ImportOutcome outcome;
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  for (const ImportRow& row : rows) {
    RelationshipDraft draft = row.draft;
    const auto from = ResolveEnd(session, caller, row.source);
    const auto to = ResolveEnd(session, caller, row.target);
    const auto unknown = [&](const std::string& text) {
      return "Aucune organisation de l'annuaire n'est « " + text.substr(0, 60) + (text.size() > 60 ? "…" : "") +
             " » (identifiant, code INSEE de commune, SIREN ou RNA).";
    };
    if (!from) outcome.rejected.push_back({row.line, "from_id", unknown(row.source)});
    if (!to) outcome.rejected.push_back({row.line, "to_id", unknown(row.target)});
    if (!from || !to) continue;
    draft.from_id = *from;
    draft.to_id = *to;
    Relationship probe = ApplyDraft(Relationship{}, draft);
    probe.from.id = *from;
    probe.to.id = *to;
    if (draft.kind && draft.network_id && !CheckUnique(session, probe).ok()) {
      ++outcome.existing;
      continue;
    }
    auto created = CreateIn(session, database_.engine(), caller, draft);
    if (created.ok()) {
      ++outcome.created;
      continue;
    }
    RecordRejection(outcome, row.line, created.status());
  }
  FinishImport(transaction, outcome, options);
  return outcome;
}

Result<Relationship> RelationshipRepository::Update(const Account& caller, int64_t id, const RelationshipDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto before = Writable(session, database_.engine(), caller, id);
  if (!before.ok()) return before;
  ValidationErrors errors;
  ValidateRelationshipDraft(draft, &before.value(), errors);
  if (!errors.empty()) return errors.ToStatus();
  Relationship after = ApplyDraft(before.value(), draft);
  if (Status unique = CheckUnique(session, after); !unique.ok()) return unique;
  auto changes = RelationshipChanges(before.value(), after);
  if (!changes.empty()) {
    BoundStatement update(*session);
    BindWritable(update, after, NowIsoUtc());
    update.Use("id", id);
    RunChange(update, std::string(kUpdate));
    AppendAudit(*session, EntryAbout(caller, after, "update", std::move(changes)));
    RaiseDirectoryGeneration(*session);
  }
  auto updated = Readable(session, database_.engine(), caller, id);
  transaction.Commit();
  return updated;
}

Status RelationshipRepository::Delete(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto found = Writable(session, database_.engine(), caller, id);
  if (!found.ok()) return found.status();
  BoundStatement remove(*session);
  remove.Use("id", id);
  RunChange(remove, std::string(kDelete));
  AppendAudit(*session, EntryAbout(caller, found.value(), "delete", RelationshipChanges(found.value(), Relationship{})));
  RaiseDirectoryGeneration(*session);
  transaction.Commit();
  return Status::Ok();
}

}  // namespace rrma
