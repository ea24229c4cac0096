#include "storage/actor_repository.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/field_rules.h"
#include "domain/search_text.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
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
constexpr std::string_view kReadableIdentifiers =
    "SELECT o.id, o.rna, o.siren FROM organisation o WHERE (o.rna IS NOT NULL OR o.siren IS NOT NULL) AND ";
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
// What makes an imported organisation one its network already holds (SameKeys).
constexpr std::string_view kKeysOfNetwork =
    "SELECT rna, siren, name_key, COALESCE(commune_insee, '') FROM organisation"
    " WHERE network_id = :network AND kind <> 'collectivite'";
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

struct CommunePlace {
  std::optional<std::string> departement;
  std::optional<std::string> region;
};

// What checking new actors reads from the reference data, each fact read once per transaction: a
// file names the same communes and countries on thousands of lines. Not thread-safe.
class ReferenceLookups {
 public:
  explicit ReferenceLookups(Database::Lease& session) : session_(session) {}

  bool NetworkExists(int64_t id) {
    auto [known, added] = networks_.try_emplace(id, false);
    if (added) known->second = RunScalar(session_, std::string(kSelectNetwork), {{"id", id}}).has_value();
    return known->second;
  }

  // The département and région of a commune of the COG; nothing when no commune has the code.
  const std::optional<CommunePlace>& Commune(const std::string& insee) {
    auto [place, added] = communes_.try_emplace(insee);
    if (!added) return place->second;
    auto& query = session_.Cached<CommuneQuery>(std::string(kSelectCommunePlace));
    query.statement.Use("insee", insee);
    query.statement.Execute(std::string(kSelectCommunePlace));
    while (query.statement.Fetch()) {
      place->second = CommunePlace{query.row.OptionalText(query.departement), query.row.OptionalText(query.region)};
    }
    return place->second;
  }

  bool CountryExists(const std::string& code) {
    auto [known, added] = countries_.try_emplace(code, false);
    if (added) known->second = RunScalar(session_, std::string(kSelectCountry), {{"code", code}}).value_or(0) > 0;
    return known->second;
  }

  // The code of a country written by its code or its French name, or the text unchanged.
  const std::string& CountryCode(const std::string& text) {
    auto [code, added] = country_codes_.try_emplace(text, text);
    if (!added) return code->second;
    BoundStatement select(*session_);
    RowReader row(select.statement());
    const size_t column = row.Text();
    select.Use("code", text);
    select.Use("name", NormaliseForSearch(text));
    select.Execute(std::string(kCountryByCodeOrName));
    while (select.Fetch()) code->second = row.TextOr(column, text);
    return code->second;
  }

 private:
  struct CommuneQuery {
    explicit CommuneQuery(soci::session& session) : statement(session), row(statement.statement()) {
      departement = row.Text();
      region = row.Text();
    }
    BoundStatement statement;
    RowReader row;
    size_t departement, region;
  };

  Database::Lease& session_;
  std::unordered_map<int64_t, bool> networks_;
  std::unordered_map<std::string, std::optional<CommunePlace>> communes_;
  std::unordered_map<std::string, bool> countries_;
  std::unordered_map<std::string, std::string> country_codes_;
};

// The reference data the actor names must exist: its commune, its countries. Fills the
// département and région of the commune.
Status CheckReferences(ReferenceLookups& lookups, Actor& actor) {
  ValidationErrors errors;
  actor.departement_code.reset();
  actor.region_code.reset();
  if (actor.commune_insee) {
    if (const auto& place = lookups.Commune(*actor.commune_insee)) {
      actor.departement_code = place->departement;
      actor.region_code = place->region;
    } else {
      errors.Add("commune_insee", "Aucune commune ne porte le code INSEE " + *actor.commune_insee + ".");
    }
  }
  for (size_t i = 0; i < actor.countries.size(); ++i) {
    if (!lookups.CountryExists(actor.countries[i])) {
      errors.Add("countries[" + std::to_string(i) + "]", "Pays inconnu : " + actor.countries[i] + ".");
    }
  }
  if (actor.country_code && !lookups.CountryExists(*actor.country_code)) {
    errors.Add("country_code", "Pays inconnu : " + *actor.country_code + ".");
  }
  return errors.ToStatus();
}

Status IdentifierClash(const Actor& actor, int64_t existing) {
  return Status::Conflict("Une organisation de l'annuaire porte déjà ce numéro (" +
                          std::string(actor.rna ? "RNA " + *actor.rna : "SIREN " + actor.siren.value_or("")) +
                          ") : identifiant " + std::to_string(existing) + ".");
}

// Conflict when an organisation caller may read already carries the actor's RNA or SIREN (those
// of organisations caller may not read stay unknown to them).
// The RNAs and SIRENs of every organisation caller may read, read at once: an import would
// otherwise ask kSameIdentifier for each of its lines. For one caller, within one transaction.
class ReadableIdentifiers {
 public:
  ReadableIdentifiers(Database::Lease& session, const Account& caller) {
    const std::string sql = std::string(kReadableIdentifiers) + ReadableBy("o");
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer(), rna = row.Text(), siren = row.Text();
    select.Use(std::vector<Binding>{CallerBinding(caller)});
    select.Execute(sql);
    const auto keep = [](std::unordered_map<std::string, int64_t>& ids, const std::optional<std::string>& value,
                         int64_t id) {
      if (!value) return;
      auto [kept, added] = ids.try_emplace(*value, id);
      if (!added) kept->second = std::min(kept->second, id);
    };
    while (select.Fetch()) {
      keep(rna_, row.OptionalText(rna), row.IntegerOr(id));
      keep(siren_, row.OptionalText(siren), row.IntegerOr(id));
    }
  }

  // As kSameIdentifier: the smallest id of another organisation carrying the actor's RNA or SIREN.
  std::optional<int64_t> Same(const Actor& actor) const {
    std::optional<int64_t> same;
    for (const auto& [ids, value] : {std::pair{&rna_, &actor.rna}, std::pair{&siren_, &actor.siren}}) {
      if (!*value) continue;
      auto found = ids->find(**value);
      if (found != ids->end() && found->second != actor.id) same = std::min(same.value_or(found->second), found->second);
    }
    return same;
  }

 private:
  std::unordered_map<std::string, int64_t> rna_;
  std::unordered_map<std::string, int64_t> siren_;
};

// With known, its identifiers stand for the query.
Status CheckIdentifiers(Database::Lease& session, const Account& caller, const Actor& actor,
                        const ReadableIdentifiers* known = nullptr) {
  if (!actor.rna && !actor.siren) return Status::Ok();
  if (known) {
    if (auto existing = known->Same(actor)) return IdentifierClash(actor, *existing);
    return Status::Ok();
  }
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
  if (auto existing = RunScalar(session, sql, bindings)) return IdentifierClash(actor, *existing);
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

void RecordRejection(ImportOutcome& outcome, size_t line, const Status& status, const std::string& field) {
  if (status.field_errors().empty()) outcome.rejected.push_back({line, field, status.detail()});
  for (const FieldError& error : status.field_errors()) outcome.rejected.push_back({line, error.field, error.message});
}

bool WillCommit(const ImportOutcome& outcome, const ImportOptions& options) {
  return !options.dry_run && (options.partial || outcome.rejected.empty());
}

void FinishImport(WriteTransaction& transaction, ImportOutcome& outcome, const ImportOptions& options) {
  if (!WillCommit(outcome, options)) return;
  transaction.Commit();
  outcome.written = true;
}

Result<Actor> ActorRepository::Find(const Account& caller, int64_t id) {
  auto session = database_.Acquire();
  return Readable(session, database_.engine(), caller, id);
}

namespace {

// The actor draft creates, checked as POST /organisations checks it: Invalid with the faults
// found, Forbidden when caller does not work in the network, Conflict when an organisation caller
// may read already carries its RNA or SIREN.
Result<Actor> CheckNew(Database::Lease& session, ReferenceLookups& lookups, const Account& caller,
                       const ActorDraft& draft, const std::string& now,
                       const ReadableIdentifiers* identifiers = nullptr) {
  ValidationErrors errors;
  ValidateActorDraft(draft, nullptr, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (!lookups.NetworkExists(*draft.network_id)) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*draft.network_id) + ".");
  }
  if (!WorksIn(caller, *draft.network_id)) {
    return Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y enregistrer d'organisation.");
  }
  Actor actor = ApplyDraft(Actor{}, draft, now);
  if (Status known = CheckReferences(lookups, actor); !known.ok()) return known;
  if (Status unique = CheckIdentifiers(session, caller, actor, identifiers); !unique.ok()) return unique;
  return actor;
}

// Writes checked actors with their search words, gives each its id, journals each creation and
// raises the directory's generation once, within the caller's transaction.
void WriteNew(Database::Lease& session, Engine engine, const Account& caller, std::vector<Actor>& created,
              const std::string& now) {
  if (created.empty()) return;
  const std::vector<int64_t> ids = ReserveIds(*session, engine, "organisation", created.size());
  std::vector<CopyRow> rows;
  std::vector<CopyRow> words;
  std::vector<AuditEntry> entries;
  for (size_t i = 0; i < created.size(); ++i) {
    Actor& a = created[i];
    a.id = ids[i];
    const std::string id = std::to_string(a.id);
    const std::string search = SearchableName(a);
    rows.push_back({id, a.kind, a.name, search, std::to_string(a.network_id), std::string(VisibilityName(a.visibility)),
                    a.acronym, a.rna, a.siren, a.address, a.commune_insee, a.departement_code, a.region_code,
                    a.website, a.country_code, a.level, ListJson(a.themes), ListJson(a.countries), ListJson(a.odd),
                    a.description, a.archived_at, NormaliseForSearch(a.name), now, now});
    for (const std::string& word : SearchWords(search)) words.push_back({word, id});
    entries.push_back(EntryAbout(caller, a, "create", ActorChanges(Actor{}, a)));
  }
  AppendRows(*session, engine, "organisation",
             {"id", "kind", "name", "search_name", "network_id", "visibility", "acronym", "rna", "siren", "address",
              "commune_insee", "departement_code", "region_code", "website", "country_code", "level", "themes",
              "countries", "odd", "description", "archived_at", "name_key", "created_at", "updated_at"},
             rows);
  AppendRows(*session, engine, "organisation_word", {"word", "organisation_id"}, words);
  AppendAudits(*session, engine, entries);
  RaiseDirectoryGeneration(*session);
}

// What makes an imported actor the same as another of its network: its RNA, its SIREN (as
// written, upper case), its name (normalised) in its commune.
std::vector<std::string> SameKeys(const ActorDraft& draft) {
  std::vector<std::string> keys;
  for (const auto& [column, value] : {std::pair{"rna:", draft.rna}, std::pair{"siren:", draft.siren}}) {
    if (!value || !*value) continue;
    std::string normalised = **value;
    for (char& c : normalised) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    keys.push_back(column + normalised);
  }
  const std::string commune = draft.commune_insee && *draft.commune_insee ? **draft.commune_insee : "";
  keys.push_back("name:" + NormaliseForSearch(draft.name.value_or("")) + '\n' + commune);
  return keys;
}

// The keys (SameKeys) of the organisations networks already recorded, each network's read at once.
class RecordedKeys {
 public:
  explicit RecordedKeys(Database::Lease& session) : session_(session) {}

  bool ContainsAny(int64_t network, const std::vector<std::string>& keys) {
    if (loaded_.insert(network).second) Load(network);
    auto& known = keys_[network];
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) { return known.count(key) > 0; });
  }

 private:
  void Load(int64_t network) {
    BoundStatement select(*session_);
    RowReader row(select.statement());
    const size_t rna = row.Text(), siren = row.Text(), name = row.Text(), commune = row.Text();
    select.Use("network", network);
    select.Execute(std::string(kKeysOfNetwork));
    auto& known = keys_[network];
    while (select.Fetch()) {
      if (auto value = row.OptionalText(rna)) known.insert("rna:" + *value);
      if (auto value = row.OptionalText(siren)) known.insert("siren:" + *value);
      if (auto value = row.OptionalText(name)) known.insert("name:" + *value + '\n' + row.TextOr(commune));
    }
  }

  Database::Lease& session_;
  std::unordered_set<int64_t> loaded_;
  std::unordered_map<int64_t, std::unordered_set<std::string>> keys_;
};

}  // namespace

Result<Actor> ActorRepository::Create(const Account& caller, const ActorDraft& draft) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  ReferenceLookups lookups(session);
  const std::string now = NowIsoUtc();
  auto checked = CheckNew(session, lookups, caller, draft, now);
  if (!checked.ok()) return checked;
  std::vector<Actor> created = {std::move(checked.value())};
  WriteNew(session, database_.engine(), caller, created, now);
  auto found = Readable(session, database_.engine(), caller, created.front().id);
  transaction.Commit();
  return found;
}

ImportOutcome ActorRepository::ImportDrafts(const Account& caller, const std::vector<ImportRow>& rows,
                                            const ImportOptions& options) {
  ImportOutcome outcome;
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  ReferenceLookups lookups(session);
  RecordedKeys recorded(session);
  const ReadableIdentifiers identifiers(session, caller);
  const std::string now = NowIsoUtc();
  std::unordered_map<std::string, size_t> first_lines;  // the line of the file that first named each key
  std::vector<Actor> created;
  for (const ImportRow& row : rows) {
    ActorDraft draft = row.draft;
    // A file names countries by their French name or their code: those it names otherwise are
    // said once for the cell, with what is expected.
    std::vector<std::string> unknown;
    const auto read_country = [&](std::string& country) {
      const std::string& code = lookups.CountryCode(country);
      if (lookups.CountryExists(code)) country = code;
      else unknown.push_back("« " + Excerpt(country) + " »");
    };
    if (draft.countries) std::for_each(draft.countries->begin(), draft.countries->end(), read_country);
    if (draft.country_code && *draft.country_code) read_country(**draft.country_code);
    if (!unknown.empty()) {
      std::string names;
      for (const std::string& name : unknown) names += (names.empty() ? "" : ", ") + name;
      outcome.rejected.push_back({row.line, "countries", std::string(unknown.size() > 1 ? "Pays inconnus : " : "Pays inconnu : ") +
                                                             names + ". Écrivez le nom du pays en français ou son code à deux lettres (ex. Togo ou TG)."});
    }
    std::vector<std::string> keys;
    if (draft.name && draft.network_id && !row.refused) {
      keys = SameKeys(draft);
      const auto first = std::find_if(keys.begin(), keys.end(), [&](const std::string& key) { return first_lines.count(key) > 0; });
      if (first != keys.end()) {
        outcome.repeated.push_back({row.line, first_lines.at(*first)});
        continue;
      }
      if (recorded.ContainsAny(*draft.network_id, keys)) {
        ++outcome.existing;
        for (const std::string& key : keys) first_lines.emplace(key, row.line);
        continue;
      }
    }
    auto checked = CheckNew(session, lookups, caller, draft, now, &identifiers);
    if (!checked.ok()) {
      // A clash of identifiers names no field for the API (a 409); in a file, it is their column.
      const bool clash = checked.status().code() == ErrorCode::kConflict;
      const size_t before = outcome.rejected.size();
      RecordRejection(outcome, row.line, checked.status(), clash ? (draft.rna && *draft.rna ? "rna" : "siren") : "");
      if (!unknown.empty()) {  // the unknown countries are said above, once
        outcome.rejected.erase(std::remove_if(outcome.rejected.begin() + static_cast<std::ptrdiff_t>(before), outcome.rejected.end(),
                                              [](const RowRejection& r) {
                                                return r.field.rfind("countries", 0) == 0 || r.field == "country_code";
                                              }),
                               outcome.rejected.end());
      }
      continue;
    }
    if (row.refused || !unknown.empty()) continue;
    ++outcome.created;
    for (const std::string& key : keys) first_lines.emplace(key, row.line);
    created.push_back(std::move(checked.value()));
  }
  if (WillCommit(outcome, options)) WriteNew(session, database_.engine(), caller, created, now);
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
  ReferenceLookups lookups(session);
  if (Status known = CheckReferences(lookups, after); !known.ok()) return known;
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
