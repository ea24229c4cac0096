#include "storage/database.h"

#include <filesystem>
#include <mutex>


#include <libpq-fe.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace rrma {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kPostgresqlPrefixes[] = {"postgresql://", "postgres://"};

// Settings every SQLite connection needs: write-ahead log so readers never block the writer,
// foreign keys enforced, and a wait rather than an immediate error when another writer holds
// the lock.
constexpr const char* kSqlitePragmas[] = {
    // Larger pages halve the writes of a bulk import; only takes effect on a new database.
    "PRAGMA page_size = 8192",
    "PRAGMA journal_mode = WAL",
    // The log is synced at every commit: a write acknowledged to a client survives a power
    // failure (NORMAL syncs only at checkpoints and may lose the last commits).
    "PRAGMA synchronous = FULL",
    // What a transaction deletes or overwrites is zeroed in its page, and freed pages are zeroed:
    // erased personal data leaves no copy in the database file (see PurgeErasedValues).
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
    // 64 MiB of page cache (used only as pages are read): a reference import then never spills
    // half-written pages to the log before it commits.
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
};

// Each PostgreSQL session's planner settings. A request is answered by one worker among several on
// a small machine: a parallel plan takes the cores of the others (and its workers' start costs more
// than the few thousand rows a dashboard reads). The database lies on SSD: with the default
// random_page_cost of 4 (spinning disks) the planner prefers reading every organisation to a few
// thousand lookups by key (measured: a network's dashboard 310 ms, 65 ms with these two).
constexpr const char* kPostgresqlSettings[] = {
    "SET client_min_messages = WARNING",
    "SET max_parallel_workers_per_gather = 0",
    "SET random_page_cost = 1.1",
};

// SOCI's PostgreSQL backend reads keyword=value connection strings only: turn a postgresql://
// URI into that form with libpq's own parser, quoting every value. Empty when the URI is invalid.
std::string KeywordConnectionString(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return {};
  }
  std::string keywords;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string value;
    for (const char* c = option->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value.push_back('\\');
      value.push_back(*c);
    }
    keywords.append(option->keyword).append("='").append(value).append("' ");
  }
  PQconninfoFree(options);
  return keywords;
}

// SQLite's defaults serialise every connection on global mutexes (memory statistics, serialized
// threading mode). Each pooled connection is used by one thread at a time, so neither is needed;
// under 32 concurrent requests they made the server spend most of its time waiting on futexes.
// Must run before SQLite initialises; later calls are refused by SQLite and harmless.
void ConfigureSqliteForPooledConnections() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
}

}  // namespace

std::string_view EngineName(Engine engine) {
  return engine == Engine::kSqlite ? "sqlite" : "postgresql";
}

Result<DatabaseUrl> DatabaseUrl::Parse(std::string_view url) {
  if (url.starts_with(kSqlitePrefix)) {
    std::string path(url.substr(kSqlitePrefix.size()));
    if (path.empty()) return Status::Invalid("db", "Chemin de base SQLite manquant : sqlite:CHEMIN.");
    return DatabaseUrl{Engine::kSqlite, path};
  }
  for (std::string_view prefix : kPostgresqlPrefixes) {
    if (!url.starts_with(prefix)) continue;
    std::string keywords = KeywordConnectionString(std::string(url));
    if (keywords.empty()) {
      return Status::Invalid("db", "Adresse PostgreSQL illisible : attendu postgresql://utilisateur@hôte:port/base.");
    }
    return DatabaseUrl{Engine::kPostgresql, keywords};
  }
  return Status::Invalid("db", "Adresse de base inconnue : attendu sqlite:CHEMIN ou "
                               "postgresql://utilisateur@hôte:port/base.");
}

Database::Database(const DatabaseUrl& url, size_t pool_size)
    : engine_(url.engine),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      caches_(pool_size) {
  if (engine_ == Engine::kSqlite) {
    ConfigureSqliteForPooledConnections();
    std::filesystem::path parent = std::filesystem::path(url.target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  for (size_t i = 0; i < pool_size_; ++i) {
    soci::session& session = pool_->at(i);
    if (engine_ == Engine::kSqlite) {
      session.open(soci::sqlite3, "db=\"" + url.target + "\" timeout=10");
      for (const char* pragma : kSqlitePragmas) session << pragma;
    } else {
      session.open(soci::postgresql, url.target);
      for (const char* setting : kPostgresqlSettings) session << setting;
    }
  }
}

Database::Lease::~Lease() {
  if (std::uncaught_exceptions() > exceptions_) {
    database_.caches_[position_].clear();
    soci::session& session = database_.pool_->at(position_);
    if (database_.engine_ == Engine::kPostgresql) {
      try {
        // A failed query on a live connection leaves it usable; a lost one needs a new link.
        session << "SELECT 1";
      } catch (const soci::soci_error&) {
        try {
          session.reconnect();
        } catch (const soci::soci_error&) {
          // Still unreachable: the next lease of this session fails and tries again.
        }
      }
    }
  }
  database_.pool_->give_back(position_);
}

Database::~Database() {
  caches_.clear();  // prepared statements first, while their sessions are open
}

}  // namespace rrma
