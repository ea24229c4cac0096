// `rrma user add`, `rrma token create`, `rrma token revoke`: accounts and API tokens from the
// command line. Passwords are read from standard input, never from an argument.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <variant>

#include "cli/commands.h"
#include "cli/database_options.h"
#include "domain/account.h"
#include "security/secrets.h"
#include "storage/account_repository.h"

namespace rrma::cli {
namespace {

struct AccountOptions {
  std::string email;
  std::string role;
  std::string network;
  int64_t organisation = 0;  // a member's collectivité, by its directory id
  std::string token_name = "api";
};

// One line of standard input, without its line ending; on a terminal, asked for without echo.
std::string ReadPassword(const char* prompt) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Fail(const Status& status) {
  std::cerr << "rrma: " << status.detail() << "\n";
  return 1;
}

int AddUser(const Globals& globals, const AccountOptions& options) {
  auto email = NormaliseEmail(options.email);
  if (!email.ok()) return Fail(email.status());
  auto role = ParseRole(options.role);
  if (!role) return Fail(Status::Invalid("role", "Rôle inconnu : admin, network_admin, network_staff ou member."));
  if (Status grant = ValidateRoleGrant(*role, !options.network.empty(), options.organisation > 0); !grant.ok()) return Fail(grant);
  std::string password = ReadPassword("Mot de passe : ");
  if (isatty(STDIN_FILENO) == 1 && ReadPassword("Confirmez le mot de passe : ") != password) {
    return Fail(Status::Invalid("password", "Les deux saisies diffèrent."));
  }
  if (Status valid = ValidateNewPassword(password); !valid.ok()) return Fail(valid);
  auto hash = HashPassword(password);
  if (!hash.ok()) return Fail(hash.status());
  auto database = OpenAndMigrate(globals.db, 1);
  if (!database) return 1;
  std::optional<std::string> network;
  if (!options.network.empty()) network = options.network;
  std::optional<int64_t> organisation;
  if (options.organisation > 0) organisation = options.organisation;
  auto account = AccountRepository(*database).CreateUser(email.value(), hash.value(), *role, network, organisation);
  if (!account.ok()) return Fail(account.status());
  std::cout << "Compte créé : " << account.value().email << " (" << RoleName(*role)
            << (network ? ", " + *network : std::string()) << ")\n";
  return 0;
}

// The database and the account named by --email, or the exit code after saying why not.
struct AccountContext {
  std::unique_ptr<Database> database;
  Account account;
};

std::variant<AccountContext, int> OpenAccount(const Globals& globals, const AccountOptions& options) {
  auto email = NormaliseEmail(options.email);
  if (!email.ok()) return Fail(email.status());
  auto database = OpenAndMigrate(globals.db, 1);
  if (!database) return 1;
  auto account = AccountRepository(*database).FindByEmail(email.value());
  if (!account.ok()) return Fail(account.status());
  return AccountContext{std::move(database), std::move(account).value()};
}

int CreateToken(const Globals& globals, const AccountOptions& options) {
  auto opened = OpenAccount(globals, options);
  if (auto* code = std::get_if<int>(&opened)) return *code;
  auto& [database, account] = std::get<AccountContext>(opened);
  AccountRepository accounts(*database);
  const std::string token = NewApiToken();
  auto created = accounts.CreateToken(account.id, options.token_name, TokenDigest(token));
  if (!created.ok()) return Fail(created.status());
  std::cerr << "Jeton « " << options.token_name << " » créé pour " << account.email
            << ". Conservez-le : il ne sera plus jamais affiché.\n";
  std::cout << token << "\n";
  return 0;
}

int RevokeToken(const Globals& globals, const AccountOptions& options) {
  auto opened = OpenAccount(globals, options);
  if (auto* code = std::get_if<int>(&opened)) return *code;
  auto& [database, account] = std::get<AccountContext>(opened);
  if (Status revoked = AccountRepository(*database).RevokeToken(account.id, options.token_name); !revoked.ok()) {
    return Fail(revoked);
  }
  std::cout << "Jeton « " << options.token_name << " » de " << account.email << " révoqué.\n";
  return 0;
}

void AddDbOption(CLI::App* command, Globals& globals) {
  command->add_option("--db", globals.db, "Base : sqlite:CHEMIN ou postgresql://utilisateur@hôte:port/base")
      ->capture_default_str();
}

}  // namespace

void AddAccountCommands(CLI::App& app, Globals& globals, Action& action) {
  auto options = std::make_shared<AccountOptions>();

  CLI::App* user = app.add_subcommand("user", "Comptes des utilisateurs.");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand(
      "add", "Crée un compte ; le mot de passe (12 caractères au moins) est lu sur l'entrée standard.");
  AddDbOption(add, globals);
  add->add_option("--email", options->email, "Adresse électronique")->required();
  add->add_option("--role", options->role, "admin, network_admin, network_staff ou member")
      ->required()
      ->check(CLI::IsMember({"admin", "network_admin", "network_staff", "member"}));
  add->add_option("--network", options->network, "Réseau où s'exerce le rôle (tous les rôles sauf admin)");
  add->add_option("--organisation", options->organisation,
                  "Identifiant dans l'annuaire de la collectivité d'un membre (rôle member seulement)")
      ->check(CLI::PositiveNumber);
  add->callback([&globals, &action, options] { action = [&globals, options] { return AddUser(globals, *options); }; });

  CLI::App* token = app.add_subcommand("token", "Jetons d'API (Authorization: Bearer).");
  token->require_subcommand(1);
  CLI::App* create = token->add_subcommand("create", "Crée un jeton et l'affiche une seule fois.");
  AddDbOption(create, globals);
  create->add_option("--email", options->email, "Compte propriétaire")->required();
  create->add_option("--name", options->token_name, "Nom du jeton")->capture_default_str();
  create->callback(
      [&globals, &action, options] { action = [&globals, options] { return CreateToken(globals, *options); }; });
  CLI::App* revoke = token->add_subcommand("revoke", "Révoque le jeton actif de ce nom.");
  AddDbOption(revoke, globals);
  revoke->add_option("--email", options->email, "Compte propriétaire")->required();
  revoke->add_option("--name", options->token_name, "Nom du jeton")->capture_default_str();
  revoke->callback(
      [&globals, &action, options] { action = [&globals, options] { return RevokeToken(globals, *options); }; });
}

}  // namespace rrma::cli
