#include "storage/pipeline/pipeline_repository.h"

#include <utility>

#include "domain/access.h"
#include "storage/bound_statement.h"
#include "storage/relationship_repository.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kNetworkRecord = "SELECT organisation_id FROM network WHERE id = :id";
constexpr std::string_view kCollectivite =
    "SELECT o.id, o.name, o.insee_code, o.category, o.population, o.departement_code, o.kind FROM organisation o"
    " WHERE o.id = :id AND ";
// The entry columns: the collectivité, its stage row (ps) and the account following it (u).
constexpr std::string_view kEntryColumns =
    "SELECT o.id, o.name, o.insee_code, o.category, o.population, o.departement_code, ps.stage, ps.owner_id, u.email,"
    " ps.changed_at, (SELECT pc.reason FROM pipeline_change pc WHERE pc.network_id = ps.network_id"
    " AND pc.organisation_id = ps.organisation_id ORDER BY pc.id DESC LIMIT 1)"
    " FROM pipeline_stage ps JOIN organisation o ON o.id = ps.organisation_id"
    " LEFT JOIN app_user u ON u.id = ps.owner_id";
constexpr std::string_view kStageOf =
    "SELECT stage, owner_id FROM pipeline_stage WHERE network_id = :network AND organisation_id = :organisation";
constexpr std::string_view kUpsertStage =
    "INSERT INTO pipeline_stage (network_id, organisation_id, visibility, stage, owner_id, changed_at)"
    " VALUES (:network, :organisation, 'private', :stage, :owner, :now)"
    " ON CONFLICT (network_id, organisation_id) DO UPDATE SET stage = excluded.stage,"
    " owner_id = excluded.owner_id, changed_at = excluded.changed_at";
constexpr std::string_view kInsertChange =
    "INSERT INTO pipeline_change (network_id, organisation_id, visibility, from_stage, to_stage, reason, changed_by,"
    " changed_at) VALUES (:network, :organisation, 'private', :from, :to, :reason, :by, :now)";
constexpr std::string_view kHistory =
    "SELECT pc.id, pc.from_stage, pc.to_stage, pc.reason, pc.changed_by, u.email, pc.changed_at"
    " FROM pipeline_change pc LEFT JOIN app_user u ON u.id = pc.changed_by"
    " WHERE pc.network_id = :network AND pc.organisation_id = :organisation ORDER BY pc.id DESC LIMIT 200";
// An account of the network's team (staff or administrator), to follow its collectivités.
constexpr std::string_view kTeamMember =
    "SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id WHERE u.id = :owner AND u.active = 1"
    " AND ur.role IN ('network_staff', 'network_admin') AND ur.network_id = :network";
constexpr std::string_view kNetworkExists = "SELECT id FROM network WHERE id = :id";
// Moves and memberships of one collectivité are decided one at a time: its row is locked for the
// transaction on PostgreSQL (SQLite's write transaction already holds the only write lock).
constexpr std::string_view kLockCollectivite = "SELECT o.id FROM organisation o WHERE o.id = :id{{lock_organisation}}";

PipelineStage StageOr(const std::string& name) { return ParsePipelineStage(name).value_or(PipelineStage::kNonContactee); }

std::string Today() { return NowIsoUtc().substr(0, 10); }

Status UnknownNetwork(int64_t id) {
  return Status::NotFound("Aucun réseau ne porte l'identifiant " + std::to_string(id) + ".");
}

Status UnknownCollectivite(int64_t id) {
  return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
}

// The network's pipeline is its team's (and national admins'): others are told so.
Status MayFollow(Database::Lease& session, const Account& caller, int64_t network_id) {
  if (!RunScalar(session, std::string(kNetworkExists), {{"id", network_id}})) return UnknownNetwork(network_id);
  if (!WorksIn(caller, network_id)) {
    return Status::Forbidden("Le suivi des collectivités d'un réseau est réservé à son équipe.");
  }
  return Status::Ok();
}

// The collectivité as caller may read it; Invalid when the organisation is not a collectivité.
Result<PipelineCollectivite> ReadCollectivite(Database::Lease& session, const Account& caller, int64_t id) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t oid = row.Integer(), name = row.Text(), insee = row.Text(), category = row.Text(),
               population = row.Integer(), departement = row.Text(), kind = row.Text();
  select.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
  select.Execute(std::string(kCollectivite) + ReadableBy("o"));
  std::optional<PipelineCollectivite> found;
  std::string found_kind;
  while (select.Fetch()) {
    found = PipelineCollectivite{row.IntegerOr(oid), row.TextOr(name), row.OptionalText(insee),
                                 row.OptionalText(category), row.OptionalInteger(population),
                                 row.OptionalText(departement)};
    found_kind = row.TextOr(kind);
  }
  if (!found) return UnknownCollectivite(id);
  if (found_kind != "collectivite") {
    return Status::Invalid("organisation_id", "« " + found->name + " » n'est pas une collectivité française : "
                                              "le suivi porte sur les collectivités.");
  }
  return *found;
}

struct StoredStage {
  PipelineStage stage = PipelineStage::kNonContactee;
  std::optional<int64_t> owner_id;
  bool recorded = false;
};

StoredStage ReadStage(Database::Lease& session, int64_t network_id, int64_t organisation_id) {
  StoredStage stored;
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t stage = row.Text(), owner = row.Integer();
  select.Use(std::vector<Binding>{{"network", network_id}, {"organisation", organisation_id}});
  select.Execute(std::string(kStageOf));
  while (select.Fetch()) {
    stored = {StageOr(row.TextOr(stage)), row.OptionalInteger(owner), true};
  }
  return stored;
}

void WriteStage(Database::Lease& session, int64_t network_id, int64_t organisation_id, PipelineStage from,
                PipelineStage to, std::optional<int64_t> owner, const std::string& reason, std::optional<int64_t> by) {
  const std::string now = NowIsoUtc();
  {
    BoundStatement upsert(*session);
    upsert.Use("network", network_id);
    upsert.Use("organisation", organisation_id);
    upsert.Use("stage", std::string(PipelineStageName(to)));
    upsert.UseOptional("owner", owner);
    upsert.Use("now", now);
    RunChange(upsert, std::string(kUpsertStage));
  }
  RaisePipelineGeneration(*session);
  if (from == to) return;  // the owner alone changed: no move to record
  BoundStatement insert(*session);
  insert.Use("network", network_id);
  insert.Use("organisation", organisation_id);
  insert.Use("from", std::string(PipelineStageName(from)));
  insert.Use("to", std::string(PipelineStageName(to)));
  insert.Use("reason", reason);
  insert.UseOptional("by", by);
  insert.Use("now", now);
  RunChange(insert, std::string(kInsertChange));
}

PipelineEntry ReadEntry(RowReader& row, const std::vector<size_t>& slots, int64_t network_id) {
  PipelineEntry entry;
  entry.network_id = network_id;
  size_t i = 0;
  entry.collectivite.id = row.IntegerOr(slots[i++]);
  entry.collectivite.name = row.TextOr(slots[i++]);
  entry.collectivite.insee_code = row.OptionalText(slots[i++]);
  entry.collectivite.category = row.OptionalText(slots[i++]);
  entry.collectivite.population = row.OptionalInteger(slots[i++]);
  entry.collectivite.departement_code = row.OptionalText(slots[i++]);
  entry.stage = StageOr(row.TextOr(slots[i++]));
  const auto owner = row.OptionalInteger(slots[i++]);
  const auto email = row.OptionalText(slots[i++]);
  if (owner) entry.owner = AccountRef{*owner, email.value_or("")};
  entry.changed_at = row.OptionalText(slots[i++]);
  entry.reason = row.TextOr(slots[i++]);
  return entry;
}

std::vector<size_t> EntrySlots(RowReader& row) {
  return {row.Integer(), row.Text(), row.Text(), row.Text(), row.Integer(), row.Text(),
          row.Text(),    row.Integer(), row.Text(), row.Text(), row.Text()};
}

// The filters of a list, as SQL over ps and o with their bindings.
std::string Filters(const PipelineQuery& query, std::vector<Binding>& bindings, bool with_stage) {
  std::string sql = " WHERE ps.network_id = :network";
  bindings.push_back({"network", query.network_id});
  if (with_stage && query.stage) {
    sql += " AND ps.stage = :stage";
    bindings.push_back({"stage", std::string(PipelineStageName(*query.stage))});
  }
  if (query.departement) {
    sql += " AND o.departement_code = :departement";
    bindings.push_back({"departement", *query.departement});
  }
  if (query.category) {
    sql += " AND o.category = :category";
    bindings.push_back({"category", *query.category});
  }
  if (query.population_max) {
    sql += " AND o.population <= :population_max";
    bindings.push_back({"population_max", *query.population_max});
  }
  if (query.population_band && query.population_band->unknown) sql += " AND o.population IS NULL";
  if (query.population_band && !query.population_band->unknown) {
    sql += " AND o.population >= :band_min";
    bindings.push_back({"band_min", query.population_band->min});
    if (query.population_band->below) {
      sql += " AND o.population < :band_below";
      bindings.push_back({"band_below", *query.population_band->below});
    }
  }
  if (query.owner_id) {
    sql += " AND ps.owner_id = :owner";
    bindings.push_back({"owner", *query.owner_id});
  }
  return sql;
}

std::vector<PipelineChange> ReadHistory(Database::Lease& session, int64_t network_id, int64_t organisation_id) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), from = row.Text(), to = row.Text(), reason = row.Text(), by = row.Integer(),
               email = row.Text(), at = row.Text();
  select.Use(std::vector<Binding>{{"network", network_id}, {"organisation", organisation_id}});
  select.Execute(std::string(kHistory));
  std::vector<PipelineChange> history;
  while (select.Fetch()) {
    PipelineChange change{row.IntegerOr(id), StageOr(row.TextOr(from)), StageOr(row.TextOr(to)),
                          row.TextOr(reason), std::nullopt, row.TextOr(at)};
    if (auto account = row.OptionalInteger(by)) change.by = AccountRef{*account, row.TextOr(email)};
    history.push_back(std::move(change));
  }
  return history;
}

// The entry of one collectivité, « non contactée » when the network never moved it.
PipelineEntry EntryOf(Database::Lease& session, int64_t network_id, const PipelineCollectivite& collectivite,
                      int64_t record_id) {
  PipelineEntry entry;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const auto slots = EntrySlots(row);
    select.Use(std::vector<Binding>{{"network", network_id}, {"organisation", collectivite.id}});
    select.Execute(std::string(kEntryColumns) + " WHERE ps.network_id = :network AND ps.organisation_id = :organisation");
    bool found = false;
    while (select.Fetch()) {
      entry = ReadEntry(row, slots, network_id);
      found = true;
    }
    if (!found) {
      entry.network_id = network_id;
      entry.collectivite = collectivite;
    }
  }
  entry.member = record_id != 0 && IsMemberToday(session, collectivite.id, record_id, Today());
  return entry;
}

void LockCollectivite(Database::Lease& session, Engine engine, int64_t organisation_id) {
  RunScalar(session, ForEngine(engine, kLockCollectivite), {{"id", organisation_id}});
}

// Whom a move names as following the collectivité when nobody does yet: the mover, if they are on
// the network's team (a national admin acting for a network does not become its follower).
std::optional<int64_t> FollowerOf(const Account& caller, int64_t network_id) {
  for (const RoleGrant& grant : caller.roles) {
    if (grant.network_id == network_id && (grant.role == Role::kNetworkStaff || grant.role == Role::kNetworkAdmin)) {
      return caller.id;
    }
  }
  return std::nullopt;
}

int64_t RecordOf(Database::Lease& session, int64_t network_id) {
  return RunScalar(session, std::string(kNetworkRecord), {{"id", network_id}}).value_or(0);
}

}  // namespace

Result<PipelineList> PipelineRepository::List(const Account& caller, const PipelineQuery& query) {
  auto session = database_.Acquire();
  if (Status allowed = MayFollow(session, caller, query.network_id); !allowed.ok()) return allowed;
  PipelineList list;
  list.page.request = query.page;
  {
    std::vector<Binding> bindings;
    const std::string where = Filters(query, bindings, false);
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t stage = row.Text(), count = row.Integer();
    select.Use(bindings);
    select.Execute("SELECT ps.stage, COUNT(*) FROM pipeline_stage ps JOIN organisation o ON o.id = ps.organisation_id" +
                   where + " GROUP BY ps.stage");
    while (select.Fetch()) list.by_stage[StageOr(row.TextOr(stage))] = row.IntegerOr(count);
  }
  for (const auto& [stage, count] : list.by_stage) {
    if (!query.stage || *query.stage == stage) list.page.total += count;
  }
  std::vector<Binding> bindings;
  const std::string where = Filters(query, bindings, true);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  BoundStatement select(*session);
  RowReader row(select.statement());
  const auto slots = EntrySlots(row);
  select.Use(bindings);
  select.Execute(std::string(kEntryColumns) + where + " ORDER BY ps.changed_at DESC, ps.id DESC LIMIT :limit OFFSET :offset");
  while (select.Fetch()) list.page.items.push_back(ReadEntry(row, slots, query.network_id));
  std::vector<int64_t> shown;
  for (const PipelineEntry& entry : list.page.items) shown.push_back(entry.collectivite.id);
  const std::unordered_set<int64_t> members = MembersTodayAmong(session, shown, RecordOf(session, query.network_id), Today());
  for (PipelineEntry& entry : list.page.items) entry.member = members.contains(entry.collectivite.id);
  return list;
}

Result<std::pair<PipelineEntry, std::vector<PipelineChange>>> PipelineRepository::Find(const Account& caller,
                                                                                        int64_t network_id,
                                                                                        int64_t organisation_id) {
  auto session = database_.Acquire();
  if (Status allowed = MayFollow(session, caller, network_id); !allowed.ok()) return allowed;
  auto collectivite = ReadCollectivite(session, caller, organisation_id);
  if (!collectivite.ok()) return collectivite.status();
  return std::pair{EntryOf(session, network_id, collectivite.value(), RecordOf(session, network_id)),
                   ReadHistory(session, network_id, organisation_id)};
}

Result<std::pair<PipelineEntry, std::vector<PipelineChange>>> PipelineRepository::Move(const Account& caller,
                                                                                        int64_t network_id,
                                                                                        int64_t organisation_id,
                                                                                        const StageMoveDraft& draft) {
  ValidationErrors errors;
  ValidateStageMove(draft, errors);
  if (!errors.empty()) return errors.ToStatus();
  const PipelineStage to = *ParsePipelineStage(*draft.stage);
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (Status allowed = MayFollow(session, caller, network_id); !allowed.ok()) return allowed;
  auto collectivite = ReadCollectivite(session, caller, organisation_id);
  if (!collectivite.ok()) return collectivite.status();
  LockCollectivite(session, database_.engine(), organisation_id);
  if (draft.owner_id && !RunScalar(session, std::string(kTeamMember), {{"owner", *draft.owner_id}, {"network", network_id}})) {
    return Status::Invalid("owner_id", "Ce compte ne fait pas partie de l'équipe du réseau.");
  }
  const StoredStage stored = ReadStage(session, network_id, organisation_id);
  // Who follows the collectivité: as asked, else as before, else whoever first moves it.
  std::optional<int64_t> owner = draft.owner_id ? draft.owner_id : stored.owner_id;
  if (!owner) owner = FollowerOf(caller, network_id);
  const int64_t record = RecordOf(session, network_id);
  const std::string today = Today();
  if (stored.stage != to || owner != stored.owner_id || !stored.recorded) {
    if (record != 0 && stored.stage != to) {
      const bool member = IsMemberToday(session, organisation_id, record, today);
      switch (MembershipChangeFor(to, member)) {
        case MembershipChange::kRecord:
          RecordMembershipFrom(session, database_.engine(), caller, network_id, organisation_id, record, today);
          break;
        case MembershipChange::kEnd:
          EndMemberships(session, caller, organisation_id, record, today);
          break;
        case MembershipChange::kNone:
          break;
      }
    }
    WriteStage(session, network_id, organisation_id, stored.stage, to, owner, draft.reason.value_or(""),
               caller.id != 0 ? std::optional<int64_t>(caller.id) : std::nullopt);
  }
  auto entry = EntryOf(session, network_id, collectivite.value(), record);
  auto history = ReadHistory(session, network_id, organisation_id);
  transaction.Commit();
  return std::pair{std::move(entry), std::move(history)};
}

void RaisePipelineGeneration(soci::session& session) {
  session << "UPDATE data_generation SET value = value + 1 WHERE name = 'pipeline'";
}

void SyncStageWithMembership(Database::Lease& session, const Account& caller, int64_t network_id,
                             int64_t organisation_id, int64_t record_id) {
  LockCollectivite(session, session->get_backend_name() == "sqlite3" ? Engine::kSqlite : Engine::kPostgresql,
                   organisation_id);
  const StoredStage stored = ReadStage(session, network_id, organisation_id);
  const bool member = IsMemberToday(session, organisation_id, record_id, Today());
  const auto next = StageAfterMembership(stored.stage, member);
  if (!next) return;
  const std::string reason(member ? kMembershipRecordedReason : kMembershipEndedReason);
  const std::optional<int64_t> by = caller.id != 0 ? std::optional<int64_t>(caller.id) : std::nullopt;
  WriteStage(session, network_id, organisation_id, stored.stage, *next,
             stored.owner_id ? stored.owner_id : FollowerOf(caller, network_id), reason, by);
}

}  // namespace rrma
