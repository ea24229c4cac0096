// One import of a network's directory from a file, as the command line and the upload page run
// it: read the CSV, map its columns, check every line, write all or (partial) the valid lines in
// one transaction, and report each rejected line with its number, its column and a French reason,
// plus the rejected lines as a CSV to correct and import again. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/account.h"
#include "domain/status.h"
#include "import/directory_import.h"
#include "storage/actor_repository.h"
#include "storage/database.h"

namespace rrma {

enum class ImportKind { kOrganisations, kRelationships };

struct ImportRequest {
  ImportKind kind = ImportKind::kOrganisations;
  std::string_view bytes;
  int64_t network_id = 0;
  std::string visibility = "private";
  ColumnMapping mapping;
  ImportOptions options;
  size_t max_rows = kMaxCsvRows;  // an upload takes fewer: its transaction holds SQLite's write lock
};

struct DirectoryImportReport {
  size_t rows = 0;  // data lines read (blank lines aside)
  int64_t created = 0;
  int64_t existing = 0;
  std::vector<ImportProblem> repeated;  // lines naming again what an earlier line named: written once
  std::vector<ImportProblem> problems;  // by line
  bool written = false;
  std::string rejected_csv;  // the rejected lines with a column « erreur », empty when none
};

// Invalid naming "fichier" for a file that cannot be read (encoding, quotes, missing columns);
// otherwise the report, whether or not anything was written.
Result<DirectoryImportReport> RunImport(Database& database, const Account& caller, const ImportRequest& request);

}  // namespace rrma
