// UserDirectory: the accounts as administrators manage them: list, invite, grant and revoke roles,
// deactivate and reactivate, and the one-time links with which an invited (or reset) user chooses
// a password. Every method takes the calling account and applies the rules of domain/access.h
// itself, so no handler can skip them: other networks' accounts are NotFound, a role outside the
// caller's networks is Forbidden. Every change appends an audit entry in its transaction.
// Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/account.h"
#include "domain/paging.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct UserQuery {
  std::optional<std::string> text;  // part of the email address
  std::optional<int64_t> network_id;
  PageRequest page;
};

// An account after an invitation: created (true) or, when the email already had an account,
// given the role (false).
struct InvitedUser {
  Account account;
  bool created = false;
};

class UserDirectory {
 public:
  explicit UserDirectory(Database& database) : database_(database) {}

  // Accounts by email. Forbidden for callers who manage no users; a network_admin sees the
  // accounts holding a role in their networks, and of those only the roles in their networks.
  Result<Page<Account>> List(const Account& caller, const UserQuery& query);

  // The account as caller may see it (roles filtered), or NotFound.
  Result<Account> Find(const Account& caller, int64_t user_id);

  // Creates an invited account with this role and a one-time link (stored as its digest, valid
  // until expires_at, UNIX seconds); or, when the email has an account caller already manages,
  // grants it the role (no link is made then). Invalid (fields role, network_id, organisation_id),
  // Forbidden, Conflict when the account already holds that role or is not caller's to manage.
  Result<InvitedUser> Invite(const Account& caller, const std::string& email, const RoleRequest& grant,
                             const std::string& link_digest, int64_t expires_at);

  Result<Account> GrantRole(const Account& caller, int64_t user_id, const RoleRequest& grant);
  Status RevokeRole(const Account& caller, int64_t user_id, int64_t role_id);

  // Deactivating ends the account's sessions and links; its tokens stop working while it is inactive.
  Result<Account> SetActive(const Account& caller, int64_t user_id, bool active, int64_t now);

  // A new one-time link for the account; earlier links stop working. For an active account it is
  // a reset: its password and sessions stop at once, until the link is used.
  Status IssueLink(const Account& caller, int64_t user_id, const std::string& link_digest, int64_t expires_at,
                   int64_t now);

  // Ok when the link can still be used: the cheap check to make before hashing a password for it.
  // Invalid naming "code" as AcceptLink says otherwise.
  Status CheckLink(const std::string& link_digest, int64_t now);

  // Sets the password of the link's account, makes it active if it was invited, uses up the link
  // and ends the account's sessions. Invalid naming "code" when the link is unknown, used or
  // expired, or its account is deactivated.
  Status AcceptLink(const std::string& link_digest, const std::string& password_hash, int64_t now);

 private:
  Database& database_;
};

}  // namespace rrma
