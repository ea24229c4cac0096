#include "storage/import_mapping_repository.h"

#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kSelect = "SELECT kind, mapping FROM import_mapping WHERE network_id = :network";
constexpr std::string_view kUpsert =
    "INSERT INTO import_mapping (network_id, kind, mapping, updated_at) VALUES (:network, :kind, :mapping, :now)"
    " ON CONFLICT (network_id, kind) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at";

constexpr std::string_view kNetwork = "SELECT id FROM network WHERE id = :id";

}  // namespace

bool ImportMappingRepository::NetworkExists(int64_t network_id) {
  auto session = database_.Acquire();
  return RunScalar(session, std::string(kNetwork), {{"id", network_id}}).has_value();
}

std::map<std::string, std::string> ImportMappingRepository::Load(int64_t network_id) {
  auto session = database_.Acquire();
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t kind = row.Text(), mapping = row.Text();
  select.Use("network", network_id);
  select.Execute(std::string(kSelect));
  std::map<std::string, std::string> mappings;
  while (select.Fetch()) mappings[row.TextOr(kind)] = row.TextOr(mapping);
  return mappings;
}

void ImportMappingRepository::Save(int64_t network_id, const std::string& kind, const std::string& mapping_json) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  BoundStatement upsert(*session);
  upsert.Use("network", network_id);
  upsert.Use("kind", kind);
  upsert.Use("mapping", mapping_json);
  upsert.Use("now", NowIsoUtc());
  RunChange(upsert, std::string(kUpsert));
  transaction.Commit();
}

}  // namespace rrma
