// AccountRepository: users, their roles per network, and their API tokens (stored as digests).
// Expected failures are Status values: Conflict for an email already taken, NotFound for an
// unknown user, network or token. Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "domain/account.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

class AccountRepository {
 public:
  explicit AccountRepository(Database& database) : database_(database) {}

  // Creates an active user with one role; network_name is required for every role but admin.
  Result<Account> CreateUser(const std::string& email, const std::string& password_hash, Role role,
                             const std::optional<std::string>& network_name);

  Result<Account> FindByEmail(const std::string& email);

  // Stores a token digest under a label for the user; the label must be free among their
  // active tokens.
  Result<int64_t> CreateToken(int64_t user_id, const std::string& name, const std::string& digest);

  // Marks the user's active token of that label revoked.
  Status RevokeToken(int64_t user_id, const std::string& name);

  // The active user owning this active token, or NotFound.
  Result<Account> FindByTokenDigest(const std::string& digest);

  // The id and password hash of the active account with this email, or NotFound.
  Result<std::pair<int64_t, std::string>> FindCredentials(const std::string& email);

  // Sessions, identified by the digest of their cookie; times are UNIX seconds.
  void CreateSession(int64_t user_id, const std::string& digest, const std::string& csrf_token, int64_t now);
  // The account and CSRF token of a live session, marking it seen now; NotFound when unknown,
  // ended, idle too long or past its absolute lifetime (it is then ended).
  Result<std::pair<Account, std::string>> TouchSession(const std::string& digest, int64_t now);
  void EndSession(const std::string& digest, int64_t now);

  // Replaces the user's password hash and ends every other session of the user (keep_digest is
  // the session to keep, empty when the change came with an API token).
  void ChangePassword(int64_t user_id, const std::string& password_hash, const std::string& keep_digest, int64_t now);

  // Failed sign-ins for a subject ("account:EMAIL", "address:IP") since a time, and their record.
  int64_t CountFailures(const std::string& subject, int64_t since);
  // Records a failure (dropping the subject's failures older than since) and returns its id.
  int64_t RecordFailure(const std::string& subject, int64_t now, int64_t since);
  void ForgetFailure(int64_t failure_id);
  void ClearFailures(const std::string& subject);

 private:
  Result<Account> Load(Database::Lease& session, int64_t user_id);

  Database& database_;
};

}  // namespace rrma
