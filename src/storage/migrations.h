// Versioned schema migrations, recorded in the schema_migrations table of the database they
// were applied to. Migrate() applies, in order and each in its own transaction, those not yet
// recorded, and is safe to run from several instances at once (PostgreSQL advisory lock).
#pragma once

#include <string>
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

}  // namespace rrma
