#include "domain/account.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/search_text.h"

namespace rrma {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kNetworkAdmin, "network_admin"},
    {Role::kNetworkStaff, "network_staff"},
    {Role::kMember, "member"},
}};

constexpr size_t kMaxEmailLength = 254;

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, known] : kRoleNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

Result<std::string> NormaliseEmail(std::string_view email) {
  const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string normalised(email);
  std::transform(normalised.begin(), normalised.end(), normalised.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = normalised.find('@');
  const bool shaped = at != std::string::npos && at > 0 && normalised.find('@', at + 1) == std::string::npos &&
                      normalised.find('.', at + 2) != std::string::npos && normalised.back() != '.' &&
                      std::none_of(normalised.begin(), normalised.end(), is_space) &&
                      std::none_of(normalised.begin(), normalised.end(),
                                   [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (!shaped || normalised.size() > kMaxEmailLength || !IsValidUtf8(normalised)) {
    return Status::Invalid("email", "Adresse électronique invalide (attendu nom@domaine.fr).");
  }
  return normalised;
}

Status ValidateNewPassword(std::string_view password) {
  if (!IsValidUtf8(password)) return Status::Invalid("password", "Le mot de passe n'est pas de l'UTF-8 valide.");
  if (password.size() < kMinPasswordLength) {
    return Status::Invalid("password", "Le mot de passe doit compter au moins 12 caractères.");
  }
  if (password.size() > kMaxPasswordLength) {
    return Status::Invalid("password", "Le mot de passe ne doit pas dépasser 1024 octets.");
  }
  return Status::Ok();
}

std::string_view AccountStatusName(AccountStatus status) {
  switch (status) {
    case AccountStatus::kActive:
      return "active";
    case AccountStatus::kInvited:
      return "invited";
    case AccountStatus::kDeactivated:
      return "deactivated";
  }
  return "deactivated";
}

Status ValidateRoleGrant(Role role, bool has_network, bool has_organisation) {
  if (role == Role::kAdmin && has_network) {
    return Status::Invalid("network", "Le rôle admin vaut pour tous les réseaux : ne précisez pas de réseau.");
  }
  if (role != Role::kAdmin && !has_network) {
    return Status::Invalid("network", "Ce rôle s'exerce dans un réseau : précisez lequel.");
  }
  if (role == Role::kMember && !has_organisation) {
    return Status::Invalid("organisation", "Un membre agit pour une collectivité : précisez laquelle.");
  }
  if (role != Role::kMember && has_organisation) {
    return Status::Invalid("organisation", "Seul le rôle member se rattache à une organisation.");
  }
  return Status::Ok();
}

}  // namespace rrma
