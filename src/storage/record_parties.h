// The organisations and persons a network-owned record names (an interaction, an event): checks
// that the writer may read each, and the small helpers their repositories share to read them back
// and to journal them. Rows the caller may not read are answered as absent (tenant_scope.h).
// Thread-safe (each call on its caller's session).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.h"
#include "domain/status.h"
#include "storage/bound_statement.h"
#include "storage/database.h"

namespace rrma {

// NotFound (« Aucune organisation ne porte l'identifiant 12. ») for the first organisation caller
// may not read; Ok otherwise.
Status CheckReadableOrganisations(Database::Lease& session, const Account& caller, const std::vector<int64_t>& ids);
Status CheckReadablePersons(Database::Lease& session, const Account& caller, const std::vector<int64_t>& ids);

// The ids a one-column query returns, its :id bound to id.
std::vector<int64_t> IdsOf(Database::Lease& session, std::string_view sql, int64_t id);

// « Marie Curie »: the given and family names, either possibly empty.
std::string PersonDisplayName(const std::string& given, const std::string& family);

// "3, 8, 12": ids as one line of the audit log.
std::string JoinIds(const std::vector<int64_t>& ids);

// " AND EXISTS (…)": the record `alias`.id names the party bound as :organisation (or :person) through
// its link table (`link_table`.`record_column`), and the caller may read that party — so a filter on
// a private organisation or person tells nothing of it. The caller's binding is already in the query.
std::string NamesReadableOrganisation(std::string_view link_table, std::string_view record_column, std::string_view alias);
std::string NamesReadablePerson(std::string_view link_table, std::string_view record_column, std::string_view alias);

// ":i0, :i1, …" for the ids, with their bindings appended to bindings: an IN list of parameters.
std::string InList(const std::vector<int64_t>& ids, std::vector<Binding>& bindings);

}  // namespace rrma
