#include "storage/bound_statement.h"

namespace rrma {

void BoundStatement::Use(const std::string& name, std::string value) {
  if (prepared_) {
    *string_slots_.at(name) = std::move(value);
    return;
  }
  strings_.push_back(std::move(value));
  string_slots_[name] = &strings_.back();
  statement_.exchange(soci::use(strings_.back(), name));
}

void BoundStatement::Use(const std::string& name, int64_t value) {
  if (prepared_) {
    *integer_slots_.at(name) = value;
    return;
  }
  integers_.push_back(value);
  integer_slots_[name] = &integers_.back();
  statement_.exchange(soci::use(integers_.back(), name));
}

void BoundStatement::UseOptional(const std::string& name, const std::optional<std::string>& value) {
  strings_.push_back(value.value_or(std::string()));
  indicators_.push_back(value ? soci::i_ok : soci::i_null);
  statement_.exchange(soci::use(strings_.back(), indicators_.back(), name));
}

void BoundStatement::UseOptional(const std::string& name, const std::optional<int64_t>& value) {
  integers_.push_back(value.value_or(0));
  indicators_.push_back(value ? soci::i_ok : soci::i_null);
  statement_.exchange(soci::use(integers_.back(), indicators_.back(), name));
}

void BoundStatement::Use(const std::vector<Binding>& bindings) {
  for (const Binding& binding : bindings) {
    std::visit([&](const auto& value) { Use(binding.name, value); }, binding.value);
  }
}

void BoundStatement::Execute(const std::string& sql) {
  if (!prepared_) {
    statement_.alloc();
    statement_.prepare(sql);
    statement_.define_and_bind();
    prepared_ = true;
  }
  statement_.execute(false);
}

size_t RowReader::Text() {
  texts_.emplace_back();
  indicators_.push_back(soci::i_null);
  statement_.exchange(soci::into(texts_.back(), indicators_.back()));
  positions_.push_back(texts_.size() - 1);
  return positions_.size() - 1;
}

size_t RowReader::Integer() {
  integers_.push_back(0);
  indicators_.push_back(soci::i_null);
  statement_.exchange(soci::into(integers_.back(), indicators_.back()));
  positions_.push_back(integers_.size() - 1);
  return positions_.size() - 1;
}

std::optional<std::string> RowReader::OptionalText(size_t slot) const {
  if (indicators_[slot] == soci::i_null) return std::nullopt;
  return texts_[positions_[slot]];
}

std::string RowReader::TextOr(size_t slot, std::string fallback) const {
  return OptionalText(slot).value_or(std::move(fallback));
}

std::optional<int64_t> RowReader::OptionalInteger(size_t slot) const {
  if (indicators_[slot] == soci::i_null) return std::nullopt;
  return integers_[positions_[slot]];
}

int64_t RowReader::IntegerOr(size_t slot, int64_t fallback) const {
  return OptionalInteger(slot).value_or(fallback);
}

ScalarQuery::ScalarQuery(soci::session& session) : statement(session) {
  statement.statement().exchange(soci::into(value));
}

int64_t RunChange(BoundStatement& statement, const std::string& sql) {
  soci::statement& change = statement.statement();
  change.alloc();
  change.prepare(sql);
  change.define_and_bind();
  change.execute(true);  // with data exchange: without it the bound values are not sent
  return change.get_affected_rows();
}

std::optional<int64_t> RunScalar(Database::Lease& session, const std::string& sql, const std::vector<Binding>& bindings) {
  auto& query = session.Cached<ScalarQuery>(sql);
  query.statement.Use(bindings);
  query.statement.Execute(sql);
  std::optional<int64_t> value;
  while (query.statement.Fetch()) value = query.value;
  return value;
}

}  // namespace rrma
