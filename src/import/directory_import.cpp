#include "import/directory_import.h"

#include <algorithm>
#include <cctype>

#include "domain/field_rules.h"
#include "domain/search_text.h"

namespace rrma {
namespace {

// A field of an importer and the headers it is recognised by (normalised, see NormaliseHeader).
struct FieldColumn {
  std::string field;
  std::vector<std::string> headers;
};

const std::vector<FieldColumn>& ActorColumns() {
  static const std::vector<FieldColumn> kColumns = {
      {"nom", {"nom", "name", "raison_sociale", "denomination"}},
      {"type", {"type", "nature", "kind"}},
      {"rna", {"rna", "numero_rna"}},
      {"siren", {"siren", "numero_siren"}},
      {"insee_commune", {"insee_commune", "code_insee", "commune_insee", "insee", "code_commune"}},
      {"pays", {"pays", "pays_d_action", "countries", "country"}},
      {"thematiques", {"thematiques", "themes", "thematique"}},
      {"site_web", {"site_web", "site", "website", "site_internet"}},
      {"sigle", {"sigle", "acronyme", "acronym"}},
      {"adresse", {"adresse", "address"}},
      {"description", {"description", "presentation"}},
      {"niveau", {"niveau", "level"}},
      {"odd", {"odd", "objectifs_de_developpement_durable"}},
  };
  return kColumns;
}

const std::vector<FieldColumn>& RelationshipColumns() {
  static const std::vector<FieldColumn> kColumns = {
      {"source", {"source", "de", "organisation", "from"}},
      {"cible", {"cible", "vers", "to", "target"}},
      {"type", {"type", "relation", "kind"}},
      {"role", {"role", "fonction"}},
      {"debut", {"debut", "date_de_debut", "start_date", "depuis"}},
      {"fin", {"fin", "date_de_fin", "end_date", "jusqu_au"}},
  };
  return kColumns;
}

std::string Trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// Column index of each field present in the file, by the UI's mapping or by the known headers.
std::map<std::string, size_t> LocateColumns(const std::vector<std::string>& header,
                                            const std::vector<FieldColumn>& columns, const ColumnMapping& mapping) {
  std::vector<std::string> normalised;
  for (const std::string& name : header) normalised.push_back(NormaliseHeader(name));
  std::map<std::string, size_t> located;
  for (const FieldColumn& column : columns) {
    std::vector<std::string> wanted = column.headers;
    if (auto chosen = mapping.find(column.field); chosen != mapping.end()) wanted = {NormaliseHeader(chosen->second)};
    for (size_t i = 0; i < normalised.size(); ++i) {
      if (std::find(wanted.begin(), wanted.end(), normalised[i]) != wanted.end()) {
        located.emplace(column.field, i);
        break;
      }
    }
  }
  return located;
}

// The value of a field in a row: trimmed, empty when the column is absent or the row short.
class RowValues {
 public:
  RowValues(const CsvRow& row, const std::map<std::string, size_t>& columns) : row_(row), columns_(columns) {}
  std::string operator()(const std::string& field) const {
    auto found = columns_.find(field);
    if (found == columns_.end() || found->second >= row_.fields.size()) return "";
    return Trimmed(row_.fields[found->second]);
  }

 private:
  const CsvRow& row_;
  const std::map<std::string, size_t>& columns_;
};

// Items of a list written in one cell: « Togo, Bénin », « santé | éducation ».
std::vector<std::string> ListItems(const std::string& cell) {
  std::vector<std::string> items;
  std::string current;
  for (char c : cell + ",") {
    if (c == ',' || c == ';' || c == '|' || c == '/') {
      std::string item = Trimmed(current);
      if (!item.empty()) items.push_back(std::move(item));
      current.clear();
    } else {
      current += c;
    }
  }
  return items;
}

std::optional<std::string> Optional(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

Status MissingColumns(const std::map<std::string, size_t>& located, std::initializer_list<const char*> required) {
  std::string missing;
  for (const char* field : required) {
    if (located.count(field) == 0) missing += std::string(missing.empty() ? "" : ", ") + "« " + field + " »";
  }
  if (missing.empty()) return Status::Ok();
  return Status::Invalid("fichier", "Colonne obligatoire absente : " + missing + ". Vérifiez la ligne d'en-tête.");
}

// A column an importer reads, named twice in the header (« Nom » and « nom ») would leave the
// choice of the value to chance: the file is refused, naming the column.
Status RepeatedColumns(const std::vector<std::string>& header, const std::map<std::string, size_t>& located) {
  for (const auto& [field, index] : located) {
    const std::string name = NormaliseHeader(header[index]);
    for (size_t i = 0; i < header.size(); ++i) {
      if (i == index || NormaliseHeader(header[i]) != name) continue;
      return Status::Invalid("fichier", "La colonne « " + Excerpt(header[index]) + " » figure deux fois dans l'en-tête (colonnes " +
                                            std::to_string(std::min(i, index) + 1) + " et " +
                                            std::to_string(std::max(i, index) + 1) + ") : gardez-en une seule.");
    }
  }
  return Status::Ok();
}

// A line with more or fewer values than the header has had a separator lost or added (a name
// holding « ; » without quotes): its values would land in the wrong columns, so it is refused.
std::optional<ImportProblem> WidthProblem(const CsvRow& row, size_t columns) {
  if (row.fields.size() == columns) return std::nullopt;
  const auto count = [](size_t n) { return std::to_string(n) + (n > 1 ? " colonnes" : " colonne"); };
  return ImportProblem{row.line, "",
                       "La ligne a " + count(row.fields.size()) + " alors que l'en-tête en a " + std::to_string(columns) +
                           " : un séparateur manque ou est de trop (une valeur qui contient « ; » ou « , » se met entre guillemets)."};
}

// The name an importer's field has in the file, for problems: the header as written.
std::string HeaderOf(const std::vector<std::string>& header, const std::map<std::string, size_t>& located,
                     const std::string& field) {
  auto found = located.find(field);
  return found == located.end() ? field : header[found->second];
}

}  // namespace

const std::vector<std::string>& ActorImportFields() {
  static const std::vector<std::string> kFields = [] {
    std::vector<std::string> fields;
    for (const FieldColumn& column : ActorColumns()) fields.push_back(column.field);
    return fields;
  }();
  return kFields;
}

const std::vector<std::string>& RelationshipImportFields() {
  static const std::vector<std::string> kFields = [] {
    std::vector<std::string> fields;
    for (const FieldColumn& column : RelationshipColumns()) fields.push_back(column.field);
    return fields;
  }();
  return kFields;
}

std::optional<std::string> ActorKindFromText(const std::string& text) {
  const std::string key = NormaliseForSearch(text);
  if (key.empty()) return std::nullopt;
  const auto is = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* name) { return key == name; });
  };
  if (is({"association", "osc", "association osc", "ong", "association loi 1901"})) return "association";
  if (is({"entreprise", "societe", "company"})) return "entreprise";
  if (is({"enseignement recherche", "enseignement", "ecole", "universite", "lycee", "college",
          "etablissement d enseignement ou de recherche", "recherche"})) {
    return "enseignement_recherche";
  }
  if (is({"institution publique", "etablissement public", "institution"})) return "institution_publique";
  if (is({"osim", "diaspora", "organisation de diaspora", "organisation de solidarite issue des migrations"})) {
    return "osim";
  }
  if (is({"collectivite etrangere", "autorite locale etrangere", "collectivite partenaire"})) {
    return "collectivite_etrangere";
  }
  if (is({"autre", "other"})) return "autre";
  if (IsActorKind(text)) return text;
  return std::nullopt;
}

std::optional<std::string> RelationshipKindFromText(const std::string& text) {
  const std::string key = NormaliseForSearch(text);
  if (IsRelationshipKind(text)) return text;
  if (key == "member of" || key == "adhesion" || key == "adherent" || key == "adherente" || key == "membre" ||
      key == "adhere a") {
    return "member_of";
  }
  if (key == "board seat" || key == "ca" || key == "siege au ca" || key == "siege ca" ||
      key == "conseil d administration" || key == "administrateur" || key == "administratrice") {
    return "board_seat";
  }
  if (key == "partenariat" || key == "partenaire" || key == "partnership" || key == "jumelage" ||
      key == "cooperation") {
    return "partnership";
  }
  return std::nullopt;
}

std::optional<std::string> BoardRoleFromText(const std::string& text) {
  const std::string key = NormaliseForSearch(text);
  if (IsBoardRole(text)) return text;
  if (key == "membre" || key == "administrateur" || key == "administratrice") return "membre";
  if (key == "president" || key == "presidente" || key == "presidence") return "president";
  if (key == "vice president" || key == "vice presidente" || key == "vice presidence") return "vice_president";
  if (key == "tresorier" || key == "tresoriere" || key == "tresorerie") return "tresorier";
  if (key == "secretaire" || key == "secretariat") return "secretaire";
  return std::nullopt;
}

std::optional<std::string> DateFromText(const std::string& text) {
  const auto digits = [&](size_t from, size_t count) {
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                       text.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(0, 4) && digits(5, 2) && digits(8, 2)) {
    return text;
  }
  if (text.size() == 10 && text[2] == '/' && text[5] == '/' && digits(0, 2) && digits(3, 2) && digits(6, 4)) {
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  }
  return std::nullopt;
}

Result<ParsedImport<ActorImportRow>> ParseActors(const CsvTable& table, int64_t network_id,
                                                 const std::string& visibility, const ColumnMapping& mapping) {
  const auto located = LocateColumns(table.header, ActorColumns(), mapping);
  if (Status missing = MissingColumns(located, {"nom"}); !missing.ok()) return missing;
  if (Status repeated = RepeatedColumns(table.header, located); !repeated.ok()) return repeated;
  ParsedImport<ActorImportRow> parsed;
  parsed.header = table.header;
  for (const auto& [field, index] : located) parsed.field_headers[field] = table.header[index];
  parsed.source_rows = table.rows;
  const auto header = [&](const char* field) { return HeaderOf(table.header, located, field); };
  for (const CsvRow& row : table.rows) {
    const RowValues value(row, located);
    ActorImportRow imported{row.line, {}};
    if (auto width = WidthProblem(row, table.header.size())) {
      parsed.problems.push_back(*width);
      imported.refused = true;
    }
    ActorDraft& draft = imported.draft;
    draft.network_id = network_id;
    draft.visibility = visibility;
    draft.name = value("nom");
    const std::string kind_text = value("type");
    if (kind_text.empty()) {
      draft.kind = "association";
    } else if (auto kind = ActorKindFromText(kind_text)) {
      draft.kind = *kind;
    } else {
      parsed.problems.push_back({row.line, header("type"),
                                 "Type inconnu « " + Excerpt(kind_text) +
                                     " » : association, entreprise, enseignement_recherche, institution_publique, osim, "
                                     "collectivite_etrangere ou autre."});
      imported.refused = true;
    }
    draft.acronym = Optional(value("sigle"));
    draft.rna = Optional(value("rna"));
    draft.siren = Optional(value("siren"));
    draft.address = Optional(value("adresse"));
    draft.commune_insee = Optional(value("insee_commune"));
    draft.website = Optional(value("site_web"));
    draft.description = value("description");
    if (auto themes = ListItems(value("thematiques")); !themes.empty()) draft.themes = themes;
    // A foreign authority's « pays » is its own country; anyone else's, the countries they act in.
    std::vector<std::string> countries = ListItems(value("pays"));
    if (draft.kind == "collectivite_etrangere") {
      if (!countries.empty()) draft.country_code = countries.front();
      const std::string level = NormaliseForSearch(value("niveau"));
      if (level == "commune" || level == "municipalite" || level == "ville") draft.level = "commune";
      else if (level == "province" || level == "region" || level == "province region") draft.level = "province_region";
      else if (level == "etat" || level == "state") draft.level = "etat";
      else draft.level = "autre";
    } else if (!countries.empty()) {
      draft.countries = countries;
    }
    if (auto odd = ListItems(value("odd")); !odd.empty()) {
      std::vector<int64_t> numbers;
      bool bad = false;
      for (const std::string& item : odd) {
        std::string digits = item;
        if (NormaliseForSearch(digits).rfind("odd ", 0) == 0) digits = Trimmed(digits.substr(3));
        if (digits.empty() || digits.size() > 2 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
          bad = true;
          break;
        }
        numbers.push_back(std::stoll(digits));
      }
      if (bad) {
        parsed.problems.push_back({row.line, header("odd"), "ODD illisible « " + Excerpt(value("odd")) + " » : numéros de 1 à 17."});
        imported.refused = true;
      } else {
        draft.odd = numbers;
      }
    }
    parsed.rows.push_back(std::move(imported));
  }
  return parsed;
}

Result<ParsedImport<RelationshipImportRow>> ParseRelationships(const CsvTable& table, int64_t network_id,
                                                               const std::string& visibility,
                                                               const ColumnMapping& mapping) {
  const auto located = LocateColumns(table.header, RelationshipColumns(), mapping);
  if (Status missing = MissingColumns(located, {"source", "cible", "type"}); !missing.ok()) {
    return missing;
  }
  if (Status repeated = RepeatedColumns(table.header, located); !repeated.ok()) return repeated;
  ParsedImport<RelationshipImportRow> parsed;
  parsed.header = table.header;
  for (const auto& [field, index] : located) parsed.field_headers[field] = table.header[index];
  parsed.source_rows = table.rows;
  const auto header = [&](const char* field) { return HeaderOf(table.header, located, field); };
  for (const CsvRow& row : table.rows) {
    const RowValues value(row, located);
    RelationshipImportRow imported{row.line, value("source"), value("cible"), {}};
    RelationshipDraft& draft = imported.draft;
    draft.network_id = network_id;
    draft.visibility = visibility;
    std::vector<ImportProblem> problems;
    if (auto width = WidthProblem(row, table.header.size())) problems.push_back(*width);
    if (imported.source.empty()) problems.push_back({row.line, header("source"), "La source est vide."});
    if (imported.target.empty()) problems.push_back({row.line, header("cible"), "La cible est vide."});
    if (auto kind = RelationshipKindFromText(value("type"))) {
      draft.kind = *kind;
    } else {
      problems.push_back({row.line, header("type"),
                          "Type de relation inconnu « " + Excerpt(value("type")) +
                              " » : adhésion (member_of), siège au CA (board_seat) ou partenariat (partnership)."});
    }
    if (const std::string role = value("role"); !role.empty()) {
      if (auto known = BoardRoleFromText(role)) draft.role = *known;
      else problems.push_back({row.line, header("role"), "Rôle inconnu « " + Excerpt(role) + " » : membre, président·e, vice-président·e, trésorier·e ou secrétaire."});
    }
    for (const auto& [field, target] : {std::pair{"debut", &draft.start_date}, std::pair{"fin", &draft.end_date}}) {
      const std::string text = value(field);
      if (text.empty()) continue;
      const auto date = DateFromText(text);
      const DateFault fault = date ? IsoDateFaultOf(*date) : DateFault::kFormat;
      if (fault == DateFault::kNone) *target = *date;
      else if (fault == DateFault::kFormat) problems.push_back({row.line, header(field), "Date illisible « " + Excerpt(text) + " » : AAAA-MM-JJ ou JJ/MM/AAAA."});
      else if (fault == DateFault::kOutOfRange) problems.push_back({row.line, header(field), "Date hors de la période admise (1900 à 2100) : « " + text + " »."});
      else problems.push_back({row.line, header(field), "Date inexistante : « " + text + " »."});
    }
    draft.source = "import";
    imported.refused = !problems.empty();
    parsed.problems.insert(parsed.problems.end(), problems.begin(), problems.end());
    parsed.rows.push_back(std::move(imported));
  }
  return parsed;
}

}  // namespace rrma
