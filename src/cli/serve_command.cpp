#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <regex>
#include <thread>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/database_options.h"
#include "cli/reference_import_run.h"
#include "cli/request_log.h"
#include "domain/sign_in.h"
#include "http/api.h"
#include "http/server.h"
#include "storage/reference_import.h"

namespace rrma::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  http::ServerOptions server;
  int64_t header_timeout_ms = 10'000;
  int64_t body_timeout_ms = 30'000;
  int64_t idle_timeout_ms = 20'000;
  size_t pool = 16;
  std::string trusted_proxy;
  int64_t session_idle = SessionLifetime::kIdle.count();
  int64_t session_max = SessionLifetime::kAbsolute.count();
  std::string data_dir;  // empty: beside the SQLite file, else var/
};

// Where files kept outside the database go (attachments/): --data-dir, else the folder of the
// SQLite file, else var/ under the current folder (PostgreSQL).
std::filesystem::path DataDir(const std::string& chosen, const std::string& db) {
  if (!chosen.empty()) return chosen;
  if (db.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path file = db.substr(7);
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  }
  return "var";
}

// Splits HOST:PORT; false when it is not one.
bool ParseListen(const std::string& listen, std::string& host, int& port) {
  static const std::regex kPattern(R"(^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+):([0-9]{1,5})$)");
  std::smatch match;
  if (!std::regex_match(listen, match, kPattern)) return false;
  host = match[1].str();
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  port = std::stoi(match[2].str());
  return port > 0 && port < 65536;
}

// Waits in its own thread for SIGINT or SIGTERM (blocked in every other thread), then stops the
// server, so that the stop runs outside signal-handler context. A signal that arrives while the
// server is still starting is not lost: Stop() is repeated until Listen() has returned.
std::thread StartSignalWatcher(http::Server& server, sigset_t signals, const std::atomic<bool>& listen_returned) {
  return std::thread([&server, signals, &listen_returned] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {} reçu : arrêt", received == SIGINT ? "SIGINT" : "SIGTERM");
    while (!listen_returned) {
      server.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
}

int Serve(const Globals& globals, const ServeOptions& options) {
  std::string host;
  int port = 0;
  if (!ParseListen(options.listen, host, port)) {
    std::cerr << "rrma: --listen : attendu HÔTE:PORT (par exemple 127.0.0.1:8080), reçu « " << options.listen << " ».\n";
    return 2;
  }
  auto database = OpenAndMigrate(globals.db, options.pool);
  if (!database) return 1;
  if (ReferenceIsEmpty(*database)) {
    spdlog::info("première mise en service : chargement des données de référence");
    auto report = RunReferenceImport(*database, globals.home, false);
    if (!report.ok()) {
      std::cerr << "rrma: " << report.status().detail() << "\n";
      return 1;
    }
    std::cout << FormatReport(report.value()) << std::flush;
  }

  http::Router router;
  http::ApiServices services{*database, RRMA_VERSION, options.trusted_proxy,
                             SessionLifetime{std::chrono::seconds(options.session_idle),
                                             std::chrono::seconds(options.session_max)}};
  services.data_dir = DataDir(options.data_dir, globals.db);
  std::error_code folder_error;
  std::filesystem::create_directories(services.data_dir / "attachments", folder_error);
  if (folder_error) {
    std::cerr << "rrma: impossible de créer le dossier des pièces jointes " << (services.data_dir / "attachments")
              << " : " << folder_error.message() << "\n";
    return 1;
  }
  http::RegisterApi(router, services);
  // Blocked before the server starts its threads, which inherit the mask: only the watcher
  // receives the signals.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  http::Site site(router, globals.home / "web" / "dist");
  http::ServerOptions server_options = options.server;
  // SQLite's work is computed in this process: more workers than cores only add switches between
  // them. PostgreSQL's waits on the network: one worker per pooled connection keeps them busy.
  if (server_options.workers == 0 && database->engine() == Engine::kPostgresql) server_options.workers = options.pool;
  server_options.trusted_proxy = options.trusted_proxy;
  server_options.host = host;
  server_options.port = port;
  server_options.header_timeout = std::chrono::milliseconds(options.header_timeout_ms);
  server_options.body_timeout = std::chrono::milliseconds(options.body_timeout_ms);
  server_options.idle_timeout = std::chrono::milliseconds(options.idle_timeout_ms);
  http::Server server(site, server_options);
  UseBufferedLog();

  std::atomic<bool> listen_returned = false;
  std::thread watcher = StartSignalWatcher(server, signals, listen_returned);

  spdlog::info("rrma {} à l'écoute sur http://{} (base {})", RRMA_VERSION, options.listen,
               EngineName(database->engine()));
  bool listened = server.Listen();
  listen_returned = true;
  if (!listened) {
    std::cerr << "rrma: impossible d'écouter sur " << options.listen << " (adresse occupée ?)\n";
    pthread_kill(watcher.native_handle(), SIGTERM);
  }
  watcher.join();
  spdlog::info("arrêté proprement");
  FlushLog();
  return listened ? 0 : 1;
}

}  // namespace

void AddServe(CLI::App& app, Globals& globals, Action& action) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "Migre la base, charge les données de référence au premier démarrage, sert l'API et l'interface.");
  command->add_option("--db", globals.db, "Base : sqlite:CHEMIN ou postgresql://utilisateur@hôte:port/base")
      ->capture_default_str();
  command->add_option("--listen", options->listen, "Adresse d'écoute HÔTE:PORT")->capture_default_str();
  http::ServerOptions& server = options->server;
  command->add_option("--io-threads", server.io_threads, "Fils d'entrée-sortie HTTP (0 : un par cœur)")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  command->add_option("--workers", server.workers, "Fils qui calculent les réponses (SQL, fichiers ; 0 : deux par cœur sur SQLite, un par connexion --pool sur PostgreSQL)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  command->add_option("--queue", server.queue, "Requêtes en attente d'un fil au-delà desquelles on répond 503")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  command->add_option("--password-workers", server.password_workers,
                      "Fils des routes qui vérifient ou chiffrent un mot de passe (argon2id)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  command->add_option("--password-queue", server.password_queue,
                      "Requêtes en attente d'un de ces fils au-delà desquelles on répond 503")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  command->add_option("--password-per-client", server.password_per_client,
                      "Requêtes de mot de passe d'une même adresse (ou /64 IPv6) en cours au-delà desquelles on répond 429")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  command->add_option("--max-connections", server.max_connections, "Connexions simultanées au plus")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  command->add_option("--max-header-bytes", server.max_header_bytes, "Taille maximale de la ligne de requête et des en-têtes, en octets (431)")
      ->capture_default_str()
      ->check(CLI::Range(1024, 1 << 20));
  command->add_option("--max-headers", server.max_header_count, "Nombre maximal d'en-têtes d'une requête (431)")
      ->capture_default_str()
      ->check(CLI::Range(8, 1000));
  command->add_option("--max-body-bytes", server.max_body_bytes, "Taille maximale du corps d'une requête, annoncée ou par morceaux (413)")
      ->capture_default_str()
      ->check(CLI::Range(1024, 1 << 30));
  command->add_option("--header-timeout", options->header_timeout_ms, "Millisecondes pour recevoir les en-têtes d'une requête (408)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{100}, int64_t{600'000}));
  command->add_option("--body-timeout", options->body_timeout_ms, "Millisecondes pour recevoir le corps d'une requête (408)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{100}, int64_t{3'600'000}));
  command->add_option("--idle-timeout", options->idle_timeout_ms, "Millisecondes d'inactivité avant de fermer une connexion persistante")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{100}, int64_t{3'600'000}));
  command->add_option("--data-dir", options->data_dir,
                       "Dossier des fichiers gardés hors de la base (pièces jointes) ; par défaut celui du fichier SQLite, sinon var/");
  command->add_option("--pool", options->pool, "Connexions à la base")->capture_default_str()->check(CLI::Range(1, 256));
  command->add_option("--trusted-proxy", options->trusted_proxy,
                      "Adresse du mandataire inverse (nginx…) dont on croit X-Forwarded-For et X-Forwarded-Proto")
      ->check(CLI::ValidIPV4 | CLI::Validator([](std::string& value) {
                return value.find(':') != std::string::npos ? std::string() : std::string("adresse IP attendue");
              }, "IP"));
  command->add_option("--session-idle", options->session_idle, "Secondes sans requête avant qu'une session expire")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{7 * 24 * 3600}));
  command->add_option("--session-max", options->session_max, "Durée de vie maximale d'une session, en secondes")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{30 * 24 * 3600}));
  command->callback([&globals, &action, options] {
    action = [&globals, options] { return Serve(globals, *options); };
  });
}

}  // namespace rrma::cli
