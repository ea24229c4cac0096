// JSON representations of the domain values the API returns, and the writer of list pages
// ({"items", "total", "page", "per_page"}). Pure functions, thread-safe.
#pragma once

#include "http/message.h"
#include <nlohmann/json.hpp>

#include "domain/access.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "domain/paging.h"
#include "domain/person.h"
#include "domain/reference.h"

namespace rrma::http {

// The value, or JSON null when there is none.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json ToJson(const OrganisationSummary& organisation);
nlohmann::json ToJson(const OrganisationDetail& organisation);
nlohmann::json ToJson(const Country& country);
nlohmann::json ToJson(const Odd& odd);
nlohmann::json ToJson(const Network& network);
// An account as its owner or an administrator sees it: never the password hash nor any token.
nlohmann::json ToJson(const Account& account);
// A position; with years_only (an erased person's) its days are null and only the years remain.
nlohmann::json ToJson(const Position& position, bool years_only);
// A person in a list: names, network, visibility, positions, whether erased.
nlohmann::json PersonSummaryJson(const Person& person);
// A person's whole record, with what caller may do with it ("permissions": edit, administer).
nlohmann::json ToJson(const Person& person, const Account& caller);
nlohmann::json ToJson(const AuditEntry& entry);

// Serialises compactly; invalid UTF-8 in strings is replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& body);
void WriteJson(Response& response, const nlohmann::json& body);

// Writes a page, each item written by to_json (by default the ToJson overload of its type).
template <typename T, typename Convert>
void WritePage(Response& response, const Page<T>& page, Convert to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items) items.push_back(to_json(item));
  WriteJson(response, {{"items", std::move(items)},
                       {"total", page.total},
                       {"page", page.request.page},
                       {"per_page", page.request.per_page}});
}

template <typename T>
void WritePage(Response& response, const Page<T>& page) {
  WritePage(response, page, [](const T& item) { return ToJson(item); });
}

}  // namespace rrma::http
