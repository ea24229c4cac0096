// Reference data shared by every network: countries, the 17 sustainable development goals (ODD),
// the regional networks (RRMA) with the régions they cover, and the official administrative
// division (COG) read from the packages that publish it. Plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rrma {

struct Country {
  std::string code;  // ISO 3166-1 alpha-2
  std::string name;  // French name
};

struct Odd {
  int number = 0;
  std::string title;
};

struct Network {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> region_codes;
  std::vector<std::string> region_names;  // same order as region_codes, filled when listed
  std::optional<int64_t> organisation_id;  // the network's own node in the directory
};

// One reference collectivité as read from the COG, before it is stored.
struct ReferenceCollectivite {
  std::string category;                    // commune, commune_deleguee, …, epci, departement, region
  std::optional<std::string> subcategory;  // EPCI legal form
  std::string name;
  std::optional<std::string> insee_code;
  std::optional<std::string> siren;
  std::optional<int64_t> population;
  std::optional<std::string> departement_code;
  std::optional<std::string> region_code;
  std::vector<std::string> postal_codes;

  // Unique, stable key of this collectivité across imports ("commune:06084", "epci:200039857").
  std::string ReferenceKey() const;
};

// A commune's membership of an EPCI, by official codes.
struct ReferenceMembership {
  std::string member_key;  // ReferenceKey of the commune
  std::string group_key;   // ReferenceKey of the EPCI
};

struct ReferenceNetwork {
  std::string name;
  std::vector<std::string> region_codes;
};

struct ReferenceData {
  std::string source;  // e.g. "COG 2026 (@etalab/decoupage-administratif 6.0.0)"
  std::vector<ReferenceCollectivite> collectivites;
  std::vector<ReferenceMembership> memberships;
  std::vector<Country> countries;
  std::vector<Odd> odd;
  std::vector<ReferenceNetwork> networks;
};

}  // namespace rrma
