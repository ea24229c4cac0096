#include "storage/bulk_copy.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <deque>
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

void AppendRows(soci::session& session, Engine engine, const std::string& table,
                const std::vector<std::string>& columns, const std::vector<CopyRow>& rows) {
  if (rows.empty()) return;
  if (engine == Engine::kPostgresql) return CopyRows(session, table, columns, rows);
  std::string names;
  std::string values;
  for (size_t i = 0; i < columns.size(); ++i) {
    names += (i == 0 ? "" : ", ") + columns[i];
    values += (i == 0 ? ":" : ", :") + columns[i];
  }
  // One prepared statement run once per row: SOCI's vector binding would copy every value again.
  std::deque<std::string> texts(columns.size());
  std::deque<soci::indicator> nulls(columns.size());
  soci::statement insert(session);
  for (size_t c = 0; c < columns.size(); ++c) insert.exchange(soci::use(texts[c], nulls[c], columns[c]));
  insert.alloc();
  insert.prepare("INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")");
  insert.define_and_bind();
  for (const CopyRow& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      texts[c] = row[c].value_or(std::string());
      nulls[c] = row[c] ? soci::i_ok : soci::i_null;
    }
    insert.execute(true);
  }
}

std::vector<int64_t> ReserveIds(soci::session& session, Engine engine, const std::string& table, size_t count) {
  std::vector<int64_t> ids;
  if (count == 0) return ids;
  ids.reserve(count);
  if (engine == Engine::kPostgresql) {
    // nextval() is never rolled back nor handed out twice, whatever other sessions do.
    std::vector<long long> reserved(count);
    long long wanted = static_cast<long long>(count);
    session << "SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) FROM generate_series(1, :count)",
        soci::use(wanted), soci::into(reserved);
    for (long long id : reserved) ids.push_back(id);
    return ids;
  }
  // The write transaction holds SQLite's only write lock: nobody else takes an id meanwhile.
  long long last = 0;
  session << "SELECT MAX(COALESCE((SELECT MAX(id) FROM " + table + "), 0),"
             " COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '" + table + "'), 0))",
      soci::into(last);
  for (size_t i = 1; i <= count; ++i) ids.push_back(last + static_cast<long long>(i));
  return ids;
}

}  // namespace rrma
