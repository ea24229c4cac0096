#include "storage/account_repository.h"

#include "domain/sign_in.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kSelectUserByEmail = "SELECT id FROM app_user WHERE email = :email";
constexpr std::string_view kInsertUser =
    "INSERT INTO app_user (email, password_hash) VALUES (:email, :hash) RETURNING id";
constexpr std::string_view kSelectNetwork = "SELECT id FROM network WHERE name = :name";
constexpr std::string_view kSelectCollectivite =
    "SELECT id FROM organisation WHERE id = :id AND kind = 'collectivite' AND visibility = 'public'";
constexpr std::string_view kInsertRole =
    "INSERT INTO user_role (user_id, role, network_id, organisation_id)"
    " VALUES (:user_id, :role, :network_id, :organisation_id) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectUser = "SELECT email, active, invited, created_at FROM app_user WHERE id = :id";
constexpr std::string_view kSelectRoles =
    "SELECT ur.id, ur.role, ur.network_id, n.name, ur.organisation_id, o.name FROM user_role ur"
    " LEFT JOIN network n ON n.id = ur.network_id LEFT JOIN organisation o ON o.id = ur.organisation_id"
    " WHERE ur.user_id = :id ORDER BY ur.id";
constexpr std::string_view kCountActiveTokens =
    "SELECT COUNT(*) FROM api_token WHERE user_id = :user_id AND name = :name AND revoked_at IS NULL";
constexpr std::string_view kInsertToken =
    "INSERT INTO api_token (user_id, name, digest) VALUES (:user_id, :name, :digest) RETURNING id";
constexpr std::string_view kRevokeToken =
    "UPDATE api_token SET revoked_at = :now WHERE user_id = :user_id AND name = :name AND revoked_at IS NULL";
constexpr std::string_view kSelectCredentials =
    "SELECT id FROM app_user WHERE email = :email AND active = 1 AND invited = 0";
constexpr std::string_view kSelectPasswordHash = "SELECT password_hash FROM app_user WHERE id = :id";
constexpr std::string_view kInsertSession =
    "INSERT INTO user_session (digest, user_id, csrf_token, created_at, last_seen_at)"
    " VALUES (:digest, :user_id, :csrf, :now, :now)";
constexpr std::string_view kSelectSession =
    "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at FROM user_session s"
    " JOIN app_user u ON u.id = s.user_id WHERE s.digest = :digest AND s.ended_at IS NULL AND u.active = 1";
constexpr std::string_view kSeeSession = "UPDATE user_session SET last_seen_at = :now WHERE digest = :digest";
constexpr std::string_view kEndSession =
    "UPDATE user_session SET ended_at = :now WHERE digest = :digest AND ended_at IS NULL";
constexpr std::string_view kUpdatePassword = "UPDATE app_user SET password_hash = :hash WHERE id = :id";
constexpr std::string_view kEndOtherSessions =
    "UPDATE user_session SET ended_at = :now WHERE user_id = :id AND digest <> :keep AND ended_at IS NULL";
// Failed attempts: kind 'sign_in' (account is the email tried) or 'invitation' (account empty).
constexpr std::string_view kInsertFailure =
    "INSERT INTO sign_in_failure (kind, account, address, at) VALUES (:kind, :account, :address, :now) RETURNING id";
constexpr std::string_view kPruneFailures = "DELETE FROM sign_in_failure WHERE at < :since";
constexpr std::string_view kCountAccountFromAddress =
    "SELECT COUNT(*) FROM sign_in_failure WHERE kind = 'sign_in' AND account = :account AND address = :address"
    " AND at >= :since AND id <> :attempt";
constexpr std::string_view kCountFromAddress =
    "SELECT COUNT(*) FROM sign_in_failure WHERE kind = :kind AND address = :address AND at >= :since AND id <> :attempt";
constexpr std::string_view kCountAccountAddresses =
    "SELECT COUNT(DISTINCT address) FROM sign_in_failure WHERE kind = 'sign_in' AND account = :account"
    " AND at >= :since AND id <> :attempt";
constexpr std::string_view kDeleteFailure = "DELETE FROM sign_in_failure WHERE id = :id";
constexpr std::string_view kInsertDevice =
    "INSERT INTO known_device (user_id, digest, created_at) VALUES (:user_id, :digest, :now) ON CONFLICT DO NOTHING";
constexpr std::string_view kForgetOldDevices =
    "DELETE FROM known_device WHERE user_id = :user_id AND id NOT IN"
    " (SELECT id FROM known_device WHERE user_id = :owner ORDER BY created_at DESC, id DESC LIMIT :kept)";
constexpr std::string_view kCountKnownDevice =
    "SELECT COUNT(*) FROM known_device d JOIN app_user u ON u.id = d.user_id WHERE d.digest = :digest"
    " AND u.email = :email";
constexpr std::string_view kDeleteAccountFromAddress =
    "DELETE FROM sign_in_failure WHERE kind = 'sign_in' AND account = :account AND address = :address";

constexpr std::string_view kSelectTokenOwner =
    "SELECT t.user_id FROM api_token t JOIN app_user u ON u.id = t.user_id"
    " WHERE t.digest = :digest AND t.revoked_at IS NULL AND u.active = 1 AND u.invited = 0";

// Statements kept per session for the lookups every authenticated request makes.

struct UserQuery {
  explicit UserQuery(soci::session& session) : statement(session), row(statement.statement()) {
    email = row.Text();
    active = row.Integer();
    invited = row.Integer();
    created_at = row.Text();
  }
  BoundStatement statement;
  RowReader row;
  size_t email, active, invited, created_at;
};

struct RoleQuery {
  explicit RoleQuery(soci::session& session) : statement(session), row(statement.statement()) {
    id = row.Integer();
    role = row.Text();
    network_id = row.Integer();
    network_name = row.Text();
    organisation_id = row.Integer();
    organisation_name = row.Text();
  }
  BoundStatement statement;
  RowReader row;
  size_t id, role, network_id, network_name, organisation_id, organisation_name;
};

// An entry about the user's account, made by the command line (actor_id empty).
AuditEntry CommandLineEntry(int64_t user_id, std::string action, std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, Account{});
  entry.action = std::move(action);
  entry.record_type = "user";
  entry.record_id = user_id;
  entry.changes = std::move(changes);
  return entry;
}

std::optional<int64_t> FindId(Database::Lease& session, std::string_view sql, const std::vector<Binding>& bindings) {
  return RunScalar(session, std::string(sql), bindings);
}


}  // namespace

Result<Account> AccountRepository::CreateUser(const std::string& email, const std::string& password_hash, Role role,
                                              const std::optional<std::string>& network_name,
                                              std::optional<int64_t> organisation_id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (FindId(session, kSelectUserByEmail, {{"email", email}})) {
    return Status::Conflict("Un compte existe déjà pour " + email + ".");
  }
  std::optional<int64_t> network_id;
  if (network_name) {
    network_id = FindId(session, kSelectNetwork, {{"name", *network_name}});
    if (!network_id) return Status::NotFound("Aucun réseau ne s'appelle « " + *network_name + " ».");
  }
  if (organisation_id && !FindId(session, kSelectCollectivite, {{"id", *organisation_id}})) {
    return Status::NotFound("Aucune collectivité ne porte l'identifiant " + std::to_string(*organisation_id) + ".");
  }
  long long user_id = 0;
  std::string bound_email = email, bound_hash = password_hash;
  *session << kInsertUser, soci::use(bound_email, "email"), soci::use(bound_hash, "hash"), soci::into(user_id);
  InsertRole(*session, user_id, RoleRequest{role, network_id, organisation_id});
  std::vector<FieldChange> changes = {{"email", std::nullopt, email},
                                      {"role", std::nullopt, std::string(RoleName(role))}};
  if (network_name) changes.push_back({"network", std::nullopt, *network_name});
  AuditEntry entry = CommandLineEntry(user_id, "create", std::move(changes));
  entry.network_id = network_id;
  AppendAudit(*session, entry);
  transaction.Commit();
  return LoadAccount(session, user_id);
}

Result<Account> AccountRepository::FindByEmail(const std::string& email) {
  auto session = database_.Acquire();
  auto id = FindId(session, kSelectUserByEmail, {{"email", email}});
  if (!id) return Status::NotFound("Aucun compte pour " + email + ".");
  return LoadAccount(session, *id);
}

Result<int64_t> AccountRepository::CreateToken(int64_t user_id, const std::string& name, const std::string& digest) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  long long active = 0;
  long long bound_user = user_id;
  std::string bound_name = name, bound_digest = digest;
  *session << kCountActiveTokens, soci::use(bound_user, "user_id"), soci::use(bound_name, "name"), soci::into(active);
  if (active > 0) return Status::Conflict("Un jeton actif porte déjà le nom « " + name + " ».");
  long long token_id = 0;
  *session << kInsertToken, soci::use(bound_user, "user_id"), soci::use(bound_name, "name"),
      soci::use(bound_digest, "digest"), soci::into(token_id);
  AppendAudit(*session, CommandLineEntry(user_id, "token_create", {{"token", std::nullopt, name}}));
  transaction.Commit();
  return token_id;
}

Status AccountRepository::RevokeToken(int64_t user_id, const std::string& name) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  long long bound_user = user_id;
  std::string bound_name = name, now = NowIsoUtc();
  soci::statement revoke = (session->prepare << kRevokeToken, soci::use(now, "now"), soci::use(bound_user, "user_id"),
                            soci::use(bound_name, "name"));
  revoke.execute(true);
  if (revoke.get_affected_rows() == 0) return Status::NotFound("Aucun jeton actif ne porte le nom « " + name + " ».");
  AppendAudit(*session, CommandLineEntry(user_id, "token_revoke", {{"token", name, std::nullopt}}));
  transaction.Commit();
  return Status::Ok();
}

Result<Account> AccountRepository::FindByTokenDigest(const std::string& digest) {
  auto session = database_.Acquire();
  auto id = FindId(session, kSelectTokenOwner, {{"digest", digest}});
  if (!id) return Status::NotFound("Jeton inconnu ou révoqué.");
  return LoadAccount(session, *id);
}

Result<std::pair<int64_t, std::string>> AccountRepository::FindCredentials(const std::string& email) {
  auto session = database_.Acquire();
  auto id = FindId(session, kSelectCredentials, {{"email", email}});
  if (!id) return Status::NotFound("Aucun compte actif pour cette adresse.");
  std::string hash;
  long long bound_id = *id;
  *session << kSelectPasswordHash, soci::use(bound_id, "id"), soci::into(hash);
  return std::make_pair(*id, hash);
}

void AccountRepository::CreateSession(int64_t user_id, const std::string& digest, const std::string& csrf_token,
                                      int64_t now) {
  auto session = database_.Acquire();
  long long bound_user = user_id, bound_now = now;
  std::string bound_digest = digest, bound_csrf = csrf_token;
  *session << kInsertSession, soci::use(bound_digest, "digest"), soci::use(bound_user, "user_id"),
      soci::use(bound_csrf, "csrf"), soci::use(bound_now, "now");
}

Result<std::pair<Account, std::string>> AccountRepository::TouchSession(const std::string& digest, int64_t now) {
  auto session = database_.Acquire();
  long long user_id = 0, created = 0, seen = 0;
  std::string csrf;
  std::string bound_digest = digest;
  bool found = false;
  {
    soci::statement select = (session->prepare << kSelectSession, soci::use(bound_digest, "digest"),
                              soci::into(user_id), soci::into(csrf), soci::into(created), soci::into(seen));
    select.execute(false);
    while (select.fetch()) found = true;
  }
  if (!found) return Status::NotFound("Session inconnue ou terminée.");
  long long bound_now = now;
  if (now - seen > sessions_.idle.count() || now - created > sessions_.absolute.count()) {
    *session << kEndSession, soci::use(bound_now, "now"), soci::use(bound_digest, "digest");
    return Status::NotFound("Session expirée.");
  }
  if (now - seen >= sessions_.seen_resolution().count()) {
    *session << kSeeSession, soci::use(bound_now, "now"), soci::use(bound_digest, "digest");
  }
  auto account = LoadAccount(session, user_id);
  if (!account.ok()) return account.status();
  return std::make_pair(std::move(account).value(), csrf);
}

void AccountRepository::EndSession(const std::string& digest, int64_t now) {
  auto session = database_.Acquire();
  long long bound_now = now;
  std::string bound_digest = digest;
  *session << kEndSession, soci::use(bound_now, "now"), soci::use(bound_digest, "digest");
}

void AccountRepository::ChangePassword(int64_t user_id, const std::string& password_hash,
                                       const std::string& keep_digest, int64_t now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  long long bound_id = user_id, bound_now = now;
  std::string bound_hash = password_hash, bound_keep = keep_digest;
  *session << kUpdatePassword, soci::use(bound_hash, "hash"), soci::use(bound_id, "id");
  *session << kEndOtherSessions, soci::use(bound_now, "now"), soci::use(bound_id, "id"), soci::use(bound_keep, "keep");
  AuditEntry entry;
  entry.actor_id = user_id;
  entry.actor_email = LoadAccount(session, user_id).value().email;
  entry.action = "password_change";
  entry.record_type = "user";
  entry.record_id = user_id;
  AppendAudit(*session, entry);
  transaction.Commit();
}

namespace {

// Drops the failures older than since, then records one; returns its id.
int64_t InsertFailure(Database::Lease& session, const std::string& kind, const std::string& account,
                      const std::string& address, int64_t now, int64_t since) {
  long long bound_now = now, bound_since = since, id = 0;
  std::string bound_kind = kind, bound_account = account, bound_address = address;
  *session << kPruneFailures, soci::use(bound_since, "since");
  *session << kInsertFailure, soci::use(bound_kind, "kind"), soci::use(bound_account, "account"),
      soci::use(bound_address, "address"), soci::use(bound_now, "now"), soci::into(id);
  return id;
}

}  // namespace

int64_t AccountRepository::RecordSignInAttempt(const std::string& email, const std::string& address, int64_t now,
                                               int64_t since) {
  auto session = database_.Acquire();
  return InsertFailure(session, "sign_in", email, address, now, since);
}

SignInFailures AccountRepository::CountSignInFailures(const std::string& email, const std::string& address,
                                                      int64_t since, int64_t except) {
  auto session = database_.Acquire();
  const auto count = [&](std::string_view sql, std::vector<Binding> bindings) {
    bindings.push_back({"since", since});
    bindings.push_back({"attempt", except});
    return RunScalar(session, std::string(sql), bindings).value_or(0);
  };
  SignInFailures failures;
  failures.account_from_address = count(kCountAccountFromAddress, {{"account", email}, {"address", address}});
  failures.from_address = count(kCountFromAddress, {{"kind", std::string("sign_in")}, {"address", address}});
  failures.account_addresses = count(kCountAccountAddresses, {{"account", email}});
  return failures;
}

void AccountRepository::RememberDevice(int64_t user_id, const std::string& digest, int64_t now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  long long bound_user = user_id, bound_owner = user_id, bound_now = now, kept = kKnownDevicesKept;
  std::string bound_digest = digest;
  *session << kInsertDevice, soci::use(bound_user, "user_id"), soci::use(bound_digest, "digest"),
      soci::use(bound_now, "now");
  *session << kForgetOldDevices, soci::use(bound_user, "user_id"), soci::use(bound_owner, "owner"),
      soci::use(kept, "kept");
  transaction.Commit();
}

bool AccountRepository::IsKnownDevice(const std::string& email, const std::string& digest) {
  auto session = database_.Acquire();
  return RunScalar(session, std::string(kCountKnownDevice), {{"digest", digest}, {"email", email}}).value_or(0) > 0;
}

void AccountRepository::ForgetFailure(int64_t failure_id) {
  auto session = database_.Acquire();
  long long id = failure_id;
  *session << kDeleteFailure, soci::use(id, "id");
}

void AccountRepository::ClearSignInFailures(const std::string& email, const std::string& address) {
  auto session = database_.Acquire();
  std::string bound_account = email, bound_address = address;
  *session << kDeleteAccountFromAddress, soci::use(bound_account, "account"), soci::use(bound_address, "address");
}

int64_t AccountRepository::RecordInvitationAttempt(const std::string& address, int64_t now, int64_t since) {
  auto session = database_.Acquire();
  return InsertFailure(session, "invitation", "", address, now, since);
}

int64_t AccountRepository::CountInvitationFailures(const std::string& address, int64_t since, int64_t except) {
  auto session = database_.Acquire();
  return RunScalar(session, std::string(kCountFromAddress),
                   {{"kind", std::string("invitation")}, {"address", address}, {"since", since}, {"attempt", except}})
      .value_or(0);
}

Result<Account> AccountRepository::FindById(int64_t user_id) {
  auto session = database_.Acquire();
  return LoadAccount(session, user_id);
}

Result<Account> LoadAccount(Database::Lease& session, int64_t user_id) {
  Account account;
  account.id = user_id;
  bool found = false;
  {
    static const std::string kSql(kSelectUser);
    auto& query = session.Cached<UserQuery>(kSql);
    query.statement.Use("id", user_id);
    query.statement.Execute(kSql);
    while (query.statement.Fetch()) {
      found = true;
      account.email = query.row.TextOr(query.email);
      account.active = query.row.IntegerOr(query.active) != 0;
      account.created_at = query.row.TextOr(query.created_at);
      account.status = !account.active                          ? AccountStatus::kDeactivated
                       : query.row.IntegerOr(query.invited) != 0 ? AccountStatus::kInvited
                                                                 : AccountStatus::kActive;
    }
  }
  if (!found) return Status::NotFound("Aucun compte ne porte l'identifiant " + std::to_string(user_id) + ".");
  static const std::string kSql(kSelectRoles);
  auto& query = session.Cached<RoleQuery>(kSql);
  query.statement.Use("id", user_id);
  query.statement.Execute(kSql);
  while (query.statement.Fetch()) {
    RoleGrant grant;
    grant.id = query.row.IntegerOr(query.id);
    grant.role = ParseRole(query.row.TextOr(query.role)).value_or(Role::kMember);
    grant.network_id = query.row.OptionalInteger(query.network_id);
    grant.network_name = query.row.TextOr(query.network_name);
    grant.organisation_id = query.row.OptionalInteger(query.organisation_id);
    grant.organisation_name = query.row.TextOr(query.organisation_name);
    account.roles.push_back(std::move(grant));
  }
  return account;
}

bool InsertRole(soci::session& session, int64_t user_id, const RoleRequest& grant) {
  BoundStatement insert(session);
  insert.Use("user_id", user_id);
  insert.Use("role", std::string(RoleName(grant.role)));
  insert.UseOptional("network_id", grant.network_id);
  insert.UseOptional("organisation_id", grant.organisation_id);
  return RunChange(insert, std::string(kInsertRole)) == 1;
}

}  // namespace rrma
