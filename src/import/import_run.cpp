#include "import/import_run.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "storage/relationship_repository.h"

namespace rrma {
namespace {

// The importer field an API field comes from ("countries[1]" → pays), to name the file's column.
std::string ImporterField(ImportKind kind, const std::string& api_field) {
  const std::string base = api_field.substr(0, api_field.find('['));
  static const std::map<std::string, std::string> kActor = {
      {"name", "nom"},        {"kind", "type"},        {"rna", "rna"},           {"siren", "siren"},
      {"commune_insee", "insee_commune"}, {"countries", "pays"}, {"country_code", "pays"}, {"level", "niveau"},
      {"themes", "thematiques"}, {"website", "site_web"}, {"acronym", "sigle"}, {"address", "adresse"},
      {"description", "description"}, {"odd", "odd"}};
  static const std::map<std::string, std::string> kRelationship = {
      {"from_id", "source"}, {"to_id", "cible"}, {"kind", "type"}, {"role", "role"},
      {"start_date", "debut"}, {"end_date", "fin"}};
  // What the command or the upload sets for every line, not a column of the file.
  static const std::map<std::string, std::string> kOptions = {{"network_id", "réseau"}, {"visibility", "visibilité"}};
  const auto& table = kind == ImportKind::kOrganisations ? kActor : kRelationship;
  if (auto found = table.find(base); found != table.end()) return found->second;
  if (auto option = kOptions.find(base); option != kOptions.end()) return option->second;
  return "";  // never an API field name: the message alone, without a column
}

template <typename Row>
DirectoryImportReport Report(ImportKind kind, const ParsedImport<Row>& parsed, ImportOutcome outcome, bool parse_refused) {
  DirectoryImportReport report;
  report.rows = parsed.source_rows.size();
  report.problems = parsed.problems;
  // A column refused while reading is named once: storage finds its value missing.
  std::set<std::pair<size_t, std::string>> read_faults;
  for (const ImportProblem& problem : parsed.problems) read_faults.emplace(problem.line, problem.field);
  for (const RowRejection& rejection : outcome.rejected) {
    const std::string field = ImporterField(kind, rejection.field);
    auto header = parsed.field_headers.find(field);
    const std::string column = header == parsed.field_headers.end() ? field : header->second;
    if (read_faults.count({rejection.line, column}) > 0) continue;
    report.problems.push_back({rejection.line, column, rejection.message});
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  const std::string same = kind == ImportKind::kOrganisations ? "même organisation" : "même relation";
  for (const RepeatedLine& repeated : outcome.repeated) {
    report.repeated.push_back(
        {repeated.line, "", "Ligne en double : " + same + " que la ligne " + std::to_string(repeated.first_line) + "."});
  }
  report.written = outcome.written && !parse_refused;
  report.created = outcome.created;  // created, or that would be when nothing was written
  report.existing = outcome.existing;
  // The rejected lines as read, each with its reasons, to correct and import again.
  std::map<size_t, std::string> reasons;
  for (const ImportProblem& problem : report.problems) {
    std::string& text = reasons[problem.line];
    text += (text.empty() ? "" : " ; ") + (problem.field.empty() ? "" : problem.field + " : ") + problem.message;
  }
  if (!reasons.empty()) {
    std::vector<std::string> header = parsed.header;
    header.push_back("erreur");
    std::vector<std::vector<std::string>> rows;
    for (const CsvRow& row : parsed.source_rows) {
      auto reason = reasons.find(row.line);
      if (reason == reasons.end()) continue;
      // The reason goes in the « erreur » column; values beyond the header (a line refused for
      // its width) follow it rather than being lost.
      std::vector<std::string> fields = row.fields;
      if (fields.size() < parsed.header.size()) fields.resize(parsed.header.size());
      fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(parsed.header.size()), reason->second);
      rows.push_back(std::move(fields));
    }
    report.rejected_csv = WriteCsv(header, rows);
  }
  return report;
}

}  // namespace

Result<DirectoryImportReport> RunImport(Database& database, const Account& caller, const ImportRequest& request) {
  auto table = ReadCsv(request.bytes);
  if (!table.ok()) return table.status();
  if (table.value().rows.size() > request.max_rows) {
    return Status::Invalid("fichier", "Fichier trop long : " + std::to_string(table.value().rows.size()) +
                                          " lignes, " + std::to_string(request.max_rows) +
                                          " au plus par envoi. Découpez-le, ou importez-le avec la commande « rrma import ».");
  }
  // Lines refused while reading leave nothing written unless partial was asked: the storage pass
  // then only checks every line, so that the report names every fault of every line at once.
  // Those lines go through it too, for their other faults, and are never written.
  if (request.kind == ImportKind::kOrganisations) {
    auto parsed = ParseActors(table.value(), request.network_id, request.visibility, request.mapping);
    if (!parsed.ok()) return parsed.status();
    const bool refused = !parsed.value().problems.empty() && !request.options.partial;
    ImportOptions options = request.options;
    options.dry_run = options.dry_run || refused;
    std::vector<ActorRepository::ImportRow> rows;
    for (const ActorImportRow& row : parsed.value().rows) rows.push_back({row.line, row.draft, row.refused});
    auto outcome = ActorRepository(database).ImportDrafts(caller, rows, options);
    return Report(request.kind, parsed.value(), std::move(outcome), refused);
  }
  auto parsed = ParseRelationships(table.value(), request.network_id, request.visibility, request.mapping);
  if (!parsed.ok()) return parsed.status();
  const bool refused = !parsed.value().problems.empty() && !request.options.partial;
  ImportOptions options = request.options;
  options.dry_run = options.dry_run || refused;
  std::vector<RelationshipRepository::ImportRow> rows;
  for (const RelationshipImportRow& row : parsed.value().rows) rows.push_back({row.line, row.source, row.target, row.draft, row.refused});
  auto outcome = RelationshipRepository(database).ImportDrafts(caller, rows, options);
  return Report(request.kind, parsed.value(), std::move(outcome), refused);
}

}  // namespace rrma
