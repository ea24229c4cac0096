// Spreadsheet files as networks export them: CSV in UTF-8 with or without a byte-order mark,
// separated by « ; » (French Excel) or « , », quoted fields that may hold separators and line
// breaks. Read with libcsv into a header and rows that remember their line in the file, so that
// every problem can name where it is; written back (rejected lines) the way Excel opens them.
// Pure functions over bytes, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.h"

namespace rrma {

inline constexpr size_t kMaxCsvRows = 200'000;
inline constexpr size_t kMaxCsvColumns = 100;
inline constexpr size_t kMaxCsvFieldBytes = 100'000;

struct CsvRow {
  size_t line = 0;  // where the row starts in the file, the header being line 1 (or more)
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // as written in the file
  std::vector<CsvRow> rows;         // blank lines are skipped
  char delimiter = ';';
};

// The table, or Invalid naming "fichier" with a French reason: not UTF-8 (with the line), a quote
// left open, no header, more than kMaxCsvRows rows, a row or field too large.
Result<CsvTable> ReadCsv(std::string_view bytes);

// A header as the importers compare it: lower case, without accents, words joined by « _ »
// (« Site web » and « SITE-WEB » are both site_web).
std::string NormaliseHeader(std::string_view header);

// Rows as a « ; » separated file with a UTF-8 byte-order mark and CRLF line ends, quoting what
// needs it (what Excel opens as is).
std::string WriteCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace rrma
