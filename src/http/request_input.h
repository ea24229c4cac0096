// Reading request input strictly: query parameters (unknown or repeated ones are refused), path
// identifiers, and JSON bodies (content type, syntax, object shape, unknown fields, value types).
// Every failure is a ValidationErrors entry or a Status naming the field, in French.
// Instances live for one request; not shared between threads.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include <nlohmann/json.hpp>

#include "domain/paging.h"
#include "domain/status.h"

namespace rrma::http {

class QueryInput {
 public:
  // Records an error for every parameter not in allowed, and for every repeated parameter.
  // The request must outlive this object.
  QueryInput(const Request& request, std::initializer_list<std::string_view> allowed);

  std::optional<std::string> Text(const std::string& name);
  // A whole number; records an error (and returns nothing) if the value is not one.
  std::optional<int64_t> Integer(const std::string& name);
  // "true" or "false"; records an error (and returns nothing) for any other value.
  std::optional<bool> Boolean(const std::string& name);
  // An identifier: a positive whole number; records an error otherwise.
  std::optional<int64_t> Id(const std::string& name);
  // A calendar date, YYYY-MM-DD; records an error (and returns nothing) otherwise.
  std::optional<std::string> Date(const std::string& name);
  // The dates "from" and "to", with an error on "to" when it precedes "from".
  struct Period {
    std::optional<std::string> from, to;
  };
  Period DatePeriod();
  // page and per_page, with their defaults when absent.
  PageRequest Page();
  // Page(), with an error recorded when either is out of range.
  PageRequest ValidatedPage();

  ValidationErrors& errors() { return errors_; }

 private:
  const Request& request_;
  ValidationErrors errors_;
};

// Parses a path identifier: a positive 64-bit integer.
Result<int64_t> ParseId(const std::string& text);

// Parses a whole number in base 10 with no sign other than '-', no spaces, no fraction.
std::optional<int64_t> ParseInteger(std::string_view text);

class JsonBodyInput {
 public:
  // Reads the body: it must be declared application/json (else 415) and be a JSON object.
  // Fields not in allowed are recorded as errors.
  static Result<JsonBodyInput> Parse(const Request& request,
                                     std::initializer_list<std::string_view> allowed);

  std::optional<std::string> Text(const char* name);
  std::optional<int64_t> Integer(const char* name);
  std::optional<bool> Boolean(const char* name);
  // For changes: absent (nothing), null (an empty value: clear the field) or a string, kept as
  // sent even when empty so that the rules can refuse a blank required field.
  std::optional<std::optional<std::string>> NullableText(const char* name);
  // An optional field of a change: absent (nothing), null or "" (clear it: an empty optional), or
  // the text.
  std::optional<std::optional<std::string>> ClearableText(const char* name);
  // The field's JSON value when present and an array; records an error when it is not one.
  const nlohmann::json* Array(const char* name);
  // The field as a list of strings or of integers (absent or null: nothing). A list longer than
  // max_items is refused whole before its items are read; each bad item is named ("themes[2]").
  std::optional<std::vector<std::string>> TextList(const char* name, size_t max_items);
  std::optional<std::vector<int64_t>> IntegerList(const char* name, size_t max_items);
  bool Has(const char* name) const { return body_.contains(name); }
  PageRequest Page();
  // A nested object: absent (nothing), null (present without a value: remove it), or the object,
  // read as a body of its own (its unknown fields recorded there). Records an error when the value
  // is neither. Then Adopt() its errors, named "name.field".
  std::optional<std::optional<JsonBodyInput>> Object(const char* name, std::initializer_list<std::string_view> allowed);
  void Adopt(const char* name, const JsonBodyInput& nested);

  ValidationErrors& errors() { return errors_; }

 private:
  explicit JsonBodyInput(nlohmann::json body) : body_(std::move(body)) {}

  nlohmann::json body_;
  ValidationErrors errors_;
};

// The filters of the lists of collectivités (outreach, pipeline): département, catégorie and
// population maximale, each checked; a bad one is recorded as an error naming its parameter.
struct CollectiviteFilters {
  std::optional<std::string> departement;
  std::optional<std::string> category;
  std::optional<int64_t> population_max;
};
CollectiviteFilters ReadCollectiviteFilters(QueryInput& input);
// The département alone (lists that take no other of these filters).
std::optional<std::string> ReadDepartement(QueryInput& input);

// The JSON body of a request that takes no query parameters: the parsed body (check its
// errors() after reading the fields), or the Status of the first problem (media type, syntax,
// shape, unknown query parameter).
Result<JsonBodyInput> ReadJsonBody(const Request& request, std::initializer_list<std::string_view> fields);

}  // namespace rrma::http
