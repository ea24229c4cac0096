#include "cli/commands.h"
#include "cli/database_options.h"

namespace rrma::cli {

void AddMigrate(CLI::App& app, Globals& globals, Action& action) {
  CLI::App* command = app.add_subcommand("migrate", "Applique les migrations de schéma en attente.");
  command->add_option("--db", globals.db, "Base : sqlite:CHEMIN ou postgresql://utilisateur@hôte:port/base")
      ->capture_default_str();
  command->callback([&globals, &action] {
    action = [&globals] { return OpenAndMigrate(globals.db, 1) ? 0 : 1; };
  });
}

}  // namespace rrma::cli
