// Directory searches over the full reference data (about 38 900 organisations) in SQLite, through
// the repository, without HTTP: the cost of the query itself.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "reference/reference_loader.h"
#include "storage/migrations.h"
#include "storage/organisation_repository.h"
#include "storage/reference_import.h"

namespace rrma {
namespace {

Database& FullDatabase() {
  static Database* database = [] {
    auto path = std::filesystem::temp_directory_path() / ("rrma-bench-search-" + std::to_string(getpid()) + ".db");
    std::filesystem::remove(path);
    auto* db = new Database(DatabaseUrl{Engine::kSqlite, path.string()}, 1);
    Migrate(*db);
    auto data = LoadReferenceData(ReferencePaths::UnderHome(RRMA_SOURCE_DIR));
    if (!data.ok()) throw std::runtime_error(data.status().detail());
    ImportReference(*db, data.value(), nullptr);
    return db;
  }();
  return *database;
}

void Search(benchmark::State& state, const char* text) {
  OrganisationRepository repository(FullDatabase());
  OrganisationQuery query;
  if (*text) query.text = text;
  for (auto _ : state) benchmark::DoNotOptimize(repository.Search(Account{}, query));
}

void FindById(benchmark::State& state) {
  OrganisationRepository repository(FullDatabase());
  OrganisationQuery query;
  query.insee = "06084";
  int64_t id = repository.Search(Account{}, query).items.at(0).id;
  for (auto _ : state) benchmark::DoNotOptimize(repository.FindById(id));
}

BENCHMARK_CAPTURE(Search, prefix_mou, "mou")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Search, two_words, "mouans sartoux")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Search, common_saint, "saint")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Search, no_text, "")->Unit(benchmark::kMicrosecond);
BENCHMARK(FindById)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rrma

BENCHMARK_MAIN();
