// Local actors: the organisations a network records beside the reference collectivités
// (associations and OSC, companies, schools and universities, public institutions, diaspora
// organisations, foreign local authorities, others). Owned by one network and shown according to
// their visibility, like persons; archived rather than deleted. Value types, the rules that
// validate an actor as submitted, and its audit changes. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/audit.h"
#include "domain/status.h"

namespace rrma {

// Kinds a network may create (reference collectivités and network records are not created here).
inline constexpr std::string_view kActorKinds[] = {
    "association", "entreprise", "enseignement_recherche", "institution_publique", "osim",
    "collectivite_etrangere", "autre"};
// The level of a foreign local authority.
inline constexpr std::string_view kForeignLevels[] = {"commune", "province_region", "etat", "autre"};

bool IsActorKind(std::string_view kind);

inline constexpr size_t kMaxActorNameLength = 200;
inline constexpr size_t kMaxAcronymLength = 30;
inline constexpr size_t kMaxAddressLength = 300;
inline constexpr size_t kMaxWebsiteLength = 300;
inline constexpr size_t kMaxDescriptionLength = 20000;
inline constexpr size_t kMaxThemes = 20;
inline constexpr size_t kMaxThemeLength = 80;
inline constexpr size_t kMaxCountries = 60;

struct Actor {
  int64_t id = 0;
  int64_t network_id = 0;
  std::string network_name;
  Visibility visibility = Visibility::kPrivate;
  std::string kind;
  std::string name;
  std::optional<std::string> acronym;
  std::optional<std::string> rna;
  std::optional<std::string> siren;
  std::optional<std::string> address;
  std::optional<std::string> commune_insee;  // where it is based: a commune of the COG
  std::optional<std::string> commune_name;   // filled when read
  std::optional<std::string> departement_code;  // of the commune, filled by storage
  std::optional<std::string> region_code;
  std::optional<std::string> website;
  std::optional<std::string> country_code;  // foreign authorities: their country (ISO 3166 alpha-2)
  std::optional<std::string> level;         // foreign authorities: kForeignLevels
  std::vector<std::string> themes;
  std::vector<std::string> countries;  // countries of action, ISO 3166 alpha-2
  std::vector<int64_t> odd;            // sustainable development goals, 1–17
  std::string description;
  std::optional<std::string> archived_at;
  std::string created_at;
  std::string updated_at;
};

// An actor as submitted: only the fields present are set. For a creation network_id, visibility,
// kind and name are required; a foreign authority needs its country_code and level.
struct ActorDraft {
  std::optional<int64_t> network_id;
  std::optional<std::string> visibility;
  std::optional<std::string> kind;
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> acronym;  // present with no value: clear it
  std::optional<std::optional<std::string>> rna;
  std::optional<std::optional<std::string>> siren;
  std::optional<std::optional<std::string>> address;
  std::optional<std::optional<std::string>> commune_insee;
  std::optional<std::optional<std::string>> website;
  std::optional<std::optional<std::string>> country_code;
  std::optional<std::optional<std::string>> level;
  std::optional<std::vector<std::string>> themes;
  std::optional<std::vector<std::string>> countries;
  std::optional<std::vector<int64_t>> odd;
  std::optional<std::string> description;
  std::optional<bool> archived;
};

// Records every fault of the draft under its field name. `before` is the stored actor for a
// change (its kind decides what a foreign authority needs), none for a creation. Existence of the
// commune and countries is checked by storage.
void ValidateActorDraft(const ActorDraft& draft, const Actor* before, ValidationErrors& errors);

// The actor with the draft's fields applied (archiving sets archived_at to now). The draft must
// have been validated.
Actor ApplyDraft(Actor actor, const ActorDraft& draft, const std::string& now);

// The fields that differ, as the audit log records them.
std::vector<FieldChange> ActorChanges(const Actor& before, const Actor& after);

// The actor's name normalised for search (search_text.h).
std::string SearchableName(const Actor& actor);

}  // namespace rrma
