// Versioned schema migrations, recorded in the schema_migrations table of the database they
// were applied to. Migrate() applies, in order and each in its own transaction, those not yet
// recorded, and is safe to run from several instances at once (PostgreSQL advisory lock).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace rrma {

struct MigrationReport {
  std::vector<std::string> applied;  // names of the migrations applied by this call
  int current_version = 0;
};

// Throws soci::soci_error when a migration fails; its transaction is rolled back.
MigrationReport Migrate(Database& database);

// The highest version this binary knows.
int LatestSchemaVersion();

struct IndexDefinition {
  std::string_view name;
  std::string_view create;  // with dialect placeholders (sql_dialect.h)
};

// The secondary indexes of the tables a reference import fills, as the latest migration leaves
// them. A first import into empty tables drops them and builds them again once the rows are in,
// which is much faster than growing them row by row. A migration that changes one of these
// indexes must change this list too.
std::span<const IndexDefinition> BulkLoadIndexes();

}  // namespace rrma
