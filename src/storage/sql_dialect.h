// The one place where SQLite and PostgreSQL differ in the SQL this project writes. Migrations are
// written once with the placeholders below, and each engine's text is produced from constants:
//   {{id}}        auto-incremented 64-bit primary key
//   {{bytes}}     text compared byte by byte (for prefix range scans over normalised words)
//   {{now}}       the current UTC time as ISO 8601 text
//   {{without_rowid}}  after a table whose primary key is all it holds: one B-tree in SQLite
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <soci/soci.h>

#include "storage/database.h"

namespace rrma {

std::string ForEngine(Engine engine, std::string_view sql);

// Serialises schema changes between several application instances sharing one PostgreSQL
// database; a no-op on SQLite, where the write transaction already serialises them.
void LockForMigration(soci::session& session, Engine engine);

}  // namespace rrma
