// The full official reference import (COG 2026, countries, ODD, networks) into an empty SQLite
// database, the way `rrma import-reference` and the first `rrma serve` do it; and its two halves:
// reading the package files, and writing them.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "reference/reference_loader.h"
#include "storage/migrations.h"
#include "storage/reference_import.h"

namespace rrma {
namespace {

namespace fs = std::filesystem;

ReferenceData Load() {
  auto data = LoadReferenceData(ReferencePaths::UnderHome(RRMA_SOURCE_DIR));
  if (!data.ok()) throw std::runtime_error(data.status().detail());
  return std::move(data).value();
}

fs::path FreshDatabasePath() {
  fs::path path = fs::temp_directory_path() / ("rrma-bench-import-" + std::to_string(getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

void ImportOnly(benchmark::State& state) {
  const ReferenceData data = Load();
  for (auto _ : state) {
    state.PauseTiming();
    auto database = std::make_unique<Database>(DatabaseUrl{Engine::kSqlite, FreshDatabasePath().string()}, 1);
    Migrate(*database);
    state.ResumeTiming();
    ImportReference(*database, data, nullptr);
  }
}

void LoadOnly(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Load());
}

void FullImportIntoEmptySqlite(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    fs::path path = FreshDatabasePath();
    state.ResumeTiming();
    Database database(DatabaseUrl{Engine::kSqlite, path.string()}, 1);
    Migrate(database);
    ImportReference(database, Load(), nullptr);
  }
}

BENCHMARK(LoadOnly)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(ImportOnly)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(FullImportIntoEmptySqlite)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace rrma

BENCHMARK_MAIN();
