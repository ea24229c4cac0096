// Importing a network's directory from spreadsheets: organisations (columns nom;type;rna;siren;
// insee_commune;pays;thematiques;site_web, and optionally sigle;adresse;description;niveau;odd)
// and relationships (source;cible;type;role;debut;fin). Headers are recognised whatever their case
// and accents; values are read into the same drafts the API validates, and every problem is named
// by its line, its column and a French reason. Resolving identifiers and writing is storage's
// (actor_repository.h, relationship_repository.h). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/field_rules.h"  // Excerpt
#include "domain/relationship.h"
#include "domain/status.h"
#include "import/csv_table.h"

namespace rrma {

struct ImportProblem {
  size_t line = 0;
  std::string field;  // the column as the file names it, or "fichier"
  std::string message;
};

struct ActorImportRow {
  size_t line = 0;
  ActorDraft draft;
  bool refused = false;  // a problem was found while reading: checked further, never written
};

struct RelationshipImportRow {
  size_t line = 0;
  std::string source;  // an INSEE code, a SIREN, an RNA or an organisation id, resolved by storage
  std::string target;
  RelationshipDraft draft;
  bool refused = false;  // a problem was found while reading: checked further, never written
};

template <typename Row>
struct ParsedImport {
  std::vector<Row> rows;                 // every row, its readable values in its draft
  std::vector<ImportProblem> problems;   // what made rows refused already
  std::vector<CsvRow> source_rows;       // every row as read, to write the rejected ones back
  std::vector<std::string> header;
  std::map<std::string, std::string> field_headers;  // importer field → the file's header for it
};

// A column mapping chosen in the UI: the importer's field name → the file's header.
using ColumnMapping = std::map<std::string, std::string>;

// Invalid naming "fichier" when a required column is missing (nom, or source and cible).
Result<ParsedImport<ActorImportRow>> ParseActors(const CsvTable& table, int64_t network_id,
                                                 const std::string& visibility, const ColumnMapping& mapping = {});
Result<ParsedImport<RelationshipImportRow>> ParseRelationships(const CsvTable& table, int64_t network_id,
                                                               const std::string& visibility,
                                                               const ColumnMapping& mapping = {});

// The field names each importer reads, for the mapping step: required ones first.
const std::vector<std::string>& ActorImportFields();
const std::vector<std::string>& RelationshipImportFields();

// How the API names an organisation kind written in French in a file (« Association »,
// « Entreprise », « Collectivité étrangère », « OSIM »…), or nothing.
std::optional<std::string> ActorKindFromText(const std::string& text);
// « adhésion », « siège au CA », « partenariat »… or the API names.
std::optional<std::string> RelationshipKindFromText(const std::string& text);
// « présidente », « vice-président », « trésorier »… or the API names.
std::optional<std::string> BoardRoleFromText(const std::string& text);
// YYYY-MM-DD or DD/MM/YYYY as YYYY-MM-DD (not checked for a real day: the draft's rules do that).
std::optional<std::string> DateFromText(const std::string& text);

}  // namespace rrma
