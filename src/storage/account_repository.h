// AccountRepository: users, their roles per network, and their API tokens (stored as digests).
// Expected failures are Status values: Conflict for an email already taken, NotFound for an
// unknown user, network or token. Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

 private:
  Result<Account> Load(Database::Lease& session, int64_t user_id);

  Database& database_;
};

}  // namespace rrma
