#include "storage/reference_repository.h"

#include <cctype>
#include <map>

#include "domain/identifiers.h"
#include "domain/search_text.h"
#include "storage/bound_statement.h"

namespace rrma {
namespace {

// A country matches when its normalised name starts with the text, or has a word that does,
// the text as typed or with its abbreviations written out ("ste lucie": Sainte-Lucie).
constexpr std::string_view kCountryFilter =
    " WHERE (:text = '' OR search_name LIKE :starts OR search_name LIKE :word"
    " OR search_name LIKE :starts_out OR search_name LIKE :word_out OR code = :code)";
constexpr std::string_view kCountCountries = "SELECT COUNT(*) FROM country";
constexpr std::string_view kSelectCountries = "SELECT code, name FROM country";
constexpr std::string_view kOrderCountries = " ORDER BY search_name, code LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountOdd = "SELECT COUNT(*) FROM odd";
constexpr std::string_view kSelectOdd = "SELECT number, title FROM odd ORDER BY number LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountNetworks = "SELECT COUNT(*) FROM network";
constexpr std::string_view kSelectNetworks =
    "SELECT id, organisation_id, name FROM network ORDER BY name LIMIT :limit OFFSET :offset";
constexpr std::string_view kSelectNetworkRegions =
    "SELECT nr.network_id, nr.region_code, r.name FROM network_region nr"
    " LEFT JOIN organisation r ON r.category = 'region' AND r.insee_code = nr.region_code"
    " ORDER BY nr.network_id, nr.region_code";

void BindCountryFilter(BoundStatement& statement, const std::string& text) {
  const std::string normalised = NormaliseForSearch(text);
  statement.Use("text", normalised);
  statement.Use("starts", normalised + "%");
  statement.Use("word", "% " + normalised + "%");
  const std::string written_out = ExpandAbbreviations(normalised);
  statement.Use("starts_out", written_out + "%");
  statement.Use("word_out", "% " + written_out + "%");
  std::string code = text;
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Only a well-formed code is compared; anything else is never sent as such.
  statement.Use("code", IsCountryAlpha2(code) ? code : std::string());
}

}  // namespace

Page<Country> ReferenceRepository::ListCountries(const std::string& text, const PageRequest& request) {
  auto session = database_.Acquire();
  Page<Country> page;
  page.request = request;
  // Text made only of punctuation or symbols can match no name.
  if (NormaliseForSearch(text).empty() && text.find_first_not_of(" \t") != std::string::npos) return page;
  {
    BoundStatement statement(*session);
    long long total = 0;
    statement.statement().exchange(soci::into(total));
    BindCountryFilter(statement, text);
    statement.Execute(std::string(kCountCountries).append(kCountryFilter));
    while (statement.Fetch()) page.total = total;
  }
  BoundStatement statement(*session);
  RowReader row(statement.statement());
  size_t code = row.Text();
  size_t name = row.Text();
  BindCountryFilter(statement, text);
  statement.Use("limit", request.per_page);
  statement.Use("offset", request.offset());
  statement.Execute(std::string(kSelectCountries).append(kCountryFilter).append(kOrderCountries));
  while (statement.Fetch()) page.items.push_back({row.TextOr(code), row.TextOr(name)});
  return page;
}

Page<Odd> ReferenceRepository::ListOdd(const PageRequest& request) {
  auto session = database_.Acquire();
  Page<Odd> page;
  page.request = request;
  long long total = 0;
  *session << kCountOdd, soci::into(total);
  page.total = total;
  BoundStatement statement(*session);
  RowReader row(statement.statement());
  size_t number = row.Integer();
  size_t title = row.Text();
  statement.Use("limit", request.per_page);
  statement.Use("offset", request.offset());
  statement.Execute(std::string(kSelectOdd));
  while (statement.Fetch()) page.items.push_back({static_cast<int>(row.IntegerOr(number)), row.TextOr(title)});
  return page;
}

Page<Network> ReferenceRepository::ListNetworks(const PageRequest& request) {
  auto session = database_.Acquire();
  Page<Network> page;
  page.request = request;
  long long total = 0;
  *session << kCountNetworks, soci::into(total);
  page.total = total;
  {
    BoundStatement statement(*session);
    RowReader row(statement.statement());
    size_t id = row.Integer();
    size_t organisation = row.Integer();
    size_t name = row.Text();
    statement.Use("limit", request.per_page);
    statement.Use("offset", request.offset());
    statement.Execute(std::string(kSelectNetworks));
    while (statement.Fetch()) {
      page.items.push_back({row.IntegerOr(id), row.TextOr(name), {}, {}, row.OptionalInteger(organisation)});
    }
  }
  std::map<int64_t, Network*> by_id;
  for (Network& network : page.items) by_id[network.id] = &network;
  BoundStatement statement(*session);
  RowReader row(statement.statement());
  size_t network_id = row.Integer();
  size_t code = row.Text();
  size_t name = row.Text();
  statement.Execute(std::string(kSelectNetworkRegions));
  while (statement.Fetch()) {
    auto found = by_id.find(row.IntegerOr(network_id));
    if (found == by_id.end()) continue;
    found->second->region_codes.push_back(row.TextOr(code));
    found->second->region_names.push_back(row.TextOr(name));
  }
  return page;
}

}  // namespace rrma
