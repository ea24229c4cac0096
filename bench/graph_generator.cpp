// A national-scale directory on top of the real reference data, for the benchmarks of the
// finders (issue 8): 50 000 associations and 5 000 foreign local authorities recorded by the 12
// networks, and 500 000 relationships between them and the collectivités of the COG — board seats
// of communes on associations' CA, memberships, partnerships with foreign authorities, the
// networks' own members and CA. Deterministic for a given --seed. Rows are written in bulk (COPY on
// PostgreSQL, one prepared statement in one transaction on SQLite) with the columns the
// repositories write (name key, search words, JSON lists), but without audit entries.
//
// Then the engagement pipeline of the dashboard's and the kanban's benchmark (issue 9,
// pipeline_generator.h): stages of a share of each network's collectivités and their moves,
// 200 000 accompaniment records and 20 000 events over the three years before --today.
//
// It can also write a CSV file of relationships that are not in the database, for one network, to
// time `rrma import relationships` (--import-file, --import-rows, --import-network).
//
// Usage: graph_generator --db URL [--seed N] [--today YYYY-MM-DD] [--associations N] [--foreign N]
//                        [--relationships N] [--interactions N] [--events N] [--stages-share S]
//                        [--import-file FILE --import-rows N --import-network NAME]
// The database must hold the reference data (rrma import-reference).
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "domain/search_text.h"
#include "pipeline_generator.h"
#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace rrma {
namespace {

struct Options {
  std::string db;
  uint64_t seed = 20261128;
  size_t associations = 50000;
  size_t foreign = 5000;
  size_t relationships = 500000;
  size_t interactions = 200000;
  size_t events = 20000;
  double stages_share = 0.3;
  std::string today = "2026-11-28";  // the day the data is as of: memberships in force, the last three years
  std::string import_file;
  size_t import_rows = 100000;
  std::string import_network = "RESACOOP";
};

struct Commune {
  int64_t id = 0;
  std::string insee, name, departement, region;
};

struct Network {
  int64_t id = 0;
  int64_t record_id = 0;  // its organisation record
  std::string name;
  std::vector<std::string> regions;
  std::vector<size_t> communes;        // indexes into Generator::communes_
  std::vector<Commune> collectivites;  // EPCIs, départements and régions of its régions (no INSEE code)
  std::vector<size_t> associations;    // indexes into Generator::associations_
  std::unordered_set<int64_t> members;  // collectivités with a membership in force on --today
};

struct Actor {
  int64_t id = 0;
  size_t network = 0;  // index into networks_
  size_t commune = 0;  // index into communes_
  std::string rna;
};

// Ends of a relationship kept to draw no relation twice.
using EdgeKey = std::tuple<std::string, int64_t, int64_t>;

constexpr const char* kThemes[] = {"Santé", "Éducation", "Eau et assainissement", "Agriculture", "Culture",
                                   "Jeunesse", "Climat", "Égalité femmes-hommes", "Numérique", "Gouvernance locale"};
// Countries of action, the francophone partners of French collectivités first.
constexpr const char* kCountries[] = {"TG", "BJ", "BF", "ML", "SN", "NE", "MG", "CM", "CI", "HT", "MA", "TN",
                                      "VN", "LB", "PS", "GN", "MR", "TD", "CD", "RW", "BI", "DZ", "KH", "LA",
                                      "EC", "PE", "BO", "AR", "BR", "CO", "MX", "UA", "PL", "RO", "DE", "IT"};
constexpr const char* kNamePatterns[] = {"Comité de jumelage de ",      "Amis du monde de ",  "Solidarité internationale de ",
                                         "Association culturelle de ", "Échanges et partage de ",
                                         "Maison des citoyens du monde de ", "Les enfants d'ailleurs de ",
                                         "Coopération et développement de ", "Tous unis de ", "Horizons partagés de "};
constexpr const char* kSyllables[] = {"ka", "lo", "ba", "ma", "ni", "to", "go", "sa", "ré", "di", "ou", "ké",
                                      "za", "mbo", "ta", "fa", "ya", "dou", "bé", "ko", "la", "mi", "sé", "nou"};
constexpr const char* kLevels[] = {"commune", "commune", "commune", "province_region", "etat", "autre"};
constexpr const char* kRoles[] = {"president", "vice_president", "tresorier", "secretaire"};

class Generator {
 public:
  Generator(Database& database, const Options& options) : database_(database), options_(options), random_(options.seed) {}

  void Run() {
    auto session = database_.Acquire();
    ReadReference(*session);
    soci::transaction transaction(*session);
    now_ = options_.today + "T00:00:00Z";
    next_id_ = NextId(*session, "organisation");
    CreateAssociations(*session);
    CreateForeignAuthorities(*session);
    CreateRelationships(*session);
    if (database_.engine() == Engine::kPostgresql) {
      // The ids were given here, not by the sequences: move them past the rows written, before the
      // pipeline takes more from them (and so that the app's inserts find free ids).
      for (const char* table : {"organisation", "relationship"}) {
        *session << "SELECT setval(pg_get_serial_sequence('" + std::string(table) + "', 'id'), (SELECT MAX(id) FROM " +
                        table + "))";
      }
    }
    const auto started = std::chrono::steady_clock::now();
    const PipelineCounts pipeline = GeneratePipeline(
        *session, database_.engine(),
        {options_.seed, options_.interactions, options_.events, options_.stages_share, options_.today}, Territories());
    const auto pipeline_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    *session << "UPDATE data_generation SET value = value + 1 WHERE name = 'directory'";
    transaction.commit();
    // As after autovacuum: PostgreSQL's visibility map set (index-only scans) and hint bits written,
    // so that the first questions asked do not pay for the bulk load.
    *session << (database_.engine() == Engine::kPostgresql ? "VACUUM ANALYZE" : "ANALYZE");
    std::cout << "graph_generator: " << associations_.size() << " associations, " << foreign_.size()
              << " foreign authorities, " << relationship_count_ << " relationships\n"
              << "graph_generator: pipeline in " << pipeline_ms << " ms: " << pipeline.stages << " stages, "
              << pipeline.changes << " moves, " << pipeline.memberships << " memberships they record, "
              << pipeline.interactions << " interactions (" << pipeline.interaction_organisations
              << " collectivités named, " << pipeline.next_actions << " next actions, " << pipeline.about_events
              << " about an event), " << pipeline.events << " events (" << pipeline.event_organisations
              << " collectivités taking part)\n";
    if (!options_.import_file.empty()) WriteImportFile();
  }

 private:
  void ReadReference(soci::session& session) {
    std::map<std::string, size_t> network_of_region;
    {
      int64_t id = 0, record = 0;
      std::string name;
      soci::indicator record_indicator = soci::i_ok;
      soci::statement select = (session.prepare << "SELECT id, organisation_id, name FROM network ORDER BY id",
                                soci::into(id), soci::into(record, record_indicator), soci::into(name));
      select.execute(false);
      while (select.fetch()) {
        if (record_indicator == soci::i_null) throw std::runtime_error("a network has no organisation record");
        networks_.push_back({id, record, name, {}, {}, {}, {}, {}});
      }
    }
    {
      int64_t network = 0;
      std::string region;
      soci::statement select =
          (session.prepare << "SELECT network_id, region_code FROM network_region ORDER BY network_id, region_code",
           soci::into(network), soci::into(region));
      select.execute(false);
      while (select.fetch()) {
        for (size_t i = 0; i < networks_.size(); ++i) {
          if (networks_[i].id != network) continue;
          networks_[i].regions.push_back(region);
          network_of_region[region] = i;
        }
      }
    }
    {
      int64_t id = 0;
      std::string category, insee, name, departement, region;
      soci::indicator insee_indicator = soci::i_ok, departement_indicator = soci::i_ok, region_indicator = soci::i_ok;
      soci::statement select =
          (session.prepare << "SELECT id, category, insee_code, name, departement_code, region_code FROM organisation"
                              " WHERE reference_key IS NOT NULL AND category IN ('commune', 'epci', 'departement', 'region')"
                              " ORDER BY id",
           soci::into(id), soci::into(category), soci::into(insee, insee_indicator), soci::into(name),
           soci::into(departement, departement_indicator), soci::into(region, region_indicator));
      select.execute(false);
      while (select.fetch()) {
        if (region_indicator == soci::i_null) continue;
        auto network = network_of_region.find(region);
        if (network == network_of_region.end()) continue;
        if (category == "commune") {
          networks_[network->second].communes.push_back(communes_.size());
          communes_.push_back({id, insee, name, departement_indicator == soci::i_null ? "" : departement, region});
        } else {
          networks_[network->second].collectivites.push_back(
              {id, "", name, departement_indicator == soci::i_null ? "" : departement, region});
        }
      }
    }
    {
      std::string code;
      soci::statement select = (session.prepare << "SELECT code FROM country", soci::into(code));
      select.execute(false);
      while (select.fetch()) known_countries_.insert(code);
    }
    std::erase_if(networks_, [](const Network& network) { return network.communes.empty(); });
    if (networks_.empty()) throw std::runtime_error("no network with communes: load the reference data first");
    for (size_t i = 0; i < communes_.size(); ++i) by_departement_[communes_[i].departement].push_back(i);
  }

  static int64_t NextId(soci::session& session, const std::string& table) {
    long long max = 0;
    soci::indicator indicator = soci::i_ok;
    session << "SELECT MAX(id) FROM " + table, soci::into(max, indicator);
    return (indicator == soci::i_null ? 0 : max) + 1;
  }

  size_t Uniform(size_t count) { return std::uniform_int_distribution<size_t>(0, count - 1)(random_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Uniform(N)];
  }

  std::string Visibility() {
    double draw = std::uniform_real_distribution<double>(0, 1)(random_);
    return draw < 0.5 ? "network" : draw < 0.8 ? "public" : "private";
  }

  std::string Date(int from_year, int to_year) {
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d",
                  static_cast<int>(std::uniform_int_distribution<int>(from_year, to_year)(random_)),
                  static_cast<int>(1 + Uniform(12)), static_cast<int>(1 + Uniform(28)));
    return text;
  }

  std::vector<std::string> SomeCountries(size_t most) {
    std::set<std::string> chosen;
    size_t count = 1 + Uniform(most);
    while (chosen.size() < count) {
      // The first ten countries, the francophone partners, twice as likely.
      std::string code = Chance(0.5) ? kCountries[Uniform(10)] : Pick(kCountries);
      if (known_countries_.contains(code)) chosen.insert(code);
      if (known_countries_.empty()) break;
    }
    return {chosen.begin(), chosen.end()};
  }

  std::string Rna() {
    std::string rna;
    do {
      rna = "W" + std::to_string(100000000 + Uniform(899999999));
    } while (!rnas_.insert(rna).second);
    return rna;
  }

  // A SIREN passing the Luhn check: eight random digits and the check digit.
  std::string Siren() {
    std::string digits = std::to_string(10000000 + Uniform(89999999));
    for (char check = '0'; check <= '9'; ++check) {
      std::string candidate = digits + check;
      int sum = 0;
      for (size_t i = 0; i < candidate.size(); ++i) {
        int digit = candidate[candidate.size() - 1 - i] - '0';
        if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
      }
      if (sum % 10 == 0 && sirens_.insert(candidate).second) return candidate;
    }
    return Siren();
  }

  // The columns of an organisation row written by a network, in kOrganisationColumns order.
  static const std::vector<std::string>& OrganisationColumns() {
    static const std::vector<std::string> kColumns = {
        "id",        "kind",        "name",          "search_name", "name_key",     "network_id",  "visibility",
        "rna",       "siren",       "commune_insee", "departement_code", "region_code", "country_code", "level",
        "themes",    "countries",   "odd",           "description", "created_at",   "updated_at"};
    return kColumns;
  }

  void AddWords(int64_t id, const std::string& search_name) {
    for (const std::string& word : SearchWords(search_name)) words_.push_back({word, std::to_string(id)});
  }

  void CreateAssociations(soci::session& session) {
    std::vector<CopyRow> rows;
    std::set<std::pair<std::string, size_t>> names;
    for (size_t n = 0; n < options_.associations; ++n) {
      size_t network = Uniform(networks_.size());
      Network& owner = networks_[network];
      size_t commune = owner.communes[Uniform(owner.communes.size())];
      std::string name = std::string(Pick(kNamePatterns)) + communes_[commune].name;
      for (int suffix = 2; !names.insert({name, commune}).second; ++suffix) {
        name = std::string(Pick(kNamePatterns)) + communes_[commune].name + " " + std::to_string(suffix);
      }
      Actor actor{next_id_++, network, commune, Rna()};
      std::vector<std::string> themes = {Pick(kThemes)};
      if (Chance(0.5)) themes.push_back(Pick(kThemes));
      if (themes.size() == 2 && themes[0] == themes[1]) themes.pop_back();
      std::string search_name = NormaliseForSearch(name);
      rows.push_back({std::to_string(actor.id), "association", name, search_name, search_name, std::to_string(owner.id),
                      Visibility(), actor.rna, Chance(0.3) ? std::optional<std::string>(Siren()) : std::nullopt,
                      communes_[commune].insee, communes_[commune].departement, communes_[commune].region,
                      std::nullopt, std::nullopt, nlohmann::json(themes).dump(), nlohmann::json(SomeCountries(3)).dump(),
                      "[]", "", now_, now_});
      AddWords(actor.id, search_name);
      owner.associations.push_back(associations_.size());
      associations_.push_back(std::move(actor));
    }
    AppendRows(session, "organisation", OrganisationColumns(), rows);
  }

  void CreateForeignAuthorities(soci::session& session) {
    std::vector<CopyRow> rows;
    for (size_t n = 0; n < options_.foreign; ++n) {
      std::string place;
      size_t syllables = 2 + Uniform(3);
      for (size_t s = 0; s < syllables; ++s) place += Pick(kSyllables);
      place[0] = static_cast<char>(place[0] - 'a' + 'A');
      std::string name = "Commune de " + place + " " + std::to_string(n + 1);
      std::vector<std::string> country = SomeCountries(1);
      int64_t id = next_id_++;
      size_t network = Uniform(networks_.size());
      std::string search_name = NormaliseForSearch(name);
      rows.push_back({std::to_string(id), "collectivite_etrangere", name, search_name, search_name,
                      std::to_string(networks_[network].id), Chance(0.8) ? "public" : "network", std::nullopt,
                      std::nullopt, std::nullopt, std::nullopt, std::nullopt, country.front(), Pick(kLevels), "[]",
                      "[]", "[]", "", now_, now_});
      AddWords(id, search_name);
      foreign_.push_back({id, network, 0, ""});
    }
    AppendRows(session, "organisation", OrganisationColumns(), rows);
    AppendRows(session, "organisation_word", {"word", "organisation_id"}, words_);
  }

  // A commune near an association: of its département seven times in ten, else of its région.
  size_t CommuneNear(const Actor& actor) {
    const Commune& home = communes_[actor.commune];
    if (Chance(0.7)) {
      const std::vector<size_t>& near = by_departement_[home.departement];
      return near[Uniform(near.size())];
    }
    const Network& network = networks_[actor.network];
    return network.communes[Uniform(network.communes.size())];
  }

  // One relationship, unless the same kind already joins the same two organisations.
  bool Relate(const std::string& kind, int64_t from, int64_t to, size_t network, std::optional<std::string> role,
              std::vector<CopyRow>& rows) {
    if (from == to || !edges_.insert({kind, from, to}).second) return false;
    if (kind == "partnership" && !edges_.insert({kind, to, from}).second) return false;
    std::string start = Date(2005, 2025);
    std::optional<std::string> end;
    if (Chance(0.15)) end = std::to_string(std::stoi(start.substr(0, 4)) + 1 + static_cast<int>(Uniform(6))) + start.substr(4);
    if (kind == "board_seat" && !role) role = Chance(0.15) ? std::string(Pick(kRoles)) : std::string("membre");
    if (kind == "member_of" && to == networks_[network].record_id && start <= options_.today &&
        (!end || *end >= options_.today)) {
      networks_[network].members.insert(from);
    }
    rows.push_back({std::to_string(next_relationship_id_++), kind, std::to_string(from), std::to_string(to), role, start,
                    end, "generateur", std::to_string(networks_[network].id), Visibility(), "[]", now_, now_});
    return true;
  }

  void CreateRelationships(soci::session& session) {
    next_relationship_id_ = NextId(session, "relationship");
    std::vector<CopyRow> rows;
    const size_t total = options_.relationships;
    const auto budget = [&](double share) { return static_cast<size_t>(static_cast<double>(total) * share); };
    const auto fill = [&](size_t count, auto&& draw) {
      for (size_t target = rows.size() + count, tries = 0; rows.size() < target && tries < count * 4; ++tries) draw();
    };
    // The networks' own members and CA: associations, collectivités of their régions.
    for (size_t a = 0; a < associations_.size(); ++a) {
      const Actor& actor = associations_[a];
      const Network& network = networks_[actor.network];
      if (Chance(0.4)) Relate("member_of", actor.id, network.record_id, actor.network, std::nullopt, rows);
      if (Chance(0.03)) Relate("board_seat", actor.id, network.record_id, actor.network, std::nullopt, rows);
    }
    for (size_t n = 0; n < networks_.size(); ++n) {
      const Network& network = networks_[n];
      for (size_t commune : network.communes) {
        if (Chance(0.05)) Relate("member_of", communes_[commune].id, network.record_id, n, std::nullopt, rows);
      }
      for (const Commune& collectivite : network.collectivites) {
        if (Chance(0.3)) Relate("member_of", collectivite.id, network.record_id, n, std::nullopt, rows);
      }
      for (int seat = 0; seat < 70; ++seat) {
        const Commune& commune = communes_[network.communes[Uniform(network.communes.size())]];
        Relate("board_seat", commune.id, network.record_id, n,
               seat < 6 ? std::optional<std::string>("president") : std::nullopt, rows);
      }
    }
    // Communes on associations' CA and among their members.
    fill(budget(0.46), [&] {
      const Actor& actor = associations_[Uniform(associations_.size())];
      Relate("board_seat", communes_[CommuneNear(actor)].id, actor.id, actor.network, std::nullopt, rows);
    });
    fill(budget(0.18), [&] {
      const Actor& actor = associations_[Uniform(associations_.size())];
      Relate("member_of", communes_[CommuneNear(actor)].id, actor.id, actor.network, std::nullopt, rows);
    });
    // Partnerships with foreign authorities, of communes and of associations.
    fill(budget(0.1), [&] {
      const Actor& actor = associations_[Uniform(associations_.size())];
      Relate("partnership", communes_[CommuneNear(actor)].id, foreign_[Uniform(foreign_.size())].id, actor.network,
             std::nullopt, rows);
    });
    fill(budget(0.07), [&] {
      const Actor& actor = associations_[Uniform(associations_.size())];
      Relate("partnership", actor.id, foreign_[Uniform(foreign_.size())].id, actor.network, std::nullopt, rows);
    });
    // Associations among themselves: partnerships and federations, within a network.
    fill(total - std::min(total, rows.size()), [&] {
      const Actor& actor = associations_[Uniform(associations_.size())];
      const Network& network = networks_[actor.network];
      const Actor& other = associations_[network.associations[Uniform(network.associations.size())]];
      Relate(Chance(0.5) ? "partnership" : "member_of", actor.id, other.id, actor.network, std::nullopt, rows);
    });
    relationship_count_ = rows.size();
    AppendRows(session, "relationship",
               {"id", "kind", "from_id", "to_id", "role", "start_date", "end_date", "source", "network_id", "visibility",
                "themes", "created_at", "updated_at"},
               rows);
  }

  // Each network's collectivités, communes first, and its members today, for the pipeline.
  std::vector<NetworkTerritory> Territories() const {
    std::vector<NetworkTerritory> territories;
    for (const Network& network : networks_) {
      NetworkTerritory territory{network.id, network.record_id, {}, network.members};
      for (size_t commune : network.communes) {
        territory.collectivites.push_back({communes_[commune].id, communes_[commune].name, communes_[commune].departement});
      }
      for (const Commune& other : network.collectivites) {
        territory.collectivites.push_back({other.id, other.name, other.departement});
      }
      territories.push_back(std::move(territory));
    }
    return territories;
  }

  // Relationships of one network that are not in the database: communes of its région on the CA,
  // or among the members, of its associations, named by INSEE code and RNA as a network would.
  void WriteImportFile() {
    auto network = std::find_if(networks_.begin(), networks_.end(),
                                [&](const Network& n) { return n.name == options_.import_network; });
    if (network == networks_.end()) throw std::runtime_error("no network named " + options_.import_network);
    std::ofstream file(options_.import_file, std::ios::binary);
    file << "\xEF\xBB\xBFsource;cible;type;role;debut;fin\r\n";
    size_t written = 0;
    for (size_t tries = 0; written < options_.import_rows && tries < options_.import_rows * 10; ++tries) {
      const Actor& actor = associations_[network->associations[Uniform(network->associations.size())]];
      const Commune& commune = communes_[CommuneNear(actor)];
      const bool seat = Chance(0.7);
      const std::string kind = seat ? "board_seat" : "member_of";
      if (!edges_.insert({kind, commune.id, actor.id}).second) continue;
      file << commune.insee << ';' << actor.rna << ';' << (seat ? "siège au CA" : "adhérent") << ';'
           << (seat ? (Chance(0.1) ? "président" : "membre") : "") << ';' << Date(2010, 2025) << ";\r\n";
      ++written;
    }
    std::cout << "graph_generator: " << written << " relationships of " << network->name << " written to "
              << options_.import_file << "\n";
  }

  // Rows appended to a table: COPY on PostgreSQL, one prepared statement on SQLite.
  void AppendRows(soci::session& session, const std::string& table, const std::vector<std::string>& columns,
                  const std::vector<CopyRow>& rows) {
    if (database_.engine() == Engine::kPostgresql) return CopyRows(session, table, columns, rows);
    std::string sql = "INSERT INTO " + table + " (";
    std::string values;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      values += (i ? ", :v" : ":v") + std::to_string(i);
    }
    sql += ") VALUES (" + values + ")";
    std::vector<std::string> row_values(columns.size());
    std::vector<soci::indicator> indicators(columns.size());
    soci::statement insert(session);
    for (size_t i = 0; i < columns.size(); ++i) insert.exchange(soci::use(row_values[i], indicators[i]));
    insert.alloc();
    insert.prepare(sql);
    insert.define_and_bind();
    for (const CopyRow& row : rows) {
      for (size_t i = 0; i < columns.size(); ++i) {
        row_values[i] = row[i].value_or("");
        indicators[i] = row[i] ? soci::i_ok : soci::i_null;
      }
      insert.execute(true);
    }
  }

  Database& database_;
  Options options_;
  std::mt19937_64 random_;
  std::string now_;
  int64_t next_id_ = 0, next_relationship_id_ = 0;
  size_t relationship_count_ = 0;
  std::vector<Network> networks_;
  std::vector<Commune> communes_;
  std::unordered_map<std::string, std::vector<size_t>> by_departement_;
  std::vector<Actor> associations_, foreign_;
  std::set<std::string> known_countries_, rnas_, sirens_;
  std::vector<CopyRow> words_;
  std::set<EdgeKey> edges_;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i], value = argv[i + 1];
    if (name == "--db") options.db = value;
    else if (name == "--seed") options.seed = std::stoull(value);
    else if (name == "--associations") options.associations = std::stoul(value);
    else if (name == "--foreign") options.foreign = std::stoul(value);
    else if (name == "--relationships") options.relationships = std::stoul(value);
    else if (name == "--interactions") options.interactions = std::stoul(value);
    else if (name == "--events") options.events = std::stoul(value);
    else if (name == "--stages-share") options.stages_share = std::stod(value);
    else if (name == "--today") options.today = value;
    else if (name == "--import-file") options.import_file = value;
    else if (name == "--import-rows") options.import_rows = std::stoul(value);
    else if (name == "--import-network") options.import_network = value;
    else throw std::invalid_argument("unknown option " + name);
  }
  if (options.db.empty() || argc % 2 == 0) throw std::invalid_argument("usage: graph_generator --db URL [--option value]…");
  return options;
}

}  // namespace
}  // namespace rrma

int main(int argc, char** argv) {
  try {
    rrma::Options options = rrma::ParseOptions(argc, argv);
    auto url = rrma::DatabaseUrl::Parse(options.db);
    if (!url.ok()) throw std::invalid_argument(url.status().detail());
    rrma::Database database(url.value(), 1);
    rrma::Migrate(database);
    rrma::Generator(database, options).Run();
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "graph_generator: " << error.what() << "\n";
    return 1;
  }
}
