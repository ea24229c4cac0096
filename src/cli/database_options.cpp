#include "cli/database_options.h"

#include <iostream>

#include <spdlog/spdlog.h>

#include "storage/migrations.h"

namespace rrma::cli {
namespace {

// The URL without its password ("postgresql://user:secret@host" -> "postgresql://user:***@host").
std::string Redacted(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

std::unique_ptr<Database> OpenAndMigrate(const std::string& url, size_t pool_size) {
  auto parsed = DatabaseUrl::Parse(url);
  if (!parsed.ok()) {
    std::cerr << "rrma: --db : " << parsed.status().detail() << "\n";
    return nullptr;
  }
  try {
    auto database = std::make_unique<Database>(parsed.value(), pool_size);
    MigrationReport report = Migrate(*database);
    for (const std::string& name : report.applied) spdlog::info("migration appliquée : {}", name);
    spdlog::info("schéma de la base à la version {} ({})", report.current_version, EngineName(database->engine()));
    return database;
  } catch (const std::exception& error) {
    std::cerr << "rrma: impossible d'ouvrir ou de migrer la base " << Redacted(url) << " : " << error.what() << "\n";
    return nullptr;
  }
}

}  // namespace rrma::cli
