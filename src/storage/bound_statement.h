// BoundStatement: a SOCI statement whose parameters and output columns are bound one by one,
// for queries whose filters vary (the SQL text is assembled from constant fragments only; every
// value travels as a bound parameter). Owns the values it binds so they outlive execution.
// It can be kept (see Database::Lease::Cached) and run again: the first Execute prepares it,
// later ones only run it, and Use() then assigns new values to the parameters bound first.
// Callers must Fetch() until it returns false, so that SQLite ends its read transaction.
// Not thread-safe: one per session and query.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "storage/database.h"

namespace rrma {

// A parameter value waiting to be bound, for code that assembles the SQL text before it knows
// which (possibly cached) statement will run it.
struct Binding {
  std::string name;
  std::variant<std::string, int64_t> value;
};

class BoundStatement {
 public:
  explicit BoundStatement(soci::session& session) : statement_(session) {}

  // Binds a value to the placeholder ":name" (or, once prepared, assigns it).
  void Use(const std::string& name, std::string value);
  void Use(const std::string& name, int64_t value);
  // Binds NULL when value is empty. Not for statements run again: each call binds anew.
  void UseOptional(const std::string& name, const std::optional<std::string>& value);
  void UseOptional(const std::string& name, const std::optional<int64_t>& value);
  void Use(const std::vector<Binding>& bindings);

  // Prepares the query on first call, then runs it; then call Fetch() until it returns false.
  void Execute(const std::string& sql);
  bool Fetch() { return statement_.fetch(); }

  soci::statement& statement() { return statement_; }

 private:
  soci::statement statement_;
  bool prepared_ = false;
  std::deque<std::string> strings_;
  std::deque<long long> integers_;
  std::deque<soci::indicator> indicators_;
  std::unordered_map<std::string, std::string*> string_slots_;
  std::unordered_map<std::string, long long*> integer_slots_;
};

// Output columns of a query, bound by position to nullable values; read after each Fetch().
class RowReader {
 public:
  explicit RowReader(soci::statement& statement) : statement_(statement) {}

  // Each call binds the next column and returns its slot index.
  size_t Text();
  size_t Integer();

  std::optional<std::string> OptionalText(size_t slot) const;
  std::string TextOr(size_t slot, std::string fallback = {}) const;
  std::optional<int64_t> OptionalInteger(size_t slot) const;
  int64_t IntegerOr(size_t slot, int64_t fallback = 0) const;

 private:
  soci::statement& statement_;
  std::deque<std::string> texts_;
  std::deque<long long> integers_;
  std::deque<soci::indicator> indicators_;
  std::deque<size_t> positions_;  // slot -> index into texts_ or integers_
};

// A query returning at most one integer (a count, an id, a counter), kept on its session.
struct ScalarQuery {
  explicit ScalarQuery(soci::session& session);
  BoundStatement statement;
  long long value = 0;
};

// Runs a statement that returns no rows (INSERT, UPDATE, DELETE) once, without keeping it;
// returns the number of rows it changed.
int64_t RunChange(BoundStatement& statement, const std::string& sql);

// Runs sql as a kept ScalarQuery; nothing when it returns no row.
std::optional<int64_t> RunScalar(Database::Lease& session, const std::string& sql, const std::vector<Binding>& bindings);

}  // namespace rrma
