#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <regex>
#include <thread>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/database_options.h"
#include "cli/reference_import_run.h"
#include "domain/sign_in.h"
#include "http/api.h"
#include "http/server.h"
#include "storage/reference_import.h"

namespace rrma::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  size_t threads = 64;
  size_t pool = 16;
  std::string trusted_proxy;
  int64_t session_idle = SessionLifetime::kIdle.count();
  int64_t session_max = SessionLifetime::kAbsolute.count();
};

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
  http::RegisterApi(router, services);
  http::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.threads = options.threads;
  server_options.web_root = globals.home / "web" / "dist";
  http::Server server(router, server_options);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
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
  command->add_option("--threads", options->threads, "Fils de traitement HTTP (une connexion persistante en occupe un)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
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
