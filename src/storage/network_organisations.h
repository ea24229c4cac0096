// Each network is a node of the relationship graph: an organisation of kind "reseau", owned by the
// network and public, that its members join and on whose CA collectivités sit. Created with the
// network (reference import) and, for networks that existed before, by migration 8.
#pragma once

#include <soci/soci.h>

namespace rrma {

// Gives every network without one its organisation record, within the caller's transaction.
void CreateNetworkOrganisations(soci::session& session);

}  // namespace rrma
