// Who is calling: reads "Authorization: Bearer TOKEN" and finds the active account owning that
// active token. Expected failures are Unauthenticated statuses (answered 401 with a
// WWW-Authenticate header). Thread-safe.
#pragma once

#include <httplib.h>

#include "domain/account.h"
#include "storage/account_repository.h"

namespace rrma::http {

Result<Account> AuthenticateBearer(const httplib::Request& request, AccountRepository& accounts);

}  // namespace rrma::http
