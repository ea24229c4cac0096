// JSON representations of the directory's own rows (actors, relationships) and of the finders'
// answers (outreach targets, consortia). Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/account.h"
#include "domain/actor.h"
#include "domain/neighbourhood.h"
#include "domain/outreach.h"
#include "domain/relation_graph.h"
#include "domain/relationship.h"

namespace rrma::http {

// An actor with what caller may do with it ("permissions": edit).
nlohmann::json ToJson(const Actor& actor, const Account& caller);
nlohmann::json ToJson(const Relationship& relationship, const Account& caller);
// An outreach target; intermediaries are named from the graph (readable by construction).
nlohmann::json ToJson(const OutreachTarget& target, const RelationGraph& graph);
nlohmann::json ToJson(const Consortium& consortium, const RelationGraph& graph);

nlohmann::json ToJson(const Neighbourhood& neighbourhood);

std::string_view RelationKindName(RelationKind kind);
std::optional<RelationKind> ParseRelationKind(std::string_view name);
std::string_view BoardRoleName(BoardRole role);

}  // namespace rrma::http
