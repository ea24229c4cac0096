#include "storage/pipeline/dashboard_repository.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/access.h"
#include "domain/field_rules.h"
#include "domain/pipeline/interaction.h"
#include "storage/bound_statement.h"
#include "storage/pipeline/dormant_relations.h"

namespace rrma {
namespace {

// Every query reads rows of one network (:network), or of each network in turn when there is none:
// the organisations they name are those that network may see (public, shared, or its own).
class Scope {
 public:
  explicit Scope(const DashboardQuery& query) : query_(query) {}

  // Whether a fragment keeps only the collectivités its network may see (joined as o), or leaves
  // that to the statement it is part of.
  enum class Filter { kCollectivites, kLater };

  // " AND column = :network", or nothing across networks.
  std::string NetworkIs(std::string_view column) const {
    return query_.network_id ? " AND " + std::string(column) + " = :network" : "";
  }

  // A collectivité the network in `network_column` may see, joined as o.
  static std::string Collectivite(std::string_view id_column, std::string_view network_column) {
    return " JOIN organisation o ON o.id = " + std::string(id_column) +
           " AND o.kind = 'collectivite' AND (o.visibility <> 'private' OR o.network_id = " +
           std::string(network_column) + ")";
  }
  static std::string Of(Filter filter, std::string_view id_column, std::string_view network_column) {
    return filter == Filter::kCollectivites ? Collectivite(id_column, network_column) : "";
  }

  // The ids (repeated) of the collectivités with a relationship of kind (the name of its bound
  // placeholder: "member_of" or "board_seat") to the network's record (network_id) in force on the
  // period's last day, recorded by the network or by the reference data.
  std::string SeatedOrMember(std::string_view kind, bool presidents_only, Filter filter = Filter::kCollectivites) const {
    return "SELECT rel.from_id AS id, n.id AS network_id FROM relationship rel JOIN network n"
           " ON n.organisation_id = rel.to_id AND (rel.network_id IS NULL OR rel.network_id = n.id)" +
           Of(filter, "rel.from_id", "n.id") + " WHERE rel.kind = :" + std::string(kind) +
           " AND (rel.start_date IS NULL OR rel.start_date <= :to) AND (rel.end_date IS NULL OR rel.end_date >= :to)" +
           (presidents_only ? " AND rel.role = :president" : "") + NetworkIs("n.id");
  }
  std::string Members(Filter filter = Filter::kCollectivites) const { return SeatedOrMember("member_of", false, filter); }

  // The collectivités named by an interaction of the network in the period.
  std::string Accompanied(Filter filter = Filter::kCollectivites) const {
    return "SELECT io.organisation_id AS id, i.network_id FROM interaction i JOIN interaction_organisation io"
           " ON io.interaction_id = i.id" +
           Of(filter, "io.organisation_id", "i.network_id") +
           " WHERE i.happened_on >= :from AND i.happened_on <= :to" + NetworkIs("i.network_id");
  }

  // The collectivités the network brought past « non contactée ».
  std::string Engaged(Filter filter = Filter::kCollectivites) const {
    return "SELECT ps.organisation_id AS id, ps.network_id, ps.stage FROM pipeline_stage ps" +
           Of(filter, "ps.organisation_id", "ps.network_id") + " WHERE ps.stage <> 'non_contactee'" +
           NetworkIs("ps.network_id");
  }

  // The values of every placeholder the statement names.
  std::vector<Binding> BindingsFor(const std::string& sql) const {
    std::vector<Binding> all = {{"from", query_.from}, {"to", query_.to}, {"after", NextDay(query_.to)},
                                {"since", MonthsBefore(query_.to, kDormantMonths)},
                                {"member_of", std::string("member_of")}, {"board_seat", std::string("board_seat")},
                                {"president", std::string("president")}};
    if (query_.network_id) all.push_back({"network", *query_.network_id});
    std::vector<Binding> used;
    for (Binding& binding : all) {
      const std::string placeholder = ":" + binding.name;
      for (size_t at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder, at + 1)) {
        const size_t end = at + placeholder.size();
        if (end == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) {
          used.push_back(std::move(binding));
          break;
        }
      }
    }
    return used;
  }

 private:
  const DashboardQuery& query_;
};

// A stage's rank (0 for « non contactée ») as SQL over column.
std::string StageRank(std::string_view column) {
  std::string sql = "CASE " + std::string(column);
  for (size_t k = 0; k < kPipelineStages.size(); ++k) {
    sql += " WHEN '" + std::string(PipelineStageName(kPipelineStages[k])) + "' THEN " + std::to_string(k);
  }
  return sql + " END";
}

class Queries {
 public:
  Queries(Database::Lease& session, const Scope& scope) : session_(session), scope_(scope) {}

  int64_t Count(const std::string& sql) { return RunScalar(session_, sql, scope_.BindingsFor(sql)).value_or(0); }
  int64_t DistinctIds(const std::string& ids_sql) { return Count("SELECT COUNT(DISTINCT d.id) FROM (" + ids_sql + ") d"); }

  // Rows of (text, integer…) columns.
  template <size_t N>
  std::vector<std::pair<std::string, std::array<int64_t, N>>> Rows(const std::string& sql) {
    BoundStatement select(*session_);
    RowReader row(select.statement());
    const size_t key = row.Text();
    std::array<size_t, N> slots{};
    for (size_t& slot : slots) slot = row.Integer();
    select.Use(scope_.BindingsFor(sql));
    select.Execute(sql);
    std::vector<std::pair<std::string, std::array<int64_t, N>>> rows;
    while (select.Fetch()) {
      std::array<int64_t, N> values{};
      for (size_t k = 0; k < N; ++k) values[k] = row.IntegerOr(slots[k]);
      rows.push_back({row.TextOr(key), values});
    }
    return rows;
  }

 private:
  Database::Lease& session_;
  const Scope& scope_;
};

// The collectivités that are members of the network, accompanied by it in the period or engaged
// in its pipeline (each once, across networks), with where they are and how large: one query
// that the members, accompanied and three breakdowns are all counted from.
struct Counted {
  int64_t id = 0;
  std::string departement, category;
  std::optional<int64_t> population;
  bool member = false, accompanied = false, engaged = false;
};

std::vector<Counted> CountedCollectivites(Database::Lease& session, const Scope& scope) {
  // Each (collectivité, network) pair once, then the organisation read once per pair: not once per
  // record that names it.
  constexpr Scope::Filter kLater = Scope::Filter::kLater;
  const std::string sql =
      "SELECT o.id, o.departement_code, o.category, o.population, t.m, t.a, t.e FROM (SELECT x.id, x.network_id,"
      " MAX(x.m) AS m, MAX(x.a) AS a, MAX(x.e) AS e FROM ("
      "SELECT mm.id, mm.network_id, 1 AS m, 0 AS a, 0 AS e FROM (" + scope.Members(kLater) + ") mm"
      " UNION ALL SELECT aa.id, aa.network_id, 0, 1, 0 FROM (" + scope.Accompanied(kLater) + ") aa"
      " UNION ALL SELECT ee.id, ee.network_id, 0, 0, 1 FROM (" + scope.Engaged(kLater) + ") ee"
      ") x GROUP BY x.id, x.network_id) t" + Scope::Collectivite("t.id", "t.network_id");
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), departement = row.Text(), category = row.Text(), population = row.Integer(),
               member = row.Integer(), accompanied = row.Integer(), engaged = row.Integer();
  select.Use(scope.BindingsFor(sql));
  select.Execute(sql);
  // Across networks, a collectivité comes once per network: its flags are merged.
  std::unordered_map<int64_t, size_t> position;
  std::vector<Counted> found;
  while (select.Fetch()) {
    const int64_t key = row.IntegerOr(id);
    auto [at, added] = position.try_emplace(key, found.size());
    if (added) found.push_back({key, row.TextOr(departement), row.TextOr(category), row.OptionalInteger(population)});
    Counted& c = found[at->second];
    c.member = c.member || row.IntegerOr(member) > 0;
    c.accompanied = c.accompanied || row.IntegerOr(accompanied) > 0;
    c.engaged = c.engaged || row.IntegerOr(engaged) > 0;
  }
  return found;
}

// The rows of one breakdown: members, accompanied and engaged collectivités by key, in key order.
template <typename Key>
std::vector<DashboardBreakdownRow> Breakdown(const std::vector<Counted>& collectivites, Key key) {
  std::map<std::string, DashboardBreakdownRow> by_key;
  for (const Counted& c : collectivites) {
    DashboardBreakdownRow& row = by_key[std::string(key(c))];
    row.members += c.member;
    row.accompanied += c.accompanied;
    row.engaged += c.engaged;
  }
  std::vector<DashboardBreakdownRow> rows;
  for (auto& [name, row] : by_key) {
    row.key = name;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<DashboardFigures> DashboardRepository::Figures(const Account& caller, const DashboardQuery& query) {
  auto session = database_.Acquire();
  if (query.network_id) {
    if (!RunScalar(session, "SELECT id FROM network WHERE id = :id", {{"id", *query.network_id}})) {
      return Status::NotFound("Aucun réseau ne porte l'identifiant " + std::to_string(*query.network_id) + ".");
    }
    if (!WorksIn(caller, *query.network_id)) {
      return Status::Forbidden("Le tableau de bord d'un réseau est réservé à son équipe.");
    }
  } else if (!IsAdmin(caller)) {
    return Status::Forbidden("Le tableau de bord de tous les réseaux est réservé aux administrateurs nationaux.");
  }
  Generations generations;
  {
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t value = row.Integer();
    select.Execute("SELECT value FROM data_generation WHERE name IN ('directory', 'pipeline', 'reference') ORDER BY name");
    while (select.Fetch()) generations.push_back(row.IntegerOr(value));
  }
  const Key key{query.network_id.value_or(0), query.from, query.to};
  {
    std::lock_guard lock(mutex_);
    if (auto found = kept_.find(key); found != kept_.end() && found->second.generations == generations) {
      return found->second.figures;
    }
  }
  DashboardFigures figures = Compute(session, query);
  std::lock_guard lock(mutex_);
  if (kept_.size() >= kMaxKept && !kept_.contains(key)) kept_.clear();
  kept_[key] = {generations, figures};
  return figures;
}

DashboardFigures DashboardRepository::Compute(Database::Lease& session, const DashboardQuery& query) {
  const Scope scope(query);
  Queries queries(session, scope);
  DashboardFigures figures;
  figures.network_id = query.network_id;
  figures.from = query.from;
  figures.to = query.to;
  const std::vector<Counted> collectivites = CountedCollectivites(session, scope);
  for (const Counted& c : collectivites) {
    figures.members += c.member;
    figures.accompanied += c.accompanied;
  }
  figures.board_seats = queries.DistinctIds(scope.SeatedOrMember("board_seat", false));
  figures.presidencies = queries.DistinctIds(scope.SeatedOrMember("board_seat", true));
  for (PipelineStage stage : kPipelineStages) {
    if (stage != PipelineStage::kNonContactee) figures.by_stage[stage] = 0;
  }
  for (const auto& [stage, counts] : queries.Rows<1>("SELECT e.stage, COUNT(*) FROM (" + scope.Engaged() + ") e GROUP BY e.stage")) {
    if (auto parsed = ParsePipelineStage(stage)) figures.by_stage[*parsed] = counts[0];
  }
  {
    // For each relation moved in the period: whether a forward move crossed each boundary.
    std::string crossed, sums;
    for (size_t k = 0; k < kStageBoundaries; ++k) {
      const std::string n = std::to_string(k);
      crossed += ", MAX(CASE WHEN c.from_rank <= " + n + " AND c.to_rank > " + n + " THEN 1 ELSE 0 END) AS c" + n;
      sums += std::string(k ? ", " : "") + "SUM(t.c" + n + ")";
    }
    const std::string sql =
        "SELECT 'crossings', " + sums + " FROM (SELECT c.network_id, c.organisation_id" + crossed +
        " FROM (SELECT pc.network_id, pc.organisation_id, " + StageRank("pc.from_stage") + " AS from_rank, " +
        StageRank("pc.to_stage") + " AS to_rank FROM pipeline_change pc" +
        Scope::Collectivite("pc.organisation_id", "pc.network_id") +
        " WHERE pc.changed_at >= :from AND pc.changed_at < :after" + scope.NetworkIs("pc.network_id") +
        ") c GROUP BY c.network_id, c.organisation_id) t";
    for (const auto& [name, counts] : queries.Rows<kStageBoundaries>(sql)) figures.crossings = counts;
  }
  for (std::string_view type : kInteractionTypes) figures.interactions_by_type[std::string(type)] = 0;
  for (const auto& [type, counts] :
       queries.Rows<1>("SELECT i.type, COUNT(*) FROM interaction i WHERE i.happened_on >= :from AND i.happened_on <= :to" +
                       scope.NetworkIs("i.network_id") + " GROUP BY i.type")) {
    figures.interactions_by_type[type] = counts[0];
  }
  figures.dormant = queries.Count("SELECT COUNT(*) FROM pipeline_stage ps" +
                                  Scope::Collectivite("ps.organisation_id", "ps.network_id") + " WHERE " +
                                  kDormantRelation + scope.NetworkIs("ps.network_id"));
  figures.by_departement = Breakdown(collectivites, [](const Counted& c) { return c.departement; });
  figures.by_category = Breakdown(collectivites, [](const Counted& c) { return c.category; });
  figures.by_population_band = Breakdown(collectivites, [](const Counted& c) { return PopulationBandOf(c.population); });
  return figures;
}

}  // namespace rrma
