#include "domain/organisation.h"

#include <algorithm>

#include "domain/identifiers.h"
#include "domain/search_text.h"

namespace rrma {
namespace {

template <size_t N>
bool Contains(const std::string_view (&values)[N], std::string_view value) {
  return std::find(std::begin(values), std::end(values), value) != std::end(values);
}

}  // namespace

bool IsOrganisationKind(std::string_view kind) { return Contains(kOrganisationKinds, kind); }
bool IsCollectiviteCategory(std::string_view category) {
  return Contains(kCollectiviteCategories, category);
}

Status ValidateOrganisationQuery(const OrganisationQuery& query) {
  ValidationErrors errors;
  if (query.text) ValidateSearchText(*query.text, "q", errors);
  if (query.kind && !IsOrganisationKind(*query.kind)) {
    errors.Add("kind", "Type d'organisation inconnu : valeurs admises collectivite, association, entreprise, "
                       "enseignement_recherche, institution_publique, collectivite_etrangere, autre.");
  }
  if (query.category && !IsCollectiviteCategory(*query.category)) {
    errors.Add("category", "Catégorie inconnue : valeurs admises commune, commune_deleguee, commune_associee, "
                           "arrondissement_municipal, epci, departement, region, groupement.");
  }
  if (query.region && !IsRegionCode(*query.region)) {
    errors.Add("region", "Le code INSEE de région doit compter deux chiffres (par exemple 93).");
  }
  if (query.departement && !IsDepartementCode(*query.departement)) {
    errors.Add("departement", "Le code INSEE de département est invalide (par exemple 06, 2A ou 974).");
  }
  if (query.insee && !IsInseeCode(*query.insee)) {
    errors.Add("insee", "Le code INSEE est invalide (par exemple 06084 pour une commune).");
  }
  if (query.siren && !IsValidSiren(*query.siren)) {
    errors.Add("siren", "Le SIREN doit compter neuf chiffres et respecter la clé de contrôle (Luhn).");
  }
  ValidatePageRequest(query.page, errors);
  return errors.ToStatus();
}

}  // namespace rrma
