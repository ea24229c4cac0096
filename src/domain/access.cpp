#include "domain/access.h"

#include <algorithm>
#include <array>
#include <utility>

namespace rrma {
namespace {

constexpr std::array<std::pair<Visibility, std::string_view>, 3> kVisibilityNames = {{
    {Visibility::kPrivate, "private"},
    {Visibility::kNetwork, "network"},
    {Visibility::kPublic, "public"},
}};

bool HoldsIn(const Account& account, int64_t network_id, std::initializer_list<Role> roles) {
  return std::any_of(account.roles.begin(), account.roles.end(), [&](const RoleGrant& grant) {
    return grant.network_id == network_id && std::find(roles.begin(), roles.end(), grant.role) != roles.end();
  });
}

}  // namespace

std::string_view VisibilityName(Visibility visibility) {
  for (const auto& [value, name] : kVisibilityNames) {
    if (value == visibility) return name;
  }
  return "private";
}

std::optional<Visibility> ParseVisibility(std::string_view name) {
  for (const auto& [value, known] : kVisibilityNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

bool IsAdmin(const Account& account) {
  return std::any_of(account.roles.begin(), account.roles.end(),
                     [](const RoleGrant& grant) { return grant.role == Role::kAdmin; });
}

bool Administers(const Account& account, int64_t network_id) {
  return IsAdmin(account) || HoldsIn(account, network_id, {Role::kNetworkAdmin});
}

bool WorksIn(const Account& account, int64_t network_id) {
  return IsAdmin(account) || HoldsIn(account, network_id, {Role::kNetworkAdmin, Role::kNetworkStaff});
}

bool OnATeam(const Account& account) {
  return std::any_of(account.roles.begin(), account.roles.end(), [](const RoleGrant& grant) {
    return grant.role == Role::kAdmin || grant.role == Role::kNetworkAdmin || grant.role == Role::kNetworkStaff;
  });
}

bool MayRead(const Account& account, int64_t network_id, Visibility visibility) {
  if (visibility == Visibility::kPublic || WorksIn(account, network_id)) return true;
  if (visibility == Visibility::kPrivate) return false;
  return std::any_of(account.roles.begin(), account.roles.end(), [](const RoleGrant& grant) {
    return grant.role == Role::kNetworkAdmin || grant.role == Role::kNetworkStaff;
  });
}

bool ManagesUsers(const Account& account) {
  return std::any_of(account.roles.begin(), account.roles.end(), [](const RoleGrant& grant) {
    return grant.role == Role::kAdmin || grant.role == Role::kNetworkAdmin;
  });
}

std::vector<int64_t> AdministeredNetworks(const Account& account) {
  std::vector<int64_t> networks;
  for (const RoleGrant& grant : account.roles) {
    if (grant.role == Role::kNetworkAdmin && grant.network_id &&
        std::find(networks.begin(), networks.end(), *grant.network_id) == networks.end()) {
      networks.push_back(*grant.network_id);
    }
  }
  return networks;
}

Status MayGrant(const Account& granter, Role role, std::optional<int64_t> network_id) {
  if (IsAdmin(granter)) return Status::Ok();
  if (role == Role::kAdmin) return Status::Forbidden("Seul un administrateur national peut accorder le rôle admin.");
  if (!network_id || !Administers(granter, *network_id)) {
    return Status::Forbidden("Vous n'administrez pas ce réseau : vous ne pouvez pas y accorder de rôle.");
  }
  return Status::Ok();
}

Status MaySee(const Account& manager, const Account& target) {
  if (IsAdmin(manager)) return Status::Ok();
  const bool shares = std::any_of(target.roles.begin(), target.roles.end(), [&](const RoleGrant& grant) {
    return grant.network_id && HoldsIn(manager, *grant.network_id, {Role::kNetworkAdmin});
  });
  if (!shares) return Status::NotFound("Aucun compte ne porte l'identifiant " + std::to_string(target.id) + ".");
  return Status::Ok();
}

std::vector<RoleGrant> VisibleRoles(const Account& manager, const Account& target) {
  if (IsAdmin(manager)) return target.roles;
  std::vector<RoleGrant> visible;
  for (const RoleGrant& grant : target.roles) {
    if (grant.network_id && HoldsIn(manager, *grant.network_id, {Role::kNetworkAdmin})) visible.push_back(grant);
  }
  return visible;
}

Status MayChangeActivation(const Account& manager, const Account& target) {
  if (Status seen = MaySee(manager, target); !seen.ok()) return seen;
  if (manager.id == target.id) {
    return Status::Forbidden("Vous ne pouvez pas désactiver ni réactiver votre propre compte.");
  }
  if (IsAdmin(manager)) return Status::Ok();
  if (VisibleRoles(manager, target).size() != target.roles.size()) {
    return Status::Forbidden(
        "Ce compte agit aussi pour d'autres réseaux : retirez-lui vos rôles, ou demandez à l'administration "
        "nationale de le désactiver.");
  }
  return Status::Ok();
}

}  // namespace rrma
