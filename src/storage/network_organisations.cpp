#include "storage/network_organisations.h"

#include <string>
#include <utility>
#include <vector>

#include "domain/search_text.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kNetworksWithout = "SELECT id, name FROM network WHERE organisation_id IS NULL ORDER BY id";
constexpr std::string_view kInsert =
    "INSERT INTO organisation (kind, name, search_name, network_id, visibility, created_at, updated_at)"
    " VALUES ('reseau', :name, :search, :network, 'public', :now, :now) RETURNING id";
constexpr std::string_view kLink = "UPDATE network SET organisation_id = :organisation WHERE id = :network";
constexpr std::string_view kInsertWord = "INSERT INTO organisation_word (word, organisation_id) VALUES (:word, :id)";

}  // namespace

void CreateNetworkOrganisations(soci::session& session) {
  std::vector<std::pair<long long, std::string>> networks;
  {
    long long id = 0;
    std::string name;
    soci::statement select = (session.prepare << kNetworksWithout, soci::into(id), soci::into(name));
    select.execute(false);
    while (select.fetch()) networks.emplace_back(id, name);
  }
  for (auto& [network, name] : networks) {
    std::string search = NormaliseForSearch(name);
    long long organisation = 0;
    std::string now = NowIsoUtc();
    session << kInsert, soci::use(name, "name"), soci::use(search, "search"), soci::use(network, "network"),
        soci::use(now, "now"), soci::into(organisation);
    session << kLink, soci::use(organisation, "organisation"), soci::use(network, "network");
    for (std::string word : SearchWords(search)) {
      session << kInsertWord, soci::use(word, "word"), soci::use(organisation, "id");
    }
  }
}

}  // namespace rrma
