#include "storage/reference_import.h"

#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/search_text.h"
#include "storage/bulk_copy.h"
#include "storage/migrations.h"
#include "storage/network_organisations.h"
#include "storage/sql_dialect.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kSelectOrganisations =
    "SELECT id, reference_key, kind, category, subcategory, name, insee_code, siren, population,"
    " departement_code, region_code, postal_codes, reference_source"
    " FROM organisation WHERE reference_key IS NOT NULL";
constexpr std::string_view kInsertOrganisation =
    "INSERT INTO organisation (kind, category, subcategory, name, search_name, insee_code, siren,"
    " population, departement_code, region_code, postal_codes, reference_key, reference_source,"
    " created_at, updated_at)"
    " VALUES ('collectivite', :category, :subcategory, :name, :search_name, :insee, :siren,"
    " :population, :departement, :region, :postal, :key, :source, :now, :now)";
constexpr std::string_view kSelectReferenceIds =
    "SELECT id, reference_key FROM organisation WHERE reference_key IS NOT NULL";
constexpr std::string_view kUpdateOrganisation =
    "UPDATE organisation SET kind = 'collectivite', category = :category, subcategory = :subcategory,"
    " name = :name, search_name = :search_name, insee_code = :insee, siren = :siren,"
    " population = :population, departement_code = :departement, region_code = :region,"
    " postal_codes = :postal, reference_source = :source, updated_at = :now WHERE id = :id";
constexpr std::string_view kDeleteWords = "DELETE FROM organisation_word WHERE organisation_id = :id";
constexpr std::string_view kInsertWord = "INSERT INTO organisation_word (word, organisation_id) VALUES (:word, :id)";
constexpr std::string_view kSelectMemberships =
    "SELECT id, reference_key, end_date FROM relationship WHERE reference_key IS NOT NULL AND kind = 'member_of'";
constexpr std::string_view kInsertMembership =
    "INSERT INTO relationship (kind, from_id, to_id, source, reference_key, created_at)"
    " VALUES ('member_of', :from_id, :to_id, :source, :key, :now)";
constexpr std::string_view kReopenMembership =
    "UPDATE relationship SET end_date = NULL, source = :source WHERE id = :id";
constexpr std::string_view kCloseMembership =
    "UPDATE relationship SET end_date = :today WHERE id = :id";
constexpr std::string_view kSelectCountries = "SELECT code, name FROM country";
constexpr std::string_view kInsertCountry = "INSERT INTO country (code, name, search_name) VALUES (:code, :name, :search)";
constexpr std::string_view kUpdateCountry = "UPDATE country SET name = :name, search_name = :search WHERE code = :code";
constexpr std::string_view kSelectOdd = "SELECT number, title FROM odd";
constexpr std::string_view kInsertOdd = "INSERT INTO odd (number, title) VALUES (:number, :title)";
constexpr std::string_view kUpdateOdd = "UPDATE odd SET title = :title WHERE number = :number";
constexpr std::string_view kSelectNetworks =
    "SELECT n.name, nr.region_code FROM network n LEFT JOIN network_region nr ON nr.network_id = n.id";
constexpr std::string_view kInsertNetwork = "INSERT INTO network (name) VALUES (:name) RETURNING id";
constexpr std::string_view kSelectNetworkId = "SELECT id FROM network WHERE name = :name";
constexpr std::string_view kInsertNetworkRegion =
    "INSERT INTO network_region (network_id, region_code) VALUES (:id, :region)";
constexpr std::string_view kCountReference =
    "SELECT COUNT(*) FROM organisation WHERE reference_key IS NOT NULL";
constexpr std::string_view kCountOrganisations = "SELECT COUNT(*) FROM organisation";
constexpr std::string_view kDropIndex = "DROP INDEX ";
constexpr std::string_view kRaiseGeneration =
    "UPDATE data_generation SET value = value + 1 WHERE name = 'reference'";

// Labels of the report, by collectivité category, in the order they are printed.
const std::vector<std::pair<std::string, std::string>>& CategoryLabels() {
  static const std::vector<std::pair<std::string, std::string>> kLabels = {
      {"region", "régions"},
      {"departement", "départements"},
      {"epci", "EPCI"},
      {"commune", "communes"},
      {"commune_deleguee", "communes déléguées"},
      {"commune_associee", "communes associées"},
      {"arrondissement_municipal", "arrondissements municipaux"},
  };
  return kLabels;
}

std::string JoinPostalCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const std::string& code : codes) {
    if (!joined.empty()) joined.push_back(' ');
    joined.append(code);
  }
  return joined;
}



// Every field the import owns, in one string, so stored and incoming rows compare in one step.
std::string Signature(const ReferenceCollectivite& c, const std::string& source) {
  std::string s;
  const auto add = [&](std::string_view part) {
    s.append(part);
    s.push_back('\x1f');
  };
  add(c.category);
  add(c.subcategory.value_or("\x01"));
  add(c.name);
  add(c.insee_code.value_or("\x01"));
  add(c.siren.value_or("\x01"));
  add(c.population ? std::to_string(*c.population) : "\x01");
  add(c.departement_code.value_or("\x01"));
  add(c.region_code.value_or("\x01"));
  add(JoinPostalCodes(c.postal_codes));
  add(source);
  return s;
}

// The words of the name a search can start; codes are searched in their own indexed columns.
std::vector<std::string> IndexedWords(const ReferenceCollectivite& c) { return SearchWords(NormaliseForSearch(c.name)); }

struct StoredOrganisation {
  int64_t id = 0;
  std::string signature;
};

// Reads every stored reference collectivité, keyed by reference key.
std::unordered_map<std::string, StoredOrganisation> LoadOrganisations(soci::session& session) {
  std::unordered_map<std::string, StoredOrganisation> stored;
  long long id = 0;
  std::string key, kind, category, subcategory, name, insee, siren, departement, region, postal, source;
  long long population = 0;
  soci::indicator i_sub, i_insee, i_siren, i_pop, i_dep, i_reg, i_source;
  soci::statement statement =
      (session.prepare << kSelectOrganisations, soci::into(id), soci::into(key), soci::into(kind),
       soci::into(category), soci::into(subcategory, i_sub), soci::into(name), soci::into(insee, i_insee),
       soci::into(siren, i_siren), soci::into(population, i_pop), soci::into(departement, i_dep),
       soci::into(region, i_reg), soci::into(postal), soci::into(source, i_source));
  statement.execute(false);
  while (statement.fetch()) {
    const auto optional = [](const std::string& value, soci::indicator indicator) {
      return indicator == soci::i_null ? std::nullopt : std::optional<std::string>(value);
    };
    ReferenceCollectivite c;
    c.category = category;
    c.subcategory = optional(subcategory, i_sub);
    c.name = name;
    c.insee_code = optional(insee, i_insee);
    c.siren = optional(siren, i_siren);
    if (i_pop != soci::i_null) c.population = population;
    c.departement_code = optional(departement, i_dep);
    c.region_code = optional(region, i_reg);
    c.postal_codes = SearchWords(postal);
    stored[key] = {id, Signature(c, i_source == soci::i_null ? "" : source)};
  }
  return stored;
}

// Values bound to the insert and update statements of a collectivité.
struct OrganisationBinding {
  std::string category, subcategory, name, search_name, insee, siren, departement, region, postal, key, source, now;
  long long population = 0, id = 0;
  soci::indicator i_sub = soci::i_ok, i_insee = soci::i_ok, i_siren = soci::i_ok, i_pop = soci::i_ok,
                  i_dep = soci::i_ok, i_reg = soci::i_ok;

  void Set(const ReferenceCollectivite& c, const std::string& data_source) {
    const auto set = [](std::string& target, soci::indicator& indicator, const std::optional<std::string>& value) {
      target = value.value_or("");
      indicator = value ? soci::i_ok : soci::i_null;
    };
    category = c.category;
    set(subcategory, i_sub, c.subcategory);
    name = c.name;
    search_name = NormaliseForSearch(c.name);
    set(insee, i_insee, c.insee_code);
    set(siren, i_siren, c.siren);
    population = c.population.value_or(0);
    i_pop = c.population ? soci::i_ok : soci::i_null;
    set(departement, i_dep, c.departement_code);
    set(region, i_reg, c.region_code);
    postal = JoinPostalCodes(c.postal_codes);
    key = c.ReferenceKey();
    source = data_source;
  }
};

// Column values of the collectivités to add, inserted in one bulk statement.
struct NewOrganisations {
  std::vector<std::string> category, subcategory, name, search_name, insee, siren, departement, region, postal,
      key, source, now;
  std::vector<long long> population;
  std::vector<soci::indicator> i_sub, i_insee, i_siren, i_pop, i_dep, i_reg;
  std::vector<const ReferenceCollectivite*> rows;

  void Add(const OrganisationBinding& b, const ReferenceCollectivite& c) {
    category.push_back(b.category);
    subcategory.push_back(b.subcategory);
    i_sub.push_back(b.i_sub);
    name.push_back(b.name);
    search_name.push_back(b.search_name);
    insee.push_back(b.insee);
    i_insee.push_back(b.i_insee);
    siren.push_back(b.siren);
    i_siren.push_back(b.i_siren);
    population.push_back(b.population);
    i_pop.push_back(b.i_pop);
    departement.push_back(b.departement);
    i_dep.push_back(b.i_dep);
    region.push_back(b.region);
    i_reg.push_back(b.i_reg);
    postal.push_back(b.postal);
    key.push_back(b.key);
    source.push_back(b.source);
    now.push_back(b.now);
    rows.push_back(&c);
  }

  void Insert(soci::session& session, Engine engine) {
    if (rows.empty()) return;
    if (engine == Engine::kPostgresql) return Copy(session);
    session << kInsertOrganisation, soci::use(category, "category"), soci::use(subcategory, i_sub, "subcategory"),
        soci::use(name, "name"), soci::use(search_name, "search_name"), soci::use(insee, i_insee, "insee"),
        soci::use(siren, i_siren, "siren"), soci::use(population, i_pop, "population"),
        soci::use(departement, i_dep, "departement"), soci::use(region, i_reg, "region"),
        soci::use(postal, "postal"), soci::use(key, "key"), soci::use(source, "source"), soci::use(now, "now");
  }

 private:
  void Copy(soci::session& session) {
    const auto value = [](const std::string& text, soci::indicator indicator) {
      return indicator == soci::i_null ? std::nullopt : std::optional<std::string>(text);
    };
    std::vector<CopyRow> copied;
    copied.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      copied.push_back({"collectivite", category[i], value(subcategory[i], i_sub[i]), name[i], search_name[i],
                        value(insee[i], i_insee[i]), value(siren[i], i_siren[i]),
                        value(std::to_string(population[i]), i_pop[i]), value(departement[i], i_dep[i]),
                        value(region[i], i_reg[i]), postal[i], key[i], source[i], now[i], now[i]});
    }
    CopyRows(session, "organisation",
             {"kind", "category", "subcategory", "name", "search_name", "insee_code", "siren", "population",
              "departement_code", "region_code", "postal_codes", "reference_key", "reference_source", "created_at",
              "updated_at"},
             copied);
  }
};

class Importer {
 public:
  Importer(soci::session& session, Engine engine, const ReferenceData& data, const ImportProgress& progress)
      : session_(session), engine_(engine), data_(data), progress_(progress) {}

  ImportReport Run() {
    ImportOrganisations();
    ImportMemberships();
    ImportCountries();
    ImportOdd();
    ImportNetworks();
    return report_;
  }

 private:
  void Progress(std::string_view kind, size_t done, size_t total) {
    if (progress_) progress_(kind, done, total);
  }

  void ImportOrganisations() {
    auto stored = LoadOrganisations(session_);
    std::map<std::string, KindReport> by_category;
    for (const auto& [category, label] : CategoryLabels()) by_category[category].kind = label;

    OrganisationBinding b;
    b.now = NowIsoUtc();
    NewOrganisations added;
    soci::statement update =
        (session_.prepare << kUpdateOrganisation, soci::use(b.category, "category"),
         soci::use(b.subcategory, b.i_sub, "subcategory"), soci::use(b.name, "name"),
         soci::use(b.search_name, "search_name"), soci::use(b.insee, b.i_insee, "insee"),
         soci::use(b.siren, b.i_siren, "siren"), soci::use(b.population, b.i_pop, "population"),
         soci::use(b.departement, b.i_dep, "departement"), soci::use(b.region, b.i_reg, "region"),
         soci::use(b.postal, "postal"), soci::use(b.source, "source"), soci::use(b.now, "now"),
         soci::use(b.id, "id"));
    soci::statement delete_words = (session_.prepare << kDeleteWords, soci::use(b.id, "id"));

    std::vector<std::string> words;
    std::vector<long long> word_ids;
    std::set<std::string> seen;
    const size_t total = data_.collectivites.size();
    for (size_t i = 0; i < total; ++i) {
      const ReferenceCollectivite& c = data_.collectivites[i];
      KindReport& report = by_category[c.category];
      if (report.kind.empty()) report.kind = c.category;
      b.Set(c, data_.source);
      seen.insert(b.key);
      auto found = stored.find(b.key);
      if (found == stored.end()) {
        added.Add(b, c);
        ++report.added;
        continue;
      }
      if (found->second.signature != Signature(c, data_.source)) {
        b.id = found->second.id;
        update.execute(true);
        delete_words.execute(true);
        ++report.updated;
      } else {
        ids_[b.key] = found->second.id;
        ++report.unchanged;
        continue;
      }
      ids_[b.key] = b.id;
      for (std::string& word : IndexedWords(c)) {
        words.push_back(std::move(word));
        word_ids.push_back(b.id);
      }
      if (i % 2048 == 0) Progress("collectivités", i, total);
    }
    added.Insert(session_, engine_);
    if (!added.rows.empty()) {
      long long id = 0;
      std::string key;
      soci::statement select = (session_.prepare << kSelectReferenceIds, soci::into(id), soci::into(key));
      select.execute(false);
      while (select.fetch()) ids_[key] = id;
      for (size_t i = 0; i < added.rows.size(); ++i) {
        const long long new_id = ids_.at(added.key[i]);
        for (std::string& word : IndexedWords(*added.rows[i])) {
          words.push_back(std::move(word));
          word_ids.push_back(new_id);
        }
      }
    }
    if (engine_ == Engine::kPostgresql) {
      std::vector<CopyRow> rows;
      rows.reserve(words.size());
      for (size_t i = 0; i < words.size(); ++i) rows.push_back({words[i], std::to_string(word_ids[i])});
      CopyRows(session_, "organisation_word", {"word", "organisation_id"}, rows);
    } else if (!words.empty()) {
      session_ << kInsertWord, soci::use(words, "word"), soci::use(word_ids, "id");
    }
    Progress("collectivités", total, total);

    for (const auto& [key, organisation] : stored) {
      if (seen.count(key) == 0) {
        ++by_category[key.substr(0, key.find(':'))].not_in_source;
        ids_[key] = organisation.id;
      }
    }
    for (const auto& [category, label] : CategoryLabels()) {
      report_.kinds.push_back(by_category[category]);
      by_category.erase(category);
    }
    for (auto& [category, report] : by_category) report_.kinds.push_back(report);
  }

  // Memberships are matched on their reference key; one that left the source is closed (end date)
  // rather than deleted, and reopened if it comes back.
  void ImportMemberships() {
    KindReport report{"adhésions aux EPCI"};
    struct StoredMembership {
      long long id = 0;
      bool open = false;
    };
    std::unordered_map<std::string, StoredMembership> stored;
    {
      long long id = 0;
      std::string key, end;
      soci::indicator i_end;
      soci::statement select =
          (session_.prepare << kSelectMemberships, soci::into(id), soci::into(key), soci::into(end, i_end));
      select.execute(false);
      while (select.fetch()) stored[key] = {id, i_end == soci::i_null};
    }
    std::vector<long long> from_ids, to_ids;
    std::vector<std::string> keys, sources, created;
    std::string source = data_.source;
    const std::string now = NowIsoUtc();
    std::set<std::string> seen;
    for (const ReferenceMembership& m : data_.memberships) {
      auto from = ids_.find(m.member_key);
      auto to = ids_.find(m.group_key);
      if (from == ids_.end() || to == ids_.end()) continue;
      std::string key = "member_of:" + m.member_key + ">" + m.group_key;
      auto found = stored.find(key);
      if (found == stored.end()) {
        from_ids.push_back(from->second);
        to_ids.push_back(to->second);
        keys.push_back(key);
        sources.push_back(source);
        created.push_back(now);
        ++report.added;
      } else if (!found->second.open) {
        long long id = found->second.id;
        session_ << kReopenMembership, soci::use(source, "source"), soci::use(id, "id");
        ++report.updated;
      } else {
        ++report.unchanged;
      }
      seen.insert(std::move(key));
    }
    if (!keys.empty() && engine_ == Engine::kPostgresql) {
      std::vector<CopyRow> rows;
      rows.reserve(keys.size());
      for (size_t i = 0; i < keys.size(); ++i) {
        rows.push_back({"member_of", std::to_string(from_ids[i]), std::to_string(to_ids[i]), sources[i], keys[i], created[i]});
      }
      CopyRows(session_, "relationship", {"kind", "from_id", "to_id", "source", "reference_key", "created_at"}, rows);
    } else if (!keys.empty()) {
      session_ << kInsertMembership, soci::use(from_ids, "from_id"), soci::use(to_ids, "to_id"),
          soci::use(sources, "source"), soci::use(keys, "key"), soci::use(created, "now");
    }
    std::string today = TodayIsoUtc();
    for (const auto& [key, membership] : stored) {
      if (!membership.open || seen.count(key) > 0) continue;
      long long id = membership.id;
      session_ << kCloseMembership, soci::use(today, "today"), soci::use(id, "id");
      ++report.closed;
    }
    Progress(report.kind, data_.memberships.size(), data_.memberships.size());
    report_.kinds.push_back(report);
  }

  void ImportCountries() {
    KindReport report{"pays"};
    std::map<std::string, std::string> stored;
    {
      std::string code, name;
      soci::statement select = (session_.prepare << kSelectCountries, soci::into(code), soci::into(name));
      select.execute(false);
      while (select.fetch()) stored[code] = name;
    }
    for (const Country& country : data_.countries) {
      std::string code = country.code, name = country.name, search = NormaliseForSearch(country.name);
      auto found = stored.find(code);
      if (found == stored.end()) {
        session_ << kInsertCountry, soci::use(code, "code"), soci::use(name, "name"), soci::use(search, "search");
        ++report.added;
      } else if (found->second != name) {
        session_ << kUpdateCountry, soci::use(name, "name"), soci::use(search, "search"), soci::use(code, "code");
        ++report.updated;
      } else {
        ++report.unchanged;
      }
    }
    report.not_in_source = static_cast<int64_t>(stored.size()) - report.updated - report.unchanged;
    report_.kinds.push_back(report);
  }

  void ImportOdd() {
    KindReport report{"ODD"};
    std::map<int, std::string> stored;
    {
      int number = 0;
      std::string title;
      soci::statement select = (session_.prepare << kSelectOdd, soci::into(number), soci::into(title));
      select.execute(false);
      while (select.fetch()) stored[number] = title;
    }
    for (const Odd& odd : data_.odd) {
      int number = odd.number;
      std::string title = odd.title;
      auto found = stored.find(number);
      if (found == stored.end()) {
        session_ << kInsertOdd, soci::use(number, "number"), soci::use(title, "title");
        ++report.added;
      } else if (found->second != title) {
        session_ << kUpdateOdd, soci::use(title, "title"), soci::use(number, "number");
        ++report.updated;
      } else {
        ++report.unchanged;
      }
    }
    report_.kinds.push_back(report);
  }

  // Networks are added with their régions; a national admin may later add régions or networks,
  // which the import never removes.
  void ImportNetworks() {
    KindReport report{"réseaux"};
    std::map<std::string, std::set<std::string>> stored;
    {
      std::string name, region;
      soci::indicator i_region;
      soci::statement select = (session_.prepare << kSelectNetworks, soci::into(name), soci::into(region, i_region));
      select.execute(false);
      while (select.fetch()) {
        auto& regions = stored[name];
        if (i_region != soci::i_null) regions.insert(region);
      }
    }
    for (const ReferenceNetwork& network : data_.networks) {
      std::string name = network.name;
      long long id = 0;
      auto found = stored.find(name);
      bool is_new = found == stored.end();
      if (is_new) {
        session_ << kInsertNetwork, soci::use(name, "name"), soci::into(id);
      } else {
        session_ << kSelectNetworkId, soci::use(name, "name"), soci::into(id);
      }
      bool added_region = false;
      for (const std::string& code : network.region_codes) {
        if (!is_new && found->second.count(code) > 0) continue;
        std::string region = code;
        session_ << kInsertNetworkRegion, soci::use(id, "id"), soci::use(region, "region");
        added_region = true;
      }
      if (is_new) ++report.added;
      else if (added_region) ++report.updated;
      else ++report.unchanged;
    }
    CreateNetworkOrganisations(session_);
    report_.kinds.push_back(report);
  }

  soci::session& session_;
  Engine engine_;
  const ReferenceData& data_;
  const ImportProgress& progress_;
  std::unordered_map<std::string, int64_t> ids_;  // reference key -> organisation id
  ImportReport report_;
};

}  // namespace

bool ImportReport::changed() const {
  for (const KindReport& kind : kinds) {
    if (kind.added > 0 || kind.updated > 0 || kind.closed > 0) return true;
  }
  return false;
}

ImportReport ImportReference(Database& database, const ReferenceData& data, const ImportProgress& progress) {
  auto session = database.Acquire();
  WriteTransaction transaction(*session, database.engine());
  long long organisations = 0;
  *session << kCountOrganisations, soci::into(organisations);
  const bool bulk_load = organisations == 0;
  if (bulk_load) {
    for (const IndexDefinition& index : BulkLoadIndexes()) *session << std::string(kDropIndex).append(index.name);
  }
  ImportReport report = Importer(*session, database.engine(), data, progress).Run();
  if (bulk_load) {
    for (const IndexDefinition& index : BulkLoadIndexes()) *session << ForEngine(database.engine(), index.create);
  }
  if (report.changed()) *session << kRaiseGeneration;
  transaction.Commit();
  return report;
}

bool ReferenceIsEmpty(Database& database) {
  auto session = database.Acquire();
  long long count = 0;
  *session << kCountReference, soci::into(count);
  return count == 0;
}

}  // namespace rrma
