// Persons (/api/v1/persons…): personal data owned by a network. PersonRepository scopes every
// read and write to the caller; these handlers read input, call it and write JSON. Export and
// erasure serve the person's rights (RGPD) and are for the owning network's administrators.
#include <cstdint>
#include <ctime>

#include "domain/search_text.h"
#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/person_repository.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

const std::initializer_list<std::string_view> kPositionFields = {"organisation_id", "kind", "title", "start_date",
                                                                  "end_date"};

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::optional<std::string> PositionText(const nlohmann::json& item, const char* name, const std::string& prefix,
                                        ValidationErrors& errors) {
  auto found = item.find(name);
  if (found == item.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) {
    errors.Add(prefix + "." + name, "Une chaîne de caractères est attendue.");
    return std::nullopt;
  }
  std::string value = found->get<std::string>();
  if (value.empty()) return std::nullopt;
  return value;
}

// The positions of a body, each checked for shape; their rules are checked by the domain.
std::vector<Position> ReadPositions(const nlohmann::json& list, ValidationErrors& errors) {
  std::vector<Position> positions;
  // Checked before the items, so that a huge list costs no more than a short answer.
  if (list.size() > kMaxPositions) {
    errors.Add("positions", "Une personne occupe au plus 50 fonctions.");
    return positions;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "positions[" + std::to_string(i) + "]";
    const nlohmann::json& item = list[i];
    if (!item.is_object()) {
      errors.Add(prefix, "Chaque fonction est un objet {organisation_id, kind, title, start_date, end_date}.");
      continue;
    }
    for (const auto& [name, value] : item.items()) {
      if (std::find(kPositionFields.begin(), kPositionFields.end(), name) == kPositionFields.end()) {
        errors.Add(prefix + "." + name, "Champ inconnu : « " + name + " ».");
      }
    }
    Position position;
    auto organisation = item.find("organisation_id");
    if (organisation != item.end() && organisation->is_number_unsigned() &&
        organisation->get<uint64_t>() > uint64_t{INT64_MAX}) {
      errors.Add(prefix + ".organisation_id", "Aucune organisation ne porte cet identifiant.");
    } else if (organisation != item.end() && organisation->is_number_integer()) {
      position.organisation_id = organisation->get<int64_t>();
    } else if (organisation != item.end() && !organisation->is_null()) {
      errors.Add(prefix + ".organisation_id", "Un identifiant entier est attendu.");
    }
    position.kind = PositionText(item, "kind", prefix, errors).value_or("");
    position.title = PositionText(item, "title", prefix, errors);
    position.start_date = PositionText(item, "start_date", prefix, errors);
    position.end_date = PositionText(item, "end_date", prefix, errors);
    positions.push_back(std::move(position));
  }
  return positions;
}

// A person as the body describes it; shape errors go to the input's errors.
PersonDraft ReadDraft(JsonBodyInput& input) {
  PersonDraft draft;
  draft.network_id = input.Integer("network_id");
  if (auto visibility = input.NullableText("visibility")) draft.visibility = visibility->value_or("");
  if (auto given = input.NullableText("given_name")) draft.given_name = given->value_or("");
  if (auto family = input.NullableText("family_name")) draft.family_name = family->value_or("");
  if (auto email = input.NullableText("email")) {
    draft.email = (*email && !(*email)->empty()) ? *email : std::optional<std::string>();
  }
  if (auto phone = input.NullableText("phone")) {
    draft.phone = (*phone && !(*phone)->empty()) ? *phone : std::optional<std::string>();
  }
  if (auto notes = input.NullableText("notes")) draft.notes = notes->value_or("");
  if (const nlohmann::json* list = input.Array("positions")) draft.positions = ReadPositions(*list, input.errors());
  return draft;
}

const std::initializer_list<std::string_view> kPersonFields = {
    "network_id", "visibility", "given_name", "family_name", "email", "phone", "notes", "positions"};

class PersonsHandler {
 public:
  explicit PersonsHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), persons_(services.database) {}

  void List(const Request& request, Response& response) {
    QueryInput input(request, {"q", "network", "organisation", "page", "per_page"});
    PersonQuery query;
    query.text = input.Text("q");
    query.network_id = input.Id("network");
    query.organisation_id = input.Id("organisation");
    query.page = input.ValidatedPage();
    if (query.text) ValidateSearchText(*query.text, "q", input.errors());
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    WritePage(response, persons_.List(caller.value(), query), PersonSummaryJson);
  }

  void Create(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto body = ReadJsonBody(request, kPersonFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    PersonDraft draft = ReadDraft(*input);
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto person = persons_.Create(caller.value().account, draft);
    if (!person.ok()) return WriteProblem(response, person.status());
    response.status = 201;
    response.SetHeader("Location", "/api/v1/persons/" + std::to_string(person.value().id));
    WriteJson(response, ToJson(person.value(), caller.value().account));
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto person = persons_.Find(caller.value(), id.value());
    if (!person.ok()) return WriteProblem(response, person.status());
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(person.value(), caller.value()));
  }

  void Change(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, kPersonFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    PersonDraft draft = ReadDraft(*input);
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto person = persons_.Update(caller.value().account, id.value(), draft);
    if (!person.ok()) return WriteProblem(response, person.status());
    WriteJson(response, ToJson(person.value(), caller.value().account));
  }

  void Delete(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    if (Status deleted = persons_.Delete(caller.value().account, id.value()); !deleted.ok()) {
      return WriteProblem(response, deleted);
    }
    response.status = 204;
  }

  void Export(const Request& request, Response& response, const PathParams& params) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto exported = persons_.Export(caller.value().account, id.value());
    if (!exported.ok()) return WriteProblem(response, exported.status());
    nlohmann::json history = nlohmann::json::array();
    for (const AuditEntry& entry : exported.value().history) history.push_back(ToJson(entry));
    nlohmann::json person = ToJson(exported.value().person, caller.value().account);
    person.erase("permissions");
    response.SetHeader("Content-Disposition",
                        "attachment; filename=\"personne-" + std::to_string(id.value()) + ".json\"");
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, {{"exported_at", NowIsoUtc()},
                         {"exported_by", caller.value().account.email},
                         {"person", std::move(person)},
                         {"history", std::move(history)}});
  }

  void Erase(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, {});
    if (!body.ok()) return WriteProblem(response, body.status());
    JsonBodyInput* input = &body.value();
    if (!input->errors().empty()) return WriteProblem(response, input->errors().ToStatus());
    auto person = persons_.Erase(caller.value().account, id.value(), NowIsoUtc());
    if (!person.ok()) return WriteProblem(response, person.status());
    WriteJson(response, ToJson(person.value(), caller.value().account));
  }

 private:
  AccountRepository accounts_;
  PersonRepository persons_;
};

}  // namespace

void RegisterPersons(Router& router, ApiServices& services) {
  auto handler = std::make_shared<PersonsHandler>(services);
  router.Add("GET", "/api/v1/persons", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("POST", "/api/v1/persons", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Create(request, response);
  });
  router.Add("GET", "/api/v1/persons/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Show(request, response, params);
  });
  router.Add("PATCH", "/api/v1/persons/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Change(request, response, params);
             });
  router.Add("DELETE", "/api/v1/persons/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Delete(request, response, params);
             });
  router.Add("GET", "/api/v1/persons/{id}/export",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Export(request, response, params);
             });
  router.Add("POST", "/api/v1/persons/{id}/erasure",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Erase(request, response, params);
             });
}

}  // namespace rrma::http
