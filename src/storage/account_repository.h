// AccountRepository: users, their roles per network, and their API tokens (stored as digests).
// Expected failures are Status values: Conflict for an email already taken, NotFound for an
// unknown user, network or token. Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "domain/account.h"
#include "domain/sign_in.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

class AccountRepository {
 public:
  explicit AccountRepository(Database& database, SessionLifetime sessions = {})
      : database_(database), sessions_(sessions) {}

  // Creates an active user with one role (from the command line: the audit entry names no actor);
  // network_name is required for every role but admin, organisation_id for member only.
  Result<Account> CreateUser(const std::string& email, const std::string& password_hash, Role role,
                             const std::optional<std::string>& network_name,
                             std::optional<int64_t> organisation_id = std::nullopt);

  Result<Account> FindByEmail(const std::string& email);
  // The account whatever its status; NotFound when no account has this id.
  Result<Account> FindById(int64_t user_id);

  // Stores a token digest under a label for the user; the label must be free among their
  // active tokens.
  Result<int64_t> CreateToken(int64_t user_id, const std::string& name, const std::string& digest);

  // Marks the user's active token of that label revoked.
  Status RevokeToken(int64_t user_id, const std::string& name);

  // The active user owning this active token, or NotFound (also while the account waits for the
  // password of an invitation or reset link).
  Result<Account> FindByTokenDigest(const std::string& digest);

  // The id and password hash of the active account with this email, or NotFound (also for an
  // invited account, which has no password yet).
  Result<std::pair<int64_t, std::string>> FindCredentials(const std::string& email);

  // Sessions, identified by the digest of their cookie; times are UNIX seconds.
  void CreateSession(int64_t user_id, const std::string& digest, const std::string& csrf_token, int64_t now);
  // The account and CSRF token of a live session, marking it seen now; NotFound when unknown,
  // ended, idle too long or past its absolute lifetime (the repository's SessionLifetime; it is
  // then ended).
  Result<std::pair<Account, std::string>> TouchSession(const std::string& digest, int64_t now);
  void EndSession(const std::string& digest, int64_t now);

  // Replaces the user's password hash and ends every other session of the user (keep_digest is
  // the session to keep, empty when the change came with an API token).
  void ChangePassword(int64_t user_id, const std::string& password_hash, const std::string& keep_digest, int64_t now);

  // Failed attempts, for throttling (times are UNIX seconds; recording one drops every failure
  // older than since). A sign-in attempt is recorded as a failure before its password is checked,
  // so that parallel attempts all count, and forgotten if it succeeds; its id is returned.
  int64_t RecordSignInAttempt(const std::string& email, const std::string& address, int64_t now, int64_t since);
  // The sign-in failures recorded since then for the email and the address, but for the attempt
  // of id except.
  SignInFailures CountSignInFailures(const std::string& email, const std::string& address, int64_t since,
                                     int64_t except);
  void ForgetFailure(int64_t failure_id);
  // After a successful sign-in: forgets the account's failures from this address only, so that
  // signing in does not clear what other addresses tried.
  void ClearSignInFailures(const std::string& email, const std::string& address);
  // Devices (browsers) that signed in to an account, known by the digest of their cookie: the
  // newest kKnownDevicesKept of each account are kept.
  static constexpr int kKnownDevicesKept = 10;
  void RememberDevice(int64_t user_id, const std::string& digest, int64_t now);
  // True when the device of that digest signed in to the account of that email before.
  bool IsKnownDevice(const std::string& email, const std::string& digest);
  // An invitation code presented from the address, recorded as a failure before it is checked (so
  // that parallel attempts all count) and forgotten if it is valid; its id is returned. Then the
  // invitation failures from the address since then, but for the attempt of id except.
  int64_t RecordInvitationAttempt(const std::string& address, int64_t now, int64_t since);
  int64_t CountInvitationFailures(const std::string& address, int64_t since, int64_t except);

 private:
  Database& database_;
  SessionLifetime sessions_;
};

// The account of this id with its roles, read on session; NotFound when there is none. For the
// storage layer's own use (here and in UserDirectory).
Result<Account> LoadAccount(Database::Lease& session, int64_t user_id);

// Inserts a role of the user on session, within the caller's transaction; false when the user
// already holds it. The grant must have been checked (ValidateRoleGrant, existence of its network
// and organisation).
bool InsertRole(soci::session& session, int64_t user_id, const RoleRequest& grant);

}  // namespace rrma
