// ReferenceImport: writes the official reference data (COG collectivités and EPCI memberships,
// countries, ODD, networks) into the database, idempotently: rows are matched on their stable
// reference key, new ones are added, changed ones updated, identical ones left alone, and
// memberships that left the source are closed with an end date rather than deleted. Everything is
// applied in one transaction: a failure leaves the database as it was. Into an empty directory,
// the secondary indexes are dropped and rebuilt after the rows are in (same transaction). An
// import that changed anything raises the "reference" data generation (ReferenceGeneration()).
// Not thread-safe with itself: run one import at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/reference.h"
#include "storage/database.h"

namespace rrma {

struct KindReport {
  std::string kind;  // French label, e.g. "communes"
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t closed = 0;         // memberships no longer in the source, given an end date
  int64_t not_in_source = 0;  // stored reference rows the source no longer lists (kept)
};

struct ImportReport {
  std::vector<KindReport> kinds;
  bool changed() const;
};

// Called as rows are processed: kind label, rows done, rows in total.
using ImportProgress = std::function<void(std::string_view kind, size_t done, size_t total)>;

// Throws soci::soci_error on a database failure (after rolling back).
ImportReport ImportReference(Database& database, const ReferenceData& data, const ImportProgress& progress);

// True when the database holds no reference collectivités yet (first start).
bool ReferenceIsEmpty(Database& database);

}  // namespace rrma
