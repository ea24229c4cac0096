#include "storage/audit_repository.h"

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/person.h"
#include "storage/account_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_entry (at, actor_id, actor_email, network_id, action, record_type, record_id, changes)"
    " VALUES (:at, :actor_id, :actor_email, :network_id, :action, :record_type, :record_id, :changes)";
constexpr std::string_view kEntryColumns =
    "SELECT a.id, a.at, a.actor_id, a.actor_email, a.network_id, n.name, a.action, a.record_type, a.record_id,"
    " a.changes FROM audit_entry a LEFT JOIN network n ON n.id = a.network_id";
constexpr std::string_view kCountEntries = "SELECT COUNT(*) FROM audit_entry a";
constexpr std::string_view kWhereRecord = " WHERE a.record_type = :type AND a.record_id = :record";
constexpr std::string_view kNewestFirst = " ORDER BY a.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kSelectRecordChanges =
    "SELECT id, changes FROM audit_entry WHERE record_type = :type AND record_id = :record";
constexpr std::string_view kUpdateChanges = "UPDATE audit_entry SET changes = :changes WHERE id = :id";
constexpr std::string_view kCommandLine = "ligne de commande";
// Followed by the tenant scope's readable predicate over p.
constexpr std::string_view kPersonNetworkIfReadable = "SELECT p.network_id FROM person p WHERE p.id = :id AND ";
constexpr std::string_view kActorNetworkIfReadable =
    "SELECT o.network_id FROM organisation o WHERE o.id = :id AND o.kind <> 'collectivite' AND ";
constexpr std::string_view kRelationshipNetworkIfReadable =
    "SELECT rel.network_id FROM relationship rel JOIN organisation f ON f.id = rel.from_id"
    " JOIN organisation t ON t.id = rel.to_id WHERE rel.id = :id AND rel.network_id IS NOT NULL AND ";

std::string ChangesJson(const std::vector<FieldChange>& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldChange& change : changes) {
    list.push_back({{"field", change.field},
                    {"before", change.before ? nlohmann::json(*change.before) : nlohmann::json(nullptr)},
                    {"after", change.after ? nlohmann::json(*change.after) : nlohmann::json(nullptr)}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<FieldChange> ParseChanges(const std::string& text) {
  std::vector<FieldChange> changes;
  const nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return changes;
  for (const nlohmann::json& item : list) {
    FieldChange change;
    change.field = item.value("field", "");
    if (item.contains("before") && item["before"].is_string()) change.before = item["before"].get<std::string>();
    if (item.contains("after") && item["after"].is_string()) change.after = item["after"].get<std::string>();
    changes.push_back(std::move(change));
  }
  return changes;
}

class EntryReader {
 public:
  explicit EntryReader(soci::statement& statement) : row_(statement) {
    id_ = row_.Integer();
    at_ = row_.Text();
    actor_id_ = row_.Integer();
    actor_email_ = row_.Text();
    network_id_ = row_.Integer();
    network_name_ = row_.Text();
    action_ = row_.Text();
    record_type_ = row_.Text();
    record_id_ = row_.Integer();
    changes_ = row_.Text();
  }

  AuditEntry Read() const {
    AuditEntry entry;
    entry.id = row_.IntegerOr(id_);
    entry.at = row_.TextOr(at_);
    entry.actor_id = row_.OptionalInteger(actor_id_);
    entry.actor_email = row_.TextOr(actor_email_);
    entry.network_id = row_.OptionalInteger(network_id_);
    entry.network_name = row_.TextOr(network_name_);
    entry.action = row_.TextOr(action_);
    entry.record_type = row_.TextOr(record_type_);
    entry.record_id = row_.IntegerOr(record_id_);
    entry.changes = ParseChanges(row_.TextOr(changes_, "[]"));
    return entry;
  }

 private:
  RowReader row_;
  size_t id_, at_, actor_id_, actor_email_, network_id_, network_name_, action_, record_type_, record_id_, changes_;
};

std::vector<AuditEntry> RunEntries(Database::Lease& session, const std::string& sql,
                                   const std::vector<Binding>& bindings) {
  BoundStatement statement(*session);
  EntryReader reader(statement.statement());
  statement.Use(bindings);
  statement.Execute(sql);
  std::vector<AuditEntry> entries;
  while (statement.Fetch()) entries.push_back(reader.Read());
  return entries;
}

// NotFound when caller may not see the record, Forbidden when they may not read its history.
Status MayReadHistory(Database& database, const Account& caller, const RecordRef& record) {
  if (record.type == "user") {
    auto target = AccountRepository(database).FindById(record.id);
    if (!target.ok()) return target.status();
    return MaySee(caller, target.value());
  }
  auto session = database.Acquire();
  std::string sql, unknown;
  if (record.type == "organisation") {
    sql = std::string(kActorNetworkIfReadable) + ReadableBy("o");
    unknown = "Aucune organisation enregistrée par un réseau ne porte l'identifiant ";
  } else if (record.type == "relationship") {
    sql = std::string(kRelationshipNetworkIfReadable) + ReadableBy("rel") + " AND " + ReadableBy("f") + " AND " +
          ReadableBy("t");
    unknown = "Aucune relation ne porte l'identifiant ";
  } else {
    sql = std::string(kPersonNetworkIfReadable) + ReadableBy("p");
    unknown = "Aucune personne ne porte l'identifiant ";
  }
  auto network = RunScalar(session, sql, {{"id", record.id}, CallerBinding(caller)});
  if (!network) return Status::NotFound(unknown + std::to_string(record.id) + ".");
  if (!Administers(caller, *network)) {
    return Status::Forbidden("L'historique d'une fiche est réservé aux administrateurs de son réseau.");
  }
  return Status::Ok();
}

}  // namespace

void SetActor(AuditEntry& entry, const Account& caller) {
  if (caller.id == 0) {
    entry.actor_id.reset();
    entry.actor_email = kCommandLine;
    return;
  }
  entry.actor_id = caller.id;
  entry.actor_email = caller.email;
}

void AppendAudit(soci::session& session, const AuditEntry& entry) {
  BoundStatement insert(session);
  insert.Use("at", NowIsoUtc());
  insert.UseOptional("actor_id", entry.actor_id);
  insert.Use("actor_email", entry.actor_email);
  insert.UseOptional("network_id", entry.network_id);
  insert.Use("action", entry.action);
  insert.Use("record_type", entry.record_type);
  insert.Use("record_id", entry.record_id);
  insert.Use("changes", ChangesJson(entry.changes));
  RunChange(insert, std::string(kInsertEntry));
}

void AppendAudits(soci::session& session, Engine engine, const std::vector<AuditEntry>& entries) {
  const std::string at = NowIsoUtc();
  const auto number = [](const std::optional<int64_t>& value) {
    return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
  };
  std::vector<CopyRow> rows;
  rows.reserve(entries.size());
  for (const AuditEntry& entry : entries) {
    rows.push_back({at, number(entry.actor_id), entry.actor_email, number(entry.network_id), entry.action,
                    entry.record_type, std::to_string(entry.record_id), ChangesJson(entry.changes)});
  }
  AppendRows(session, engine, "audit_entry",
             {"at", "actor_id", "actor_email", "network_id", "action", "record_type", "record_id", "changes"}, rows);
}

void RedactPersonalValues(soci::session& session, const std::string& record_type, int64_t record_id) {
  std::vector<std::pair<int64_t, std::string>> rewritten;
  {
    BoundStatement select(session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    const size_t changes = row.Text();
    select.Use("type", record_type);
    select.Use("record", record_id);
    select.Execute(std::string(kSelectRecordChanges));
    while (select.Fetch()) {
      std::vector<FieldChange> fields = ParseChanges(row.TextOr(changes, "[]"));
      for (FieldChange& field : fields) {
        if (!IsPersonalField(field.field)) continue;
        if (field.before) field.before = std::string(kRedacted);
        if (field.after) field.after = std::string(kRedacted);
      }
      rewritten.emplace_back(row.IntegerOr(id), ChangesJson(fields));
    }
  }
  for (auto& [id, changes] : rewritten) {
    BoundStatement update(session);
    update.Use("changes", changes);
    update.Use("id", id);
    RunChange(update, std::string(kUpdateChanges));
  }
}

void AuditRepository::Append(const AuditEntry& entry) {
  auto session = database_.Acquire();
  AppendAudit(*session, entry);
}

Result<Page<AuditEntry>> AuditRepository::List(const Account& caller, const AuditQuery& query) {
  std::string where;
  std::vector<Binding> bindings = {CallerBinding(caller)};
  if (query.record) {
    if (Status allowed = MayReadHistory(database_, caller, *query.record); !allowed.ok()) return allowed;
    // A record's entries of other networks stay hidden; those without a network are about the
    // account as a whole (sign-ins, deactivation, acts of the national admins) and are shown.
    where = std::string(kWhereRecord) + " AND (a.network_id IS NULL OR " + AdministeredBy("a") + ")";
    bindings.push_back({"type", query.record->type});
    bindings.push_back({"record", query.record->id});
  } else {
    if (!ManagesUsers(caller)) return Status::Forbidden("Le journal d'audit est réservé aux administrateurs.");
    where = " WHERE " + AdministeredBy("a");
  }
  auto session = database_.Acquire();
  ReadTransaction snapshot(session, database_.engine());
  Page<AuditEntry> page;
  page.request = query.page;
  page.total = RunScalar(session, std::string(kCountEntries) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  page.items = RunEntries(session, std::string(kEntryColumns) + where + std::string(kNewestFirst), bindings);
  return page;
}

std::vector<AuditEntry> RecordHistory(Database::Lease& session, const std::string& record_type, int64_t record_id) {
  return RunEntries(session, std::string(kEntryColumns) + std::string(kWhereRecord) + " ORDER BY a.id",
                    {{"type", record_type}, {"record", record_id}});
}

}  // namespace rrma
