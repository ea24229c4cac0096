// Status and Result: how every layer reports an expected failure (invalid input, not found,
// conflict…) as a value. A Status carries an error code, a French detail for users and, for
// validation, the fields at fault. Exceptions are kept for what must abort (lost database, bug).
// Values of these types are immutable once built and safe to share between threads.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rrma {

enum class ErrorCode {
  kOk,
  kInvalid,               // the request names a bad value; see field errors
  kNotFound,              // the record does not exist (or is not visible to the caller)
  kConflict,              // the write clashes with existing data
  kUnauthenticated,       // the caller is not known: no or bad credentials
  kForbidden,             // the caller may not do this
  kUnsupportedMediaType,  // the body is not in a format the route reads
  kPayloadTooLarge,       // the body exceeds the configured limit
  kTooManyRequests,       // refused for a while after repeated failures
  kMethodNotAllowed,      // the route exists but not for this method
  kUnavailable,           // a dependency (database) cannot answer now
};

struct FieldError {
  std::string field;
  std::string message;  // French, for users
};

class Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status Invalid(std::string field, std::string message);
  static Status Invalid(std::vector<FieldError> errors);
  static Status NotFound(std::string detail);
  static Status Conflict(std::string detail);
  static Status Unauthenticated(std::string detail);
  static Status Forbidden(std::string detail);
  static Status Unsupported(std::string detail);
  static Status TooLarge(std::string detail);
  static Status TooManyRequests(std::string detail);
  static Status MethodNotAllowed(std::string detail);
  static Status Unavailable(std::string detail);

  // The same status naming one field of the input: its detail becomes that field's message too
  // (a 413 or a 415 about one file).
  Status OnField(std::string field) const;

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& field_errors() const { return field_errors_; }

 private:
  Status(ErrorCode code, std::string detail, std::vector<FieldError> errors = {})
      : code_(code), detail_(std::move(detail)), field_errors_(std::move(errors)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string detail_;
  std::vector<FieldError> field_errors_;
};

// Either a value or a failed Status. Accessing value() of a failed Result is a bug.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }

 private:
  std::optional<T> value_;
  Status status_;
};

// Collects field errors while a request is validated, then yields one Status.
class ValidationErrors {
 public:
  void Add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  Status ToStatus() const { return empty() ? Status::Ok() : Status::Invalid(errors_); }

  // Adds the errors of other about fields this says nothing of (« themes[0] » and « themes » are
  // one field): a body's wrong types and the rules of the values that could be read, in one answer.
  void AddOthers(const ValidationErrors& other) {
    const auto base = [](const std::string& field) { return field.substr(0, field.find('[')); };
    std::vector<std::string> said;
    for (const FieldError& error : errors_) said.push_back(base(error.field));
    for (const FieldError& error : other.errors_) {
      if (std::find(said.begin(), said.end(), base(error.field)) == said.end()) errors_.push_back(error);
    }
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace rrma
