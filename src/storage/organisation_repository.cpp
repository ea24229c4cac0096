#include "storage/organisation_repository.h"

#include <string>

#include "domain/search_text.h"
#include "storage/bound_statement.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"

namespace rrma {
namespace {

// The fiche and the members lists are reference data (the COG's EPCI memberships), public and
// cached by reference generation: the memberships networks record are read, scoped to the caller,
// through RelationshipRepository only.

// Columns of an OrganisationSummary, with the names of its département and région, and for an
// actor the commune where it is based.
constexpr std::string_view kSummaryColumns =
    "SELECT o.id, o.kind, o.category, o.subcategory, o.name, o.insee_code, o.siren, o.population,"
    " o.departement_code, d.name, o.region_code, r.name, o.commune_insee, cm.name";
constexpr std::string_view kSummaryFrom =
    " FROM organisation o"
    " LEFT JOIN organisation cm ON cm.category = 'commune' AND cm.insee_code = o.commune_insee"
    " LEFT JOIN organisation d ON d.category = 'departement' AND d.insee_code = o.departement_code"
    " LEFT JOIN organisation r ON r.category = 'region' AND r.insee_code = o.region_code";
constexpr std::string_view kCountFrom = "SELECT COUNT(*) FROM organisation o";
constexpr std::string_view kLimit = " LIMIT :limit OFFSET :offset";

constexpr std::string_view kDetailColumns =
    ", o.postal_codes, o.reference_source,"
    " (SELECT COUNT(*) FROM relationship c"
    "   WHERE c.to_id = o.id AND c.kind = 'member_of' AND c.end_date IS NULL AND c.reference_key IS NOT NULL)";
constexpr std::string_view kWhereId = " WHERE o.id = :id AND o.visibility = 'public'";
constexpr std::string_view kMembershipColumns = ", m.source, m.start_date, m.end_date";
constexpr std::string_view kMemberOfWhere =
    " JOIN relationship m ON m.to_id = o.id"
    " WHERE m.from_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL AND m.reference_key IS NOT NULL";
constexpr std::string_view kMembersWhere =
    " JOIN relationship m ON m.from_id = o.id"
    " WHERE m.to_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL AND m.reference_key IS NOT NULL";
constexpr std::string_view kCountMembers =
    "SELECT COUNT(*) FROM relationship m WHERE m.to_id = :id AND m.kind = 'member_of' AND m.end_date IS NULL"
    " AND m.reference_key IS NOT NULL";
constexpr std::string_view kCountVisible =
    "SELECT COUNT(*) FROM organisation o WHERE o.id = :id AND o.visibility = 'public'";
constexpr std::string_view kReferenceGeneration = "SELECT value FROM data_generation WHERE name = 'reference'";
constexpr std::string_view kNetworksOfRegion =
    "SELECT n.id, n.name FROM network n JOIN network_region nr ON nr.network_id = n.id"
    " WHERE nr.region_code = :region ORDER BY n.name";

// Largest population first, unknown ones last; how each engine says it is in sql_dialect.
std::string ByPopulation(Engine engine) { return ForEngine(engine, " o.{{population_desc}}, o.name, o.id"); }

Status UnknownOrganisation(int64_t id) {
  return Status::NotFound("Aucune organisation ne porte l'identifiant " + std::to_string(id) + ".");
}

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
    commune_code_ = row_.Text();
    commune_name_ = row_.Text();
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
    if (auto code = row_.OptionalText(commune_code_)) s.commune = CodeName{*code, row_.TextOr(commune_name_)};
    return s;
  }

 private:
  RowReader row_;
  size_t id_, kind_, category_, subcategory_, name_, insee_, siren_, population_;
  size_t departement_code_, departement_name_, region_code_, region_name_, commune_code_, commune_name_;
};

// Statements kept per session (Database::Lease::Cached), one per SQL text.
struct SummaryQuery {
  explicit SummaryQuery(soci::session& session) : statement(session), reader(statement.statement()) {}
  BoundStatement statement;
  SummaryReader reader;
};

// Summary columns followed by three text columns (detail extras, or membership source and dates).
struct SummaryPlusQuery {
  explicit SummaryPlusQuery(soci::session& session)
      : statement(session),
        reader(statement.statement()),
        first(reader.row().Text()),
        second(reader.row().Text()),
        third(reader.row().Text()) {}
  BoundStatement statement;
  SummaryReader reader;
  size_t first, second, third;
};

// Summary columns, then postal codes, reference source and the number of members.
struct DetailQuery {
  explicit DetailQuery(soci::session& session)
      : statement(session),
        reader(statement.statement()),
        first(reader.row().Text()),
        second(reader.row().Text()),
        members_total(reader.row().Integer()) {}
  BoundStatement statement;
  SummaryReader reader;
  size_t first, second, members_total;
};


struct NetworkQuery {
  explicit NetworkQuery(soci::session& session) : statement(session), row(statement.statement()) {
    id = row.Integer();
    name = row.Text();
  }
  BoundStatement statement;
  RowReader row;
  size_t id, name;
};

// Runs a kept query returning one integer (a count, a counter); 0 when it returns no row.
int64_t ScalarInteger(Database::Lease& session, const std::string& sql, const std::vector<Binding>& bindings) {
  return RunScalar(session, sql, bindings).value_or(0);
}

// The ids of the organisations with a word of the name that is one of forms (search_text.h), as
// a subquery binding its values under names starting with prefix: an index range scan per prefix,
// index lookups for the words. Joined by UNION ALL rather than OR, which SQLite runs through a
// de-duplicating row set: « saint » costs what it cost before the abbreviations.
std::string HavingAnyWordOf(const SearchWordForms& forms, const std::string& prefix, std::vector<Binding>& bindings) {
  const auto next = [&](const std::string& value) {
    const std::string name = prefix + "_" + std::to_string(bindings.size());
    bindings.push_back({name, value});
    return ":" + name;
  };
  constexpr std::string_view kSelect = "SELECT organisation_id FROM organisation_word WHERE word ";
  std::string subquery;
  for (const std::string& start : forms.prefixes) {
    if (!subquery.empty()) subquery.append(" UNION ALL ");
    subquery.append(kSelect).append(">= ").append(next(start));
    subquery.append(" AND word < ").append(next(PrefixUpperBound(start)));
  }
  if (!forms.words.empty()) {
    subquery.append(" UNION ALL ").append(kSelect).append("IN (");
    for (size_t i = 0; i < forms.words.size(); ++i) subquery.append(i == 0 ? "" : ", ").append(next(forms.words[i]));
    subquery.append(")");
  }
  return subquery;
}

// Appends the WHERE conditions of a query and the values they bind: each word of the text must
// start a word of the name (or be an abbreviation of one, or the other way round), except
// official codes, which must equal the INSEE code or SIREN.
void AddFilters(const Account& caller, const OrganisationQuery& query, const std::vector<std::string>& words,
                std::string& sql, std::vector<Binding>& bindings) {
  // Reference rows and public actors for everyone, the others as tenancy allows; archived actors
  // are out of the directory (their fiche stays).
  sql.append(" WHERE o.archived_at IS NULL AND ").append(ReadableBy("o"));
  bindings.push_back(CallerBinding(caller));
  const auto filter = [&](const std::optional<std::string>& value, std::string_view condition, const char* name) {
    if (!value) return;
    sql.append(condition);
    bindings.push_back({name, *value});
  };
  filter(query.kind, " AND o.kind = :kind", "kind");
  filter(query.category, " AND o.category = :category", "category");
  filter(query.region, " AND o.region_code = :region", "region");
  filter(query.departement, " AND o.departement_code = :departement", "departement");
  filter(query.insee, " AND o.insee_code = :insee", "insee");
  filter(query.siren, " AND o.siren = :siren", "siren");
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string low = "w" + std::to_string(i);
    if (auto code = AsOfficialCode(words[i])) {
      sql.append(" AND (o.insee_code = :").append(low).append(" OR o.siren = :").append(low).append(")");
      bindings.push_back({low, *code});
      continue;
    }
    sql.append(" AND o.id IN (").append(HavingAnyWordOf(FormsOfSearchWord(words[i]), low, bindings)).append(")");
  }
}

}  // namespace

Page<OrganisationSummary> OrganisationRepository::Search(const Account& caller, const OrganisationQuery& query) {
  auto session = database_.Acquire();
  const std::string normalised = query.text ? NormaliseForSearch(*query.text) : std::string();
  const std::vector<std::string> words = SearchWords(normalised);

  Page<OrganisationSummary> page;
  page.request = query.page;
  // Text made only of punctuation or symbols can match no name.
  if (query.text && words.empty() && query.text->find_first_not_of(" \t") != std::string::npos) return page;

  std::string where;
  std::vector<Binding> bindings;
  AddFilters(caller, query, words, where, bindings);
  page.total = ScalarInteger(session, std::string(kCountFrom).append(where), bindings);
  if (page.total <= query.page.offset()) return page;

  std::string sql(kSummaryColumns);
  sql.append(kSummaryFrom).append(where).append(" ORDER BY");
  if (!words.empty()) {
    // The name as typed, or with its abbreviations written out ("st etienne": Saint-Étienne).
    sql.append(" CASE WHEN o.search_name IN (:exact, :written_out) THEN 0 ELSE 1 END,");
    bindings.push_back({"exact", normalised});
    bindings.push_back({"written_out", ExpandAbbreviations(normalised)});
  }
  sql.append(ByPopulation(database_.engine())).append(kLimit);
  bindings.push_back({"limit", query.page.per_page});
  bindings.push_back({"offset", query.page.offset()});
  auto& select = session.Cached<SummaryQuery>(sql);
  select.statement.Use(bindings);
  select.statement.Execute(sql);
  while (select.statement.Fetch()) page.items.push_back(select.reader.Read());
  return page;
}

Result<OrganisationDetail> OrganisationRepository::FindById(int64_t id) {
  auto session = database_.Acquire();
  ReadTransaction snapshot(session, database_.engine());
  OrganisationDetail detail;
  bool found = false;
  {
    static const std::string kSql =
        std::string(kSummaryColumns).append(kDetailColumns).append(kSummaryFrom).append(kWhereId);
    auto& query = session.Cached<DetailQuery>(kSql);
    query.statement.Use("id", id);
    query.statement.Execute(kSql);
    while (query.statement.Fetch()) {
      found = true;
      detail.summary = query.reader.Read();
      for (std::string& code : SearchWords(query.reader.row().TextOr(query.first))) {
        detail.postal_codes.push_back(std::move(code));
      }
      detail.reference_source = query.reader.row().OptionalText(query.second);
      detail.members_total = query.reader.row().IntegerOr(query.members_total);
    }
  }
  if (!found) return UnknownOrganisation(id);
  {
    const std::string sql = std::string(kSummaryColumns)
                                .append(kMembershipColumns)
                                .append(kSummaryFrom)
                                .append(kMemberOfWhere)
                                .append(" ORDER BY")
                                .append(ByPopulation(database_.engine()));
    auto& query = session.Cached<SummaryPlusQuery>(sql);
    query.statement.Use("id", id);
    query.statement.Execute(sql);
    RowReader& row = query.reader.row();
    while (query.statement.Fetch()) {
      detail.member_of.push_back(
          {query.reader.Read(), row.TextOr(query.first), row.OptionalText(query.second), row.OptionalText(query.third)});
    }
  }
  if (detail.summary.region) {
    static const std::string kSql(kNetworksOfRegion);
    auto& query = session.Cached<NetworkQuery>(kSql);
    query.statement.Use("region", detail.summary.region->code);
    query.statement.Execute(kSql);
    while (query.statement.Fetch()) detail.networks.push_back({query.row.IntegerOr(query.id), query.row.TextOr(query.name)});
  }
  return detail;
}

Result<Page<OrganisationSummary>> OrganisationRepository::ListMembers(int64_t id, const PageRequest& request) {
  auto session = database_.Acquire();
  if (ScalarInteger(session, std::string(kCountVisible), {{"id", id}}) == 0) return UnknownOrganisation(id);

  Page<OrganisationSummary> page;
  page.request = request;
  page.total = ScalarInteger(session, std::string(kCountMembers), {{"id", id}});
  if (page.total <= request.offset()) return page;

  const std::string sql = std::string(kSummaryColumns)
                              .append(kSummaryFrom)
                              .append(kMembersWhere)
                              .append(" ORDER BY")
                              .append(ByPopulation(database_.engine()))
                              .append(kLimit);
  auto& query = session.Cached<SummaryQuery>(sql);
  query.statement.Use(std::vector<Binding>{{"id", id}, {"limit", request.per_page}, {"offset", request.offset()}});
  query.statement.Execute(sql);
  while (query.statement.Fetch()) page.items.push_back(query.reader.Read());
  return page;
}

int64_t OrganisationRepository::ReferenceGeneration() {
  static const std::string kSql(kReferenceGeneration);
  auto session = database_.Acquire();
  return ScalarInteger(session, kSql, {});
}

}  // namespace rrma
