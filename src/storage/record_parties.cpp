#include "storage/record_parties.h"

#include "storage/bound_statement.h"
#include "storage/tenant_scope.h"

namespace rrma {
namespace {

constexpr std::string_view kOrganisationReadable = "SELECT COUNT(*) FROM organisation o WHERE o.id = :id AND ";
constexpr std::string_view kPersonReadable = "SELECT COUNT(*) FROM person p WHERE p.id = :id AND ";

Status CheckReadable(Database::Lease& session, const Account& caller, const std::vector<int64_t>& ids,
                     std::string_view sql, std::string_view alias, const std::string& none) {
  const std::string query = std::string(sql) + ReadableBy(alias);
  for (int64_t id : ids) {
    if (RunScalar(session, query, {{"id", id}, CallerBinding(caller)}).value_or(0) == 0) {
      return Status::NotFound(none + std::to_string(id) + ".");
    }
  }
  return Status::Ok();
}

std::string NamesReadable(std::string_view link_table, std::string_view record_column, std::string_view alias,
                          std::string_view party_table, std::string_view binding) {
  const std::string link(link_table), party(party_table);
  return " AND EXISTS (SELECT 1 FROM " + link + " nl JOIN " + party + " np ON np.id = nl." + party +
         "_id WHERE nl." + std::string(record_column) + " = " + std::string(alias) + ".id AND nl." + party +
         "_id = :" + std::string(binding) + " AND " + ReadableBy("np") + ")";
}

}  // namespace

std::string NamesReadableOrganisation(std::string_view link_table, std::string_view record_column,
                                      std::string_view alias) {
  return NamesReadable(link_table, record_column, alias, "organisation", "organisation");
}

std::string NamesReadablePerson(std::string_view link_table, std::string_view record_column, std::string_view alias) {
  return NamesReadable(link_table, record_column, alias, "person", "person");
}

Status CheckReadableOrganisations(Database::Lease& session, const Account& caller, const std::vector<int64_t>& ids) {
  return CheckReadable(session, caller, ids, kOrganisationReadable, "o", "Aucune organisation ne porte l'identifiant ");
}

Status CheckReadablePersons(Database::Lease& session, const Account& caller, const std::vector<int64_t>& ids) {
  return CheckReadable(session, caller, ids, kPersonReadable, "p", "Aucune personne ne porte l'identifiant ");
}

std::vector<int64_t> IdsOf(Database::Lease& session, std::string_view sql, int64_t id) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t slot = row.Integer();
  select.Use("id", id);
  select.Execute(std::string(sql));
  std::vector<int64_t> ids;
  while (select.Fetch()) ids.push_back(row.IntegerOr(slot));
  return ids;
}

std::string PersonDisplayName(const std::string& given, const std::string& family) {
  if (family.empty()) return given;
  return given.empty() ? family : given + " " + family;
}

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string text;
  for (int64_t id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

std::string InList(const std::vector<int64_t>& ids, std::vector<Binding>& bindings) {
  std::string in;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string name = "i" + std::to_string(i);
    in += (i == 0 ? ":" : ", :") + name;
    bindings.push_back({name, ids[i]});
  }
  return in;
}

}  // namespace rrma
