// The one place where SQLite and PostgreSQL differ in the SQL this project writes. Migrations are
// written once with the placeholders below, and each engine's text is produced from constants:
//   {{id}}        auto-incremented 64-bit primary key (SQLite may reuse the largest after a delete)
//   {{id_never_reused}}  the same, never handing out an id again (for rows the audit log names)
//   {{bytes}}     text compared byte by byte (for prefix range scans over normalised words)
//   {{now}}       the current UTC time as ISO 8601 text
//   {{population_desc}}  index column matching ORDER BY population, largest first, unknown last
//   {{without_rowid}}  after a table whose primary key is all it holds: one B-tree in SQLite
//   {{lock_person}}  at the end of a read of person p in a write transaction: PostgreSQL locks
//                 the row until commit (SQLite writers are already serialised by BEGIN IMMEDIATE)
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <soci/soci.h>

#include "storage/database.h"

namespace rrma {

std::string ForEngine(Engine engine, std::string_view sql);

// A LIKE pattern matching text anywhere, lower-cased, its wildcards escaped with '!': use it as
// "column LIKE :pattern ESCAPE '!'" (the same on both engines).
std::string LikeContainsPattern(std::string_view text);

// To call after the commit of a transaction that erased or deleted personal data, so that no copy
// of the erased values stays in the database files. SQLite zeroes what a transaction deletes or
// frees (PRAGMA secure_delete, set on every connection) but keeps the former pages in its
// write-ahead log until a checkpoint: this copies the log into the database file and truncates
// the log to nothing. It waits for readers of older snapshots up to the busy timeout; past it the
// log is truncated by the next call, or when the last connection closes. On PostgreSQL the former
// row versions stay in the table's pages until VACUUM (autovacuum) marks their space free and
// later writes reuse it: nothing is done here.
void PurgeErasedValues(soci::session& session, Engine engine);

// A transaction that will write, begun so that concurrent writers wait instead of failing: on
// SQLite "BEGIN IMMEDIATE" takes the write lock before the first read (a deferred transaction that
// reads then writes fails at once in WAL mode when another connection wrote meanwhile); on
// PostgreSQL a plain BEGIN, optionally serialised with other instances by an advisory lock.
// Rolls back unless Commit() was called. Not thread-safe; one per session at a time.
// The reads of one unit of work (one API response) seen from one snapshot. On SQLite this also
// takes the WAL read lock once instead of once per statement; its BEGIN and COMMIT are kept
// prepared on the session. On PostgreSQL each statement already reads a consistent snapshot and
// the extra round trips are not worth it: nothing is done. Not thread-safe.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database::Lease& session, Engine engine);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Database::Lease& session_;
  bool open_ = false;
};

class WriteTransaction {
 public:
  enum class Lock { kNone, kMigration };

  WriteTransaction(soci::session& session, Engine engine, Lock lock = Lock::kNone);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit();

 private:
  soci::session& session_;
  bool open_ = true;
};

}  // namespace rrma
