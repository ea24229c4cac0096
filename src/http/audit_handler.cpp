// The audit log (GET /api/v1/audit): a record's history (?record=person:12) or, without a record,
// the entries of the caller's networks. Read-only: no route changes or deletes an entry.
#include <ctime>

#include "http/authentication.h"
#include "http/handlers.h"
#include "http/json_output.h"
#include "http/problem.h"
#include "http/request_input.h"
#include "storage/audit_repository.h"

namespace rrma::http {

void RegisterAudit(Router& router, ApiServices& services) {
  auto accounts = std::make_shared<AccountRepository>(services.database, services.sessions);
  auto audit = std::make_shared<AuditRepository>(services.database);
  router.Add("GET", "/api/v1/audit",
             [accounts, audit](const Request& request, Response& response, const PathParams&) {
               auto caller = Authenticate(request, *accounts, static_cast<int64_t>(std::time(nullptr)));
               if (!caller.ok()) return WriteProblem(response, caller.status());
               QueryInput input(request, {"record", "page", "per_page"});
               AuditQuery query;
               query.page = input.ValidatedPage();
               if (auto record = input.Text("record")) {
                 auto parsed = ParseRecordRef(*record, "record");
                 if (parsed.ok()) query.record = parsed.value();
                 else input.errors().Add("record", parsed.status().field_errors().at(0).message);
               }
               if (!input.errors().empty()) return WriteProblem(response, input.errors().ToStatus());
               auto page = audit->List(caller.value().account, query);
               if (!page.ok()) return WriteProblem(response, page.status());
               response.SetHeader("Cache-Control", "no-store");
               WritePage(response, page.value());
             });
}

}  // namespace rrma::http
