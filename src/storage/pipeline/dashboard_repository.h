// DashboardRepository: the named figures of domain/pipeline/dashboard.h, each computed by one
// query over the network's own rows (its pipeline, its interactions, the memberships and board
// seats it or the reference data recorded) — never another network's, whatever their visibility.
// For its team and national admins; across networks, for national admins only. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/account.h"
#include "domain/pipeline/dashboard.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct DashboardQuery {
  std::optional<int64_t> network_id;  // none: every network
  std::string from, to;               // valid ISO dates, from <= to
};

class DashboardRepository {
 public:
  explicit DashboardRepository(Database& database) : database_(database) {}

  // NotFound for an unknown network; Forbidden unless caller works in it, or, across networks,
  // unless caller is a national admin.
  Result<DashboardFigures> Figures(const Account& caller, const DashboardQuery& query);

 private:
  Database& database_;
};

}  // namespace rrma
