// The cost of durable writes on SQLite: persons recorded and erased one transaction at a time
// through the repository, with the log synced at every commit (synchronous = FULL, what rrma
// runs) or only at checkpoints (NORMAL, what it ran before). The database goes in
// $RRMA_BENCH_DIR, else the temporary folder: on a tmpfs there is nothing to sync, so point it at
// the disk the database will live on.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "reference/reference_loader.h"
#include "storage/account_repository.h"
#include "storage/migrations.h"
#include "storage/person_repository.h"
#include "storage/reference_import.h"

namespace rrma {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSynchronous[] = {"NORMAL", "FULL"};

// A migrated database holding the networks and one network administrator, its one pooled
// connection set to the given synchronous mode.
class WriteDatabase {
 public:
  explicit WriteDatabase(const char* synchronous) {
    const char* folder = std::getenv("RRMA_BENCH_DIR");
    path_ = fs::path(folder ? folder : fs::temp_directory_path().string()) /
            ("rrma-bench-write-" + std::to_string(getpid()) + ".db");
    RemoveFiles();
    database_ = std::make_unique<Database>(DatabaseUrl{Engine::kSqlite, path_.string()}, 1);
    Migrate(*database_);
    auto data = LoadReferenceData(ReferencePaths::UnderHome(RRMA_SOURCE_DIR));
    if (!data.ok()) throw std::runtime_error(data.status().detail());
    ReferenceData networks;
    networks.networks = data.value().networks;
    ImportReference(*database_, networks, nullptr);
    admin_ = AccountRepository(*database_)
                 .CreateUser("admin@bench.fr", "h", Role::kNetworkAdmin, std::string("Territoires Solidaires"))
                 .value();
    *database_->Acquire() << std::string("PRAGMA synchronous = ") + synchronous;
  }
  ~WriteDatabase() {
    database_.reset();
    RemoveFiles();
  }

  int64_t CreatePerson(int64_t n) {
    PersonDraft draft;
    draft.network_id = *admin_.roles.at(0).network_id;
    draft.visibility = "network";
    draft.given_name = "Camille";
    draft.family_name = "Durand " + std::to_string(n);
    draft.email = std::optional<std::string>("camille.durand" + std::to_string(n) + "@exemple.fr");
    draft.notes = "Rencontrée au forum des collectivités.";
    return PersonRepository(*database_).Create(admin_, draft).value().id;
  }

  void ErasePerson(int64_t id) {
    if (!PersonRepository(*database_).Erase(admin_, id, "2026-11-22T20:00:00Z").ok()) std::abort();
  }

 private:
  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }

  fs::path path_;
  std::unique_ptr<Database> database_;
  Account admin_;
};

// One person recorded per iteration: insert, audit entry, commit.
void CreatePerson(benchmark::State& state) {
  WriteDatabase database(kSynchronous[state.range(0)]);
  int64_t n = 0;
  for (auto _ : state) benchmark::DoNotOptimize(database.CreatePerson(++n));
  state.SetLabel(std::string("synchronous=") + kSynchronous[state.range(0)]);
  state.SetItemsProcessed(state.iterations());
}

// One person erased per iteration (recorded beforehand, untimed): the erasure, its commit, and
// the checkpoint that empties the log.
void ErasePerson(benchmark::State& state) {
  WriteDatabase database(kSynchronous[state.range(0)]);
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const int64_t id = database.CreatePerson(++n);
    state.ResumeTiming();
    database.ErasePerson(id);
  }
  state.SetLabel(std::string("synchronous=") + kSynchronous[state.range(0)]);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(CreatePerson)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(ErasePerson)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace rrma

BENCHMARK_MAIN();
