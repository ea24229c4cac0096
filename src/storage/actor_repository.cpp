#include "storage/actor_repository.h"

#include <array>
#include <cctype>
#include <optional>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/search_text.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kActorColumns =
    "SELECT o.id, o.network_id, n.name, o.visibility, o.kind, o.name, o.acronym, o.rna, o.siren, o.address,"
    " o.commune_insee, c.name, o.departement_code, o.region_code, o.website, o.country_code, o.level, o.themes,"
    " o.countries, o.odd, o.description, o.archived_at, o.created_at, o.updated_at"
    " FROM organisation o JOIN network n ON n.id = o.network_id"
    " LEFT JOIN organisation c ON c.category = 'commune' AND c.insee_code = o.commune_insee";
constexpr std::string_view kWhereActor = " WHERE o.id = :id AND o.kind <> 'collectivite' AND ";
constexpr std::string_view kSelectNetwork = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kSelectCommunePlace =
    "SELECT departement_code, region_code FROM organisation WHERE category = 'commune' AND insee_code = :insee";
constexpr std::string_view kSelectCountry = "SELECT COUNT(*) FROM country WHERE code = :code";
constexpr std::string_view kSameIdentifier = "SELECT o.id FROM organisation o WHERE o.id <> :id AND (";
constexpr std::string_view kInsertActor =
    "INSERT INTO organisation (kind, name, search_name, network_id, visibility, created_at, updated_at)"
    " VALUES (:kind, :name, :search, :network, :visibility, :now, :now) RETURNING id";
constexpr std::string_view kUpdateActor =
    "UPDATE organisation SET visibility = :visibility, kind = :kind, name = :name, search_name = :search,"
    " acronym = :acronym, rna = :rna, siren = :siren, address = :address, commune_insee = :commune,"
    " departement_code = :departement, region_code = :region, website = :website, country_code = :country,"
    " level = :level, themes = :themes, countries = :countries, odd = :odd, description = :description,"
    " archived_at = :archived, name_key = :name_key, updated_at = :now WHERE id = :id";
constexpr std::string_view kDeleteWords = "DELETE FROM organisation_word WHERE organisation_id = :id";
constexpr std::string_view kInsertWord = "INSERT INTO organisation_word (word, organisation_id) VALUES (:word, :id)";
constexpr std::string_view kCountryByCodeOrName =
    "SELECT code FROM country WHERE code = UPPER(:code) OR search_name = :name ORDER BY code LIMIT 1";
constexpr std::string_view kSameInNetwork =
    "SELECT id FROM organisation WHERE network_id = :network AND kind <> 'collectivite' AND ";
constexpr std::string_view kSameNameInNetwork =
    "SELECT id FROM organisation WHERE network_id = :network AND kind <> 'collectivite'"
    " AND name_key = :name AND COALESCE(commune_insee, '') = :commune ORDER BY id LIMIT 1";
constexpr std::string_view kMergedInto = "SELECT merged_into FROM organisation WHERE id = :id AND merged_into IS NOT NULL";
constexpr std::string_view kRaiseDirectory = "UPDATE data_generation SET value = value + 1 WHERE name = 'directory'";

std::string ListJson(const std::vector<std::string>& values) { return nlohmann::json(values).dump(); }
std::string ListJson(const std::vector<int64_t>& values) { return nlohmann::json(values).dump(); }

template <typename T>
std::vector<T> ParseList(const std::string& text) {
  std::vector<T> values;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return values;
  for (const auto& item : json) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (item.is_string()) values.push_back(item.get<std::string>());
    } else {
      if (item.is_number_integer()) values.push_back(item.get<int64_t>());
    }
  }
  return values;
}

struct ActorQuery {
  explicit ActorQuery(soci::session& session) : statement(session), row(statement.statement()) {
    // id and network_id are integers, every other column text.
    for (size_t i = 0; i < slots.size(); ++i) slots[i] = i < 2 ? row.Integer() : row.Text();
  }
  Actor Read() const {
    size_t i = 0;
    Actor a;
    a.id = row.IntegerOr(slots[i++]);
    a.network_id = row.IntegerOr(slots[i++]);
    a.network_name = row.TextOr(slots[i++]);
    a.visibility = ParseVisibility(row.TextOr(slots[i++])).value_or(Visibility::kPrivate);
    a.kind = row.TextOr(slots[i++]);
    a.name = row.TextOr(slots[i++]);
    a.acronym = row.OptionalText(slots[i++]);
    a.rna = row.OptionalText(slots[i++]);
    a.siren = row.OptionalText(slots[i++]);
    a.address = row.OptionalText(slots[i++]);
    a.commune_insee = row.OptionalText(slots[i++]);
    a.commune_name = row.OptionalText(slots[i++]);
    a.departement_code = row.OptionalText(slots[i++]);
    a.region_code = row.OptionalText(slots[i++]);
    a.website = row.OptionalText(slots[i++]);
    a.country_code = row.OptionalText(slots[i++]);
    a.level = row.OptionalText(slots[i++]);
    a.themes = ParseList<std::string>(row.TextOr(slots[i++], "[]"));
    a.countries = ParseList<std::string>(row.TextOr(slots[i++], "[]"));
    a.odd = ParseList<int64_t>(row.TextOr(slots[i++], "[]"));
    a.description = row.TextOr(slots[i++]);
    a.archived_at = row.OptionalText(slots[i++]);
    a.created_at = row.TextOr(slots[i++]);
    a.updated_at = row.TextOr(slots[i++]);
    return a;
  }
  BoundStatement statement;
  RowReader row;
  std::array<size_t, 24> slots{};
};

Status UnknownActor(int64_t id) {
  return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
}

enum class Purpose { kShow, kChange };

Result<Actor> Readable(Database::Lease& session, Engine engine, const Account& caller, int64_t id,
                       Purpose purpose = Purpose::kShow) {
  std::string sql = std::string(kActorColumns) + std::string(kWhereActor) + ReadableBy("o");
  if (purpose == Purpose::kChange) sql = ForEngine(engine, sql + "{{lock_organisation}}");
  auto& query = session.Cached<ActorQuery>(sql);
  query.statement.Use(std::vector<Binding>{{"id", id}, CallerBinding(caller)});
  query.statement.Execute(sql);
  std::optional<Actor> actor;
  while (query.statement.Fetch()) actor = query.Read();
  if (!actor) return UnknownActor(id);
  return *actor;
}

// The reference data the actor names must exist: its commune, its countries. Fills the
// département and région of the commune.
Status CheckReferences(Database::Lease& session, Actor& actor) {
  ValidationErrors errors;
  actor.departement_code.reset();
  actor.region_code.reset();
  if (actor.commune_insee) {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t departement = row.Text();
    const size_t region = row.Text();
    select.Use("insee", *actor.commune_insee);
    select.Execute(std::string(kSelectCommunePlace));
    bool found = false;
    while (select.Fetch()) {
      found = true;
      actor.departement_code = row.OptionalText(departement);
      actor.region_code = row.OptionalText(region);
    }
    if (!found) errors.Add("commune_insee", "Aucune commune ne porte le code INSEE " + *actor.commune_insee + ".");
  }
  const auto known_country = [&](const std::string& code) {
    return RunScalar(session, std::string(kSelectCountry), {{"code", code}}).value_or(0) > 0;
  };
  for (size_t i = 0; i < actor.countries.size(); ++i) {
    if (!known_country(actor.countries[i])) {
      errors.Add("countries[" + std::to_string(i) + "]", "Pays inconnu : " + actor.countries[i] + ".");
    }
  }
  if (actor.country_code && !known_country(*actor.country_code)) {
    errors.Add("country_code", "Pays inconnu : " + *actor.country_code + ".");
  }
  return errors.ToStatus();
}

// Conflict when an organisation caller may read already carries the actor's RNA or SIREN (those
// of organisations caller may not read stay unknown to them).
Status CheckIdentifiers(Database::Lease& session, const Account& caller, const Actor& actor) {
  if (!actor.rna && !actor.siren) return Status::Ok();
  std::string sql(kSameIdentifier);
  std::vector<Binding> bindings = {{"id", actor.id}, CallerBinding(caller)};
  if (actor.rna) {
    sql += "o.rna = :rna";
    bindings.push_back({"rna", *actor.rna});
  }
  if (actor.siren) {
    sql += std::string(actor.rna ? " OR " : "") + "o.siren = :siren";
    bindings.push_back({"siren", *actor.siren});
  }
  sql += ") AND " + ReadableBy("o") + " ORDER BY o.id LIMIT 1";
  if (auto existing = RunScalar(session, sql, bindings)) {
    return Status::Conflict("Une organisation de l'annuaire porte déjà ce numéro (" +
                            std::string(actor.rna ? "RNA " + *actor.rna : "SIREN " + actor.siren.value_or("")) +
                            ") : identifiant " + std::to_string(*existing) + ".");
  }
  return Status::Ok();
}

void WriteWords(soci::session& session, int64_t id, const std::string& search_name) {
  {
    BoundStatement clear(session);
    clear.Use("id", id);
    RunChange(clear, std::string(kDeleteWords));
  }
  for (const std::string& word : SearchWords(search_name)) {
    BoundStatement insert(session);
    insert.Use("word", word);
    insert.Use("id", id);
    RunChange(insert, std::string(kInsertWord));
  }
}

void WriteActor(soci::session& session, const Actor& actor, const std::string& now) {
  BoundStatement update(session);
  update.Use("visibility", std::string(VisibilityName(actor.visibility)));
  update.Use("kind", actor.kind);
  update.Use("name", actor.name);
  update.Use("search", SearchableName(actor));
  update.UseOptional("acronym", actor.acronym);
  update.UseOptional("rna", actor.rna);
  update.UseOptional("siren", actor.siren);
  update.UseOptional("address", actor.address);
  update.UseOptional("commune", actor.commune_insee);
  update.UseOptional("departement", actor.departement_code);
  update.UseOptional("region", actor.region_code);
  update.UseOptional("website", actor.website);
  update.UseOptional("country", actor.country_code);
  update.UseOptional("level", actor.level);
  update.Use("themes", ListJson(actor.themes));
  update.Use("countries", ListJson(actor.countries));
  update.Use("odd", ListJson(actor.odd));
  update.Use("description", actor.description);
  update.UseOptional("archived", actor.archived_at);
  update.Use("name_key", NormaliseForSearch(actor.name));
  update.Use("now", now);
  update.Use("id", actor.id);
  RunChange(update, std::string(kUpdateActor));
  WriteWords(session, actor.id, SearchableName(actor));
}

AuditEntry EntryAbout(const Account& caller, const Actor& actor, std::string action, std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = actor.network_id;
  entry.action = std::move(action);
  entry.record_type = "organisation";
  entry.record_id = actor.id;
  entry.changes = std::move(changes);
  return entry;
}

}  // namespace

void RaiseDirectoryGeneration(soci::session& session) { session << kRaiseDirectory; }

void RecordRejection(ImportOutcome& outcome, size_t line, const Status& status) {
  if (status.field_errors().empty()) outcome.rejected.push_back({line, "", status.detail()});
  for (const FieldError& error : status.field_errors()) outcome.rejected.push_back({line, error.field, error.message});
}

void FinishImport(WriteTransaction& transaction, ImportOutcome& outcome, const ImportOptions& options) {
  if (options.dry_run || (!options.partial && !outcome.rejected.empty())) return;
  transaction.Commit();
  outcome.written = true;
}

Result<Actor> ActorRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, database_.engine(), caller, id);
}

namespace {

// Creates the actor within the caller's transaction: the checks, the row, its words, its audit entry.
Result<Actor> CreateIn(Database::Lease& session, Engine engine, const Account& caller, const ActorDraft& draft) {
  ValidationErrors errors;
  ValidateActorDraft(draft, nullptr, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (!RunScalar(session, std::string(kSelectNetwork), {{"id", *draft.network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*draft.network_id) + ".");
  }
  if (!WorksIn(caller, *draft.network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer d'organisation.");
  }
  const std::string now = NowIsoUtc();
  Actor actor = ApplyDraft(Actor{}, draft, now);
  if (Status known = CheckReferences(session, actor); !known.ok()) return known;
  if (Status unique = CheckIdentifiers(session, caller, actor); !unique.ok()) return unique;
  {
    BoundStatement insert(*session);
    RowReader row(insert.statement());
    const size_t id = row.Integer();
    insert.Use("kind", actor.kind);
    insert.Use("name", actor.name);
    insert.Use("search", SearchableName(actor));
    insert.Use("network", actor.network_id);
    insert.Use("visibility", std::string(VisibilityName(actor.visibility)));
    insert.Use("now", now);
    insert.Execute(std::string(kInsertActor));
    while (insert.Fetch()) actor.id = row.IntegerOr(id);
  }
  WriteActor(*session, actor, now);
  AppendAudit(*session, EntryAbout(caller, actor, "create", ActorChanges(Actor{}, actor)));
  RaiseDirectoryGeneration(*session);
  return Readable(session, engine, caller, actor.id);
}

// The code of a country written by its code or its French name, or the text unchanged.
std::string CountryCode(Database::Lease& session, const std::string& text) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t code = row.Text();
  select.Use("code", text);
  select.Use("name", NormaliseForSearch(text));
  select.Execute(std::string(kCountryByCodeOrName));
  std::optional<std::string> found;
  while (select.Fetch()) found = row.OptionalText(code);
  return found.value_or(text);
}

// The id of the network's organisation the draft repeats: same RNA or SIREN, else same name in the
// same commune.
std::optional<int64_t> ExistingInNetwork(Database::Lease& session, const ActorDraft& draft) {
  const int64_t network = *draft.network_id;
  for (const auto& [column, value] : {std::pair{"rna", draft.rna}, std::pair{"siren", draft.siren}}) {
    if (!value || !*value) continue;
    const std::string sql = std::string(kSameInNetwork) + column + " = :value";
    std::string normalised = **value;
    for (char& c : normalised) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (auto id = RunScalar(session, sql, {{"network", network}, {"value", normalised}})) return id;
  }
  const std::string commune = draft.commune_insee && *draft.commune_insee ? **draft.commune_insee : "";
  return RunScalar(session, std::string(kSameNameInNetwork),
                   {{"network", network}, {"name", NormaliseForSearch(draft.name.value_or(""))}, {"commune", commune}});
}

}  // namespace

Result<Actor> ActorRepository::Create(const Account& caller, const ActorDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto created = CreateIn(session, database_.engine(), caller, draft);
  if (created.ok()) transaction.Commit();
  return created;
}

ImportOutcome ActorRepository::ImportDrafts(const Account& caller,
                                            const std::vector<std::pair<size_t, ActorDraft>>& drafts,
                                            const ImportOptions& options) {
  ImportOutcome outcome;
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  for (const auto& [line, original] : drafts) {
    ActorDraft draft = original;
    if (draft.countries) {
      for (std::string& country : *draft.countries) country = CountryCode(session, country);
    }
    if (draft.country_code && *draft.country_code) draft.country_code = CountryCode(session, **draft.country_code);
    if (draft.name && draft.network_id && ExistingInNetwork(session, draft)) {
      ++outcome.existing;
      continue;
    }
    auto created = CreateIn(session, database_.engine(), caller, draft);
    if (created.ok()) {
      ++outcome.created;
      continue;
    }
    RecordRejection(outcome, line, created.status());
  }
  FinishImport(transaction, outcome, options);
  return outcome;
}

Result<Actor> ActorRepository::Update(const Account& caller, int64_t id, const ActorDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto before = Readable(session, database_.engine(), caller, id, Purpose::kChange);
  if (!before.ok()) return before;
  if (!WorksIn(caller, before.value().network_id)) {
    return Status::Forbidden("Cette organisation appartient à un autre réseau : vous pouvez la consulter, pas la modifier.");
  }
  ValidationErrors errors;
  ValidateActorDraft(draft, &before.value(), errors);
  if (!errors.empty()) return errors.ToStatus();
  if (draft.archived && !*draft.archived &&
      RunScalar(session, std::string(kMergedInto), {{"id", id}}).has_value()) {
    return Status::Conflict("Cette fiche a été fusionnée dans une autre : annulez la fusion pour la retrouver.");
  }
  const std::string now = NowIsoUtc();
  Actor after = ApplyDraft(before.value(), draft, now);
  if (Status known = CheckReferences(session, after); !known.ok()) return known;
  if (draft.rna || draft.siren) {
    if (Status unique = CheckIdentifiers(session, caller, after); !unique.ok()) return unique;
  }
  auto changes = ActorChanges(before.value(), after);
  if (!changes.empty()) {
    WriteActor(*session, after, now);
    const bool archiving = draft.archived && before.value().archived_at.has_value() != after.archived_at.has_value();
    const std::string action = archiving ? (after.archived_at ? "archive" : "restore") : "update";
    AppendAudit(*session, EntryAbout(caller, after, action, std::move(changes)));
    RaiseDirectoryGeneration(*session);
  }
  auto updated = Readable(session, database_.engine(), caller, id);
  transaction.Commit();
  return updated;
}

}  // namespace rrma
