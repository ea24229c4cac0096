// Who may do what, decided from an account's role grants: the rules of network tenancy that do
// not need the database. Records owned by a network carry a visibility:
//   private  the owning network only
//   network  every network's staff (all RRMA)
//   public   everyone, signed in or not (the atlas)
// The storage layer applies the same rules to every query of network-owned rows
// (storage/tenant_scope.h); these functions decide what the rows cannot (managing users,
// granting roles). An anonymous caller is an Account with id 0 and no roles. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/account.h"
#include "domain/status.h"

namespace rrma {

enum class Visibility { kPrivate, kNetwork, kPublic };

std::string_view VisibilityName(Visibility visibility);
std::optional<Visibility> ParseVisibility(std::string_view name);

bool IsAdmin(const Account& account);
// admin, or network_admin of that network.
bool Administers(const Account& account, int64_t network_id);
// admin, or network_admin or network_staff of that network: may read and write its records.
bool WorksIn(const Account& account, int64_t network_id);
// admin, or on the team (network_admin, network_staff) of some network: is shown the teams'
// account emails (authors, owners of next actions), which the public never sees.
bool OnATeam(const Account& account);
// May read a record of that network at that visibility (see storage/tenant_scope.h).
bool MayRead(const Account& account, int64_t network_id, Visibility visibility);
// Holds network_admin in at least one network, or is admin: may open the users pages.
bool ManagesUsers(const Account& account);
// The networks the account administers (empty for admin, who administers them all).
std::vector<int64_t> AdministeredNetworks(const Account& account);

// Ok when granter may give this role in this network: admin gives any role; a network_admin gives
// network_admin, network_staff or member within a network they administer. Forbidden otherwise.
Status MayGrant(const Account& granter, Role role, std::optional<int64_t> network_id);

// Ok when manager may see target's account: admin sees everyone, a network_admin the accounts
// holding a role in a network they administer. NotFound otherwise: other networks' users are not
// theirs to know.
Status MaySee(const Account& manager, const Account& target);

// The roles of target that manager may see: all of them for admin, else those in networks
// manager administers.
std::vector<RoleGrant> VisibleRoles(const Account& manager, const Account& target);

// Ok when manager may deactivate or reactivate target: not oneself; admin anyone; a network_admin
// only accounts whose every role lies in networks they administer (Forbidden otherwise, since the
// account also acts for other networks). NotFound when target is not visible to manager.
Status MayChangeActivation(const Account& manager, const Account& target);

}  // namespace rrma
