// Rows appended through PostgreSQL's COPY FROM STDIN, within the caller's transaction: one round
// trip for a whole table of rows, where SOCI's vector binding sends one statement per row (30 s for
// the COG). The only place that speaks libpq directly. Values travel in COPY's text format; a
// missing value is NULL. Throws std::runtime_error when PostgreSQL refuses the rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace rrma {

using CopyRow = std::vector<std::optional<std::string>>;

void CopyRows(soci::session& session, const std::string& table, const std::vector<std::string>& columns,
              const std::vector<CopyRow>& rows);

}  // namespace rrma
