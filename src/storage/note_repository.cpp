#include "storage/note_repository.h"

#include "domain/field_rules.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kOrganisationReadable = "SELECT COUNT(*) FROM organisation o WHERE o.id = :id AND ";
constexpr std::string_view kNotes =
    "SELECT nt.network_id, n.name, nt.visibility, nt.text, nt.updated_at FROM organisation_note nt"
    " JOIN network n ON n.id = nt.network_id WHERE nt.organisation_id = :id AND ";
constexpr std::string_view kNetwork = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kCurrent =
    "SELECT text FROM organisation_note WHERE organisation_id = :organisation AND network_id = :network";
constexpr std::string_view kUpsert =
    "INSERT INTO organisation_note (organisation_id, network_id, visibility, text, updated_at)"
    " VALUES (:organisation, :network, :visibility, :text, :now) ON CONFLICT (organisation_id, network_id)"
    " DO UPDATE SET visibility = excluded.visibility, text = excluded.text, updated_at = excluded.updated_at";
constexpr std::string_view kDelete = "DELETE FROM organisation_note WHERE organisation_id = :organisation AND network_id = :network";

bool Readable(Database::Lease& session, const Account& caller, int64_t id) {
  return RunScalar(session, std::string(kOrganisationReadable) + ReadableBy("o"), {{"id", id}, CallerBinding(caller)})
             .value_or(0) > 0;
}

}  // namespace

Result<std::vector<OrganisationNote>> NoteRepository::List(const Account& caller, int64_t organisation_id) {
  auto session = database_.Acquire();
  if (!Readable(session, caller, organisation_id)) {
    return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(organisation_id) + ".");
  }
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t network = row.Integer(), name = row.Text(), visibility = row.Text(), text = row.Text(), at = row.Text();
  select.Use(std::vector<Binding>{{"id", organisation_id}, CallerBinding(caller)});
  select.Execute(std::string(kNotes) + ReadableBy("nt") + " ORDER BY n.name");
  std::vector<OrganisationNote> notes;
  while (select.Fetch()) {
    notes.push_back({row.IntegerOr(network), row.TextOr(name),
                     ParseVisibility(row.TextOr(visibility)).value_or(Visibility::kPrivate), row.TextOr(text),
                     row.TextOr(at)});
  }
  std::stable_partition(notes.begin(), notes.end(), [&](const OrganisationNote& n) { return WorksIn(caller, n.network_id); });
  return notes;
}

Result<std::vector<OrganisationNote>> NoteRepository::Write(const Account& caller, int64_t organisation_id,
                                                            int64_t network_id, const std::string& visibility,
                                                            const std::string& text) {
  ValidationErrors errors;
  if (!ParseVisibility(visibility)) errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  CheckText(text, "text", "La note", false, kMaxNoteLength, errors);
  if (!errors.empty()) return errors.ToStatus();
  {
    auto session = database_.Acquire();
    WriteTransaction transaction(*session, database_.engine());
    if (!Readable(session, caller, organisation_id)) {
      return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(organisation_id) + ".");
    }
    if (!RunScalar(session, std::string(kNetwork), {{"id", network_id}})) {
      return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(network_id) + ".");
    }
    if (!WorksIn(caller, network_id)) {
      return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y écrire de note.");
    }
    std::optional<std::string> before;
    {
      BoundStatement select(*session);
      RowReader row(select.statement());
      const size_t current = row.Text();
      select.Use(std::vector<Binding>{{"organisation", organisation_id}, {"network", network_id}});
      select.Execute(std::string(kCurrent));
      while (select.Fetch()) before = row.OptionalText(current);
    }
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    BoundStatement change(*session);
    change.Use("organisation", organisation_id);
    change.Use("network", network_id);
    if (blank) {
      RunChange(change, std::string(kDelete));
    } else {
      change.Use("visibility", visibility);
      change.Use("text", text);
      change.Use("now", NowIsoUtc());
      RunChange(change, std::string(kUpsert));
    }
    AuditEntry entry;
    SetActor(entry, caller);
    entry.network_id = network_id;
    entry.action = blank ? "delete" : before ? "update" : "create";
    entry.record_type = "organisation";
    entry.record_id = organisation_id;
    entry.changes = {{"note", before, blank ? std::nullopt : std::optional<std::string>(text)}};
    AppendAudit(*session, entry);
    transaction.Commit();
  }
  return List(caller, organisation_id);
}

}  // namespace rrma
