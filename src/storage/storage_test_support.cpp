#include "storage/storage_test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "reference/reference_loader.h"
#include "storage/migrations.h"

namespace rrma::testing {
namespace {

constexpr const char* kDropSchema = "DROP SCHEMA public CASCADE";
constexpr const char* kCreateSchema = "CREATE SCHEMA public";

}  // namespace

std::unique_ptr<Database> OpenEmptyTestDatabase() {
  const char* configured = std::getenv("RRMA_TEST_DB");
  if (configured == nullptr || *configured == '\0') {
    ADD_FAILURE() << "RRMA_TEST_DB is not set: use \"sqlite\" or a postgresql:// URL (make test sets it)";
    std::abort();
  }
  std::string url = configured;
  if (url == "sqlite") {
    static int counter = 0;
    auto path = std::filesystem::temp_directory_path() /
                ("rrma-storage-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".db");
    std::filesystem::remove(path);
    url = "sqlite:" + path.string();
  }
  auto parsed = DatabaseUrl::Parse(url);
  if (!parsed.ok()) {
    ADD_FAILURE() << "RRMA_TEST_DB: " << parsed.status().detail();
    std::abort();
  }
  auto database = std::make_unique<Database>(parsed.value(), 2);
  if (database->engine() == Engine::kPostgresql) {
    auto session = database->Acquire();
    *session << kDropSchema;
    *session << kCreateSchema;
  }
  Migrate(*database);
  return database;
}

const ReferenceData& ReferenceSlice() {
  static const ReferenceData kSlice = [] {
    auto loaded = LoadReferenceData(ReferencePaths::UnderHome(RRMA_SOURCE_DIR));
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().detail();
      std::abort();
    }
    ReferenceData all = std::move(loaded).value();
    ReferenceData slice;
    slice.source = all.source;
    slice.countries = all.countries;
    slice.odd = all.odd;
    slice.networks = all.networks;
    std::set<std::string> keys;
    for (const ReferenceCollectivite& c : all.collectivites) {
      const bool in_slice = c.category == "region" || c.category == "departement" ||
                            c.departement_code == "06" || c.departement_code == "83";
      if (!in_slice) continue;
      keys.insert(c.ReferenceKey());
      slice.collectivites.push_back(c);
    }
    for (const ReferenceMembership& m : all.memberships) {
      if (keys.count(m.member_key) > 0 && keys.count(m.group_key) > 0) slice.memberships.push_back(m);
    }
    return slice;
  }();
  return kSlice;
}

}  // namespace rrma::testing
