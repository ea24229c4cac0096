// Loading the reference files and importing them, shared by `import-reference` and by `serve`
// (which imports on first start).
#pragma once

#include <filesystem>
#include <string>

#include "domain/status.h"
#include "storage/database.h"
#include "storage/reference_import.h"

namespace rrma::cli {

// Loads the packages' files under home and imports them; Invalid when a file is missing.
Result<ImportReport> RunReferenceImport(Database& database, const std::filesystem::path& home, bool show_progress);

// The report as printed to users: one line per kind, then whether anything changed.
std::string FormatReport(const ImportReport& report);

}  // namespace rrma::cli
