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
#include "http/pipeline/file_type.h"
#include "storage/pipeline/attachment_repository.h"
#include "storage/pipeline/interaction_repository.h"
#include "storage/timestamps.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const std::initializer_list<std::string_view> kFields = {
    "network_id", "visibility", "date", "type", "subject", "notes", "organisation_ids", "person_ids", "next_action",
    "next_action_done", "event_id"};
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
  if (input.Has("event_id")) {
    auto event = input.Integer("event_id");
    if (event || input.errors().empty()) draft.event_id = event;
  }
  return draft;
}

nlohmann::json ToJson(const AccountRef& account) { return {{"id", account.id}, {"email", account.email}}; }

nlohmann::json ToJson(const std::vector<PartyRef>& parties) {
  nlohmann::json list = nlohmann::json::array();
  for (const PartyRef& party : parties) list.push_back({{"id", party.id}, {"name", party.name}});
  return list;
}

nlohmann::json ToJson(const Attachment& attachment) {
  return {{"id", attachment.id},
          {"name", attachment.name},
          {"media_type", attachment.media_type},
          {"type_label", AttachmentTypeLabel(attachment.media_type)},
          {"size", attachment.size},
          {"created_at", attachment.created_at}};
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
  nlohmann::json attachments = nlohmann::json::array();
  for (const Attachment& attachment : view.attachments) attachments.push_back(ToJson(attachment));
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
          {"event", view.event ? nlohmann::json{{"id", view.event->id},
                                                {"title", view.event->title},
                                                {"starts_at", view.event->starts_at}}
                               : nlohmann::json(nullptr)},
          {"attachments", std::move(attachments)},
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

// attachment; filename="…" (ASCII, other characters as _) and filename*=UTF-8''… (RFC 6266).
std::string AttachmentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    if ((c & 0xC0) != 0x80) ascii += plain || c == ' ' ? static_cast<char>(c) : '_';  // one _ per character
    if (plain) encoded += static_cast<char>(c);
    else encoded += std::string{'%', kHex[c >> 4], kHex[c & 15]};
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

class InteractionsHandler {
 public:
  explicit InteractionsHandler(ApiServices& services)
      : accounts_(services.database, services.sessions),
        interactions_(services.database),
        attachments_(services.database, services.data_dir / "attachments") {}

  void List(const Request& request, Response& response) {
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request,
                     {"network", "organisation", "person", "event", "type", "from", "to", "page", "per_page", "format"});
    const auto format = ReadExportFormat(input);
    InteractionQuery query;
    query.network_id = input.Id("network");
    query.organisation_id = input.Id("organisation");
    query.person_id = input.Id("person");
    query.event_id = input.Id("event");
    query.type = input.Text("type");
    if (query.type && !IsInteractionType(*query.type)) input.errors().Add("type", "Type d'accompagnement inconnu.");
    auto [from, to] = input.DatePeriod();
    query.from = std::move(from);
    query.to = std::move(to);
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
    // Its files go with it, once its rows (and their attachments') are gone.
    auto found = interactions_.Find(caller.value().account, id.value());
    if (Status removed = interactions_.Delete(caller.value().account, id.value()); !removed.ok()) {
      return WriteProblem(response, removed);
    }
    std::vector<int64_t> files;
    if (found.ok()) {
      for (const Attachment& attachment : found.value().attachments) files.push_back(attachment.id);
    }
    attachments_.RemoveFiles(files);
    response.status = 204;
  }

  // Whether the sender of a large file may send it at all, from its headers: signed in, with the
  // right to write. Checked before its body is read, so that anonymous senders hold nothing.
  bool AdmitsAttachment(const Request& request, Response& response) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (caller.ok()) return true;
    WriteProblem(response, caller.status());
    return false;
  }

  // The raw file as the body, its name in ?name=; its type from its bytes.
  void AddAttachment(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    QueryInput input(request, {"name"});
    const std::optional<std::string> name = input.Text("name");
    if (!name && input.errors().empty()) input.errors().Add("name", "Le nom du fichier est obligatoire (?name=…).");
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto added = attachments_.Add(caller.value().account, id.value(), *name, DetectMediaType(request.body), request.body);
    if (!added.ok()) return WriteProblem(response, added.status());
    response.status = 201;
    response.SetHeader("Location", "/api/v1/interactions/" + std::to_string(id.value()) + "/attachments/" +
                                       std::to_string(added.value().id));
    WriteJson(response, ToJson(added.value()));
  }

  void ReadAttachment(const Request& request, Response& response, const PathParams& params) {
    QueryInput input(request, {});
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto attachment = ParseId(params.at(1));
    if (!attachment.ok()) return WriteProblem(response, attachment.status());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto file = attachments_.Read(caller.value(), id.value(), attachment.value());
    if (!file.ok()) return WriteProblem(response, file.status());
    // Always a download, never shown in the page: the type is the detected one, and the browser
    // may not guess another (X-Content-Type-Options: nosniff is on every answer).
    response.SetHeader("Content-Type", file.value().attachment.media_type);
    response.SetHeader("Content-Disposition", AttachmentDisposition(file.value().attachment.name));
    response.SetHeader("Cache-Control", "private, no-store");
    response.body = std::move(file.value().bytes);
  }

  void RemoveAttachment(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto attachment = ParseId(params.at(1));
    if (!attachment.ok()) return WriteProblem(response, attachment.status());
    if (Status removed = attachments_.Remove(caller.value().account, id.value(), attachment.value()); !removed.ok()) {
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
  AttachmentRepository attachments_;
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
  router.Add("POST", "/api/v1/interactions/{id}/attachments",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->AddAttachment(request, response, params);
             });
  router.SetBodyLimit("POST", "/api/v1/interactions/{id}/attachments", kMaxAttachmentBytes,
                      [handler](const auto& request, auto& response, const PathParams&) {
                        return handler->AdmitsAttachment(request, response);
                      });
  router.Add("GET", "/api/v1/interactions/{id}/attachments/{attachment_id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->ReadAttachment(request, response, params);
             });
  router.Add("DELETE", "/api/v1/interactions/{id}/attachments/{attachment_id}",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->RemoveAttachment(request, response, params);
             });
  router.Add("GET", "/api/v1/me/relances", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Relances(request, response);
  });
}

}  // namespace rrma::http
