#include "storage/merge_repository.h"

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "storage/actor_repository.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/merge_parties.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

using nlohmann::json;

constexpr std::string_view kActor =
    "SELECT o.id, o.network_id, o.name, o.kind, o.rna, o.siren, o.name_key, o.commune_insee, o.archived_at"
    " FROM organisation o WHERE o.id = :id AND o.kind NOT IN ('collectivite', 'reseau') AND ";
constexpr std::string_view kCandidates =
    "SELECT o.id, o.name, o.kind, n.name, CASE WHEN o.rna = :rna THEN 1 WHEN o.siren = :siren THEN 2 ELSE 3 END"
    " FROM organisation o JOIN network n ON n.id = o.network_id"
    " WHERE o.id <> :id AND o.kind NOT IN ('collectivite', 'reseau') AND o.archived_at IS NULL"
    " AND (o.rna = :rna OR o.siren = :siren OR (o.name_key = :name AND COALESCE(o.commune_insee, '') = :commune))"
    " AND ";
constexpr std::string_view kCandidatesOrder = " ORDER BY 5, o.name, o.id LIMIT 50";
// Only the relationships the caller's networks own move: another network's rows stay where that
// network put them (it can move them itself), so a merge never changes what it cannot read.
constexpr std::string_view kRelationsOf =
    "SELECT rel.id, rel.from_id, rel.to_id, rel.network_id, rel.kind, rel.role, rel.start_date, rel.end_date,"
    " rel.source, rel.visibility, rel.themes, rel.convention_date, rel.reference_key, rel.created_at"
    " FROM relationship rel WHERE (rel.from_id = :id OR rel.to_id = :id) AND ";
constexpr std::string_view kSameRelation =
    "SELECT id FROM relationship WHERE id <> :id AND kind = :kind AND from_id = :from AND to_id = :to"
    " AND COALESCE(network_id, 0) = :network AND COALESCE(role, '') = :role AND COALESCE(start_date, '') = :start";
constexpr std::string_view kMoveRelation = "UPDATE relationship SET from_id = :from, to_id = :to WHERE id = :id";
constexpr std::string_view kDeleteRelation = "DELETE FROM relationship WHERE id = :id";
constexpr std::string_view kRestoreRelation =
    "INSERT INTO relationship (id, from_id, to_id, network_id, kind, role, start_date, end_date, source, visibility,"
    " themes, convention_date, reference_key, created_at) VALUES (:id, :from, :to, :network, :kind, :role, :start,"
    " :end, :source, :visibility, :themes, :convention, :key, :created)";
constexpr std::string_view kPositionsAt =
    "SELECT pp.id FROM person_position pp JOIN person p ON p.id = pp.person_id WHERE pp.organisation_id = :id AND ";
constexpr std::string_view kMovePosition = "UPDATE person_position SET organisation_id = :organisation WHERE id = :id";
constexpr std::string_view kMarkMerged =
    "UPDATE organisation SET archived_at = :archived, merged_into = :kept, updated_at = :now WHERE id = :id";
constexpr std::string_view kInsertMerge =
    "INSERT INTO organisation_merge (kept_id, merged_id, network_id, moved_relationships, removed_relationships,"
    " moved_positions, moved_parties, created_at) VALUES (:kept, :merged, :network, :moved, :removed, :positions,"
    " :parties, :now) RETURNING id";
constexpr std::string_view kSelectMerge =
    "SELECT id, kept_id, merged_id, network_id, moved_relationships, removed_relationships, moved_positions, undone_at,"
    " moved_parties FROM organisation_merge WHERE id = :id{{lock_merge}}";
// A later merge, not undone, of either record: it must be undone first.
constexpr std::string_view kLaterMerges =
    "SELECT COUNT(*) FROM organisation_merge WHERE id > :id AND undone_at IS NULL"
    " AND (kept_id IN (:kept, :merged) OR merged_id IN (:kept, :merged))";
constexpr std::string_view kMergedState =
    "SELECT COUNT(*) FROM organisation WHERE id = :merged AND merged_into = :kept AND archived_at IS NOT NULL";
constexpr std::string_view kKeptState = "SELECT COUNT(*) FROM organisation WHERE id = :kept AND archived_at IS NULL";
constexpr std::string_view kMarkUndone = "UPDATE organisation_merge SET undone_at = :now WHERE id = :id";

struct ActorRow {
  int64_t id = 0, network_id = 0;
  std::string name, kind;
  std::optional<std::string> rna, siren, search_name, commune, archived_at;
};

// The actor if caller may read it; locked until commit when it is about to change (PostgreSQL).
std::optional<ActorRow> ReadActor(Database::Lease& session, Engine engine, const Account& caller, int64_t id,
                                  bool lock = false) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id_slot = row.Integer(), network = row.Integer(), name = row.Text(), kind = row.Text(), rna = row.Text();
  const size_t siren = row.Text(), search = row.Text(), commune = row.Text(), archived = row.Text();
  select.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
  select.Execute(ForEngine(engine, std::string(kActor) + ReadableBy("o") + (lock ? "{{lock_organisation}}" : "")));
  std::optional<ActorRow> found;
  while (select.Fetch()) {
    found = ActorRow{row.IntegerOr(id_slot), row.IntegerOr(network), row.TextOr(name), row.TextOr(kind),
                     row.OptionalText(rna), row.OptionalText(siren), row.OptionalText(search),
                     row.OptionalText(commune), row.OptionalText(archived)};
  }
  return found;
}

Status Unknown(int64_t id) { return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + "."); }

// A relationship row as read, kept whole in the merge record when it is removed.
json RelationRow(RowReader& row, const std::vector<size_t>& slots) {
  json r;
  r["id"] = row.IntegerOr(slots[0]);
  r["from"] = row.IntegerOr(slots[1]);
  r["to"] = row.IntegerOr(slots[2]);
  const auto network = row.OptionalInteger(slots[3]);
  r["network"] = network ? json(*network) : json(nullptr);
  const char* names[] = {"kind", "role", "start", "end", "source", "visibility", "themes", "convention", "key", "created"};
  for (size_t i = 0; i < 10; ++i) {
    auto text = row.OptionalText(slots[4 + i]);
    r[names[i]] = text ? json(*text) : json(nullptr);
  }
  return r;
}

std::optional<std::string> Text(const json& value) {
  return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
}

void Journal(soci::session& session, const Account& caller, int64_t network, int64_t record, const std::string& action,
             std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = network;
  entry.action = action;
  entry.record_type = "organisation";
  entry.record_id = record;
  entry.changes = std::move(changes);
  AppendAudit(session, entry);
}

MergeRecord Summary(int64_t id, int64_t kept, int64_t merged, const json& moved, const json& removed,
                    const json& positions, const json& parties, bool undone) {
  return {id,
          kept,
          merged,
          static_cast<int64_t>(moved.size()),
          static_cast<int64_t>(removed.size()),
          static_cast<int64_t>(positions.size()),
          MovedRecordCount(parties),
          undone};
}

}  // namespace

Result<std::vector<DuplicateCandidate>> MergeRepository::Duplicates(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  auto actor = ReadActor(session, database_.engine(), caller, id);
  if (!actor) return Unknown(id);
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id_slot = row.Integer(), name = row.Text(), kind = row.Text(), network = row.Text(), reason = row.Integer();
  // An absent identifier binds a value no row holds, so that it matches nothing.
  select.Use(std::vector<Binding>{{"id", id},
                                  {"rna", actor->rna.value_or("\x01")},
                                  {"siren", actor->siren.value_or("\x01")},
                                  {"name", actor->search_name.value_or("")},
                                  {"commune", actor->commune.value_or("")},
                                  CallerBinding(caller)});
  select.Execute(std::string(kCandidates) + ReadableBy("o") + std::string(kCandidatesOrder));
  std::vector<DuplicateCandidate> candidates;
  static const char* const kReasons[] = {"même RNA", "même SIREN", "même nom dans la même commune"};
  while (select.Fetch()) {
    const int64_t why = std::clamp<int64_t>(row.IntegerOr(reason), 1, 3);
    candidates.push_back({row.IntegerOr(id_slot), row.TextOr(name), row.TextOr(kind), row.TextOr(network),
                          kReasons[why - 1]});
  }
  return candidates;
}

Result<MergeRecord> MergeRepository::Merge(const Account& caller, int64_t kept_id, int64_t merged_id) {
  if (kept_id == merged_id) return Status::Invalid("merged_id", "Une organisation ne se fusionne pas avec elle-même.");
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto kept = ReadActor(session, database_.engine(), caller, kept_id, true);
  if (!kept) return Unknown(kept_id);
  auto merged = ReadActor(session, database_.engine(), caller, merged_id, true);
  if (!merged) return Status::Invalid("merged_id", "Aucune organisation enregistrée par un réseau ne porte l'identifiant " +
                                                       std::to_string(merged_id) + ".");
  if (!WorksIn(caller, kept->network_id) || !WorksIn(caller, merged->network_id)) {
    return Status::Forbidden("Fusionner deux fiches demande d'agir pour le réseau de chacune.");
  }
  if (kept->archived_at) return Status::Invalid("id", "« " + kept->name + " » est archivée : restaurez-la d'abord.");
  if (merged->archived_at) return Status::Invalid("merged_id", "« " + merged->name + " » est déjà archivée ou fusionnée.");
  const std::string now = NowIsoUtc();

  // The relationships: moved to the kept record with their own dates, or removed when the kept
  // record already holds the very same one (or when they joined the two records).
  json moved = json::array(), removed = json::array();
  std::vector<json> relations;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    std::vector<size_t> slots;
    for (int i = 0; i < 4; ++i) slots.push_back(row.Integer());
    for (int i = 0; i < 10; ++i) slots.push_back(row.Text());
    select.Use(std::vector<Binding>{{"id", merged_id}, CallerBinding(caller)});
    select.Execute(std::string(kRelationsOf) + WritableBy("rel") + " ORDER BY rel.id");
    while (select.Fetch()) relations.push_back(RelationRow(row, slots));
  }
  for (const json& r : relations) {
    const int64_t from = r["from"] == merged_id ? kept_id : r["from"].get<int64_t>();
    const int64_t to = r["to"] == merged_id ? kept_id : r["to"].get<int64_t>();
    bool duplicate = from == to;
    if (!duplicate) {
      duplicate = RunScalar(session, std::string(kSameRelation),
                            {{"id", r["id"].get<int64_t>()}, {"kind", r["kind"].get<std::string>()}, {"from", from},
                             {"to", to}, {"network", r["network"].is_null() ? 0 : r["network"].get<int64_t>()},
                             {"role", Text(r["role"]).value_or("")}, {"start", Text(r["start"]).value_or("")}})
                      .has_value();
    }
    BoundStatement change(*session);
    change.Use("id", r["id"].get<int64_t>());
    if (duplicate) {
      RunChange(change, std::string(kDeleteRelation));
      removed.push_back(r);
    } else {
      change.Use("from", from);
      change.Use("to", to);
      RunChange(change, std::string(kMoveRelation));
      moved.push_back({{"id", r["id"]}, {"from", r["from"]}, {"to", r["to"]}});
    }
  }
  json positions = json::array();
  {
    std::vector<int64_t> ids;
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    select.Use(std::vector<Binding>{{"id", merged_id}, CallerBinding(caller)});
    select.Execute(std::string(kPositionsAt) + WritableBy("p") + " ORDER BY pp.id");
    while (select.Fetch()) ids.push_back(row.IntegerOr(id));
    for (int64_t position : ids) {
      BoundStatement move(*session);
      move.Use("organisation", kept_id);
      move.Use("id", position);
      RunChange(move, std::string(kMovePosition));
      positions.push_back(position);
    }
  }
  const json parties = MoveRecordParties(session, caller, kept_id, merged_id);
  {
    BoundStatement mark(*session);
    mark.Use("archived", now);
    mark.UseOptional("kept", std::optional<int64_t>(kept_id));
    mark.Use("now", now);
    mark.Use("id", merged_id);
    RunChange(mark, std::string(kMarkMerged));
  }
  int64_t merge_id = 0;
  {
    BoundStatement insert(*session);
    RowReader row(insert.statement());
    const size_t id = row.Integer();
    insert.Use("kept", kept_id);
    insert.Use("merged", merged_id);
    insert.Use("network", kept->network_id);
    insert.Use("moved", moved.dump());
    insert.Use("removed", removed.dump());
    insert.Use("positions", positions.dump());
    insert.Use("parties", parties.dump());
    insert.Use("now", now);
    insert.Execute(std::string(kInsertMerge));
    while (insert.Fetch()) merge_id = row.IntegerOr(id);
  }
  const std::string summary = std::to_string(moved.size()) + " relation(s) déplacée(s), " +
                              std::to_string(removed.size()) + " en double retirée(s), " +
                              std::to_string(positions.size()) + " fonction(s) déplacée(s), " +
                              std::to_string(MovedRecordCount(parties)) + " compte(s) rendu(s) ou événement(s) repris";
  Journal(*session, caller, kept->network_id, kept_id, "merge",
          {{"merged_from", std::nullopt, merged->name + " (" + std::to_string(merged_id) + ") : " + summary}});
  Journal(*session, caller, merged->network_id, merged_id, "merge",
          {{"merged_into", std::nullopt, kept->name + " (" + std::to_string(kept_id) + ")"}});
  RaiseDirectoryGeneration(*session);
  transaction.Commit();
  return Summary(merge_id, kept_id, merged_id, moved, removed, positions, parties, false);
}

Result<MergeRecord> MergeRepository::Undo(const Account& caller, int64_t merge_id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  int64_t kept_id = 0, merged_id = 0, network = 0;
  json moved, removed, positions, parties;
  bool found = false, undone = false;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer(), kept = row.Integer(), merged = row.Integer(), net = row.Integer();
    const size_t m = row.Text(), r = row.Text(), p = row.Text(), u = row.Text(), rp = row.Text();
    select.Use("id", merge_id);
    select.Execute(ForEngine(database_.engine(), kSelectMerge));
    while (select.Fetch()) {
      found = row.IntegerOr(id) == merge_id;
      kept_id = row.IntegerOr(kept);
      merged_id = row.IntegerOr(merged);
      network = row.IntegerOr(net);
      moved = json::parse(row.TextOr(m, "[]"), nullptr, false);
      removed = json::parse(row.TextOr(r, "[]"), nullptr, false);
      positions = json::parse(row.TextOr(p, "[]"), nullptr, false);
      undone = row.OptionalText(u).has_value();
      parties = json::parse(row.TextOr(rp, "{}"), nullptr, false);
    }
  }
  if (!found || !WorksIn(caller, network) || !moved.is_array() || !removed.is_array() || !positions.is_array()) {
    return Status::NotFound("Aucune fusion ne porte l'identifiant " + std::to_string(merge_id) + ".");
  }
  if (undone) return Status::Conflict("Cette fusion a déjà été annulée.");
  // Undone only from the state it left: the later merges of either record undone first, the merged
  // record still merged into the kept one, the kept one not archived since.
  const std::vector<Binding> pair = {{"id", merge_id}, {"kept", kept_id}, {"merged", merged_id}};
  if (RunScalar(session, std::string(kLaterMerges), pair).value_or(0) > 0) {
    return Status::Conflict("Une fusion plus récente concerne ces fiches : annulez-la d'abord.");
  }
  if (RunScalar(session, std::string(kMergedState), {{"kept", kept_id}, {"merged", merged_id}}).value_or(0) == 0 ||
      RunScalar(session, std::string(kKeptState), {{"kept", kept_id}}).value_or(0) == 0) {
    return Status::Conflict("Les fiches ont changé depuis la fusion (archivée, restaurée) : elle ne s'annule plus.");
  }
  const std::string now = NowIsoUtc();
  for (const json& m : moved) {
    BoundStatement back(*session);
    back.Use("id", m["id"].get<int64_t>());
    back.Use("from", m["from"].get<int64_t>());
    back.Use("to", m["to"].get<int64_t>());
    RunChange(back, std::string(kMoveRelation));
  }
  for (const json& r : removed) {
    BoundStatement restore(*session);
    restore.Use("id", r["id"].get<int64_t>());
    restore.Use("from", r["from"].get<int64_t>());
    restore.Use("to", r["to"].get<int64_t>());
    restore.UseOptional("network", r["network"].is_null() ? std::nullopt : std::optional<int64_t>(r["network"].get<int64_t>()));
    for (const char* name : {"kind", "role", "start", "end", "source", "visibility", "themes", "convention", "key", "created"}) {
      restore.UseOptional(name, Text(r[name]));
    }
    RunChange(restore, std::string(kRestoreRelation));
  }
  RestoreRecordParties(session, parties, kept_id, merged_id);
  for (const json& position : positions) {
    BoundStatement back(*session);
    back.Use("organisation", merged_id);
    back.Use("id", position.get<int64_t>());
    RunChange(back, std::string(kMovePosition));
  }
  {
    BoundStatement mark(*session);
    mark.UseOptional("archived", std::optional<std::string>());
    mark.UseOptional("kept", std::optional<int64_t>());
    mark.Use("now", now);
    mark.Use("id", merged_id);
    RunChange(mark, std::string(kMarkMerged));
  }
  {
    BoundStatement mark(*session);
    mark.Use("now", now);
    mark.Use("id", merge_id);
    RunChange(mark, std::string(kMarkUndone));
  }
  Journal(*session, caller, network, kept_id, "unmerge", {{"merged_from", std::to_string(merged_id), std::nullopt}});
  Journal(*session, caller, network, merged_id, "unmerge", {{"merged_into", std::to_string(kept_id), std::nullopt}});
  RaiseDirectoryGeneration(*session);
  transaction.Commit();
  return Summary(merge_id, kept_id, merged_id, moved, removed, positions, parties, true);
}

}  // namespace rrma
