// Duplicates and merges (/api/v1/organisations/{id}/duplicates, …/merge, /api/v1/merges/{id}/undo):
// two records of one organisation made one, reversibly. MergeRepository scopes and journals. Each
// candidate comes with what tells two same-named records apart: commune, identifiers, owning
// network, creation date and the number of relations the caller may read.
#include <ctime>

#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/merge_repository.h"
#include "storage/relationship_repository.h"

namespace rrma::http {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

nlohmann::json ToJson(const MergeRecord& m) {
  return {{"id", m.id},
          {"kept_id", m.kept_id},
          {"merged_id", m.merged_id},
          {"moved_relationships", m.moved_relationships},
          {"removed_relationships", m.removed_relationships},
          {"moved_positions", m.moved_positions},
          {"moved_records", m.moved_records},
          {"undone", m.undone}};
}

class MergesHandler {
 public:
  explicit MergesHandler(ApiServices& services)
      : accounts_(services.database, services.sessions),
        merges_(services.database),
        actors_(services.database),
        relationships_(services.database) {}

  void Duplicates(const Request& request, Response& response, const PathParams& params) {
    QueryInput query(request, {});
    if (!query.errors().empty()) return WriteProblem(response, query.errors().ToStatus());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto caller = CallerOrAnonymous(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto found = merges_.Duplicates(caller.value(), id.value());
    if (!found.ok()) return WriteProblem(response, found.status());
    nlohmann::json items = nlohmann::json::array();
    for (const DuplicateCandidate& c : found.value()) items.push_back(CandidateJson(caller.value(), c));
    response.SetHeader("Cache-Control", "no-store");
    WriteJson(response, {{"items", std::move(items)}});
  }

  void Merge(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    auto body = ReadJsonBody(request, {"merged_id"});
    if (!body.ok()) return WriteProblem(response, body.status());
    auto merged = body.value().Integer("merged_id");
    if (!merged && body.value().errors().empty()) {
      body.value().errors().Add("merged_id", "Indiquez la fiche à fusionner dans celle-ci (merged_id).");
    }
    if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
    auto record = merges_.Merge(caller.value().account, id.value(), *merged);
    if (!record.ok()) return WriteProblem(response, record.status());
    WriteJson(response, ToJson(record.value()));
  }

  void Undo(const Request& request, Response& response, const PathParams& params) {
    auto caller = AuthenticateWrite(request, accounts_, Now());
    if (!caller.ok()) return WriteProblem(response, caller.status());
    auto id = ParseId(params.at(0));
    if (!id.ok()) return WriteProblem(response, id.status());
    if (!request.body.empty()) {  // nothing to say: no body, or an empty JSON object
      auto body = ReadJsonBody(request, {});
      if (!body.ok()) return WriteProblem(response, body.status());
      if (!body.value().errors().empty()) return WriteProblem(response, body.value().errors().ToStatus());
    }
    auto record = merges_.Undo(caller.value().account, id.value());
    if (!record.ok()) return WriteProblem(response, record.status());
    WriteJson(response, ToJson(record.value()));
  }

 private:
  // The candidate with its commune, identifiers, creation date and readable relations; those stay
  // null when the record can no longer be read (changed between the two reads).
  nlohmann::json CandidateJson(const Account& caller, const DuplicateCandidate& c) {
    nlohmann::json item = {{"id", c.id},
                           {"name", c.name},
                           {"kind", c.kind},
                           {"network", c.network_name},
                           {"reason", c.reason},
                           {"commune", nullptr},
                           {"rna", nullptr},
                           {"siren", nullptr},
                           {"created_at", nullptr},
                           {"relationships_total", nullptr}};
    if (auto actor = actors_.Find(caller, c.id); actor.ok()) {
      const Actor& a = actor.value();
      if (a.commune_insee) {
        item["commune"] = {{"insee_code", *a.commune_insee}, {"name", OrNull(a.commune_name)}};
      }
      item["rna"] = OrNull(a.rna);
      item["siren"] = OrNull(a.siren);
      item["created_at"] = a.created_at;
    }
    RelationshipQuery query;
    query.organisation_id = c.id;
    query.page = {1, 1};
    if (auto relations = relationships_.List(caller, query); relations.ok()) {
      item["relationships_total"] = relations.value().total;
    }
    return item;
  }

  AccountRepository accounts_;
  MergeRepository merges_;
  ActorRepository actors_;
  RelationshipRepository relationships_;
};

}  // namespace

void RegisterMerges(Router& router, ApiServices& services) {
  auto handler = std::make_shared<MergesHandler>(services);
  router.Add("GET", "/api/v1/organisations/{id}/duplicates",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Duplicates(request, response, params);
             });
  router.Add("POST", "/api/v1/organisations/{id}/merge",
             [handler](const auto& request, auto& response, const PathParams& params) {
               handler->Merge(request, response, params);
             });
  router.Add("POST", "/api/v1/merges/{id}/undo", [handler](const auto& request, auto& response, const PathParams& params) {
    handler->Undo(request, response, params);
  });
}

}  // namespace rrma::http
