// OrganisationRepository: reads the directory of organisations (the COG collectivités for now).
// Searching is accent-, case- and hyphen-insensitive: every word of the query must start a word
// of the name (or equal its INSEE code or SIREN). Thread-safe: each call leases its own session.
#pragma once

#include <cstdint>

#include "domain/account.h"
#include "domain/organisation.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

class OrganisationRepository {
 public:
  explicit OrganisationRepository(Database& database) : database_(database) {}

  // The page of organisations matching the (validated) query among those caller may read (reference
  // collectivités, public actors, and the actors tenancy shows them), archived ones left out; exact
  // name matches first, then by population, largest first.
  Page<OrganisationSummary> Search(const Account& caller, const OrganisationQuery& query);

  // The organisation with its memberships and networks, or NotFound.
  Result<OrganisationDetail> FindById(int64_t id);

  // The members of an organisation (the communes of an EPCI), largest first, or NotFound.
  Result<Page<OrganisationSummary>> ListMembers(int64_t id, const PageRequest& page);

  // The generation of the shared reference data: it changes whenever an import changes any
  // reference organisation, membership or network, in this process or another one.
  int64_t ReferenceGeneration();

 private:
  Database& database_;
};

}  // namespace rrma
