// The API's routes under /api/v1: each handler reads its input strictly, calls a repository or a
// domain rule, and writes JSON or a problem. RegisterApi wires them into a Router; the services
// must outlive it. Handlers are thread-safe (repositories lease their own sessions).
#pragma once

#include <filesystem>
#include <string>

#include "http/router.h"
#include "domain/sign_in.h"
#include "storage/database.h"

namespace rrma::http {

struct ApiServices {
  Database& database;
  std::string version;
  std::string trusted_proxy;  // the reverse proxy whose X-Forwarded-* headers are believed (http/forwarding.h)
  SessionLifetime sessions;
  std::filesystem::path data_dir = "var";  // files kept outside the database (attachments/)
};

void RegisterApi(Router& router, ApiServices& services);

// The OpenAPI 3.1 document of the API, as shipped in the binary.
const std::string& OpenApiDocument();

}  // namespace rrma::http
