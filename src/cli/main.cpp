// rrma: the platform of the regional multi-actor networks, as one binary with subcommands.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <soci/soci-backend.h>
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

namespace rrma::cli {

std::filesystem::path ResolveHome(const std::filesystem::path& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("RRMA_HOME"); env && *env) return env;
  std::error_code error;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return std::filesystem::current_path();
  return exe.parent_path().parent_path();
}

}  // namespace rrma::cli

int main(int argc, char** argv) {
  using namespace rrma::cli;
  CLI::App app{"rrma — plateforme des réseaux régionaux multi-acteurs (RRMA)"};
  app.set_version_flag("--version", RRMA_VERSION);
  app.require_subcommand(1);
  Globals globals;
  std::filesystem::path home;
  app.add_option("--home", home,
                 "Dossier racine (node_modules/, reference/, web/dist/) ; par défaut $RRMA_HOME ou le parent du "
                 "dossier du binaire");
  Action action;
  AddServe(app, globals, action);
  AddMigrate(app, globals, action);
  AddImportReference(app, globals, action);
  AddAccountCommands(app, globals, action);
  AddImport(app, globals, action);
  CLI11_PARSE(app, argc, argv);
  globals.home = ResolveHome(home);
  // Logs go to standard error: standard output carries what a command prints (a new token…).
  spdlog::set_default_logger(spdlog::stderr_color_mt("rrma"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=warn silences the request log
  if (!action) return 1;
  try {
    return action();
  } catch (const soci::soci_error& error) {
    // Not what(): SOCI appends the bound values (a password hash, a token digest).
    std::cerr << "rrma: erreur de la base de données : " << error.get_error_message() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "rrma: " << error.what() << "\n";
  }
  return 1;
}
