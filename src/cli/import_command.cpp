// `rrma import organisations|relationships FILE --network NAME --as EMAIL`: a network's directory
// from a spreadsheet (CSV, UTF-8, « ; » or « , »). --dry-run checks every line and writes nothing;
// without --partial nothing is written unless every line is valid; with it, the valid lines are
// written and the rejected ones saved as a CSV beside the file to correct and import again.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/database_options.h"
#include "domain/access.h"
#include "import/import_run.h"
#include "storage/account_repository.h"
#include "storage/reference_repository.h"

namespace rrma::cli {
namespace {

// Larger files are refused before being read: 200 000 lines of a directory fit well below.
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;

struct ImportCommandOptions {
  std::string what;  // organisations or relationships
  std::string file;
  std::string network;
  std::string as;
  std::string visibility = "private";
  std::string rejects;
  bool dry_run = false;
  bool partial = false;
};

int Fail(const std::string& message) {
  std::cerr << "rrma: " << message << "\n";
  return 1;
}

std::optional<int64_t> NetworkNamed(Database& database, const std::string& name) {
  PageRequest page;
  page.per_page = PageRequest::kMaxPerPage;
  for (const Network& network : ReferenceRepository(database).ListNetworks(page).items) {
    if (network.name == name) return network.id;
  }
  return std::nullopt;
}

int RunImportCommand(const Globals& globals, const ImportCommandOptions& options) {
  std::error_code error;
  const auto size = std::filesystem::file_size(options.file, error);
  if (error) return Fail("fichier introuvable ou illisible : " + options.file);
  if (size > kMaxFileBytes) return Fail("le fichier dépasse 64 Mio : découpez-le.");
  std::ifstream in(options.file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!ParseVisibility(options.visibility)) return Fail("visibilité inconnue : private, network ou public.");

  auto database = OpenAndMigrate(globals.db, 1);
  if (!database) return 1;
  auto network = NetworkNamed(*database, options.network);
  if (!network) return Fail("aucun réseau ne s'appelle « " + options.network + " ».");
  auto email = NormaliseEmail(options.as);
  if (!email.ok()) return Fail(email.status().detail());
  auto account = AccountRepository(*database).FindByEmail(email.value());
  if (!account.ok()) return Fail("aucun compte n'a l'adresse " + email.value() + ".");
  if (!WorksIn(account.value(), *network)) {
    return Fail(email.value() + " n'agit pas pour « " + options.network + " » : il ne peut pas y importer.");
  }

  ImportRequest request;
  request.kind = options.what == "organisations" ? ImportKind::kOrganisations : ImportKind::kRelationships;
  request.bytes = bytes;
  request.network_id = *network;
  request.visibility = options.visibility;
  request.options = {options.dry_run, options.partial};
  auto report = RunImport(*database, account.value(), request);
  if (!report.ok()) {
    for (const FieldError& field : report.status().field_errors()) std::cerr << "rrma: " << field.message << "\n";
    return 1;
  }
  const DirectoryImportReport& r = report.value();
  std::vector<ImportProblem> said = r.problems;
  said.insert(said.end(), r.repeated.begin(), r.repeated.end());
  std::stable_sort(said.begin(), said.end(), [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  for (const ImportProblem& problem : said) {
    std::cout << "ligne " << problem.line << (problem.field.empty() ? "" : ", " + problem.field) << " : "
              << problem.message << "\n";
  }
  const std::string things = options.what == "organisations" ? "organisations" : "relations";
  std::cout << r.rows << " lignes lues ; " << r.problems.size() << " problème(s) ; " << r.repeated.size()
            << " en double dans le fichier ; " << r.existing << " déjà enregistrée(s) ; " << r.created << " " << things
            << (r.written ? " créée(s).\n" : " à créer.\n");
  if (!r.written) {
    std::cout << (options.dry_run ? "Vérification seule : rien n'a été écrit.\n"
                                  : "Rien n'a été écrit : corrigez les lignes ci-dessus, ou relancez avec --partial.\n");
  }
  if (!r.rejected_csv.empty() && options.partial && !options.dry_run) {
    const std::string path = options.rejects.empty() ? options.file + ".rejets.csv" : options.rejects;
    std::ofstream(path, std::ios::binary) << r.rejected_csv;
    std::cout << "Lignes rejetées : " << path << "\n";
  }
  return r.problems.empty() || (options.partial && r.written) ? 0 : 2;
}

}  // namespace

void AddImport(CLI::App& app, Globals& globals, Action& action) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* command = app.add_subcommand("import", "Importe les organisations ou les relations d'un réseau (CSV).");
  command->add_option("what", options->what, "organisations ou relationships")
      ->required()
      ->check(CLI::IsMember({"organisations", "relationships"}));
  command->add_option("file", options->file, "Fichier CSV (UTF-8, « ; » ou « , »)")->required();
  command->add_option("--network", options->network, "Réseau propriétaire des lignes importées")->required();
  command->add_option("--as", options->as, "Compte de la personne qui importe (équipe du réseau), nommé au journal")
      ->required();
  command->add_option("--visibility", options->visibility, "private, network ou public")->capture_default_str();
  command->add_flag("--dry-run", options->dry_run, "Vérifie chaque ligne sans rien écrire");
  command->add_flag("--partial", options->partial, "Écrit les lignes valides, enregistre les autres dans un CSV");
  command->add_option("--rejects", options->rejects, "Où enregistrer les lignes rejetées (par défaut FICHIER.rejets.csv)");
  command->add_option("--db", globals.db, "Base : sqlite:CHEMIN ou postgresql://utilisateur@hôte:port/base")
      ->capture_default_str();
  command->callback([&globals, &action, options] {
    action = [&globals, options] { return RunImportCommand(globals, *options); };
  });
}

}  // namespace rrma::cli
