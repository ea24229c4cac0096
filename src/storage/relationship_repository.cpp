#include "storage/relationship_repository.h"

#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/field_rules.h"
#include "domain/identifiers.h"
#include "storage/actor_repository.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
#include "storage/pipeline/pipeline_repository.h"
#include "storage/record_parties.h"
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
// The keys of kSame of every relationship a network recorded, to check a whole file at once.
constexpr std::string_view kKeysOfNetwork =
    "SELECT kind, from_id, to_id, COALESCE(role, ''), COALESCE(start_date, '') FROM relationship"
    " WHERE network_id = :network";
constexpr std::string_view kUpdate =
    "UPDATE relationship SET role = :role, start_date = :start, end_date = :end, source = :source,"
    " visibility = :visibility, themes = :themes, convention_date = :convention, updated_at = :now WHERE id = :id";
constexpr std::string_view kDelete = "DELETE FROM relationship WHERE id = :id";
// Memberships of a network's record in force on :today (for the pipeline).
// After the columns, followed by the condition on rel.from_id.
constexpr std::string_view kMembershipsOfRecordToday =
    " FROM relationship rel JOIN network n ON n.organisation_id = rel.to_id"
    " WHERE rel.kind = 'member_of' AND rel.to_id = :record AND (rel.network_id IS NULL OR rel.network_id = n.id)"
    " AND (rel.start_date IS NULL OR rel.start_date <= :today) AND (rel.end_date IS NULL OR rel.end_date >= :today)"
    " AND rel.from_id";
const std::string kMembershipsToday =
    "SELECT rel.id" + std::string(kMembershipsOfRecordToday) + " = :organisation ORDER BY rel.id";
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

// An organisation as an end about to be linked: readable by the caller, maybe archived.
struct StoredEnd {
  RelationshipEnd end;
  bool archived = false;
};

struct EndQuery {
  explicit EndQuery(soci::session& session) : statement(session), row(statement.statement()) {
    id = row.Integer();
    name = row.Text();
    kind = row.Text();
    category = row.Text();
    archived = row.Text();
  }
  BoundStatement statement;
  RowReader row;
  size_t id, name, kind, category, archived;
};

// What checking new relationships reads, each fact read once per transaction: a file names the
// same ends and the same network on thousands of lines, and creating relationships changes none
// of these facts. For one caller; not thread-safe.
class CreationLookups {
 public:
  CreationLookups(Database::Lease& session, const Account& caller) : session_(session), caller_(caller) {}

  bool NetworkExists(int64_t id) {
    auto [known, added] = networks_.try_emplace(id, false);
    if (added) known->second = RunScalar(session_, std::string(kSelectNetwork), {{"id", id}}).has_value();
    return known->second;
  }

  // The network whose own record (kind « reseau ») organisation is, if any.
  std::optional<int64_t> NetworkOfRecord(int64_t organisation) {
    auto [owner, added] = records_.try_emplace(organisation);
    if (added) owner->second = RunScalar(session_, std::string(kNetworkOfRecord), {{"organisation", organisation}});
    return owner->second;
  }

  // The organisation, if caller may read it.
  const std::optional<StoredEnd>& End(int64_t id) {
    auto [end, added] = ends_.try_emplace(id);
    if (!added) return end->second;
    const std::string sql = std::string(kEnd) + ReadableBy("o");
    auto& query = session_.Cached<EndQuery>(sql);
    query.statement.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller_)});
    query.statement.Execute(sql);
    while (query.statement.Fetch()) {
      const RowReader& row = query.row;
      end->second = StoredEnd{{row.IntegerOr(query.id), row.TextOr(query.name), row.TextOr(query.kind),
                               row.OptionalText(query.category)},
                              row.OptionalText(query.archived).has_value()};
    }
    return end->second;
  }

  // The readable, unarchived organisation a file names by id, commune INSEE code, SIREN or RNA.
  std::optional<int64_t> Resolve(const std::string& text) {
    auto [id, added] = resolved_.try_emplace(text);
    if (added) id->second = ResolveEnd(text);
    return id->second;
  }

 private:
  std::optional<int64_t> ResolveEnd(const std::string& text);

  Database::Lease& session_;
  const Account& caller_;
  std::unordered_map<int64_t, bool> networks_;
  std::unordered_map<int64_t, std::optional<int64_t>> records_;
  std::unordered_map<int64_t, std::optional<StoredEnd>> ends_;
  std::unordered_map<std::string, std::optional<int64_t>> resolved_;
};

std::optional<int64_t> CreationLookups::ResolveEnd(const std::string& text) {
  std::string sql = std::string(kResolveEnd);
  std::vector<Binding> bindings = {CallerBinding(caller_)};
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
    if (auto id = RunScalar(session_, sql + " AND " + ReadableBy("o") + " ORDER BY o.id LIMIT 1", bindings)) return id;
    sql = std::string(kResolveEnd);
    bindings = {CallerBinding(caller_)};
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
  return RunScalar(session_, sql + " AND " + ReadableBy("o") + " ORDER BY o.id LIMIT 1", bindings);
}

// The end of a relationship about to be written, if caller may read it and it is not archived.
std::optional<RelationshipEnd> CheckedEnd(CreationLookups& lookups, int64_t id, const std::string& field,
                                          ValidationErrors& errors) {
  const std::optional<StoredEnd>& stored = lookups.End(id);
  if (!stored) {
    errors.Add(field, "Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
    return std::nullopt;
  }
  if (stored->archived) {
    errors.Add(field, "« " + stored->end.name + " » est archivée : restaurez-la avant de la relier.");
    return std::nullopt;
  }
  return stored->end;
}

// The relationship draft creates, checked as POST /relationships checks it, uniqueness aside:
// Invalid with every fault found (the ends are checked even when other fields are wrong),
// Forbidden when caller does not work in the network.
Result<Relationship> CheckNew(CreationLookups& lookups, const Account& caller, const RelationshipDraft& draft) {
  ValidationErrors errors;
  ValidateRelationshipDraft(draft, nullptr, errors);
  if (errors.empty()) {
    if (!lookups.NetworkExists(*draft.network_id)) {
      return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*draft.network_id) + ".");
    }
    if (!WorksIn(caller, *draft.network_id)) {
      return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer de relation.");
    }
  }
  std::optional<RelationshipEnd> from;
  std::optional<RelationshipEnd> to;
  if (draft.from_id && *draft.from_id > 0) from = CheckedEnd(lookups, *draft.from_id, "from_id", errors);
  if (draft.to_id && *draft.to_id > 0) to = CheckedEnd(lookups, *draft.to_id, "to_id", errors);
  if (from && to && draft.kind && IsRelationshipKind(*draft.kind)) CheckRelationshipEnds(*draft.kind, *from, *to, errors);
  // A network's members, CA and own ties are that network's to record: another network's row
  // would make its organisations doors of this one (outreach.cpp counts only the network's own).
  for (const auto& [end, field] : {std::pair{&from, "from_id"}, std::pair{&to, "to_id"}}) {
    if (!*end || end->value().kind != "reseau" || !draft.network_id) continue;
    auto owner = lookups.NetworkOfRecord(end->value().id);
    if (owner && *owner != *draft.network_id) {
      errors.Add(field, "Seul le réseau « " + end->value().name + " » enregistre ses adhérents, son CA et ses liens.");
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  Relationship r = ApplyDraft(Relationship{}, draft);
  r.from = *from;
  r.to = *to;
  return r;
}

// Writes checked relationships, gives each its id, journals each creation and raises the
// directory's generation once, within the caller's transaction.
void WriteNew(Database::Lease& session, Engine engine, const Account& caller, std::vector<Relationship>& created) {
  if (created.empty()) return;
  const std::vector<int64_t> ids = ReserveIds(*session, engine, "relationship", created.size());
  const std::string now = NowIsoUtc();
  std::vector<CopyRow> rows;
  std::vector<AuditEntry> entries;
  rows.reserve(created.size());
  entries.reserve(created.size());
  for (size_t i = 0; i < created.size(); ++i) {
    Relationship& r = created[i];
    r.id = ids[i];
    rows.push_back({std::to_string(r.id), r.kind, std::to_string(r.from.id), std::to_string(r.to.id), r.role,
                    r.start_date, r.end_date, r.source, std::to_string(*r.network_id),
                    std::string(VisibilityName(r.visibility)), nlohmann::json(r.themes).dump(), r.convention_date, now,
                    now});
    entries.push_back(EntryAbout(caller, r, "create", RelationshipChanges(Relationship{}, r)));
  }
  AppendRows(*session, engine, "relationship",
             {"id", "kind", "from_id", "to_id", "role", "start_date", "end_date", "source", "network_id", "visibility",
              "themes", "convention_date", "created_at", "updated_at"},
             rows);
  AppendAudits(*session, engine, entries);
  RaiseDirectoryGeneration(*session);
}

// What makes two relationships the same (kSame): kind, ends, network, role and start.
using RelationshipKey = std::tuple<std::string, int64_t, int64_t, int64_t, std::string, std::string>;

RelationshipKey KeyOf(const Relationship& r) {
  return {r.kind, r.from.id, r.to.id, r.network_id.value_or(0), r.role.value_or(""), r.start_date.value_or("")};
}

// The keys of the relationships networks already recorded, each network's read at once.
class RecordedKeys {
 public:
  explicit RecordedKeys(Database::Lease& session) : session_(session) {}

  bool Contains(const RelationshipKey& key) {
    const int64_t network = std::get<3>(key);
    if (loaded_.insert(network).second) Load(network);
    return keys_.count(key) > 0;
  }

 private:
  void Load(int64_t network) {
    BoundStatement select(*session_);
    RowReader row(select.statement());
    const size_t kind = row.Text(), from = row.Integer(), to = row.Integer(), role = row.Text(), start = row.Text();
    select.Use("network", network);
    select.Execute(std::string(kKeysOfNetwork));
    while (select.Fetch()) {
      keys_.emplace(row.TextOr(kind), row.IntegerOr(from), row.IntegerOr(to), network, row.TextOr(role),
                    row.TextOr(start));
    }
  }

  Database::Lease& session_;
  std::set<int64_t> loaded_;
  std::set<RelationshipKey> keys_;
};

// The pipeline stages of the memberships among written, brought in line (pipeline_repository.h).
// Only a collectivité's membership of a network's record moves a stage.
void SyncStages(Database::Lease& session, const Account& caller, const std::vector<Relationship>& written) {
  std::map<int64_t, int64_t> network_of_record;
  bool read = false;
  for (const Relationship& r : written) {
    if (r.kind != "member_of" || r.from.kind != "collectivite" || r.to.kind != "reseau") continue;
    if (!read) {
      BoundStatement select(*session);
      RowReader row(select.statement());
      const size_t network = row.Integer(), record = row.Integer();
      select.Execute("SELECT id, organisation_id FROM network WHERE organisation_id IS NOT NULL");
      while (select.Fetch()) network_of_record[row.IntegerOr(record)] = row.IntegerOr(network);
      read = true;
    }
    if (auto network = network_of_record.find(r.to.id); network != network_of_record.end()) {
      SyncStageWithMembership(session, caller, network->second, r.from.id, r.to.id);
    }
  }
}

}  // namespace

Result<Relationship> RelationshipRepository::Create(const Account& caller, const RelationshipDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  CreationLookups lookups(session, caller);
  auto checked = CheckNew(lookups, caller, draft);
  if (!checked.ok()) return checked;
  if (Status unique = CheckUnique(session, checked.value()); !unique.ok()) return unique;
  std::vector<Relationship> created = {std::move(checked.value())};
  WriteNew(session, database_.engine(), caller, created);
  SyncStages(session, caller, created);
  auto found = Readable(session, database_.engine(), caller, created.front().id);
  transaction.Commit();
  return found;
}

ImportOutcome RelationshipRepository::ImportDrafts(const Account& caller, const std::vector<ImportRow>& rows,
                                                   const ImportOptions& options) {
  ImportOutcome outcome;
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  CreationLookups lookups(session, caller);
  RecordedKeys recorded(session);
  std::map<RelationshipKey, size_t> first_lines;  // the line of the file that first named each relationship
  std::vector<Relationship> created;
  for (const ImportRow& row : rows) {
    RelationshipDraft draft = row.draft;
    const auto from = lookups.Resolve(row.source);
    const auto to = lookups.Resolve(row.target);
    if (from) draft.from_id = *from;
    if (to) draft.to_id = *to;
    std::optional<RelationshipKey> key;
    if (from && to && draft.kind && draft.network_id && !row.refused) {
      Relationship probe = ApplyDraft(Relationship{}, draft);
      probe.from.id = *from;
      probe.to.id = *to;
      key = KeyOf(probe);
      if (auto first = first_lines.find(*key); first != first_lines.end()) {
        outcome.repeated.push_back({row.line, first->second});
        continue;
      }
      if (recorded.Contains(*key)) {
        ++outcome.existing;
        first_lines.emplace(*key, row.line);
        continue;
      }
    }
    auto checked = CheckNew(lookups, caller, draft);
    const auto unknown = [&](const std::string& text) {
      return "Aucune organisation de l'annuaire n'est « " + text.substr(0, 60) + (text.size() > 60 ? "…" : "") +
             " » (identifiant, code INSEE de commune, SIREN ou RNA).";
    };
    const size_t rejections = outcome.rejected.size();
    if (!from) outcome.rejected.push_back({row.line, "from_id", unknown(row.source)});
    if (!to) outcome.rejected.push_back({row.line, "to_id", unknown(row.target)});
    if (!checked.ok()) {
      // An end the file names but the directory lacks is said so once, not also as missing.
      ImportOutcome faults;
      RecordRejection(faults, row.line, checked.status());
      for (RowRejection& fault : faults.rejected) {
        if ((fault.field == "from_id" && !from) || (fault.field == "to_id" && !to)) continue;
        outcome.rejected.push_back(std::move(fault));
      }
    }
    if (outcome.rejected.size() > rejections || !checked.ok() || row.refused) continue;
    ++outcome.created;
    first_lines.emplace(*key, row.line);
    created.push_back(std::move(checked.value()));
  }
  if (WillCommit(outcome, options)) {
    WriteNew(session, database_.engine(), caller, created);
    SyncStages(session, caller, created);
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
    SyncStages(session, caller, {after});
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
  SyncStages(session, caller, {found.value()});
  transaction.Commit();
  return Status::Ok();
}

bool IsMemberToday(Database::Lease& session, int64_t organisation_id, int64_t record_id, const std::string& today) {
  return RunScalar(session, kMembershipsToday,
                   {{"organisation", organisation_id}, {"record", record_id}, {"today", today}})
      .has_value();
}

std::unordered_set<int64_t> MembersTodayAmong(Database::Lease& session, const std::vector<int64_t>& organisation_ids,
                                              int64_t record_id, const std::string& today) {
  std::unordered_set<int64_t> members;
  if (organisation_ids.empty() || record_id == 0) return members;
  std::vector<Binding> bindings = {{"record", record_id}, {"today", today}};
  const std::string in = InList(organisation_ids, bindings);
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t from = row.Integer();
  select.Use(bindings);
  select.Execute("SELECT rel.from_id" + std::string(kMembershipsOfRecordToday) + " IN (" + in + ")");
  while (select.Fetch()) members.insert(row.IntegerOr(from));
  return members;
}

void RecordMembershipFrom(Database::Lease& session, Engine engine, const Account& caller, int64_t network_id,
                          int64_t organisation_id, int64_t record_id, const std::string& today) {
  Relationship membership;
  membership.kind = "member_of";
  membership.from.id = organisation_id;
  membership.to.id = record_id;
  membership.start_date = today;
  membership.source = "Suivi des collectivités";
  membership.network_id = network_id;
  membership.visibility = Visibility::kPrivate;
  std::vector<Relationship> created = {membership};
  WriteNew(session, engine, caller, created);
}

void EndMemberships(Database::Lease& session, const Account& caller, int64_t organisation_id, int64_t record_id,
                    const std::string& today) {
  std::vector<int64_t> ids;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    select.Use(std::vector<Binding>{{"organisation", organisation_id}, {"record", record_id}, {"today", today}});
    select.Execute(kMembershipsToday);
    while (select.Fetch()) ids.push_back(row.IntegerOr(id));
  }
  for (int64_t id : ids) {
    auto found = Run(session, std::string(kColumns) + " WHERE rel.id = :id", {{"id", id}});
    if (found.empty() || found.front().reference) continue;
    const Relationship& before = found.front();
    if (before.start_date == today) {
      BoundStatement remove(*session);
      remove.Use("id", id);
      RunChange(remove, std::string(kDelete));
      AppendAudit(*session, EntryAbout(caller, before, "delete", RelationshipChanges(before, Relationship{})));
    } else {
      Relationship after = before;
      after.end_date = PreviousDay(today);
      BoundStatement update(*session);
      BindWritable(update, after, NowIsoUtc());
      update.Use("id", id);
      RunChange(update, std::string(kUpdate));
      AppendAudit(*session, EntryAbout(caller, after, "update", RelationshipChanges(before, after)));
    }
  }
  if (!ids.empty()) RaiseDirectoryGeneration(*session);
}

}  // namespace rrma
