// Database: the connection to the platform's storage, SQLite (embedded default) or PostgreSQL
// (shared deployment), behind one SOCI API. Opens a pool of sessions; each caller leases one for
// the time of a unit of work. Thread-safe: any number of threads may lease sessions at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

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

  // A session leased from the pool; returned when the lease is destroyed.
  class Lease {
   public:
    explicit Lease(soci::connection_pool& pool) : session_(pool) {}
    soci::session& operator*() { return session_; }
    soci::session* operator->() { return &session_; }

   private:
    soci::session session_;
  };
  Lease Acquire() { return Lease(*pool_); }

 private:
  Engine engine_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

}  // namespace rrma
