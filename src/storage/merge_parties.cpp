#include "storage/merge_parties.h"

#include <string>
#include <vector>

#include "storage/bound_statement.h"
#include "storage/tenant_scope.h"

namespace rrma {
namespace {

using json = nlohmann::json;

// One kind of record naming organisations through a link table.
struct LinkTable {
  std::string_view table;   // interaction_organisation
  std::string_view record;  // interaction_id
  std::string_view owner;   // the record's table, whose rows carry network_id and visibility
};
constexpr LinkTable kInteractions = {"interaction_organisation", "interaction_id", "interaction"};
constexpr LinkTable kEvents = {"event_organisation", "event_id", "event"};

struct Line {
  int64_t record = 0;
  bool names_kept = false;
  std::string role, attendance;  // events only
};

std::vector<Line> LinesOf(Database::Lease& session, const Account& caller, const LinkTable& link, int64_t kept_id,
                          int64_t merged_id, bool with_roles) {
  const std::string table(link.table), record(link.record);
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), both = row.Integer();
  const size_t role = with_roles ? row.Text() : 0, attendance = with_roles ? row.Text() : 0;
  select.Use(std::vector<Binding>{{"kept", kept_id}, {"merged", merged_id}, CallerBinding(caller)});
  select.Execute("SELECT l." + record + ", (SELECT COUNT(*) FROM " + table + " k WHERE k." + record + " = l." + record +
                 " AND k.organisation_id = :kept)" + (with_roles ? ", l.role, l.attendance" : "") + " FROM " + table +
                 " l JOIN " + std::string(link.owner) + " rec ON rec.id = l." + record +
                 " WHERE l.organisation_id = :merged AND " + WritableBy("rec") + " ORDER BY l." + record);
  std::vector<Line> lines;
  while (select.Fetch()) {
    lines.push_back({row.IntegerOr(id), row.IntegerOr(both) > 0, with_roles ? row.TextOr(role) : "",
                     with_roles ? row.TextOr(attendance) : ""});
  }
  return lines;
}

// Points the line of record from one organisation to another.
void Repoint(Database::Lease& session, const LinkTable& link, int64_t record, int64_t from, int64_t to) {
  BoundStatement update(*session);
  update.Use("to", to);
  update.Use("record", record);
  update.Use("from", from);
  RunChange(update, "UPDATE " + std::string(link.table) + " SET organisation_id = :to WHERE " + std::string(link.record) +
                        " = :record AND organisation_id = :from");
}

void Drop(Database::Lease& session, const LinkTable& link, int64_t record, int64_t organisation) {
  BoundStatement remove(*session);
  remove.Use("record", record);
  remove.Use("organisation", organisation);
  RunChange(remove, "DELETE FROM " + std::string(link.table) + " WHERE " + std::string(link.record) +
                        " = :record AND organisation_id = :organisation");
}

// Moves the lines of one link table; returns {"moved": [...], "dropped": [...]}.
json Move(Database::Lease& session, const Account& caller, const LinkTable& link, int64_t kept_id, int64_t merged_id,
          bool with_roles) {
  json moved = json::array(), dropped = json::array();
  for (const Line& line : LinesOf(session, caller, link, kept_id, merged_id, with_roles)) {
    if (line.names_kept) {
      Drop(session, link, line.record, merged_id);
      dropped.push_back(with_roles ? json{{"id", line.record}, {"role", line.role}, {"attendance", line.attendance}}
                                   : json(line.record));
    } else {
      Repoint(session, link, line.record, merged_id, kept_id);
      moved.push_back(line.record);
    }
  }
  return {{"moved", std::move(moved)}, {"dropped", std::move(dropped)}};
}

std::optional<int64_t> IdOf(const json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_object() && value.contains("id") && value["id"].is_number_integer()) return value["id"].get<int64_t>();
  return std::nullopt;
}

std::string TextOf(const json& value, const char* name) {
  return value.is_object() && value.contains(name) && value[name].is_string() ? value[name].get<std::string>() : "";
}

void Restore(Database::Lease& session, const json& done, const LinkTable& link, int64_t kept_id, int64_t merged_id,
             bool with_roles) {
  if (!done.is_object()) return;
  const std::string table(link.table), record(link.record), owner(link.owner);
  for (const json& id : done.value("moved", json::array())) {
    if (auto record_id = IdOf(id)) Repoint(session, link, *record_id, kept_id, merged_id);
  }
  // A dropped line comes back on a record that still exists and does not name the merged one again.
  for (const json& line : done.value("dropped", json::array())) {
    auto record_id = IdOf(line);
    if (!record_id) continue;
    BoundStatement insert(*session);
    insert.Use("record", *record_id);
    insert.Use("merged", merged_id);
    if (with_roles) {
      insert.Use("role", TextOf(line, "role"));
      insert.Use("attendance", TextOf(line, "attendance"));
    }
    RunChange(insert, "INSERT INTO " + table + " (" + record + ", organisation_id" +
                          (with_roles ? ", role, attendance" : "") + ") SELECT rec.id, :merged" +
                          (with_roles ? ", :role, :attendance" : "") + " FROM " + owner +
                          " rec WHERE rec.id = :record AND NOT EXISTS (SELECT 1 FROM " + table + " l WHERE l." + record +
                          " = rec.id AND l.organisation_id = :merged)");
  }
}

}  // namespace

json MoveRecordParties(Database::Lease& session, const Account& caller, int64_t kept_id, int64_t merged_id) {
  return {{"interactions", Move(session, caller, kInteractions, kept_id, merged_id, false)},
          {"events", Move(session, caller, kEvents, kept_id, merged_id, true)}};
}

void RestoreRecordParties(Database::Lease& session, const json& moved, int64_t kept_id, int64_t merged_id) {
  if (!moved.is_object()) return;
  Restore(session, moved.value("interactions", json::object()), kInteractions, kept_id, merged_id, false);
  Restore(session, moved.value("events", json::object()), kEvents, kept_id, merged_id, true);
}

int64_t MovedRecordCount(const json& moved) {
  int64_t count = 0;
  for (const char* kind : {"interactions", "events"}) {
    const json done = moved.is_object() ? moved.value(kind, json::object()) : json::object();
    for (const char* what : {"moved", "dropped"}) {
      const json lines = done.is_object() ? done.value(what, json::array()) : json::array();
      if (lines.is_array()) count += static_cast<int64_t>(lines.size());
    }
  }
  return count;
}

}  // namespace rrma
