// Events (/api/v1/events): storage/events/event_repository.h; the calendar file of one event
// (http/events/event_calendar.h) and its participants as CSV/XLSX. Reading follows the rows'
// visibility; writing is for the network's team.
#include <ctime>

#include "domain/field_rules.h"
#include "domain/pipeline/interaction.h"
#include "http/authentication.h"
#include "http/events/event_calendar.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "http/table_export.h"
#include "storage/account_repository.h"
#include "storage/events/event_repository.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const std::initializer_list<std::string_view> kFields = {
    "network_id", "visibility", "kind", "title", "theme", "description", "starts_at", "ends_at",
    "place", "departement", "organisations", "persons"};

// The list `name` of {id, role?, attendance?} objects (role for organisations only): absent or
// null is nothing; a list longer than kMaxEventParties is refused whole; each bad item is named
// ("organisations[2].attendance").
template <typename Party>
std::optional<std::vector<Party>> ReadParties(JsonBodyInput& input, const char* name, bool with_role) {
  const nlohmann::json* list = input.Array(name);
  if (list == nullptr) return std::nullopt;
  if (list->size() > kMaxEventParties) {
    input.errors().Add(name, "Au plus " + std::to_string(kMaxEventParties) + " par événement.");
    return std::nullopt;
  }
  std::vector<Party> parties;
  bool sound = true;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
    const nlohmann::json& item = (*list)[i];
    if (!item.is_object()) {
      input.errors().Add(at, "Chaque élément est un objet {id, " + std::string(with_role ? "role, " : "") + "attendance}.");
      sound = false;
      continue;
    }
    Party party;
    for (auto entry = item.begin(); entry != item.end(); ++entry) {
      const std::string& key = entry.key();
      const nlohmann::json& value = entry.value();
      if (key == "id") {
        if (value.is_number_integer() && !(value.is_number_unsigned() && value.get<uint64_t>() > uint64_t{INT64_MAX})) {
          party.id = value.get<int64_t>();
        } else {
          input.errors().Add(at + ".id", "L'identifiant est un nombre entier.");
          sound = false;
        }
      } else if (key == "attendance" || (with_role && key == "role")) {
        if (!value.is_string()) {
          input.errors().Add(at + "." + key, "Le champ « " + key + " » doit être une chaîne de caractères.");
          sound = false;
          continue;
        }
        if (key == "attendance") party.attendance = value.get<std::string>();
        if constexpr (requires { party.role; }) {
          if (key == "role") party.role = value.get<std::string>();
        }
      } else {
        input.errors().Add(at + "." + key, "Champ inconnu : « " + key + " ».");
        sound = false;
      }
    }
    if (!item.contains("id")) {
      input.errors().Add(at + ".id", "L'identifiant est obligatoire.");
      sound = false;
    }
    parties.push_back(std::move(party));
  }
  if (!sound) return std::nullopt;
  return parties;
}

EventDraft ReadDraft(JsonBodyInput& input) {
  // A required field sent null or empty is kept empty, so that the rules name it (a change never
  // clears it in silence).
  const auto required = [&input](const char* name) -> std::optional<std::string> {
    auto value = input.NullableText(name);
    if (!value) return std::nullopt;
    return value->value_or("");
  };
  EventDraft draft;
  draft.network_id = input.Integer("network_id");
  draft.visibility = required("visibility");
  draft.kind = required("kind");
  draft.title = required("title");
  if (auto theme = input.ClearableText("theme")) draft.theme = theme->value_or("");
  if (auto description = input.ClearableText("description")) draft.description = description->value_or("");
  draft.starts_at = required("starts_at");
  draft.ends_at = required("ends_at");
  if (auto place = input.ClearableText("place")) draft.place = place->value_or("");
  draft.departement = input.ClearableText("departement");
  draft.organisations = ReadParties<EventOrganisation>(input, "organisations", true);
  draft.persons = ReadParties<EventPerson>(input, "persons", false);
  return draft;
}

nlohmann::json ToJson(const EventView& view, const Account& caller) {
  const Event& e = view.event;
  nlohmann::json organisations = nlohmann::json::array();
  for (const EventPartyView& o : view.organisations) {
    organisations.push_back({{"id", o.id},
                             {"name", o.name},
                             {"role", o.role},
                             {"role_label", EventRoleLabel(o.role)},
                             {"attendance", o.attendance},
                             {"attendance_label", AttendanceLabel(o.attendance)}});
  }
  nlohmann::json persons = nlohmann::json::array();
  for (const EventPartyView& p : view.persons) {
    persons.push_back(
        {{"id", p.id}, {"name", p.name}, {"attendance", p.attendance}, {"attendance_label", AttendanceLabel(p.attendance)}});
  }
  nlohmann::json interactions = nlohmann::json::array();
  for (const EventInteraction& i : view.interactions) {
    interactions.push_back({{"id", i.id},
                            {"date", i.date},
                            {"type", i.type},
                            {"type_label", InteractionTypeLabel(i.type)},
                            {"subject", i.subject}});
  }
  const bool team = OnATeam(caller);
  return {{"id", e.id},
          {"network", {{"id", e.network_id}, {"name", e.network_name}}},
          {"visibility", VisibilityName(e.visibility)},
          {"kind", e.kind},
          {"kind_label", EventKindLabel(e.kind)},
          {"title", e.title},
          {"theme", e.theme},
          {"description", e.description},
          {"starts_at", e.starts_at},
          {"ends_at", e.ends_at},
          {"place", e.place},
          {"departement", OrNull(e.departement)},
          {"time_zone", EventTimeZone(e.departement)},
          {"organisations", std::move(organisations)},
          {"persons", std::move(persons)},
          {"interactions", std::move(interactions)},
          {"counts",
           {{"organisations", view.counts.organisations},
            {"persons", view.counts.persons},
            {"participants", view.counts.participants},
            {"present", view.counts.present},
            {"interactions", view.counts.interactions}}},
          {"author", view.author && team ? nlohmann::json{{"id", view.author->id}, {"email", view.author->email}}
                                         : nlohmann::json(nullptr)},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at},
          {"permissions", {{"edit", WorksIn(caller, e.network_id)}}}};
}

// « 2026-12-03 14:00 » for a spreadsheet cell.
std::string Spreadsheet(const std::string& local) {
  std::string text = local;
  if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
  return text;
}

ExportTable EventsTable(const std::vector<EventView>& views) {
  ExportTable table{"evenements", "Événements",
                    {"Début", "Fin", "Fuseau", "Type", "Titre", "Thème", "Lieu", "Département", "Organisateurs",
                     "Participants", "Présents", "Réseau"},
                    {}};
  for (const EventView& view : views) {
    const Event& e = view.event;
    // The list names the first organisers; the count says how many more there are.
    std::string organisers;
    int64_t named = 0;
    for (const EventPartyView& o : view.organisations) {
      if (o.role != "organisateur") continue;
      organisers += (organisers.empty() ? "" : ", ") + o.name;
      ++named;
    }
    const EventCounts& c = view.counts;
    const int64_t all_organisers = c.organisations - (c.participants - c.persons);
    if (all_organisers > named) organisers += " et " + std::to_string(all_organisers - named) + " autres";
    table.rows.push_back({Spreadsheet(e.starts_at), Spreadsheet(e.ends_at), std::string(EventTimeZone(e.departement)),
                          std::string(EventKindLabel(e.kind)), e.title, e.theme, e.place, e.departement.value_or(""),
                          organisers, std::to_string(c.participants), std::to_string(c.present), e.network_name});
  }
  return table;
}

ExportTable ParticipantsTable(const EventView& view) {
  ExportTable table{"participants-evenement-" + std::to_string(view.event.id), "Participants",
                    {"Type", "Nom", "Rôle", "Présence"}, {}};
  for (const EventPartyView& o : view.organisations) {
    table.rows.push_back({"Organisation", o.name, std::string(EventRoleLabel(o.role)),
                          std::string(AttendanceLabel(o.attendance))});
  }
  for (const EventPartyView& p : view.persons) {
    table.rows.push_back({"Personne", p.name, "Participant", std::string(AttendanceLabel(p.attendance))});
  }
  return table;
}

class EventsHandler {
 public:
  explicit EventsHandler(ApiServices& services) : accounts_(services.database, services.sessions), events_(services.database) {}

  void List(const Request& request, Response& response) {
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network", "organisation", "person", "kind", "from", "to", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    EventQuery query;
    query.network_id = input.Id("network");
    query.organisation_id = input.Id("organisation");
    query.person_id = input.Id("person");
    query.kind = input.Text("kind");
    if (query.kind && !IsEventKind(*query.kind)) input.errors().Add("kind", "Type d'événement inconnu.");
    auto [from, to] = input.DatePeriod();
    query.from = std::move(from);
    query.to = std::move(to);
    query.page = input.ValidatedPage();
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    if (format && caller.value().id == 0) {
      return WriteProblem(response, Status::Unauthenticated("Connectez-vous pour exporter les événements."));
    }
    const std::optional<ExportSlot> slot = format ? ExportSlot::Take() : std::nullopt;
    if (format && !slot) return WriteExportsBusy(response);
    if (format) query.page = {1, static_cast<int64_t>(kMaxExportRows)};
    auto page = events_.List(caller.value(), query);
    if (!page.ok()) return WriteProblem(response, page.status());
    if (format) return WriteExport(response, EventsTable(page.value().items), *format);
    response.SetHeader("Cache-Control", "no-store");
    WritePage(response, page.value(), [&](const EventView& view) { return ToJson(view, caller.value()); });
  }

  void Create(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto body = ReadJsonBody(request, kFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    EventDraft draft = ReadDraft(body.value());
    if (ValidationErrors& errors = body.value().errors(); !errors.empty()) {
      ValidationErrors rules;  // what else is wrong, said in the same answer
      ValidateEventDraft(draft, nullptr, rules);
      errors.AddOthers(rules);
      return WriteProblem(response, errors.ToStatus());
    }
    auto created = events_.Create(caller.value().account, draft);
    if (!created.ok()) return WriteProblem(response, created.status());
    response.status = 201;
    response.SetHeader("Location", "/api/v1/events/" + std::to_string(created.value().event.id));
    WriteJson(response, ToJson(created.value(), caller.value().account));
  }

  // The event caller may read, for the routes of one event that take no query parameters.
  std::optional<EventView> Readable(const Request& request, Response& response, const PathParams& params,
                                    std::initializer_list<std::string_view> query_parameters, Account& caller_out) {
    QueryInput input(request, query_parameters);
    if (!input.errors().empty()) {
      WriteProblem(response, input.errors().ToStatus());
      return std::nullopt;
    }
    auto id = ParseId(params.at(0));
    if (!id.ok()) {
      WriteProblem(response, id.status());
      return std::nullopt;
    }
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) {
      WriteProblem(response, caller.status());
      return std::nullopt;
    }
    auto found = events_.Find(caller.value(), id.value());
    if (!found.ok()) {
      WriteProblem(response, found.status());
      return std::nullopt;
    }
    caller_out = caller.value();
    return std::move(found).value();
  }

  void Show(const Request& request, Response& response, const PathParams& params) {
    Account caller;
    auto found = Readable(request, response, params, {}, caller);
    if (!found) return;
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(*found, caller));
  }

  void Calendar(const Request& request, Response& response, const PathParams& params) {
    Account caller;
    auto found = Readable(request, response, params, {}, caller);
    if (!found) return;
    std::vector<std::string> organisers;
    for (const EventPartyView& o : found->organisations) {
      if (o.role == "organisateur") organisers.push_back(o.name);
    }
    response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"evenement-" + std::to_string(found->event.id) + ".ics\"");
    response.SetHeader("Cache-Control", "no-store");
    response.body = EventToICalendar(found->event, organisers, "rrma", NowIsoUtc().substr(0, 19) + "Z");
  }

  void Participants(const Request& request, Response& response, const PathParams& params) {
    QueryInput input(request, {"format"});
    const auto format = ReadExportFormat(input);
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    if (!format) {
      return WriteProblem(response, Status::Invalid("format", "Précisez le format du fichier : csv ou xlsx."));
    }
    Account caller;
    auto found = Readable(request, response, params, {"format"}, caller);
    if (!found) return;
    if (caller.id == 0) {
      return WriteProblem(response, Status::Unauthenticated("Connectez-vous pour exporter les participants."));
    }
    WriteExport(response, ParticipantsTable(*found), *format);
  }

  void Change(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, kFields);
    if (!body.ok()) return WriteProblem(response, body.status());
    EventDraft draft = ReadDraft(body.value());
    if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
    auto changed = events_.Update(caller.value().account, id.value(), draft);
    if (!changed.ok()) return WriteProblem(response, changed.status());
    WriteJson(response, ToJson(changed.value(), caller.value().account));
  }

  void Delete(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    if (Status removed = events_.Delete(caller.value().account, id.value()); !removed.ok()) {
      return WriteProblem(response, removed);
    }
    response.status = 204;
  }

 private:
  AccountRepository accounts_;
  EventRepository events_;
};

}  // namespace

void RegisterEvents(Router& router, ApiServices& services) {
  auto handler = std::make_shared<EventsHandler>(services);
  router.Add("GET", "/api/v1/events", [handler](const auto& request, auto& response, const PathParams&) {
    handler->List(request, response);
  });
  router.Add("POST", "/api/v1/events", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Create(request, response);
  });
  router.Add("GET", "/api/v1/events/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Show(request, response, params);
  });
  router.Add("PATCH", "/api/v1/events/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Change(request, response, params);
  });
  router.Add("DELETE", "/api/v1/events/{id}", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Delete(request, response, params);
  });
  router.Add("GET", "/api/v1/events/{id}/ical", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Calendar(request, response, params);
  });
  router.Add("GET", "/api/v1/events/{id}/participants",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Participants(request, response, params);
             });
}

}  // namespace rrma::http
