// Test support for the storage tests, which run unchanged on both engines: the database under
// test comes from $RRMA_TEST_DB ("sqlite" for a fresh temporary file, or a postgresql:// URL of a
// database this support empties first). A missing variable fails the tests: they never skip.
// Also builds a small but real slice of the official reference data (Alpes-Maritimes and Var).
#pragma once

#include <memory>
#include <string>

#include "domain/reference.h"
#include "storage/database.h"

namespace rrma::testing {

// A migrated, empty database of the engine named by $RRMA_TEST_DB.
std::unique_ptr<Database> OpenEmptyTestDatabase();

// All régions and départements, the communes of départements 06 and 83, their EPCI and
// memberships, and every country, ODD and network — read from the real packages.
const ReferenceData& ReferenceSlice();

}  // namespace rrma::testing
