#include "import/csv_table.h"

#include <csv.h>

#include <algorithm>
#include <memory>

#include "domain/search_text.h"

namespace rrma {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The separator of a file: the one of « ; » and « , » that appears more often in its first line
// outside quotes (« ; » when neither does).
char DetectDelimiter(std::string_view bytes) {
  size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : bytes) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return commas > semicolons ? ',' : ';';
}

// The line (from 1) of the first byte that is not valid UTF-8, or 0.
size_t FirstInvalidUtf8Line(std::string_view bytes) {
  size_t line = 1, start = 0;
  for (size_t i = 0; i <= bytes.size(); ++i) {
    if (i == bytes.size() || bytes[i] == '\n') {
      if (!IsValidUtf8(bytes.substr(start, i - start))) return line;
      ++line;
      start = i + 1;
    }
  }
  return 0;
}

struct Collector {
  CsvTable table;
  std::vector<std::string> fields;
  size_t line = 0;        // the line being fed
  size_t start_line = 0;  // where the current record started
  bool in_record = false;
  std::string problem;

  static void Field(void* data, size_t length, void* self) {
    auto* c = static_cast<Collector*>(self);
    if (!c->problem.empty()) return;
    if (length > kMaxCsvFieldBytes) {
      c->problem = "un champ dépasse 100 000 octets (ligne " + std::to_string(c->start_line) + ")";
      return;
    }
    if (c->fields.size() >= kMaxCsvColumns) {
      c->problem = "plus de 100 colonnes (ligne " + std::to_string(c->start_line) + ")";
      return;
    }
    c->fields.emplace_back(data == nullptr ? "" : static_cast<const char*>(data), length);
  }

  static void Record(int, void* self) {
    auto* c = static_cast<Collector*>(self);
    c->in_record = false;
    if (!c->problem.empty()) return;
    const bool blank = std::all_of(c->fields.begin(), c->fields.end(), [](const std::string& f) {
      return f.find_first_not_of(" \t\r") == std::string::npos;
    });
    if (blank) {
      c->fields.clear();
      return;
    }
    if (c->table.header.empty()) {
      c->table.header = std::move(c->fields);
    } else if (c->table.rows.size() >= kMaxCsvRows) {
      c->problem = "plus de 200 000 lignes : découpez le fichier";
    } else {
      c->table.rows.push_back({c->start_line, std::move(c->fields)});
    }
    c->fields.clear();
  }
};

Status Refused(const std::string& reason) { return Status::Invalid("fichier", "Fichier illisible : " + reason + "."); }

}  // namespace

Result<CsvTable> ReadCsv(std::string_view bytes) {
  if (bytes.substr(0, kByteOrderMark.size()) == kByteOrderMark) bytes.remove_prefix(kByteOrderMark.size());
  if (size_t line = FirstInvalidUtf8Line(bytes); line != 0) {
    return Refused("il n'est pas en UTF-8 (ligne " + std::to_string(line) +
                   ") : enregistrez-le au format « CSV UTF-8 (délimité par des points-virgules) »");
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return Refused("mémoire insuffisante");
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> owned(&parser, csv_free);
  Collector collector;
  collector.table.delimiter = DetectDelimiter(bytes);
  csv_set_delim(&parser, static_cast<unsigned char>(collector.table.delimiter));
  // libcsv grows a field's buffer by this much at a time: small steps make a long cell quadratic.
  csv_set_blk_size(&parser, 64 * 1024);
  // Fed line by line, so that each record knows the line it starts on.
  size_t start = 0;
  while (start < bytes.size() && collector.problem.empty()) {
    size_t end = bytes.find('\n', start);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    const std::string_view line = bytes.substr(start, end - start);
    ++collector.line;
    if (!collector.in_record && line.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      collector.in_record = true;
      collector.start_line = collector.line;
    }
    if (csv_parse(&parser, line.data(), line.size(), Collector::Field, Collector::Record, &collector) != line.size()) {
      return Refused("guillemets mal fermés près de la ligne " + std::to_string(collector.line));
    }
    start = end;
  }
  if (!collector.problem.empty()) return Refused(collector.problem);
  if (csv_fini(&parser, Collector::Field, Collector::Record, &collector) != 0) {
    return Refused("un guillemet ouvert ligne " + std::to_string(collector.start_line) + " n'est jamais fermé");
  }
  if (!collector.problem.empty()) return Refused(collector.problem);
  if (collector.table.header.empty()) return Refused("il est vide (aucune ligne d'en-tête)");
  return std::move(collector.table);
}

std::string NormaliseHeader(std::string_view header) {
  std::string normalised;
  for (const std::string& word : SearchWords(NormaliseForSearch(header))) {
    normalised += (normalised.empty() ? "" : "_") + word;
  }
  return normalised;
}

std::string WriteCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const auto write_row = [](std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ';';
      const std::string& field = fields[i];
      if (field.find_first_of(";\"\r\n") == std::string::npos) {
        out += field;
        continue;
      }
      out += '"';
      for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  };
  std::string out(kByteOrderMark);
  write_row(out, header);
  for (const auto& row : rows) write_row(out, row);
  return out;
}

}  // namespace rrma
