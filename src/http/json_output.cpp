#include "http/json_output.h"

namespace rrma::http {
namespace {

using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json ToJson(const std::optional<CodeName>& value) {
  if (!value) return nullptr;
  return {{"code", value->code}, {"name", value->name}};
}

}  // namespace

json ToJson(const OrganisationSummary& o) {
  return {
      {"id", o.id},
      {"kind", o.kind},
      {"category", OrNull(o.category)},
      {"subcategory", OrNull(o.subcategory)},
      {"name", o.name},
      {"insee_code", OrNull(o.insee_code)},
      {"siren", OrNull(o.siren)},
      {"population", OrNull(o.population)},
      {"departement", ToJson(o.departement)},
      {"region", ToJson(o.region)},
  };
}

json ToJson(const OrganisationDetail& o) {
  json body = ToJson(o.summary);
  body["postal_codes"] = o.postal_codes;
  json member_of = json::array();
  for (const Membership& m : o.member_of) {
    member_of.push_back({{"organisation", ToJson(m.organisation)},
                         {"source", m.source},
                         {"start_date", OrNull(m.start_date)},
                         {"end_date", OrNull(m.end_date)}});
  }
  body["member_of"] = std::move(member_of);
  body["members_total"] = o.members_total;
  json networks = json::array();
  for (const NetworkRef& n : o.networks) networks.push_back({{"id", n.id}, {"name", n.name}});
  body["networks"] = std::move(networks);
  body["reference_source"] = OrNull(o.reference_source);
  return body;
}

json ToJson(const Country& country) { return {{"code", country.code}, {"name", country.name}}; }

json ToJson(const Odd& odd) { return {{"number", odd.number}, {"title", odd.title}}; }

json ToJson(const Network& network) {
  json regions = json::array();
  for (size_t i = 0; i < network.region_codes.size(); ++i) {
    regions.push_back({{"code", network.region_codes[i]},
                       {"name", i < network.region_names.size() ? network.region_names[i] : ""}});
  }
  return {{"id", network.id}, {"name", network.name}, {"regions", std::move(regions)}};
}

json ToJson(const Account& account) {
  json roles = json::array();
  for (const RoleGrant& grant : account.roles) {
    json network = nullptr;
    if (grant.network_id) network = {{"id", *grant.network_id}, {"name", grant.network_name}};
    roles.push_back({{"role", std::string(RoleName(grant.role))}, {"network", std::move(network)}});
  }
  return {{"id", account.id}, {"email", account.email}, {"roles", std::move(roles)}};
}

std::string DumpJson(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

void WriteJson(httplib::Response& response, const json& body) { response.set_content(DumpJson(body), "application/json"); }

}  // namespace rrma::http
