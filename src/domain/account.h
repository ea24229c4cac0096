// Accounts and roles: who may sign in, and what they may do in which network. Value types and the
// rules that validate an email address, a new password and a role grant. Pure, thread-safe.
//
// | role            | may                                                                    |
// | admin           | everything, in every network (national coordination); no network     |
// | network_admin   | manage users and all data of their network                            |
// | network_staff   | read/write their network's data; read what others share at network    |
// | member          | a collectivité's agent or élu·e: their own organisation's record       |
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.h"

namespace rrma {

enum class Role { kAdmin, kNetworkAdmin, kNetworkStaff, kMember };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct RoleGrant {
  int64_t id = 0;
  Role role = Role::kMember;
  std::optional<int64_t> network_id;  // none for admin
  std::string network_name;
  std::optional<int64_t> organisation_id;  // the collectivité of a member, none for other roles
  std::string organisation_name;
};

// A role to grant, as requested.
struct RoleRequest {
  Role role = Role::kMember;
  std::optional<int64_t> network_id;
  std::optional<int64_t> organisation_id;
};

// How an account stands: invited accounts have not chosen a password yet.
enum class AccountStatus { kActive, kInvited, kDeactivated };
std::string_view AccountStatusName(AccountStatus status);

struct Account {
  int64_t id = 0;
  std::string email;
  bool active = true;
  AccountStatus status = AccountStatus::kActive;
  std::string created_at;
  std::vector<RoleGrant> roles;
};

// Passwords are between these lengths, in bytes of UTF-8.
inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 1024;

// The address trimmed and lower-cased, or Invalid naming "email".
Result<std::string> NormaliseEmail(std::string_view email);

// Ok when the password may be set; Invalid naming "password" otherwise.
Status ValidateNewPassword(std::string_view password);

// admin is granted without a network; every other role within exactly one network; member, and
// member only, for one organisation (the collectivité the agent or élu·e belongs to).
Status ValidateRoleGrant(Role role, bool has_network, bool has_organisation);

}  // namespace rrma
