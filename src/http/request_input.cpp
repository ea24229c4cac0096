#include "http/request_input.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/field_rules.h"
#include "domain/identifiers.h"
#include "domain/organisation.h"

namespace rrma::http {
namespace {

bool IsAllowed(std::initializer_list<std::string_view> allowed, std::string_view name) {
  return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
}

std::string NotAnInteger(const std::string& name) {
  return "Le paramètre « " + name + " » doit être un nombre entier.";
}

// Bodies of this API nest two or three levels; deeper ones are refused before they are built.
constexpr int kMaxJsonDepth = 32;

// Watches nlohmann::json parse a text (as its parser callback) for what the parsed value no
// longer shows: a key repeated within one object, where the last value would silently win, and
// nesting deeper than kMaxJsonDepth, whose values it discards. Names the first repeated key by
// its path ("positions[1].kind").
class JsonShapeWatcher {
 public:
  bool Visit(int depth, nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (depth >= kMaxJsonDepth) {
          too_deep_ = true;
          return false;
        }
        levels_.emplace_back().object = event == Event::object_start;
        return true;
      case Event::key:
        if (static_cast<size_t>(depth) == levels_.size()) Key(parsed.get<std::string>());
        return true;
      case Event::value:
        if (static_cast<size_t>(depth) == levels_.size()) Completed();
        return true;
      case Event::object_end:
      case Event::array_end:
        levels_.pop_back();
        Completed();
        return true;
    }
    return true;
  }

  const std::optional<std::string>& repeated_key() const { return repeated_key_; }
  bool too_deep() const { return too_deep_; }

 private:
  struct Level {
    bool object = false;
    size_t index = 0;      // of the array element being read
    std::string key;       // of the object member being read
    std::set<std::string> keys;
  };

  void Key(std::string key) {
    Level& level = levels_.back();
    level.key = std::move(key);
    if (!level.keys.insert(level.key).second && !repeated_key_) repeated_key_ = Path();
  }

  // A value ended: the next one in an array has the next index.
  void Completed() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().index;
  }

  std::string Path() const {
    std::string path;
    for (const Level& level : levels_) {
      if (!level.object) {
        path += "[" + std::to_string(level.index) + "]";
      } else {
        path += (path.empty() ? "" : ".") + level.key;
      }
    }
    return path;
  }

  std::vector<Level> levels_;
  std::optional<std::string> repeated_key_;
  bool too_deep_ = false;
};

}  // namespace

std::optional<int64_t> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

QueryInput::QueryInput(const Request& request, std::initializer_list<std::string_view> allowed)
    : request_(request) {
  std::set<std::string> seen;
  for (const auto& [name, value] : request.params) {
    if (!IsAllowed(allowed, name)) {
      errors_.Add(name, "Paramètre inconnu : « " + name + " ».");
    } else if (!seen.insert(name).second) {
      errors_.Add(name, "Le paramètre « " + name + " » ne doit apparaître qu'une fois.");
    }
  }
}

std::optional<std::string> QueryInput::Text(const std::string& name) {
  auto found = request_.params.find(name);
  if (found == request_.params.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

std::optional<int64_t> QueryInput::Integer(const std::string& name) {
  auto text = Text(name);
  if (!text) return std::nullopt;
  auto value = ParseInteger(*text);
  if (!value) errors_.Add(name, NotAnInteger(name));
  return value;
}

std::optional<bool> QueryInput::Boolean(const std::string& name) {
  auto text = Text(name);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  errors_.Add(name, "Le paramètre « " + name + " » vaut true ou false.");
  return std::nullopt;
}

std::optional<int64_t> QueryInput::Id(const std::string& name) {
  auto value = Integer(name);
  if (value && *value < 1) {
    errors_.Add(name, "Le paramètre « " + name + " » doit être un identifiant entier positif.");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> QueryInput::Date(const std::string& name) {
  auto value = Text(name);
  if (value && !IsIsoDate(*value)) {
    errors_.Add(name, "Date " + IsoDateFault(*value) + ".");
    return std::nullopt;
  }
  return value;
}

QueryInput::Period QueryInput::DatePeriod() {
  Period period{Date("from"), Date("to")};
  if (period.from && period.to && *period.to < *period.from) {
    errors_.Add("to", "La date de fin précède la date de début.");
  }
  return period;
}

PageRequest QueryInput::Page() {
  PageRequest page;
  if (request_.HasParam("page")) page.page = Integer("page").value_or(page.page);
  if (request_.HasParam("per_page")) page.per_page = Integer("per_page").value_or(page.per_page);
  return page;
}

PageRequest QueryInput::ValidatedPage() {
  PageRequest page = Page();
  ValidatePageRequest(page, errors_);
  return page;
}

Result<int64_t> ParseId(const std::string& text) {
  auto value = ParseInteger(text);
  if (!value || *value < 1) {
    return Status::Invalid("id", "L'identifiant doit être un nombre entier positif.");
  }
  return *value;
}

Result<JsonBodyInput> JsonBodyInput::Parse(const Request& request,
                                           std::initializer_list<std::string_view> allowed) {
  std::string content_type = request.HeaderValue("Content-Type");
  std::string media_type = content_type.substr(0, content_type.find(';'));
  media_type.erase(std::remove(media_type.begin(), media_type.end(), ' '), media_type.end());
  std::transform(media_type.begin(), media_type.end(), media_type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (media_type != "application/json") {
    return Status::Unsupported("Le corps de la requête doit être du JSON (Content-Type: application/json).");
  }
  if (request.body.empty()) return Status::Invalid("body", "Le corps de la requête est vide : un objet JSON est attendu.");
  JsonShapeWatcher watcher;
  nlohmann::json body = nlohmann::json::parse(
      request.body,
      [&watcher](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return watcher.Visit(depth, event, parsed);
      },
      /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status::Invalid("body", "Le corps de la requête n'est pas du JSON valide.");
  if (watcher.too_deep()) {
    return Status::Invalid("body", "Le corps de la requête imbrique plus de " + std::to_string(kMaxJsonDepth) +
                                       " niveaux d'objets ou de listes.");
  }
  if (const auto& key = watcher.repeated_key()) {
    return Status::Invalid(*key, "Le champ « " + *key + " » apparaît plusieurs fois dans le même objet.");
  }
  if (!body.is_object()) return Status::Invalid("body", "Le corps de la requête doit être un objet JSON.");
  JsonBodyInput input(std::move(body));
  for (const auto& [name, value] : input.body_.items()) {
    if (!IsAllowed(allowed, name)) input.errors_.Add(name, "Champ inconnu : « " + name + " ».");
  }
  return input;
}

std::optional<std::optional<JsonBodyInput>> JsonBodyInput::Object(const char* name,
                                                                  std::initializer_list<std::string_view> allowed) {
  auto found = body_.find(name);
  if (found == body_.end()) return std::nullopt;
  if (found->is_null()) return std::optional<JsonBodyInput>();
  if (!found->is_object()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit être un objet (ou null pour le retirer).");
    return std::nullopt;
  }
  JsonBodyInput nested(*found);
  for (const auto& [key, value] : nested.body_.items()) {
    if (!IsAllowed(allowed, key)) nested.errors_.Add(key, "Champ inconnu : « " + key + " ».");
  }
  return std::optional<JsonBodyInput>(std::move(nested));
}

void JsonBodyInput::Adopt(const char* name, const JsonBodyInput& nested) {
  const Status said = nested.errors_.ToStatus();  // kept alive for the loop
  for (const FieldError& error : said.field_errors()) {
    errors_.Add(std::string(name) + "." + error.field, error.message);
  }
}

std::optional<std::string> JsonBodyInput::Text(const char* name) {
  auto found = body_.find(name);
  if (found == body_.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit être une chaîne de caractères.");
    return std::nullopt;
  }
  std::string value = found->get<std::string>();
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<int64_t> JsonBodyInput::Integer(const char* name) {
  auto found = body_.find(name);
  if (found == body_.end() || found->is_null()) return std::nullopt;
  if (found->is_number_unsigned() && found->get<uint64_t>() > uint64_t{INT64_MAX}) {
    errors_.Add(name, std::string("Le champ « ") + name + " » est un nombre trop grand.");
    return std::nullopt;
  }
  if (!found->is_number_integer()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit être un nombre entier.");
    return std::nullopt;
  }
  return found->get<int64_t>();
}

std::optional<bool> JsonBodyInput::Boolean(const char* name) {
  auto found = body_.find(name);
  if (found == body_.end() || found->is_null()) return std::nullopt;
  if (!found->is_boolean()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit valoir true ou false.");
    return std::nullopt;
  }
  return found->get<bool>();
}

std::optional<std::optional<std::string>> JsonBodyInput::NullableText(const char* name) {
  auto found = body_.find(name);
  if (found == body_.end()) return std::nullopt;
  if (found->is_null()) return std::optional<std::string>();
  if (!found->is_string()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit être une chaîne de caractères.");
    return std::nullopt;
  }
  return std::optional<std::string>(found->get<std::string>());
}

const nlohmann::json* JsonBodyInput::Array(const char* name) {
  auto found = body_.find(name);
  if (found == body_.end() || found->is_null()) return nullptr;
  if (!found->is_array()) {
    errors_.Add(name, std::string("Le champ « ") + name + " » doit être une liste.");
    return nullptr;
  }
  return &*found;
}

std::optional<std::optional<std::string>> JsonBodyInput::ClearableText(const char* name) {
  auto value = NullableText(name);
  if (!value) return std::nullopt;
  if (!*value || (*value)->empty()) return std::optional<std::string>();
  return value;
}

std::optional<std::vector<std::string>> JsonBodyInput::TextList(const char* name, size_t max_items) {
  const nlohmann::json* list = Array(name);
  if (list == nullptr) return std::nullopt;
  if (list->size() > max_items) {
    errors_.Add(name, "Au plus " + std::to_string(max_items) + " éléments.");
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      errors_.Add(std::string(name) + "[" + std::to_string(i) + "]", "Une chaîne de caractères est attendue.");
      continue;
    }
    values.push_back((*list)[i].get<std::string>());
  }
  return values;
}

std::optional<std::vector<int64_t>> JsonBodyInput::IntegerList(const char* name, size_t max_items) {
  const nlohmann::json* list = Array(name);
  if (list == nullptr) return std::nullopt;
  if (list->size() > max_items) {
    errors_.Add(name, "Au plus " + std::to_string(max_items) + " éléments.");
    return std::nullopt;
  }
  std::vector<int64_t> values;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& item = (*list)[i];
    if (!item.is_number_integer() || (item.is_number_unsigned() && item.get<uint64_t>() > uint64_t{INT64_MAX})) {
      errors_.Add(std::string(name) + "[" + std::to_string(i) + "]", "Un nombre entier est attendu.");
      continue;
    }
    values.push_back(item.get<int64_t>());
  }
  return values;
}

PageRequest JsonBodyInput::Page() {
  PageRequest page;
  if (body_.contains("page")) page.page = Integer("page").value_or(page.page);
  if (body_.contains("per_page")) page.per_page = Integer("per_page").value_or(page.per_page);
  return page;
}

Result<JsonBodyInput> ReadJsonBody(const Request& request, std::initializer_list<std::string_view> fields) {
  auto input = JsonBodyInput::Parse(request, fields);
  if (!input.ok()) return input;
  QueryInput query(request, {});
  if (!query.errors().empty()) return query.errors().ToStatus();
  return input;
}

std::optional<std::string> ReadDepartement(QueryInput& input) {
  auto departement = input.Text("departement");
  if (departement && !IsDepartementCode(*departement)) {
    input.errors().Add("departement", "Code de département invalide (ex. 06, 2A, 974).");
  }
  return departement;
}

CollectiviteFilters ReadCollectiviteFilters(QueryInput& input) {
  CollectiviteFilters filters;
  filters.departement = ReadDepartement(input);
  filters.category = input.Text("category");
  if (filters.category && !IsCollectiviteCategory(*filters.category)) {
    input.errors().Add("category", "Catégorie inconnue : commune, epci, departement, region…");
  }
  filters.population_max = input.Integer("population_max");
  if (filters.population_max && *filters.population_max < 0) {
    input.errors().Add("population_max", "La population maximale est un nombre positif.");
  }
  return filters;
}

}  // namespace rrma::http
