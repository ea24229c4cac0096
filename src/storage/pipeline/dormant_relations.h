// The dormant relations of the pipeline, one definition for « Mes relances » and the dashboard:
// a network's stage row `ps` past « non contactée », not moved since :since, and no interaction
// of the network with the collectivité since then. A boolean SQL expression over the alias ps.
#pragma once

#include <string_view>

namespace rrma {

inline constexpr std::string_view kDormantRelation =
    "ps.stage <> 'non_contactee' AND ps.changed_at < :since"
    " AND NOT EXISTS (SELECT 1 FROM interaction i JOIN interaction_organisation io ON io.interaction_id = i.id"
    "  WHERE io.organisation_id = ps.organisation_id AND i.network_id = ps.network_id AND i.happened_on >= :since)";

}  // namespace rrma
