#include "http/table_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "http/problem.h"
#include "import/csv_table.h"

namespace rrma::http {
namespace {

// A cell a spreadsheet would read as a formula is written as text (OWASP « CSV injection »).
std::string Defused(const std::string& cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                        cell[0] == '\r')) {
    return "'" + cell;
  }
  return cell;
}

// The workbook's bytes: libxlsxwriter writes a file, made in a private temporary folder and removed.
std::string XlsxBytes(const ExportTable& table) {
  char folder[] = "/tmp/rrma-export-XXXXXX";
  if (mkdtemp(folder) == nullptr) throw std::runtime_error("no temporary folder for an export");
  const std::string path = std::string(folder) + "/export.xlsx";
  std::string bytes;
  lxw_workbook_options options{};
  options.constant_memory = 1;
  options.tmpdir = folder;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook != nullptr) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet_name.substr(0, 31).c_str());
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    for (size_t c = 0; c < table.header.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      for (size_t c = 0; c < table.rows[r].size(); ++c) {
        if (table.rows[r][c].empty()) continue;
        worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               table.rows[r][c].c_str(), nullptr);
      }
    }
    if (workbook_close(workbook) == LXW_NO_ERROR) {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  if (bytes.empty()) throw std::runtime_error("the export workbook could not be written");
  return bytes;
}

}  // namespace

void WriteExportsBusy(Response& response) {
  response.SetHeader("Retry-After", "5");
  WriteProblem(response, Status::TooManyRequests("D'autres exports sont en cours : réessayez dans quelques secondes."));
}

std::optional<ExportFormat> ReadExportFormat(QueryInput& input) {
  auto format = input.Text("format");
  if (!format || *format == "json") return std::nullopt;
  if (*format == "csv") return ExportFormat::kCsv;
  if (*format == "xlsx") return ExportFormat::kXlsx;
  input.errors().Add("format", "Format inconnu : json, csv ou xlsx.");
  return std::nullopt;
}

void WriteExport(Response& response, const ExportTable& table, ExportFormat format) {
  response.SetHeader("Cache-Control", "no-store");
  if (format == ExportFormat::kCsv) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(table.rows.size());
    for (const auto& row : table.rows) {
      std::vector<std::string> cells;
      for (const std::string& cell : row) cells.push_back(Defused(cell));
      rows.push_back(std::move(cells));
    }
    response.SetHeader("Content-Disposition", "attachment; filename=\"" + table.file_name + ".csv\"");
    response.SetContent(WriteCsv(table.header, rows), "text/csv; charset=utf-8");
    return;
  }
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + table.file_name + ".xlsx\"");
  response.SetContent(XlsxBytes(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace rrma::http
