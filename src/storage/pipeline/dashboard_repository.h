// DashboardRepository: the named figures of domain/pipeline/dashboard.h, each computed by one
// query over the network's own rows (its pipeline, its interactions, the memberships and board
// seats it or the reference data recorded) — never another network's, whatever their visibility.
// For its team and national admins; across networks, for national admins only. Figures computed
// once are kept (a few dozen periods) while the data they come from is unchanged: the reference,
// directory and pipeline generations (data_generation), raised by every write to the COG data, to
// actors, relationships and merges, and to stages and accompaniment records. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

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
  // The generations, in name order: directory, pipeline, reference.
  using Generations = std::vector<int64_t>;
  using Key = std::tuple<int64_t, std::string, std::string>;  // network (0: all), from, to
  struct Kept {
    Generations generations;
    DashboardFigures figures;
  };
  static constexpr size_t kMaxKept = 64;

  // Every figure, from the database as it is.
  static DashboardFigures Compute(Database::Lease& session, const DashboardQuery& query);

  Database& database_;
  std::mutex mutex_;
  std::map<Key, Kept> kept_;
};

}  // namespace rrma
