// Accompaniment records (/api/v1/interactions) and « Mes relances » (/api/v1/me/relances):
// storage/pipeline/interaction_repository.h. Reading follows the rows' visibility; writing is for
// the network's team.
#include <algorithm>
#include <ctime>

#include "domain/field_rules.h"
#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/pipeline/interaction_repository.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const std::initializer_list<std::string_view> kFields = {
    "network_id", "visibility", "date", "type", "subject", "notes", "organisation_ids", "person_ids", "next_action",
    "next_action_done"};
const std::initializer_list<std::string_view> kNextActionFields = {"description", "due_date", "owner_id"};

InteractionDraft ReadDraft(JsonBodyInput& input) {
  InteractionDraft draft;
  draft.network_id = input.Integer("network_id");
  draft.visibility = input.Text("visibility");
  draft.date = input.Text("date");
  draft.type = input.Text("type");
  draft.subject = input.Text("subject");
  draft.notes = input.Text("notes");
  draft.organisation_ids = input.IntegerList("organisation_ids", kMaxInteractionParties + 1);
  draft.person_ids = input.IntegerList("person_ids", kMaxInteractionParties + 1);
  if (auto next = input.Object("next_action", kNextActionFields)) {
    if (*next) {
      JsonBodyInput& action = **next;
      NextAction read;
      if (auto description = action.Text("description")) read.description = *description;
      else if (action.errors().empty()) action.errors().Add("description", "La description de la prochaine action est obligatoire.");
      read.due_date = action.Text("due_date");
      read.owner_id = action.Integer("owner_id");
      input.Adopt("next_action", action);
      draft.next_action = std::optional<NextAction>(read);
    } else {
      draft.next_action = std::optional<NextAction>();
    }
  }
  draft.next_action_done = input.Boolean("next_action_done");
  return draft;
}

nlohmann::json ToJson(const AccountRef& account) { return {{"id", account.id}, {"email", account.email}}; }

nlohmann::json ToJson(const std::vector<PartyRef>& parties) {
  nlohmann::json list = nlohmann::json::array();
  for (const PartyRef& party : parties) list.push_back({{"id", party.id}, {"name", party.name}});
  return list;
}

// Whether caller belongs to a network's team (or is a national admin): the teams' account emails
// are shown to them, never to the public, as in the directory.
bool OnATeam(const Account& caller) {
  return std::any_of(caller.roles.begin(), caller.roles.end(), [](const RoleGrant& grant) {
    return grant.role == Role::kAdmin || grant.role == Role::kNetworkAdmin || grant.role == Role::kNetworkStaff;
  });
}

nlohmann::json ToJson(const InteractionView& view, const Account& caller) {
  const Interaction& i = view.interaction;
  const bool team = OnATeam(caller);
  nlohmann::json next = nullptr;
  if (i.next_action) {
    next = {{"description", i.next_action->description},
            {"due_date", OrNull(i.next_action->due_date)},
            {"owner", view.owner && team ? ToJson(*view.owner) : nlohmann::json(nullptr)},
            {"done_at", OrNull(i.next_action->done_at)},
            {"overdue", view.overdue}};
  }
  return {{"id", i.id},
          {"network", {{"id", i.network_id}, {"name", i.network_name}}},
          {"visibility", VisibilityName(i.visibility)},
          {"date", i.date},
          {"type", i.type},
          {"type_label", InteractionTypeLabel(i.type)},
          {"subject", i.subject},
          {"notes", i.notes},
          {"organisations", ToJson(view.organisations)},
          {"persons", ToJson(view.persons)},
          {"next_action", std::move(next)},
          {"author", view.author && team ? ToJson(*view.author) : nlohmann::json(nullptr)},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"permissions", {{"edit", WorksIn(caller, i.network_id)}}}};
}

ExportTable InteractionsTable(const std::vector<InteractionView>& views) {
  ExportTable table{"comptes-rendus", "Accompagnements",
                    {"Date", "Type", "Objet", "Organisations", "Personnes", "Réseau", "Prochaine action", "Échéance",
                     "Compte rendu"},
                    {}};
  const auto names = [](const std::vector<PartyRef>& parties) {
    std::string text;
    for (const PartyRef& party : parties) text += (text.empty() ? "" : ", ") + party.name;
    return text;
  };
  for (const InteractionView& view : views) {
    const Interaction& i = view.interaction;
    table.rows.push_back({i.date, std::string(InteractionTypeLabel(i.type)), i.subject, names(view.organisations),
                          names(view.persons), i.network_name, i.next_action ? i.next_action->description : "",
                          i.next_action ? i.next_action->due_date.value_or("") : "", i.notes});
  }
  return table;
}

void CheckDate(QueryInput& input, const char* name, std::optional<std::string>& value) {
  value = input.Text(name);
  if (value && !IsIsoDate(*value)) input.errors().Add(name, "Date " + IsoDateFault(*value) + ".");
}

class InteractionsHandler {
 public:
  explicit InteractionsHandler(ApiServices& services)
      : accounts_(services.database, services.sessions), interactions_(services.database) {}

  void List(const Request& request, Response& response) {
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "organisation", "person", "type", "from", "to", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    InteractionQuery query;
    query.network_id = input.Id("network");
    query.organisation_id = input.Id("organisation");
    query.person_id = input.Id("person");
    query.type = input.Text("type");
    if (query.type && !IsInteractionType(*query.type)) input.errors().Add("type", "Type d'accompagnement inconnu.");
    CheckDate(input, "from", query.from);
    CheckDate(input, "to", query.to);
    if (query.from && query.to && IsIsoDate(*query.from) && IsIsoDate(*query.to) && *query.to < *query.from) {
      input.errors().Add("to", "La date de fin précède la date de début.");
    }
    query.page = input.ValidatedPage();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    // A whole list costs far more than a page: exports are for signed-in callers, as the directory's.
    if (format && caller.value().id == 0) {
      return WriteProblem(response, Status::Unauthenticated("Connectez-vous pour exporter les comptes rendus."));
    }
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    if (format) query.page = {1, static_cast<int64_t>(kMaxExportRows)};
    auto page = interactions_.List(caller.value(), query);
    if (!page.ok()) return WriteProblem(response, page.status());
    if (format) return WriteExport(response, InteractionsTable(page.value().items), *format);
    response.SetHeader("Cache-Control", "no-store");
    WritePage(response, page.value(), [&](const InteractionView& view) { return ToJson(view, caller.value()); });
  }

  void Create(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto body = ReadJsonBody(request, kFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    InteractionDraft draft = ReadDraft(body.value());
    if (ValidationErrors& errors = body.value().errors(); !errors.empty()) {
      ValidationErrors rules;  // what else is wrong, said in the same answer
      ValidateInteractionDraft(draft, nullptr, rules);
      errors.AddOthers(rules);
      return WriteProblem(response, errors.ToStatus());
    }
    auto created = interactions_.Create(caller.value().account, draft);
    if (!created.ok()) return WriteProblem(response, created.status());
    response.status = 201;
    response.SetHeader("Location", "/api/v1/interactions/" + std::to_string(created.value().interaction.id));
    WriteJson(response, ToJson(created.value(), caller.value().account));
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    QueryInput input(request, {});
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto found = interactions_.Find(caller.value(), id.value());
    if (!found.ok()) return WriteProblem(response, found.status());
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(found.value(), caller.value()));
  }

  void Change(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, kFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    InteractionDraft draft = ReadDraft(body.value());
    if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
    auto changed = interactions_.Update(caller.value().account, id.value(), draft);
    if (!changed.ok()) return WriteProblem(response, changed.status());
    WriteJson(response, ToJson(changed.value(), caller.value().account));
  }

  void Delete(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    if (Status removed = interactions_.Delete(caller.value().account, id.value()); !removed.ok()) {
      return WriteProblem(response, removed);
    }
    response.status = 204;
  }

  void Relances(const Request& request, Response& response) {
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {});
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    const std::string today = NowIsoUtc().substr(0, 10);
    const rrma::Relances relances =
        interactions_.RelancesOf(caller.value().account, today, MonthsBefore(today, kDormantMonths));
    const auto list = [&](const std::vector<InteractionView>& views) {
      nlohmann::json items = nlohmann::json::array();
      for (const InteractionView& view : views) items.push_back(ToJson(view, caller.value().account));
      return items;
    };
    nlohmann::json dormant = nlohmann::json::array();
    for (const DormantRelation& d : relances.dormant) {
      dormant.push_back({{"network_id", d.network_id},
                         {"organisation", {{"id", d.collectivite.id},
                                           {"name", d.collectivite.name},
                                           {"insee_code", OrNull(d.collectivite.insee_code)},
                                           {"population", OrNull(d.collectivite.population)}}},
                         {"stage", PipelineStageName(d.stage)},
                         {"last_interaction", OrNull(d.last_interaction)}});
    }
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, {{"today", today},
                         {"dormant_since", MonthsBefore(today, kDormantMonths)},
                         {"overdue", list(relances.overdue)},
                         {"upcoming", list(relances.upcoming)},
                         {"dormant", std::move(dormant)}});
  }

 private:
  AccountRepository accounts_;
  InteractionRepository interactions_;
};

}  // namespace

void RegisterInteractions(Router& router, ApiServices& services) {
  auto handler = std::make_shared<InteractionsHandler>(services);
  router.Add("GET", "/api/v1/interactions", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("POST", "/api/v1/interactions", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Create(request, response);
  });
  router.Add("GET", "/api/v1/interactions/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Show(request, response, params);
  });
  router.Add("PATCH", "/api/v1/interactions/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Change(request, response, params);
             });
  router.Add("DELETE", "/api/v1/interactions/{id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Delete(request, response, params);
             });
  router.Add("GET", "/api/v1/me/relances", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Relances(request, response);
  });
}

}  // namespace rrma::http
