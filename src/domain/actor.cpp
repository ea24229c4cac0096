#include "domain/actor.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/field_rules.h"
#include "domain/identifiers.h"
#include "domain/search_text.h"

namespace rrma {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// An address a browser opens: http(s)://, a host, no spaces nor control characters.
bool IsWebsite(std::string_view url) {
  const auto starts = [&](std::string_view prefix) { return url.substr(0, prefix.size()) == prefix; };
  const size_t scheme = starts("https://") ? 8 : starts("http://") ? 7 : 0;
  if (scheme == 0 || url.size() <= scheme || url.size() > kMaxWebsiteLength) return false;
  // Printable ASCII only: an international name is written in punycode, and nothing can hide or
  // reverse text (bidirectional controls) where the address is shown.
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

void CheckThemes(const std::vector<std::string>& themes, ValidationErrors& errors) {
  if (themes.size() > kMaxThemes) return errors.Add("themes", "Au plus 20 thématiques.");
  for (size_t i = 0; i < themes.size(); ++i) {
    CheckLine(themes[i], "themes[" + std::to_string(i) + "]", "La thématique", true, kMaxThemeLength, errors);
  }
}

void CheckCountries(const std::vector<std::string>& countries, ValidationErrors& errors) {
  if (countries.size() > kMaxCountries) return errors.Add("countries", "Au plus 60 pays d'action.");
  for (size_t i = 0; i < countries.size(); ++i) {
    if (!IsCountryAlpha2(Upper(countries[i]))) {
      errors.Add("countries[" + std::to_string(i) + "]", "Code pays invalide (ISO 3166 à deux lettres, ex. TG).");
    }
  }
}

void CheckOdd(const std::vector<int64_t>& odd, ValidationErrors& errors) {
  if (odd.size() > 17) return errors.Add("odd", "Il n'y a que 17 objectifs de développement durable.");
  for (size_t i = 0; i < odd.size(); ++i) {
    if (odd[i] < 1 || odd[i] > 17) errors.Add("odd[" + std::to_string(i) + "]", "Un ODD est un numéro de 1 à 17.");
  }
}

void CheckOptionalLine(const std::optional<std::optional<std::string>>& value, const std::string& field,
                       const std::string& what, size_t max_length, ValidationErrors& errors) {
  if (value && *value) CheckLine(**value, field, what, false, max_length, errors);
}

// The draft's value of an optional field, else the stored one.
std::optional<std::string> Merged(const std::optional<std::optional<std::string>>& draft,
                                  const std::optional<std::string>& stored) {
  return draft ? *draft : stored;
}

std::string Trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Themes as typed, trimmed, each once whatever its case or accents (« Santé » and « sante »).
std::vector<std::string> DistinctThemes(const std::vector<std::string>& themes) {
  std::vector<std::string> kept, seen;
  for (const std::string& theme : themes) {
    std::string key = NormaliseForSearch(theme);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(std::move(key));
    kept.push_back(Trimmed(theme));
  }
  return kept;
}

std::vector<std::string> Deduplicated(const std::vector<std::string>& values, bool upper) {
  std::vector<std::string> kept;
  for (const std::string& value : values) {
    std::string v = upper ? Upper(value) : value;
    if (std::find(kept.begin(), kept.end(), v) == kept.end()) kept.push_back(std::move(v));
  }
  return kept;
}

}  // namespace

bool IsActorKind(std::string_view kind) { return OneOf(kActorKinds, kind); }

void ValidateActorDraft(const ActorDraft& draft, const Actor* before, ValidationErrors& errors) {
  const bool creating = before == nullptr;
  // A network's record stands for the network of the national list: its name, kind and presence
  // are those of the list (a PATCH that repeats them changes nothing and is accepted).
  const bool network_record = before && before->kind == "reseau";
  if (creating && !draft.network_id) errors.Add("network_id", "Le réseau propriétaire est obligatoire.");
  if (!creating && draft.network_id) errors.Add("network_id", "Le réseau propriétaire d'une organisation ne change pas.");
  if (creating && !draft.visibility) errors.Add("visibility", "La visibilité est obligatoire.");
  if (draft.visibility && !ParseVisibility(*draft.visibility)) {
    errors.Add("visibility", "Visibilité inconnue : private, network ou public.");
  }
  if (creating && !draft.kind) errors.Add("kind", "Le type d'organisation est obligatoire.");
  if (draft.kind && !IsActorKind(*draft.kind) && !(network_record && *draft.kind == "reseau")) {
    errors.Add("kind",
               "Type inconnu : association, entreprise, enseignement_recherche, institution_publique, osim, "
               "collectivite_etrangere ou autre.");
  }
  if (creating && !draft.name) errors.Add("name", "Le nom est obligatoire.");
  if (draft.name) CheckLine(*draft.name, "name", "Le nom", true, kMaxActorNameLength, errors);
  CheckOptionalLine(draft.acronym, "acronym", "Le sigle", kMaxAcronymLength, errors);
  CheckOptionalLine(draft.address, "address", "L'adresse", kMaxAddressLength, errors);
  if (draft.rna && *draft.rna && !IsValidRna(**draft.rna)) {
    errors.Add("rna", "Numéro RNA invalide (attendu W suivi de 9 chiffres, ex. W061234567).");
  }
  if (draft.siren && *draft.siren && (!IsValidSiren(**draft.siren) || **draft.siren == "000000000")) {
    errors.Add("siren", "SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle (Luhn).");
  }
  if (draft.commune_insee && *draft.commune_insee && !IsCommuneInseeCode(**draft.commune_insee)) {
    errors.Add("commune_insee", "Code INSEE de commune invalide (5 caractères, ex. 06084).");
  }
  if (draft.website && *draft.website && !IsWebsite(**draft.website)) {
    errors.Add("website", "Adresse de site invalide (attendu https://…, 300 caractères au plus).");
  }
  if (draft.themes) CheckThemes(*draft.themes, errors);
  if (draft.countries) CheckCountries(*draft.countries, errors);
  if (draft.odd) CheckOdd(*draft.odd, errors);
  if (draft.description) CheckText(*draft.description, "description", "La description", false, kMaxDescriptionLength, errors);

  // A foreign local authority is located by its country and level; other kinds have neither.
  const std::string kind = draft.kind ? *draft.kind : before ? before->kind : "";
  const auto country = Merged(draft.country_code, before ? before->country_code : std::nullopt);
  const auto level = Merged(draft.level, before ? before->level : std::nullopt);
  if (kind == "collectivite_etrangere") {
    if (!country) errors.Add("country_code", "Le pays d'une collectivité étrangère est obligatoire.");
    else if (!IsCountryAlpha2(Upper(*country))) errors.Add("country_code", "Code pays invalide (ISO 3166 à deux lettres, ex. TG).");
    if (!level) errors.Add("level", "Le niveau d'une collectivité étrangère est obligatoire.");
    else if (!OneOf(kForeignLevels, *level)) errors.Add("level", "Niveau inconnu : commune, province_region, etat ou autre.");
  } else if (IsActorKind(kind)) {
    if (draft.country_code && *draft.country_code) {
      errors.Add("country_code", "Seule une collectivité étrangère a un pays de rattachement ; indiquez les pays d'action.");
    }
    if (draft.level && *draft.level) errors.Add("level", "Seule une collectivité étrangère a un niveau.");
  }
  if (draft.archived && creating) errors.Add("archived", "Une organisation ne peut pas être créée archivée.");
  if (network_record && draft.archived && *draft.archived) errors.Add("archived", "Un réseau ne s'archive pas.");
  if (network_record && draft.kind && *draft.kind != "reseau") errors.Add("kind", "Le type d'un réseau ne change pas.");
  if (network_record && draft.name && *draft.name != before->name) {
    errors.Add("name", "Le nom d'un réseau est celui de la liste nationale des RRMA : il ne se modifie pas ici.");
  }
  if (draft.visibility && before && before->kind == "reseau" && *draft.visibility != "public") {
    errors.Add("visibility", "La fiche d'un réseau reste publique.");
  }
}

Actor ApplyDraft(Actor actor, const ActorDraft& draft, const std::string& now) {
  if (draft.network_id) actor.network_id = *draft.network_id;
  if (draft.visibility) actor.visibility = ParseVisibility(*draft.visibility).value_or(actor.visibility);
  if (draft.kind) actor.kind = *draft.kind;
  if (draft.name) actor.name = *draft.name;
  if (draft.acronym) actor.acronym = *draft.acronym;
  if (draft.rna) actor.rna = *draft.rna ? std::optional<std::string>(Upper(**draft.rna)) : std::nullopt;
  if (draft.siren) actor.siren = *draft.siren;
  if (draft.address) actor.address = *draft.address;
  if (draft.commune_insee) actor.commune_insee = *draft.commune_insee ? std::optional(Upper(**draft.commune_insee)) : std::nullopt;
  if (draft.website) actor.website = *draft.website;
  if (draft.country_code) actor.country_code = *draft.country_code ? std::optional(Upper(**draft.country_code)) : std::nullopt;
  if (draft.level) actor.level = *draft.level;
  if (actor.kind != "collectivite_etrangere") {
    actor.country_code.reset();
    actor.level.reset();
  }
  if (draft.themes) actor.themes = DistinctThemes(*draft.themes);
  if (draft.countries) actor.countries = Deduplicated(*draft.countries, true);
  if (draft.odd) {
    std::set<int64_t> distinct(draft.odd->begin(), draft.odd->end());
    actor.odd.assign(distinct.begin(), distinct.end());
  }
  if (draft.description) actor.description = *draft.description;
  // Archiving an archived actor keeps the first date.
  if (draft.archived && !*draft.archived) actor.archived_at.reset();
  if (draft.archived && *draft.archived && !actor.archived_at) actor.archived_at = now;
  return actor;
}

std::vector<FieldChange> ActorChanges(const Actor& before, const Actor& after) {
  std::vector<FieldChange> changes;
  CompareForAudit(changes, "visibility", before.id == 0 ? std::nullopt : std::optional<std::string>(VisibilityName(before.visibility)),
          std::string(VisibilityName(after.visibility)));
  CompareForAudit(changes, "kind", before.kind, after.kind);
  CompareForAudit(changes, "name", before.name, after.name);
  CompareForAudit(changes, "acronym", before.acronym, after.acronym);
  CompareForAudit(changes, "rna", before.rna, after.rna);
  CompareForAudit(changes, "siren", before.siren, after.siren);
  CompareForAudit(changes, "address", before.address, after.address);
  CompareForAudit(changes, "commune_insee", before.commune_insee, after.commune_insee);
  CompareForAudit(changes, "website", before.website, after.website);
  CompareForAudit(changes, "country_code", before.country_code, after.country_code);
  CompareForAudit(changes, "level", before.level, after.level);
  CompareForAudit(changes, "themes", JoinedForAudit(before.themes), JoinedForAudit(after.themes));
  CompareForAudit(changes, "countries", JoinedForAudit(before.countries), JoinedForAudit(after.countries));
  std::vector<std::string> odd_before, odd_after;
  for (int64_t n : before.odd) odd_before.push_back(std::to_string(n));
  for (int64_t n : after.odd) odd_after.push_back(std::to_string(n));
  CompareForAudit(changes, "odd", JoinedForAudit(odd_before), JoinedForAudit(odd_after));
  CompareForAudit(changes, "description", before.description, after.description);
  CompareForAudit(changes, "archived_at", before.archived_at, after.archived_at);
  return changes;
}

std::string SearchableName(const Actor& actor) {
  return NormaliseForSearch(actor.acronym ? actor.name + " " + *actor.acronym : actor.name);
}

}  // namespace rrma
