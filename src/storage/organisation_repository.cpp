#include "storage/organisation_repository.h"

#include <string>

#include "domain/search_text.h"
#include "storage/bound_statement.h"

namespace rrma {
namespace {

// Columns of an OrganisationSummary, with the names of its département and région.
constexpr std::string_view kSummaryColumns =
    "SELECT o.id, o.kind, o.category, o.subcategory, o.name, o.insee_code, o.siren, o.population,"
    " o.departement_code, d.name, o.region_code, r.name";
constexpr std::string_view kSummaryFrom =
    " FROM organisation o"
    " LEFT JOIN organisation d ON d.category = 'departement' AND d.insee_code = o.departement_code"
    " LEFT JOIN organisation r ON r.category = 'region' AND r.insee_code = o.region_code";
constexpr std::string_view kCountFrom = "SELECT COUNT(*) FROM organisation o";
constexpr std::string_view kWhereAlways = " WHERE o.visibility = 'public'";
constexpr std::string_view kWhereId = " WHERE o.id = :id AND o.visibility = 'public'";
constexpr std::string_view kByPopulation = " o.population DESC NULLS LAST, o.name, o.id";
constexpr std::string_view kLimit = " LIMIT :limit OFFSET :offset";

constexpr std::string_view kDetailExtras =
    "SELECT o.postal_codes, o.reference_source FROM organisation o WHERE o.id = :id";
constexpr std::string_view kMemberOfWhere =
    " JOIN relationship m ON m.to_id = o.id"
    " WHERE m.from_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL"
    " ORDER BY o.population DESC NULLS LAST, o.id";
constexpr std::string_view kMembershipColumns = ", m.source, m.start_date, m.end_date";
constexpr std::string_view kMembersWhere =
    " JOIN relationship m ON m.from_id = o.id"
    " WHERE m.to_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL";
constexpr std::string_view kCountMembers =
    "SELECT COUNT(*) FROM relationship m WHERE m.to_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL";
constexpr std::string_view kCountVisible =
    "SELECT COUNT(*) FROM organisation o WHERE o.id = :id AND o.visibility = 'public'";
constexpr std::string_view kNetworksOfRegion =
    "SELECT n.id, n.name FROM network n JOIN network_region nr ON nr.network_id = n.id"
    " WHERE nr.region_code = :region ORDER BY n.name";

// Binds the summary columns to a statement and reads them back row by row.
class SummaryReader {
 public:
  explicit SummaryReader(soci::statement& statement) : row_(statement) {
    id_ = row_.Integer();
    kind_ = row_.Text();
    category_ = row_.Text();
    subcategory_ = row_.Text();
    name_ = row_.Text();
    insee_ = row_.Text();
    siren_ = row_.Text();
    population_ = row_.Integer();
    departement_code_ = row_.Text();
    departement_name_ = row_.Text();
    region_code_ = row_.Text();
    region_name_ = row_.Text();
  }

  RowReader& row() { return row_; }

  OrganisationSummary Read() const {
    OrganisationSummary s;
    s.id = row_.IntegerOr(id_);
    s.kind = row_.TextOr(kind_);
    s.category = row_.OptionalText(category_);
    s.subcategory = row_.OptionalText(subcategory_);
    s.name = row_.TextOr(name_);
    s.insee_code = row_.OptionalText(insee_);
    s.siren = row_.OptionalText(siren_);
    s.population = row_.OptionalInteger(population_);
    if (auto code = row_.OptionalText(departement_code_)) {
      s.departement = CodeName{*code, row_.TextOr(departement_name_)};
    }
    if (auto code = row_.OptionalText(region_code_)) s.region = CodeName{*code, row_.TextOr(region_name_)};
    return s;
  }

 private:
  RowReader row_;
  size_t id_, kind_, category_, subcategory_, name_, insee_, siren_, population_;
  size_t departement_code_, departement_name_, region_code_, region_name_;
};

// Appends the WHERE conditions of a query and binds their values.
void AddFilters(const OrganisationQuery& query, const std::vector<std::string>& words,
                std::string& sql, BoundStatement& statement) {
  sql.append(kWhereAlways);
  const auto filter = [&](const std::optional<std::string>& value, std::string_view condition,
                          const char* name) {
    if (!value) return;
    sql.append(condition);
    statement.Use(name, *value);
  };
  filter(query.kind, " AND o.kind = :kind", "kind");
  filter(query.category, " AND o.category = :category", "category");
  filter(query.region, " AND o.region_code = :region", "region");
  filter(query.departement, " AND o.departement_code = :departement", "departement");
  filter(query.insee, " AND o.insee_code = :insee", "insee");
  filter(query.siren, " AND o.siren = :siren", "siren");
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string low = "w" + std::to_string(i);
    const std::string high = low + "e";
    sql.append(" AND o.id IN (SELECT organisation_id FROM organisation_word WHERE word >= :");
    sql.append(low).append(" AND word < :").append(high).append(")");
    statement.Use(low, words[i]);
    statement.Use(high, PrefixUpperBound(words[i]));
  }
}

int64_t CountMatches(soci::session& session, const OrganisationQuery& query,
                     const std::vector<std::string>& words) {
  BoundStatement statement(session);
  long long total = 0;
  statement.statement().exchange(soci::into(total));
  std::string sql(kCountFrom);
  AddFilters(query, words, sql, statement);
  statement.Execute(sql);
  statement.Fetch();
  return total;
}

}  // namespace

Page<OrganisationSummary> OrganisationRepository::Search(const OrganisationQuery& query) {
  auto session = database_.Acquire();
  const std::string normalised = query.text ? NormaliseForSearch(*query.text) : std::string();
  const std::vector<std::string> words = SearchWords(normalised);

  Page<OrganisationSummary> page;
  page.request = query.page;
  // Text made only of punctuation or symbols can match no name.
  if (query.text && words.empty() && query.text->find_first_not_of(" \t") != std::string::npos) return page;
  page.total = CountMatches(*session, query, words);
  if (page.total <= query.page.offset()) return page;

  BoundStatement statement(*session);
  SummaryReader reader(statement.statement());
  std::string sql(kSummaryColumns);
  sql.append(kSummaryFrom);
  AddFilters(query, words, sql, statement);
  sql.append(" ORDER BY");
  if (!words.empty()) {
    sql.append(" CASE WHEN o.search_name = :exact THEN 0 ELSE 1 END,");
    statement.Use("exact", normalised);
  }
  sql.append(kByPopulation).append(kLimit);
  statement.Use("limit", query.page.per_page);
  statement.Use("offset", query.page.offset());
  statement.Execute(sql);
  while (statement.Fetch()) page.items.push_back(reader.Read());
  return page;
}

Result<OrganisationDetail> OrganisationRepository::FindById(int64_t id) {
  auto session = database_.Acquire();
  OrganisationDetail detail;
  {
    BoundStatement statement(*session);
    SummaryReader reader(statement.statement());
    std::string sql(kSummaryColumns);
    sql.append(kSummaryFrom).append(kWhereId);
    statement.Use("id", id);
    statement.Execute(sql);
    if (!statement.Fetch()) return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
    detail.summary = reader.Read();
  }
  {
    BoundStatement statement(*session);
    RowReader row(statement.statement());
    size_t postal = row.Text();
    size_t source = row.Text();
    statement.Use("id", id);
    statement.Execute(std::string(kDetailExtras));
    statement.Fetch();
    for (std::string& code : SearchWords(row.TextOr(postal))) detail.postal_codes.push_back(std::move(code));
    detail.reference_source = row.OptionalText(source);
  }
  {
    BoundStatement statement(*session);
    SummaryReader reader(statement.statement());
    size_t source = reader.row().Text();
    size_t start = reader.row().Text();
    size_t end = reader.row().Text();
    std::string sql(kSummaryColumns);
    sql.append(kMembershipColumns).append(kSummaryFrom).append(kMemberOfWhere);
    statement.Use("id", id);
    statement.Execute(sql);
    while (statement.Fetch()) {
      detail.member_of.push_back({reader.Read(), reader.row().TextOr(source), reader.row().OptionalText(start),
                                  reader.row().OptionalText(end)});
    }
  }
  {
    long long total = 0;
    long long bound_id = id;
    *session << kCountMembers, soci::use(bound_id, "id"), soci::into(total);
    detail.members_total = total;
  }
  if (detail.summary.region) {
    long long network_id = 0;
    std::string network_name;
    std::string region = detail.summary.region->code;
    soci::statement statement = (session->prepare << kNetworksOfRegion, soci::use(region, "region"),
                                 soci::into(network_id), soci::into(network_name));
    statement.execute(false);
    while (statement.fetch()) detail.networks.push_back({network_id, network_name});
  }
  return detail;
}

Result<Page<OrganisationSummary>> OrganisationRepository::ListMembers(int64_t id, const PageRequest& request) {
  auto session = database_.Acquire();
  long long exists = 0;
  long long bound_id = id;
  *session << kCountVisible, soci::use(bound_id, "id"), soci::into(exists);
  if (exists == 0) return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");

  Page<OrganisationSummary> page;
  page.request = request;
  long long total = 0;
  *session << kCountMembers, soci::use(bound_id, "id"), soci::into(total);
  page.total = total;
  if (page.total <= request.offset()) return page;

  BoundStatement statement(*session);
  SummaryReader reader(statement.statement());
  std::string sql(kSummaryColumns);
  sql.append(kSummaryFrom).append(kMembersWhere).append(" ORDER BY").append(kByPopulation).append(kLimit);
  statement.Use("id", id);
  statement.Use("limit", request.per_page);
  statement.Use("offset", request.offset());
  statement.Execute(sql);
  while (statement.Fetch()) page.items.push_back(reader.Read());
  return page;
}

}  // namespace rrma
