// Database: the connection to the platform's storage, SQLite (embedded default) or PostgreSQL
// (shared deployment), behind one SOCI API. Opens a pool of sessions; each caller leases one for
// the time of a unit of work. Thread-safe: any number of threads may lease sessions at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "domain/status.h"

namespace rrma {

enum class Engine { kSqlite, kPostgresql };

std::string_view EngineName(Engine engine);

// A parsed --db URL: "sqlite:PATH" or "postgresql://user@host:port/dbname".
struct DatabaseUrl {
  Engine engine = Engine::kSqlite;
  std::string target;  // SQLite file path, or libpq keyword=value connection string

  // Returns the parsed URL, or an Invalid status naming "db" with a French message.
  static Result<DatabaseUrl> Parse(std::string_view url);
};

class Database {
 public:
  // Opens pool_size sessions. Throws soci::soci_error when the database cannot be reached:
  // there is no useful way to run without storage.
  Database(const DatabaseUrl& url, size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Engine engine() const { return engine_; }

  // A session leased from the pool; returned when the lease is destroyed. Not copyable.
  // When the lease ends by an exception, the session's kept statements are dropped (they may be
  // half-prepared) and, if the connection was lost, the session reconnects before going back.
  class Lease {
   public:
    Lease(Database& database, size_t position)
        : database_(database), position_(position), exceptions_(std::uncaught_exceptions()) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    soci::session& operator*() { return database_.pool_->at(position_); }
    soci::session* operator->() { return &database_.pool_->at(position_); }

    // The object of type T kept for this session under key (usually its SQL text), built with
    // T(session) on first use. Lets a statement be prepared once per connection and run many
    // times. At most kMaxCachedPerSession objects are kept per session; beyond, all are dropped.
    template <typename T>
    T& Cached(const std::string& key) {
      auto& cache = database_.caches_[position_];
      std::string typed_key = std::string(typeid(T).name()).append(1, '\0').append(key);
      auto found = cache.find(typed_key);
      if (found != cache.end()) return *static_cast<T*>(found->second.get());
      if (cache.size() >= kMaxCachedPerSession) cache.clear();
      auto object = std::make_shared<T>(**this);
      cache.emplace(std::move(typed_key), object);
      return *object;
    }

   private:
    Database& database_;
    size_t position_;
    int exceptions_;
  };
  static constexpr size_t kMaxCachedPerSession = 256;
  Lease Acquire() { return Lease(*this, pool_->lease()); }

 private:
  Engine engine_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  // Per pooled session: objects kept by Lease::Cached, destroyed before the sessions close.
  std::vector<std::unordered_map<std::string, std::shared_ptr<void>>> caches_;
};

}  // namespace rrma
