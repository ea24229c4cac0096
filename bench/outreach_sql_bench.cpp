// The outreach question asked of the database as one SQL query, to compare with the in-memory
// finder (GET /api/v1/outreach) on the same data: for every collectivité of the network's régions
// that is not its member, the organisations (doors) through which one or two relations lead to an
// organisation anchored in the network (a member or a seat on its CA), through rows the caller may
// read, unarchived, holding on the date. It does less than the finder — no EPCI or Région paths,
// no scores, no sentences — so the comparison favours SQL. Index-driven: from each target through
// relationship (from_id, kind) and (to_id, kind).
//
// Reads RRMA_BENCH_DB (database URL), RRMA_BENCH_NETWORK_ID, RRMA_BENCH_ACCOUNT_ID (a staff
// account of that network) and RRMA_BENCH_AT (YYYY-MM-DD). bench/finders runs it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/bound_statement.h"
#include "storage/database.h"
#include "storage/tenant_scope.h"

namespace rrma {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') throw std::runtime_error(std::string(name) + " is not set");
  return value;
}

std::string Holds(const std::string& alias) {
  return "(" + alias + ".start_date IS NULL OR " + alias + ".start_date <= :at) AND (" + alias +
         ".end_date IS NULL OR " + alias + ".end_date >= :at)";
}

// A relation a path may follow: recorded by a network (not the COG), holding, readable.
std::string Live(const std::string& alias) {
  return alias + ".reference_key IS NULL AND " + Holds(alias) + " AND " + ReadableBy(alias);
}

std::string OutreachSql() {
  return "WITH net AS (SELECT n.organisation_id AS record FROM network n WHERE n.id = :network),"
         " anchor AS (SELECT DISTINCT rel.from_id AS id FROM relationship rel"
         "   JOIN organisation a ON a.id = rel.from_id CROSS JOIN net"
         "   WHERE rel.to_id = net.record AND rel.kind IN ('member_of', 'board_seat')"
         "   AND (rel.network_id = :network OR rel.reference_key IS NOT NULL) AND " + Holds("rel") +
         "   AND " + ReadableBy("rel") + " AND a.archived_at IS NULL AND " + ReadableBy("a") + "),"
         " target AS (SELECT o.id FROM organisation o CROSS JOIN net"
         "   WHERE o.kind = 'collectivite' AND o.id <> net.record AND o.archived_at IS NULL AND " + ReadableBy("o") +
         "   AND o.region_code IN (SELECT region_code FROM network_region WHERE network_id = :network)"
         "   AND NOT EXISTS (SELECT 1 FROM relationship m WHERE m.from_id = o.id AND m.kind = 'member_of'"
         "     AND m.to_id = net.record AND " + Holds("m") + " AND " + ReadableBy("m") + ")),"
         " first AS (SELECT t.id AS target, r1.to_id AS door FROM target t JOIN relationship r1 ON r1.from_id = t.id"
         "   WHERE r1.kind IN ('member_of', 'board_seat', 'partnership') AND " + Live("r1") +
         "   UNION ALL SELECT t.id, r1.from_id FROM target t JOIN relationship r1 ON r1.to_id = t.id"
         "   WHERE r1.kind = 'partnership' AND " + Live("r1") + "),"
         " door AS (SELECT f.target, f.door FROM first f JOIN organisation d ON d.id = f.door CROSS JOIN net"
         "   WHERE f.door <> net.record AND d.archived_at IS NULL AND " + ReadableBy("d") + "),"
         " second AS (SELECT d.target, d.door, r2.to_id AS next FROM door d JOIN relationship r2 ON r2.from_id = d.door"
         "   WHERE d.door NOT IN (SELECT id FROM anchor) AND r2.kind IN ('member_of', 'board_seat', 'partnership')"
         "   AND " + Live("r2") +
         "   UNION ALL SELECT d.target, d.door, r2.from_id FROM door d JOIN relationship r2 ON r2.to_id = d.door"
         "   WHERE d.door NOT IN (SELECT id FROM anchor) AND r2.kind = 'partnership' AND " + Live("r2") + "),"
         " path AS (SELECT target, door FROM door WHERE door IN (SELECT id FROM anchor)"
         "   UNION ALL SELECT target, door FROM second WHERE next IN (SELECT id FROM anchor) AND next <> target)"
         " SELECT target, COUNT(DISTINCT door) AS doors FROM path GROUP BY target"
         " ORDER BY doors DESC, target LIMIT 50";
}

class Fixture {
 public:
  Fixture() {
    auto url = DatabaseUrl::Parse(Env("RRMA_BENCH_DB"));
    if (!url.ok()) throw std::runtime_error(url.status().detail());
    database_ = std::make_unique<Database>(url.value(), 1);
    network_ = std::stoll(Env("RRMA_BENCH_NETWORK_ID"));
    caller_.id = std::stoll(Env("RRMA_BENCH_ACCOUNT_ID"));
    at_ = Env("RRMA_BENCH_AT");
  }

  // Runs the query; the number of targets it returned.
  size_t Run() {
    auto session = database_->Acquire();
    BoundStatement select(*session);
    RowReader row(select.statement());
    row.Integer();
    row.Integer();
    select.Use("network", network_);
    select.Use("at", at_);
    select.Use(std::vector<Binding>{CallerBinding(caller_)});
    select.Execute(OutreachSql());
    size_t targets = 0;
    while (select.Fetch()) ++targets;
    return targets;
  }

 private:
  std::unique_ptr<Database> database_;
  int64_t network_ = 0;
  Account caller_;
  std::string at_;
};

void BM_OutreachAsOneSqlQuery(benchmark::State& state) {
  static Fixture fixture;
  size_t targets = 0;
  for (auto _ : state) benchmark::DoNotOptimize(targets = fixture.Run());
  state.counters["targets"] = static_cast<double>(targets);
}
BENCHMARK(BM_OutreachAsOneSqlQuery)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace rrma

BENCHMARK_MAIN();
