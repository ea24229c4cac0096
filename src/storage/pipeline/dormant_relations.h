// The dormant relations of the pipeline, one definition for « Mes relances » and the dashboard:
// a network's stage row `ps` past « non contactée », not moved since :since, and no interaction
// of the network with the collectivité since then. A boolean SQL expression over the alias ps.
// The interactions are reached from the collectivité's own parties (CROSS JOIN keeps that order on
// SQLite): a few rows a relation, never a walk through the whole network's records.
#pragma once

#include <string>

namespace rrma {

// The network's interactions naming the collectivité of ps, as io and i: FROM … WHERE (to extend).
inline const std::string kCollectiviteInteractions =
    "interaction_organisation io CROSS JOIN interaction i WHERE io.organisation_id = ps.organisation_id"
    " AND i.id = io.interaction_id AND i.network_id = ps.network_id";

inline const std::string kDormantRelation = "ps.stage <> 'non_contactee' AND ps.changed_at < :since AND NOT EXISTS (SELECT 1 FROM " +
                                            kCollectiviteInteractions + " AND i.happened_on >= :since)";

}  // namespace rrma
