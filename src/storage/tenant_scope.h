// Tenant scope: the one place where a caller's roles become SQL. Every query of a network-owned
// table (a table with network_id and visibility columns: person, and the directory, pipeline and
// project tables to come) filters its rows with one of these predicates and binds the caller with
// CallerBinding(). Repositories of such tables take the calling Account on every method, so no
// handler can read or write them without a scope. Rows the caller may not read are, for every
// purpose, absent: reading or writing them answers NotFound.
//
//   readable      public rows; for admin every row; for network_admin and network_staff the rows
//                 of their networks and the rows other networks share at 'network' visibility
//   writable      admin: every row; network_admin and network_staff: their networks' rows
//   administered  admin: every row; network_admin: their networks' rows (export, erase, history)
//   contacts      the rows whose contacts and notes the caller is shown, and may search: those
//                 of their networks, as writable (AsSeenBy in domain/person.h)
//
// The same rules decided without the database are in domain/access.h (MayRead, WorksIn,
// Administers); a storage test checks that both agree. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>

#include "domain/account.h"
#include "storage/bound_statement.h"

namespace rrma {

// A boolean SQL expression over the row alias, using the bound parameter :caller.
std::string ReadableBy(std::string_view alias);
std::string WritableBy(std::string_view alias);
std::string AdministeredBy(std::string_view alias);
std::string ContactsReadableBy(std::string_view alias);

// The :caller parameter: the account's id, 0 for an anonymous caller (who holds no role).
Binding CallerBinding(const Account& caller);

}  // namespace rrma
