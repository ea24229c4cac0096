#include "http/json_output.h"

namespace rrma::http {
namespace {

using nlohmann::json;

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
      {"commune", ToJson(o.commune)},
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
  return {{"id", network.id},
          {"name", network.name},
          {"organisation_id", OrNull(network.organisation_id)},
          {"regions", std::move(regions)}};
}

json ToJson(const Account& account) {
  json roles = json::array();
  for (const RoleGrant& grant : account.roles) {
    json network = nullptr;
    if (grant.network_id) network = {{"id", *grant.network_id}, {"name", grant.network_name}};
    json organisation = nullptr;
    if (grant.organisation_id) organisation = {{"id", *grant.organisation_id}, {"name", grant.organisation_name}};
    roles.push_back({{"id", grant.id},
                     {"role", std::string(RoleName(grant.role))},
                     {"network", std::move(network)},
                     {"organisation", std::move(organisation)}});
  }
  return {{"id", account.id},
          {"email", account.email},
          {"status", std::string(AccountStatusName(account.status))},
          {"created_at", account.created_at},
          {"roles", std::move(roles)}};
}

json ToJson(const Position& position, bool years_only) {
  const auto year = [](const std::optional<std::string>& date) -> json {
    auto value = YearOf(date);
    return value ? json(*value) : json(nullptr);
  };
  return {{"id", position.id},
          {"organisation",
           {{"id", position.organisation_id},
            {"name", position.organisation_name},
            {"category", OrNull(position.organisation_category)}}},
          {"kind", position.kind},
          {"title", OrNull(position.title)},
          {"start_date", years_only ? json(nullptr) : OrNull(position.start_date)},
          {"end_date", years_only ? json(nullptr) : OrNull(position.end_date)},
          {"start_year", year(position.start_date)},
          {"end_year", year(position.end_date)}};
}

json PersonSummaryJson(const Person& person) {
  json positions = json::array();
  for (const Position& position : person.positions) positions.push_back(ToJson(position, person.erased_at.has_value()));
  return {{"id", person.id},
          {"network", {{"id", person.network_id}, {"name", person.network_name}}},
          {"visibility", std::string(VisibilityName(person.visibility))},
          {"given_name", person.given_name},
          {"family_name", person.family_name},
          {"erased", person.erased_at.has_value()},
          {"positions", std::move(positions)}};
}

json ToJson(const Person& person, const Account& caller) {
  json body = PersonSummaryJson(person);
  body.erase("erased");
  body["email"] = OrNull(person.email);
  body["phone"] = OrNull(person.phone);
  body["notes"] = person.notes;
  body["erased_at"] = OrNull(person.erased_at);
  body["created_at"] = person.created_at;
  body["updated_at"] = person.updated_at;
  body["permissions"] = {{"edit", WorksIn(caller, person.network_id) && !person.erased_at},
                         {"administer", Administers(caller, person.network_id)}};
  return body;
}

json ToJson(const AuditEntry& entry) {
  json changes = json::array();
  for (const FieldChange& change : entry.changes) {
    changes.push_back({{"field", change.field}, {"before", OrNull(change.before)}, {"after", OrNull(change.after)}});
  }
  json actor = nullptr;
  if (entry.actor_id) actor = {{"id", *entry.actor_id}, {"email", entry.actor_email}};
  json network = nullptr;
  if (entry.network_id) network = {{"id", *entry.network_id}, {"name", entry.network_name}};
  return {{"id", entry.id},
          {"at", entry.at},
          {"actor", std::move(actor)},
          {"actor_label", entry.actor_email},
          {"network", std::move(network)},
          {"action", entry.action},
          {"record", {{"type", entry.record_type}, {"id", entry.record_id}}},
          {"changes", std::move(changes)}};
}

std::string DumpJson(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

void WriteJson(Response& response, const json& body) { response.SetContent(DumpJson(body), "application/json"); }

}  // namespace rrma::http
