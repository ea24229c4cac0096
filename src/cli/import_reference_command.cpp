#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/database_options.h"
#include "cli/reference_import_run.h"
#include "reference/reference_loader.h"
#include "storage/reference_import.h"

namespace rrma::cli {
namespace {

// Draws "kind [#####     ] 42 %" on standard error, rewriting the same line.
void DrawProgress(std::string_view kind, size_t done, size_t total) {
  constexpr int kWidth = 30;
  int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  int filled = percent * kWidth / 100;
  std::fprintf(stderr, "\r%-16.*s [%s%s] %3d %%", static_cast<int>(kind.size()), kind.data(),
               std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(), percent);
  if (done >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace

Result<ImportReport> RunReferenceImport(Database& database, const std::filesystem::path& home, bool show_progress) {
  auto data = LoadReferenceData(ReferencePaths::UnderHome(home));
  if (!data.ok()) return data.status();
  ImportProgress progress;
  if (show_progress) progress = DrawProgress;
  return ImportReference(database, data.value(), progress);
}

std::string FormatReport(const ImportReport& report) {
  std::string text;
  for (const KindReport& kind : report.kinds) {
    text += fmt::format("{:<28} {:>6} ajoutés  {:>6} modifiés  {:>6} inchangés", kind.kind, kind.added, kind.updated,
                        kind.unchanged);
    if (kind.closed > 0) text += fmt::format("  {:>6} clos", kind.closed);
    if (kind.not_in_source > 0) text += fmt::format("  {:>6} absents de la source (conservés)", kind.not_in_source);
    text += "\n";
  }
  text += report.changed() ? "Données de référence mises à jour.\n"
                           : "Données de référence déjà à jour : rien n'a changé.\n";
  return text;
}

void AddImportReference(CLI::App& app, Globals& globals, Action& action) {
  CLI::App* command = app.add_subcommand(
      "import-reference",
      "Charge ou met à jour les données de référence (COG 2026, pays, ODD, réseaux) ; idempotent.");
  command->add_option("--db", globals.db, "Base : sqlite:CHEMIN ou postgresql://utilisateur@hôte:port/base")
      ->capture_default_str();
  command->callback([&globals, &action] {
    action = [&globals] {
      auto database = OpenAndMigrate(globals.db, 1);
      if (!database) return 1;
      auto started = std::chrono::steady_clock::now();
      auto report = RunReferenceImport(*database, globals.home, isatty(STDERR_FILENO) == 1);
      if (!report.ok()) {
        std::cerr << "rrma: " << report.status().detail() << "\n";
        return 1;
      }
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << FormatReport(report.value()) << fmt::format("Durée : {:.2f} s\n", seconds);
      return 0;
    };
  });
}

}  // namespace rrma::cli
