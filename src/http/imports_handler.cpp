// Imports by upload (/api/v1/imports/organisations|relationships): the CSV as the request body
// (text/csv, within the server's body limit — larger files go through `rrma import`), the
// options and the column mapping in the query string; the answer reports every rejected line and
// returns them as a CSV. The mapping a network used is kept for its next upload
// (/api/v1/imports/mappings). For the network's team and national admins.
#include <algorithm>
#include <ctime>

#include "domain/access.h"
#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "import/import_run.h"
#include "storage/account_repository.h"
#include "storage/import_mapping_repository.h"
#include "storage/reference_repository.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

constexpr size_t kMaxMappingBytes = 4096;
// Lines per upload: the import's transaction holds SQLite's write lock while it runs.
constexpr size_t kMaxUploadRows = 5000;

std::string MediaType(const Request& request) {
  std::string type = request.HeaderValue("Content-Type");
  type = type.substr(0, type.find(';'));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// "true" or "false" (absent: false); records an error naming the parameter otherwise.
bool Flag(QueryInput& input, const char* name) {
  auto text = input.Text(name);
  if (!text || *text == "false") return false;
  if (*text == "true") return true;
  input.errors().Add(name, std::string("Le paramètre « ") + name + " » vaut true ou false.");
  return false;
}

// The mapping parameter: a JSON object of the importer's fields to the file's headers.
ColumnMapping ReadMapping(QueryInput& input, const std::vector<std::string>& fields) {
  ColumnMapping mapping;
  auto text = input.Text("mapping");
  if (!text) return mapping;
  const auto refuse = [&](const std::string& message) {
    input.errors().Add("mapping", message);
    return ColumnMapping{};
  };
  if (text->size() > kMaxMappingBytes) return refuse("La correspondance des colonnes dépasse 4 Kio.");
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object()) return refuse("La correspondance des colonnes est un objet JSON {champ: en-tête}.");
  for (const auto& [field, header] : json.items()) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) return refuse("Champ inconnu : « " + field + " ».");
    if (!header.is_string() || header.get<std::string>().empty() || header.get<std::string>().size() > 200) {
      return refuse("L'en-tête choisi pour « " + field + " » doit être un texte de 1 à 200 caractères.");
    }
    mapping[field] = header.get<std::string>();
  }
  return mapping;
}

nlohmann::json ToJson(const DirectoryImportReport& report) {
  nlohmann::json problems = nlohmann::json::array();
  for (const ImportProblem& p : report.problems) {
    problems.push_back({{"line", p.line}, {"column", p.field}, {"message", p.message}});
  }
  nlohmann::json repeated = nlohmann::json::array();
  for (const ImportProblem& p : report.repeated) repeated.push_back({{"line", p.line}, {"message", p.message}});
  return {{"rows", report.rows},
          {"created", report.created},
          {"existing", report.existing},
          {"repeated", std::move(repeated)},
          {"written", report.written},
          {"problems", std::move(problems)},
          {"rejected_csv", report.rejected_csv.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.rejected_csv)}};
}

class ImportsHandler {
 public:
  explicit ImportsHandler(ApiServices& services)
      : database_(services.database), accounts_(services.database, services.sessions) {}

  void Upload(const Request& request, Response& response, ImportKind kind) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    const std::string type = MediaType(request);
    if (type != "text/csv" && type != "application/octet-stream" && type != "text/plain") {
      return WriteProblem(response, Status::Unsupported("Envoyez le fichier CSV tel quel (Content-Type: text/csv)."));
    }
    QueryInput input(request, {"network", "visibility", "dry_run", "partial", "mapping"});
    ImportRequest import;
    import.kind = kind;
    auto network = input.Id("network");
    if (!network && input.errors().empty()) input.errors().Add("network", "Indiquez le réseau (network=ID).");
    import.visibility = input.Text("visibility").value_or("private");
    if (!ParseVisibility(import.visibility)) input.errors().Add("visibility", "Visibilité inconnue : private, network ou public.");
    import.options.dry_run = Flag(input, "dry_run");
    import.options.partial = Flag(input, "partial");
    const auto& fields = kind == ImportKind::kOrganisations ? ActorImportFields() : RelationshipImportFields();
    import.mapping = ReadMapping(input, fields);
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    // The list of networks is public: a network that does not exist is said as such, to anyone.
    if (!ImportMappingRepository(database_).NetworkExists(*network)) {
      return WriteProblem(response, Status::Invalid("network", "Aucun réseau ne porte l'identifiant " +
                                                                   std::to_string(*network) + "."));
    }
    if (!WorksIn(caller.value().account, *network)) {
      return WriteProblem(response, Status::Forbidden("Vous n'agissez pas pour ce réseau : vous ne pouvez pas y importer."));
    }
    import.network_id = *network;
    import.bytes = request.body;
    import.max_rows = kMaxUploadRows;
    auto report = RunImport(database_, caller.value().account, import);
    if (!report.ok()) return WriteProblem(response, report.status());
    if (report.value().written && !import.mapping.empty()) {
      ImportMappingRepository(database_).Save(*network, KindName(kind), nlohmann::json(import.mapping).dump());
    }
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, ToJson(report.value()));
  }

  void Mappings(const Request& request, Response& response) {
    auto caller = Authenticate(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    QueryInput input(request, {"network"});
    auto network = input.Id("network");
    if (!network && input.errors().empty()) input.errors().Add("network", "Indiquez le réseau (network=ID).");
    if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
    if (!WorksIn(caller.value().account, *network)) {
      return WriteProblem(response, Status::Forbidden("Les correspondances de colonnes d'un réseau sont réservées à son équipe."));
    }
    nlohmann::json body = {{"organisations", nlohmann::json::object()}, {"relationships", nlohmann::json::object()}};
    for (const auto& [kind, text] : ImportMappingRepository(database_).Load(*network)) {
      auto json = nlohmann::json::parse(text, nullptr, false);
      if (json.is_object()) body[kind] = std::move(json);
    }
    nlohmann::json fields = {{"organisations", ActorImportFields()}, {"relationships", RelationshipImportFields()}};
    body["fields"] = std::move(fields);
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, body);
  }

 private:
  static std::string KindName(ImportKind kind) {
    return kind == ImportKind::kOrganisations ? "organisations" : "relationships";
  }

  Database& database_;
  AccountRepository accounts_;
};

}  // namespace

void RegisterImports(Router& router, ApiServices& services) {
  auto handler = std::make_shared<ImportsHandler>(services);
  router.Add("POST", "/api/v1/imports/organisations", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Upload(request, response, ImportKind::kOrganisations);
  });
  router.Add("POST", "/api/v1/imports/relationships", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Upload(request, response, ImportKind::kRelationships);
  });
  router.Add("GET", "/api/v1/imports/mappings", [handler](const auto& request, auto& response, const PathParams&) {
    handler->Mappings(request, response);
  });
}

}  // namespace rrma::http
