// Organisations of the directory: French collectivités from the official COG, and later the
// associations, companies and foreign authorities a network records. Value types and the rules
// that validate a directory query. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/paging.h"
#include "domain/status.h"

namespace rrma {

// Kinds and categories travel as their lower-case API names ("collectivite", "commune", …).
inline constexpr std::string_view kOrganisationKinds[] = {
    "collectivite", "association", "entreprise", "enseignement_recherche",
    "institution_publique", "osim", "collectivite_etrangere", "reseau", "autre"};
inline constexpr std::string_view kCollectiviteCategories[] = {
    "commune", "commune_deleguee", "commune_associee", "arrondissement_municipal",
    "epci", "departement", "region", "groupement"};

bool IsOrganisationKind(std::string_view kind);
bool IsCollectiviteCategory(std::string_view category);

struct CodeName {
  std::string code;
  std::string name;
};

struct OrganisationSummary {
  int64_t id = 0;
  std::string kind;
  std::optional<std::string> category;
  std::optional<std::string> subcategory;  // EPCI legal form: CC, CA, CU, METRO, MET69
  std::string name;
  std::optional<std::string> insee_code;
  std::optional<std::string> siren;
  std::optional<int64_t> population;
  std::optional<CodeName> departement;
  std::optional<CodeName> region;
  std::optional<CodeName> commune;  // an actor's: where it is based
};

struct Membership {
  OrganisationSummary organisation;
  std::string source;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
};

struct NetworkRef {
  int64_t id = 0;
  std::string name;
};

struct OrganisationDetail {
  OrganisationSummary summary;
  std::vector<std::string> postal_codes;
  std::vector<Membership> member_of;
  int64_t members_total = 0;
  std::vector<NetworkRef> networks;
  std::optional<std::string> reference_source;
};

// A directory search. Empty optionals mean "no filter".
struct OrganisationQuery {
  std::optional<std::string> text;
  std::optional<std::string> kind;
  std::optional<std::string> category;
  std::optional<std::string> region;
  std::optional<std::string> departement;
  std::optional<std::string> insee;
  std::optional<std::string> siren;
  PageRequest page;
};

// Checks every filter of a query; the Status names each field at fault, in French.
Status ValidateOrganisationQuery(const OrganisationQuery& query);

}  // namespace rrma
