#include "reference/reference_loader.h"

#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace rrma {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr std::string_view kCogPackage = "@etalab/decoupage-administratif";
constexpr std::string_view kCountriesPackage = "i18n-iso-countries";

// COG commune types and the category each is stored as.
const std::map<std::string, std::string>& CommuneCategories() {
  static const std::map<std::string, std::string> kCategories = {
      {"commune-actuelle", "commune"},
      {"commune-deleguee", "commune_deleguee"},
      {"commune-associee", "commune_associee"},
      {"arrondissement-municipal", "arrondissement_municipal"},
  };
  return kCategories;
}

Result<json> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("reference", "Fichier de référence introuvable : " + path.string() +
                                                   " (lancez npm ci).");
  // Parsing from memory is several times faster than through the stream's buffer.
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Status::Invalid("reference", "Fichier de référence illisible (JSON invalide) : " + path.string());
  }
  return document;
}

std::optional<std::string> OptionalString(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

std::optional<int64_t> OptionalInteger(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<int64_t>();
}

// Overseas collectivités (975 Saint-Pierre-et-Miquelon…) carry three-digit codes in the COG's
// region list; they are not régions, and are kept as départements only.
bool IsRegionOfFrance(const std::string& code) { return code.size() == 2; }

// The most frequent value among the given ones (the first one on ties), or nothing.
std::optional<std::string> MostFrequent(const std::vector<std::string>& values) {
  std::map<std::string, int> counts;
  std::optional<std::string> best;
  int best_count = 0;
  for (const std::string& value : values) {
    int count = ++counts[value];
    if (count > best_count) {
      best_count = count;
      best = value;
    }
  }
  return best;
}

class CogReader {
 public:
  explicit CogReader(ReferenceData& data) : data_(data) {}

  Status Read(const fs::path& package) {
    // The two large files (12 MB together) are parsed at the same time, one per core.
    auto communes_parsed = std::async(std::launch::async, ReadJson, package / "data/communes.json");
    auto epci = ReadJson(package / "data/epci.json");
    auto regions = ReadJson(package / "data/regions.json");
    auto departements = ReadJson(package / "data/departements.json");
    auto communes = communes_parsed.get();
    for (const auto* result : {&regions, &departements, &communes, &epci}) {
      if (!result->ok()) return result->status();
    }
    ReadCommunes(communes.value());
    ReadRegions(regions.value());
    ReadDepartements(departements.value());
    ReadEpci(epci.value());
    return Status::Ok();
  }

  const std::map<std::string, std::string>& region_codes_by_name() const { return region_codes_by_name_; }

 private:
  void ReadCommunes(const json& communes) {
    for (const json& item : communes) {
      std::string type = item.value("type", "");
      auto category = CommuneCategories().find(type);
      if (category == CommuneCategories().end()) continue;
      ReferenceCollectivite c;
      c.category = category->second;
      c.name = item.value("nom", "");
      c.insee_code = OptionalString(item, "code");
      c.siren = OptionalString(item, "siren");
      c.population = OptionalInteger(item, "population");
      c.departement_code = OptionalString(item, "departement");
      c.region_code = OptionalString(item, "region");
      if (c.region_code && !IsRegionOfFrance(*c.region_code)) c.region_code.reset();
      if (auto postal = item.find("codesPostaux"); postal != item.end() && postal->is_array()) {
        for (const json& code : *postal) {
          if (code.is_string()) c.postal_codes.push_back(code.get<std::string>());
        }
      }
      if (c.category == "commune" && c.insee_code) {
        commune_departement_[*c.insee_code] = c.departement_code.value_or("");
        commune_region_[*c.insee_code] = c.region_code.value_or("");
        if (c.population) {
          if (c.departement_code) population_by_departement_[*c.departement_code] += *c.population;
          if (c.region_code) population_by_region_[*c.region_code] += *c.population;
        }
      }
      data_.collectivites.push_back(std::move(c));
    }
  }

  void ReadRegions(const json& regions) {
    for (const json& item : regions) {
      std::string code = item.value("code", "");
      if (!IsRegionOfFrance(code)) continue;
      ReferenceCollectivite c;
      c.category = "region";
      c.name = item.value("nom", "");
      c.insee_code = code;
      c.region_code = code;
      if (auto found = population_by_region_.find(code); found != population_by_region_.end()) {
        c.population = found->second;
      }
      region_codes_by_name_[c.name] = code;
      data_.collectivites.push_back(std::move(c));
    }
  }

  void ReadDepartements(const json& departements) {
    for (const json& item : departements) {
      ReferenceCollectivite c;
      c.category = "departement";
      c.name = item.value("nom", "");
      c.insee_code = OptionalString(item, "code");
      c.departement_code = c.insee_code;
      c.region_code = OptionalString(item, "region");
      if (c.insee_code) {
        if (auto found = population_by_departement_.find(*c.insee_code); found != population_by_departement_.end()) {
          c.population = found->second;
        }
      }
      data_.collectivites.push_back(std::move(c));
    }
  }

  // An EPCI is placed in the département and région where most of its communes lie.
  void ReadEpci(const json& epcis) {
    for (const json& item : epcis) {
      ReferenceCollectivite c;
      c.category = "epci";
      c.subcategory = OptionalString(item, "type");
      c.name = item.value("nom", "");
      c.siren = OptionalString(item, "code");
      c.population = OptionalInteger(item, "populationTotale");
      if (!c.siren) continue;
      std::vector<std::string> departements, regions;
      if (auto members = item.find("membres"); members != item.end() && members->is_array()) {
        for (const json& member : *members) {
          auto code = OptionalString(member, "code");
          if (!code) continue;
          if (auto found = commune_departement_.find(*code); found != commune_departement_.end()) {
            departements.push_back(found->second);
            regions.push_back(commune_region_[*code]);
            data_.memberships.push_back({"commune:" + *code, "epci:" + *c.siren});
          }
        }
      }
      c.departement_code = MostFrequent(departements);
      c.region_code = MostFrequent(regions);
      if (c.region_code && c.region_code->empty()) c.region_code.reset();
      data_.collectivites.push_back(std::move(c));
    }
  }

  ReferenceData& data_;
  std::map<std::string, std::string> commune_departement_;
  std::map<std::string, std::string> commune_region_;
  std::map<std::string, int64_t> population_by_departement_;
  std::map<std::string, int64_t> population_by_region_;
  std::map<std::string, std::string> region_codes_by_name_;
};

Status ReadCountries(const fs::path& package, ReferenceData& data) {
  auto document = ReadJson(package / "langs/fr.json");
  if (!document.ok()) return document.status();
  auto countries = document.value().find("countries");
  if (countries == document.value().end() || !countries->is_object()) {
    return Status::Invalid("reference", "Liste des pays sans champ « countries » : " + package.string());
  }
  for (const auto& [code, names] : countries->items()) {
    // A country may have several French names; the first is the usual one.
    const json& name = names.is_array() && !names.empty() ? names.front() : names;
    if (name.is_string()) data.countries.push_back({code, name.get<std::string>()});
  }
  return Status::Ok();
}

Status ReadOdd(const fs::path& file, ReferenceData& data) {
  auto document = ReadJson(file);
  if (!document.ok()) return document.status();
  for (const json& item : document.value()) {
    if (!item.is_object() || !item.contains("number") || !item.contains("title")) {
      return Status::Invalid("reference", "Entrée ODD sans numéro ou titre dans " + file.string());
    }
    data.odd.push_back({item["number"].get<int>(), item["title"].get<std::string>()});
  }
  return Status::Ok();
}

Status ReadNetworks(const fs::path& file, const std::map<std::string, std::string>& region_codes, ReferenceData& data) {
  auto document = ReadJson(file);
  if (!document.ok()) return document.status();
  for (const json& item : document.value()) {
    ReferenceNetwork network;
    network.name = item.value("name", "");
    for (const json& region : item.value("regions", json::array())) {
      auto code = region_codes.find(region.get<std::string>());
      if (code == region_codes.end()) {
        return Status::Invalid("reference", "Région inconnue du COG pour le réseau " + network.name + " : " +
                                                region.get<std::string>());
      }
      network.region_codes.push_back(code->second);
    }
    data.networks.push_back(std::move(network));
  }
  return Status::Ok();
}

std::string PackageVersion(const fs::path& package) {
  auto document = ReadJson(package / "package.json");
  if (!document.ok()) return "?";
  return document.value().value("version", "?");
}

}  // namespace

ReferencePaths ReferencePaths::UnderHome(const fs::path& home) {
  return {home / "node_modules", home / "reference"};
}

Result<ReferenceData> LoadReferenceData(const ReferencePaths& paths) {
  try {
    ReferenceData data;
    const fs::path cog = paths.node_modules / kCogPackage;
    data.source = "COG 2026 (" + std::string(kCogPackage) + " " + PackageVersion(cog) + ")";
    CogReader cog_reader(data);
    if (Status status = cog_reader.Read(cog); !status.ok()) return status;
    if (Status status = ReadCountries(paths.node_modules / kCountriesPackage, data); !status.ok()) return status;
    if (Status status = ReadOdd(paths.repository / "odd.json", data); !status.ok()) return status;
    if (Status status = ReadNetworks(paths.repository / "networks.json", cog_reader.region_codes_by_name(), data);
        !status.ok()) {
      return status;
    }
    return data;
  } catch (const nlohmann::json::exception& error) {
    // A field of an unexpected type in a package file: report it rather than abort.
    return Status::Invalid("reference", std::string("Données de référence inattendues : ") + error.what());
  }
}

}  // namespace rrma
