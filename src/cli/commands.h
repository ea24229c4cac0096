// The subcommands of the rrma binary. Each Add* function declares its options on the CLI11 app
// and the action run when it is chosen; the action returns the process exit code.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace rrma::cli {

struct Globals {
  std::string db = "sqlite:var/rrma.db";
  std::filesystem::path home;  // repository root: node_modules/, reference/, web/dist/
};

using Action = std::function<int()>;

void AddServe(CLI::App& app, Globals& globals, Action& action);
void AddMigrate(CLI::App& app, Globals& globals, Action& action);
void AddImportReference(CLI::App& app, Globals& globals, Action& action);
void AddAccountCommands(CLI::App& app, Globals& globals, Action& action);
void AddImport(CLI::App& app, Globals& globals, Action& action);

// The home folder: --home, else $RRMA_HOME, else the parent of the folder holding the binary
// (build/rrma -> the repository root).
std::filesystem::path ResolveHome(const std::filesystem::path& option);

}  // namespace rrma::cli
