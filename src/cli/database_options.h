// Opening the database named by --db, with French messages for what a user can get wrong.
#pragma once

#include <memory>
#include <string>

#include "storage/database.h"

namespace rrma::cli {

// The opened and migrated database, or nullptr after printing why it could not be.
std::unique_ptr<Database> OpenAndMigrate(const std::string& url, size_t pool_size);

}  // namespace rrma::cli
