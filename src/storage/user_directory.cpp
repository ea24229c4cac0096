#include "storage/user_directory.h"


#include "domain/access.h"
#include "storage/account_repository.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"

namespace rrma {
namespace {

constexpr std::string_view kSelectIds = "SELECT u.id FROM app_user u";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM app_user u";
// A network_admin's accounts: those holding a role in a network the caller administers.
constexpr std::string_view kManagedByCaller =
    " EXISTS (SELECT 1 FROM user_role ur JOIN user_role mine ON mine.network_id = ur.network_id"
    " WHERE ur.user_id = u.id AND mine.user_id = :caller AND mine.role = 'network_admin')";
constexpr std::string_view kEmailContains = " u.email LIKE :pattern ESCAPE '!'";
constexpr std::string_view kInNetwork =
    " EXISTS (SELECT 1 FROM user_role f WHERE f.user_id = u.id AND f.network_id = :network)";
constexpr std::string_view kByEmail = " ORDER BY u.email LIMIT :limit OFFSET :offset";

constexpr std::string_view kSelectUserByEmail = "SELECT id FROM app_user WHERE email = :email";
// ON CONFLICT: a concurrent invitation of the same address makes this one a Conflict, not an error.
constexpr std::string_view kInsertInvitedUser =
    "INSERT INTO app_user (email, password_hash, invited) VALUES (:email, '', 1) ON CONFLICT DO NOTHING RETURNING id";
constexpr std::string_view kSelectNetwork = "SELECT id FROM network WHERE id = :id";
constexpr std::string_view kSelectCollectivite =
    "SELECT id FROM organisation WHERE id = :id AND kind = 'collectivite' AND visibility = 'public'";
constexpr std::string_view kCountSameRole =
    "SELECT COUNT(*) FROM user_role WHERE user_id = :user_id AND role = :role AND COALESCE(network_id, 0) = :network";
constexpr std::string_view kDeleteRole = "DELETE FROM user_role WHERE id = :id AND user_id = :user_id";
constexpr std::string_view kSetActive = "UPDATE app_user SET active = :active WHERE id = :id";
constexpr std::string_view kEndAllSessions =
    "UPDATE user_session SET ended_at = :now WHERE user_id = :id AND ended_at IS NULL";
constexpr std::string_view kRetireLinks =
    "UPDATE invitation SET used_at = :now WHERE user_id = :id AND used_at IS NULL";
constexpr std::string_view kInsertLink =
    "INSERT INTO invitation (digest, user_id, created_by, network_id, expires_at)"
    " VALUES (:digest, :id, :by, :network, :expires)";
constexpr std::string_view kSelectLinkNetwork =
    "SELECT network_id FROM invitation WHERE digest = :digest AND network_id IS NOT NULL";
constexpr std::string_view kSelectLink =
    "SELECT i.user_id FROM invitation i JOIN app_user u ON u.id = i.user_id"
    " WHERE i.digest = :digest AND i.used_at IS NULL AND i.expires_at > :now AND u.active = 1";
constexpr std::string_view kUseLink = "UPDATE invitation SET used_at = :now WHERE digest = :digest";
constexpr std::string_view kSetPassword = "UPDATE app_user SET password_hash = :hash, invited = 0 WHERE id = :id";
// A reset: the password stops working until the new link is used.
constexpr std::string_view kClearPassword = "UPDATE app_user SET password_hash = '', invited = 1 WHERE id = :id";

std::optional<int64_t> FindId(Database::Lease& session, std::string_view sql, const std::vector<Binding>& bindings) {
  return RunScalar(session, std::string(sql), bindings);
}

// Runs a change statement given its bindings.
int64_t Change(Database::Lease& session, std::string_view sql, const std::vector<Binding>& bindings) {
  BoundStatement statement(*session);
  statement.Use(bindings);
  return RunChange(statement, std::string(sql));
}

AuditEntry EntryAbout(const Account& caller, int64_t user_id, std::string action, std::optional<int64_t> network,
                      std::vector<FieldChange> changes) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.action = std::move(action);
  entry.record_type = "user";
  entry.record_id = user_id;
  entry.network_id = network;
  entry.changes = std::move(changes);
  return entry;
}

constexpr std::string_view kNetworkName = "SELECT name FROM network WHERE id = :id";
constexpr std::string_view kOrganisationName = "SELECT name FROM organisation WHERE id = :id";

std::optional<std::string> NameOf(Database::Lease& session, std::string_view sql, std::optional<int64_t> id) {
  if (!id) return std::nullopt;
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t name = row.Text();
  select.Use("id", *id);
  select.Execute(std::string(sql));
  std::optional<std::string> found;
  while (select.Fetch()) found = row.OptionalText(name);
  return found;
}

// A role as audit fields: its code, and the names of its network and organisation. added tells
// whether the values go after (a grant) or before (a revocation).
std::vector<FieldChange> RoleChanges(Database::Lease& session, const RoleRequest& grant, bool added) {
  std::vector<FieldChange> changes;
  auto put = [&](std::string field, std::optional<std::string> value) {
    if (!value) return;
    changes.push_back(added ? FieldChange{std::move(field), std::nullopt, std::move(value)}
                            : FieldChange{std::move(field), std::move(value), std::nullopt});
  };
  put("role", std::string(RoleName(grant.role)));
  put("network", NameOf(session, kNetworkName, grant.network_id));
  put("organisation", NameOf(session, kOrganisationName, grant.organisation_id));
  return changes;
}

// Ok when grant is well-formed, names existing records and caller may give it.
Status CheckGrant(Database::Lease& session, const Account& caller, const RoleRequest& grant) {
  if (Status shape = ValidateRoleGrant(grant.role, grant.network_id.has_value(), grant.organisation_id.has_value());
      !shape.ok()) {
    const FieldError& error = shape.field_errors().at(0);
    return Status::Invalid(error.field == "network" ? "network_id" : "organisation_id", error.message);
  }
  if (grant.network_id && !FindId(session, kSelectNetwork, {{"id", *grant.network_id}})) {
    return Status::Invalid("network_id", "Aucun réseau ne porte l'identifiant " + std::to_string(*grant.network_id) + ".");
  }
  if (grant.organisation_id && !FindId(session, kSelectCollectivite, {{"id", *grant.organisation_id}})) {
    return Status::Invalid("organisation_id", "Aucune collectivité ne porte l'identifiant " +
                                                  std::to_string(*grant.organisation_id) + ".");
  }
  return MayGrant(caller, grant.role, grant.network_id);
}

Status AddRole(Database::Lease& session, const Account& caller, int64_t user_id, const RoleRequest& grant) {
  const bool held = FindId(session, kCountSameRole,
                           {{"user_id", user_id},
                            {"role", std::string(RoleName(grant.role))},
                            {"network", grant.network_id.value_or(0)}})
                        .value_or(0) > 0;
  if (held) return Status::Conflict("Ce compte a déjà ce rôle dans ce réseau.");
  if (!InsertRole(*session, user_id, grant)) return Status::Conflict("Ce compte a déjà ce rôle dans ce réseau.");
  AppendAudit(*session, EntryAbout(caller, user_id, "role_grant", grant.network_id,
                                   RoleChanges(session, grant, true)));
  return Status::Ok();
}

// The network an entry about target made by caller belongs to: none for a national admin's acts,
// else the first of caller's networks where target holds a role (so that it shows in that
// network's log, and only there).
std::optional<int64_t> SharedNetwork(const Account& caller, const Account& target) {
  if (IsAdmin(caller)) return std::nullopt;
  for (const RoleGrant& grant : VisibleRoles(caller, target)) {
    if (grant.network_id) return grant.network_id;
  }
  return std::nullopt;
}

// The account as caller may see it: roles outside caller's networks removed.
Result<Account> Visible(Database::Lease& session, const Account& caller, int64_t user_id) {
  auto target = LoadAccount(session, user_id);
  if (!target.ok()) return target.status();
  if (Status seen = MaySee(caller, target.value()); !seen.ok()) return seen;
  target.value().roles = VisibleRoles(caller, target.value());
  return target;
}

// A link, remembered with the network of whoever made it, so that its use shows in that network's log.
void InsertLink(Database::Lease& session, const Account& caller, int64_t user_id, std::optional<int64_t> network,
                const std::string& digest, int64_t expires_at) {
  BoundStatement insert(*session);
  insert.Use("digest", digest);
  insert.Use("id", user_id);
  insert.UseOptional("by", caller.id > 0 ? std::optional<int64_t>(caller.id) : std::nullopt);
  insert.UseOptional("network", network);
  insert.Use("expires", expires_at);
  RunChange(insert, std::string(kInsertLink));
}

Status UnusableLink() { return Status::Invalid("code", "Lien inconnu, expiré ou déjà utilisé : demandez-en un nouveau."); }

}  // namespace

Result<Page<Account>> UserDirectory::List(const Account& caller, const UserQuery& query) {
  if (!ManagesUsers(caller)) return Status::Forbidden("La gestion des comptes est réservée aux administrateurs.");
  if (query.network_id && !Administers(caller, *query.network_id)) {
    return Status::Forbidden("Vous n'administrez pas ce réseau : vous ne pouvez pas en lister les comptes.");
  }
  std::vector<std::string> conditions;
  std::vector<Binding> bindings;
  if (!IsAdmin(caller)) {
    conditions.emplace_back(kManagedByCaller);
    bindings.push_back({"caller", caller.id});
  }
  if (query.text) {
    conditions.emplace_back(kEmailContains);
    bindings.push_back({"pattern", LikeContainsPattern(*query.text)});
  }
  if (query.network_id) {
    conditions.emplace_back(kInNetwork);
    bindings.push_back({"network", *query.network_id});
  }
  std::string where;
  for (const std::string& condition : conditions) where += (where.empty() ? " WHERE" : " AND") + condition;
  auto session = database_.Acquire();
  ReadTransaction snapshot(session, database_.engine());
  Page<Account> page;
  page.request = query.page;
  page.total = FindId(session, std::string(kCountUsers) + where, bindings).value_or(0);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  std::vector<int64_t> ids;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    select.Use(bindings);
    select.Execute(std::string(kSelectIds) + where + std::string(kByEmail));
    while (select.Fetch()) ids.push_back(row.IntegerOr(id));
  }
  for (int64_t id : ids) {
    auto account = Visible(session, caller, id);
    if (account.ok()) page.items.push_back(std::move(account).value());
  }
  return page;
}

Result<Account> UserDirectory::Find(const Account& caller, int64_t user_id) {
  auto session = database_.Acquire();
  return Visible(session, caller, user_id);
}

Result<InvitedUser> UserDirectory::Invite(const Account& caller, const std::string& email, const RoleRequest& grant,
                                          const std::string& link_digest, int64_t expires_at) {
  if (!ManagesUsers(caller)) return Status::Forbidden("La gestion des comptes est réservée aux administrateurs.");
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (Status allowed = CheckGrant(session, caller, grant); !allowed.ok()) return allowed;
  InvitedUser invited;
  auto existing = FindId(session, kSelectUserByEmail, {{"email", email}});
  int64_t user_id = existing.value_or(0);
  if (existing) {
    // Only an account the caller already manages is given the role: any other answer would let a
    // network admin read the account of another network through the role they just gave it.
    auto target = LoadAccount(session, user_id);
    if (!target.ok() || !MaySee(caller, target.value()).ok()) {
      return Status::Conflict("Un compte existe déjà pour " + email +
                              " : l'administration nationale peut lui accorder un rôle dans votre réseau.");
    }
    if (Status added = AddRole(session, caller, user_id, grant); !added.ok()) return added;
  } else {
    BoundStatement insert(*session);
    RowReader row(insert.statement());
    const size_t id = row.Integer();
    insert.Use("email", email);
    insert.Execute(std::string(kInsertInvitedUser));
    while (insert.Fetch()) user_id = row.IntegerOr(id);
    if (user_id == 0) return Status::Conflict("Un compte vient d'être créé pour " + email + " : réessayez.");
    InsertRole(*session, user_id, grant);
    InsertLink(session, caller, user_id, grant.network_id, link_digest, expires_at);
    std::vector<FieldChange> changes = {{"email", std::nullopt, email}};
    for (FieldChange& change : RoleChanges(session, grant, true)) changes.push_back(std::move(change));
    AppendAudit(*session, EntryAbout(caller, user_id, "invite", grant.network_id, std::move(changes)));
    invited.created = true;
  }
  auto account = Visible(session, caller, user_id);
  if (!account.ok()) return account.status();
  transaction.Commit();
  invited.account = std::move(account).value();
  return invited;
}

Result<Account> UserDirectory::GrantRole(const Account& caller, int64_t user_id, const RoleRequest& grant) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  if (auto target = Visible(session, caller, user_id); !target.ok()) return target.status();
  if (Status allowed = CheckGrant(session, caller, grant); !allowed.ok()) return allowed;
  if (Status added = AddRole(session, caller, user_id, grant); !added.ok()) return added;
  auto account = Visible(session, caller, user_id);
  transaction.Commit();
  return account;
}

Status UserDirectory::RevokeRole(const Account& caller, int64_t user_id, int64_t role_id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto target = Visible(session, caller, user_id);
  if (!target.ok()) return target.status();
  const RoleGrant* found = nullptr;
  for (const RoleGrant& grant : target.value().roles) {
    if (grant.id == role_id) found = &grant;
  }
  if (!found) return Status::NotFound("Ce compte n'a pas de rôle d'identifiant " + std::to_string(role_id) + ".");
  if (Status allowed = MayGrant(caller, found->role, found->network_id); !allowed.ok()) return allowed;
  if (user_id == caller.id && found->role == Role::kAdmin) {
    return Status::Forbidden("Vous ne pouvez pas vous retirer vous-même le rôle admin.");
  }
  Change(session, kDeleteRole, {{"id", role_id}, {"user_id", user_id}});
  const RoleRequest removed{found->role, found->network_id, found->organisation_id};
  AppendAudit(*session, EntryAbout(caller, user_id, "role_revoke", found->network_id,
                                   RoleChanges(session, removed, false)));
  transaction.Commit();
  return Status::Ok();
}

Result<Account> UserDirectory::SetActive(const Account& caller, int64_t user_id, bool active, int64_t now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto target = LoadAccount(session, user_id);
  if (!target.ok()) return target.status();
  if (Status allowed = MayChangeActivation(caller, target.value()); !allowed.ok()) return allowed;
  if (target.value().active != active) {
    Change(session, kSetActive, {{"active", int64_t{active ? 1 : 0}}, {"id", user_id}});
    if (!active) {
      Change(session, kEndAllSessions, {{"now", now}, {"id", user_id}});
      Change(session, kRetireLinks, {{"now", now}, {"id", user_id}});
    }
    AppendAudit(*session, EntryAbout(caller, user_id, active ? "reactivate" : "deactivate",
                                     SharedNetwork(caller, target.value()),
                                     {{"active", active ? "false" : "true", active ? "true" : "false"}}));
  }
  auto account = Visible(session, caller, user_id);
  transaction.Commit();
  return account;
}

Status UserDirectory::IssueLink(const Account& caller, int64_t user_id, const std::string& link_digest,
                                int64_t expires_at, int64_t now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto target = LoadAccount(session, user_id);
  if (!target.ok()) return target.status();
  if (Status allowed = MayChangeActivation(caller, target.value()); !allowed.ok()) return allowed;
  if (!target.value().active) return Status::Conflict("Ce compte est désactivé : réactivez-le d'abord.");
  Change(session, kRetireLinks, {{"now", now}, {"id", user_id}});
  const std::optional<int64_t> network = SharedNetwork(caller, target.value());
  InsertLink(session, caller, user_id, network, link_digest, expires_at);
  std::vector<FieldChange> changes;
  if (target.value().status == AccountStatus::kActive) {
    // A reset: the old password and sessions stop at once, so that the account's owner notices a
    // link they did not ask for, and whoever holds the link cannot share the account unseen.
    Change(session, kClearPassword, {{"id", user_id}});
    Change(session, kEndAllSessions, {{"now", now}, {"id", user_id}});
    changes.push_back({"password", "défini", "à choisir par le lien"});
  }
  AppendAudit(*session, EntryAbout(caller, user_id, "invite", network, changes));
  transaction.Commit();
  return Status::Ok();
}

Status UserDirectory::CheckLink(const std::string& link_digest, int64_t now) {
  auto session = database_.Acquire();
  if (!FindId(session, kSelectLink, {{"digest", link_digest}, {"now", now}})) return UnusableLink();
  return Status::Ok();
}

Status UserDirectory::AcceptLink(const std::string& link_digest, const std::string& password_hash, int64_t now) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto user_id = FindId(session, kSelectLink, {{"digest", link_digest}, {"now", now}});
  if (!user_id) return UnusableLink();
  Change(session, kSetPassword, {{"hash", password_hash}, {"id", *user_id}});
  Change(session, kUseLink, {{"now", now}, {"digest", link_digest}});
  Change(session, kEndAllSessions, {{"now", now}, {"id", *user_id}});
  auto account = LoadAccount(session, *user_id);
  auto network = FindId(session, kSelectLinkNetwork, {{"digest", link_digest}});
  AuditEntry entry = EntryAbout(account.value(), *user_id, "invitation_accept", network, {});
  AppendAudit(*session, entry);
  transaction.Commit();
  return Status::Ok();
}

}  // namespace rrma
