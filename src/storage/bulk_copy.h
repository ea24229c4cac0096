// Rows appended in bulk within the caller's transaction, the fastest way each engine offers:
// PostgreSQL's COPY FROM STDIN (one round trip for a whole table of rows, where SOCI's vector
// binding sends one statement per row: 30 s for the COG), SQLite's one prepared INSERT run for
// each row (in-process, no round trip). The only place that speaks libpq directly. Values travel
// as text (each column's type reads them); a missing value is NULL. Throws soci::soci_error or
// std::runtime_error when the database refuses the rows: callers abort their transaction. Not
// thread-safe: one per session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "storage/database.h"

namespace rrma {

using CopyRow = std::vector<std::optional<std::string>>;

// PostgreSQL only.
void CopyRows(soci::session& session, const std::string& table, const std::vector<std::string>& columns,
              const std::vector<CopyRow>& rows);

// Appends rows (one value per column, in order) to table, on either engine.
void AppendRows(soci::session& session, Engine engine, const std::string& table,
                const std::vector<std::string>& columns, const std::vector<CopyRow>& rows);

// count ids no other row of table has or will get, for rows written with their id (so that they
// can be named, e.g. by audit entries, without reading them back). table's id must be an
// AUTOINCREMENT key on SQLite, an identity column on PostgreSQL; call within a write transaction.
std::vector<int64_t> ReserveIds(soci::session& session, Engine engine, const std::string& table, size_t count);

}  // namespace rrma
