// JSON representations of the domain values the API returns, and the writer of list pages
// ({"items", "total", "page", "per_page"}). Pure functions, thread-safe.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "domain/account.h"
#include "domain/organisation.h"
#include "domain/paging.h"
#include "domain/reference.h"

namespace rrma::http {

nlohmann::json ToJson(const OrganisationSummary& organisation);
nlohmann::json ToJson(const OrganisationDetail& organisation);
nlohmann::json ToJson(const Country& country);
nlohmann::json ToJson(const Odd& odd);
nlohmann::json ToJson(const Network& network);
// An account as its owner sees it: never the password hash nor any token.
nlohmann::json ToJson(const Account& account);

// Serialises compactly; invalid UTF-8 in strings is replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& body);
void WriteJson(httplib::Response& response, const nlohmann::json& body);

template <typename T>
void WritePage(httplib::Response& response, const Page<T>& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items) items.push_back(ToJson(item));
  WriteJson(response, {{"items", std::move(items)},
                       {"total", page.total},
                       {"page", page.request.page},
                       {"per_page", page.request.per_page}});
}

}  // namespace rrma::http
