// Registration functions of the handlers, one per resource file; used by api.cpp only.
#pragma once

#include "http/api.h"

namespace rrma::http {

void RegisterHealth(Router& router, ApiServices& services);
void RegisterOrganisations(Router& router, ApiServices& services);
void RegisterReference(Router& router, ApiServices& services);
void RegisterNetworks(Router& router, ApiServices& services);
void RegisterMe(Router& router, ApiServices& services);
void RegisterSession(Router& router, ApiServices& services);
void RegisterPassword(Router& router, ApiServices& services);
void RegisterUsers(Router& router, ApiServices& services);
void RegisterPersons(Router& router, ApiServices& services);
void RegisterAudit(Router& router, ApiServices& services);
void RegisterRelationships(Router& router, ApiServices& services);
void RegisterOutreach(Router& router, ApiServices& services);
void RegisterImports(Router& router, ApiServices& services);
void RegisterMerges(Router& router, ApiServices& services);
void RegisterPipeline(Router& router, ApiServices& services);
void RegisterInteractions(Router& router, ApiServices& services);
void RegisterEvents(Router& router, ApiServices& services);
void RegisterDashboard(Router& router, ApiServices& services);

}  // namespace rrma::http
