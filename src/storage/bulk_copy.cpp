#include "storage/bulk_copy.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <stdexcept>

namespace rrma {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

// A value in COPY's text format: backslash, tab, line feed and carriage return escaped.
void AppendField(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

void Check(PGconn* connection, bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string(what) + ": " + PQerrorMessage(connection));
}

}  // namespace

void CopyRows(soci::session& session, const std::string& table, const std::vector<std::string>& columns,
              const std::vector<CopyRow>& rows) {
  if (rows.empty()) return;
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PGconn* connection = backend->conn_;
  std::string command = "COPY " + table + " (";
  for (size_t i = 0; i < columns.size(); ++i) command += (i == 0 ? "" : ", ") + columns[i];
  command += ") FROM STDIN";
  PGresult* started = PQexec(connection, command.c_str());
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  Check(connection, copying, "COPY could not start");
  std::string buffer;
  for (const CopyRow& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) buffer += '\t';
      AppendField(buffer, row[i]);
    }
    buffer += '\n';
    if (buffer.size() >= kChunkBytes) {
      Check(connection, PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) == 1, "COPY data");
      buffer.clear();
    }
  }
  if (!buffer.empty()) {
    Check(connection, PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) == 1, "COPY data");
  }
  Check(connection, PQputCopyEnd(connection, nullptr) == 1, "COPY end");
  bool succeeded = true;
  std::string error;
  while (PGresult* result = PQgetResult(connection)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      succeeded = false;
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  if (!succeeded) throw std::runtime_error("COPY " + table + " refused: " + error);
}

}  // namespace rrma
