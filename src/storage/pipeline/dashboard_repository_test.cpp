// The dashboard's figures as stored, on SQLite and PostgreSQL: each one checked against a plain
// C++ computation over the same generated rows (memberships, board seats, stages, moves,
// interactions of two networks with every visibility), for one network and across networks, and
// another network's private rows never change a network's figures.
#include "storage/pipeline/dashboard_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "domain/field_rules.h"
#include "domain/pipeline/interaction.h"
#include "domain/relationship.h"
#include "storage/account_repository.h"
#include "storage/bound_statement.h"
#include "storage/pipeline/interaction_repository.h"
#include "storage/relationship_repository.h"
#include "storage/reference_import.h"
#include "storage/sql_dialect.h"
#include "storage/storage_test_support.h"

namespace rrma {

void PrintTo(const DashboardBreakdownRow& row, std::ostream* out) {
  *out << "{" << row.key << ": " << row.members << " members, " << row.accompanied << " accompanied, " << row.engaged
       << " engaged}";
}

namespace {

struct Org {
  int64_t id = 0;
  std::string kind, category, departement;
  std::optional<int64_t> population;
  std::string visibility = "public";
  std::optional<int64_t> network;
};
struct Rel {
  std::string kind;
  int64_t from = 0, to = 0;
  std::optional<std::string> role, start, end;
  std::optional<int64_t> network;
  std::string visibility;
};
struct StageRow {
  int64_t network = 0, org = 0;
  std::string stage, changed_at;
};
struct ChangeRow {
  int64_t network = 0, org = 0;
  std::string from, to, changed_at;
};
struct InteractionRow {
  int64_t network = 0;
  std::string date, type, visibility;
  std::vector<int64_t> orgs;
};

// The generated rows, and the figures computed from them without SQL.
struct Rows {
  std::map<int64_t, Org> orgs;
  std::map<int64_t, int64_t> record_of;  // network -> its organisation
  std::vector<Rel> rels;
  std::vector<StageRow> stages;
  std::vector<ChangeRow> changes;
  std::vector<InteractionRow> interactions;

  bool Visible(int64_t org, int64_t network) const {
    const Org& o = orgs.at(org);
    return o.kind == "collectivite" && (o.visibility != "private" || o.network == network);
  }
  static bool InScope(std::optional<int64_t> scope, int64_t network) { return !scope || *scope == network; }

  std::set<int64_t> Seated(std::optional<int64_t> scope, const std::string& day, const std::string& kind,
                           bool presidents) const {
    std::set<int64_t> ids;
    for (const Rel& rel : rels) {
      if (rel.kind != kind || (presidents && rel.role != "president")) continue;
      if ((rel.start && *rel.start > day) || (rel.end && *rel.end < day)) continue;
      for (const auto& [network, record] : record_of) {
        if (record == rel.to && InScope(scope, network) && (!rel.network || *rel.network == network) &&
            Visible(rel.from, network)) {
          ids.insert(rel.from);
        }
      }
    }
    return ids;
  }

  std::set<int64_t> Accompanied(std::optional<int64_t> scope, const std::string& from, const std::string& to) const {
    std::set<int64_t> ids;
    for (const InteractionRow& i : interactions) {
      if (!InScope(scope, i.network) || i.date < from || i.date > to) continue;
      for (int64_t org : i.orgs) {
        if (Visible(org, i.network)) ids.insert(org);
      }
    }
    return ids;
  }

  std::vector<const StageRow*> Engaged(std::optional<int64_t> scope) const {
    std::vector<const StageRow*> engaged;
    for (const StageRow& s : stages) {
      if (InScope(scope, s.network) && s.stage != "non_contactee" && Visible(s.org, s.network)) engaged.push_back(&s);
    }
    return engaged;
  }

  static size_t Rank(const std::string& stage) {
    for (size_t k = 0; k < kPipelineStages.size(); ++k) {
      if (PipelineStageName(kPipelineStages[k]) == stage) return k;
    }
    return 0;
  }

  DashboardFigures Expected(std::optional<int64_t> scope, const std::string& from, const std::string& to) const {
    DashboardFigures f;
    f.network_id = scope;
    f.from = from;
    f.to = to;
    const std::set<int64_t> members = Seated(scope, to, "member_of", false);
    const std::set<int64_t> accompanied = Accompanied(scope, from, to);
    f.members = static_cast<int64_t>(members.size());
    f.board_seats = static_cast<int64_t>(Seated(scope, to, "board_seat", false).size());
    f.presidencies = static_cast<int64_t>(Seated(scope, to, "board_seat", true).size());
    f.accompanied = static_cast<int64_t>(accompanied.size());
    for (PipelineStage stage : kPipelineStages) {
      if (stage != PipelineStage::kNonContactee) f.by_stage[stage] = 0;
    }
    std::set<int64_t> engaged;
    for (const StageRow* s : Engaged(scope)) {
      ++f.by_stage[*ParsePipelineStage(s->stage)];
      engaged.insert(s->org);
    }
    const std::string after = NextDay(to);
    std::map<std::pair<int64_t, int64_t>, std::array<bool, kStageBoundaries>> crossed;
    for (const ChangeRow& c : changes) {
      if (!InScope(scope, c.network) || c.changed_at < from || c.changed_at >= after || !Visible(c.org, c.network)) continue;
      auto& boundaries = crossed[{c.network, c.org}];
      for (size_t k = 0; k < kStageBoundaries; ++k) {
        if (Rank(c.from) <= k && Rank(c.to) > k) boundaries[k] = true;
      }
    }
    for (const auto& [relation, boundaries] : crossed) {
      for (size_t k = 0; k < kStageBoundaries; ++k) f.crossings[k] += boundaries[k] ? 1 : 0;
    }
    for (std::string_view type : kInteractionTypes) f.interactions_by_type[std::string(type)] = 0;
    for (const InteractionRow& i : interactions) {
      if (InScope(scope, i.network) && i.date >= from && i.date <= to) ++f.interactions_by_type[i.type];
    }
    const std::string since = MonthsBefore(to, kDormantMonths);
    for (const StageRow& s : stages) {
      if (!InScope(scope, s.network) || s.stage == "non_contactee" || s.changed_at >= since || !Visible(s.org, s.network)) {
        continue;
      }
      bool recent = false;
      for (const InteractionRow& i : interactions) {
        if (i.network == s.network && i.date >= since &&
            std::find(i.orgs.begin(), i.orgs.end(), s.org) != i.orgs.end()) {
          recent = true;
        }
      }
      if (!recent) ++f.dormant;
    }
    std::set<int64_t> all = members;
    all.insert(accompanied.begin(), accompanied.end());
    all.insert(engaged.begin(), engaged.end());
    std::map<std::string, DashboardBreakdownRow> departements, categories, bands;
    for (int64_t id : all) {
      const Org& o = orgs.at(id);
      for (auto [table, key] : {std::pair{&departements, o.departement}, std::pair{&categories, o.category},
                                std::pair{&bands, std::string(PopulationBandOf(o.population))}}) {
        DashboardBreakdownRow& row = (*table)[key];
        row.key = key;
        row.members += members.count(id);
        row.accompanied += accompanied.count(id);
        row.engaged += engaged.count(id);
      }
    }
    for (auto [table, out] : {std::pair{&departements, &f.by_departement}, std::pair{&categories, &f.by_category},
                              std::pair{&bands, &f.by_population_band}}) {
      for (const auto& [key, row] : *table) out->push_back(row);
    }
    return f;
  }
};

void ExpectSameFigures(const DashboardFigures& got, const DashboardFigures& want, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(got.members, want.members);
  EXPECT_EQ(got.board_seats, want.board_seats);
  EXPECT_EQ(got.presidencies, want.presidencies);
  EXPECT_EQ(got.accompanied, want.accompanied);
  EXPECT_EQ(got.by_stage, want.by_stage);
  EXPECT_EQ(got.crossings, want.crossings);
  EXPECT_EQ(got.interactions_by_type, want.interactions_by_type);
  EXPECT_EQ(got.dormant, want.dormant);
  EXPECT_EQ(got.by_departement, want.by_departement);
  EXPECT_EQ(got.by_category, want.by_category);
  EXPECT_EQ(got.by_population_band, want.by_population_band);
}

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& c : testing::ReferenceSlice().collectivites) {
      if (c.departement_code == "06" || c.departement_code == "83" || c.category == "region") data.collectivites.push_back(c);
    }
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    staff_ = accounts.CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    other_ = accounts.CreateUser("staff@resacoop.fr", "h", Role::kNetworkStaff, std::string("RESACOOP")).value();
    admin_ = accounts.CreateUser("admin@rrma.fr", "h", Role::kAdmin, std::nullopt).value();
    network_ = *staff_.roles.at(0).network_id;
    other_network_ = *other_.roles.at(0).network_id;
    auto session = database_->Acquire();
    for (int64_t network : {network_, other_network_}) {
      rows_.record_of[network] =
          RunScalar(session, "SELECT organisation_id FROM network WHERE id = :id", {{"id", network}}).value();
    }
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer(), kind = row.Text(), category = row.Text(), departement = row.Text(),
                 population = row.Integer(), visibility = row.Text(), network = row.Integer();
    select.Execute("SELECT id, kind, category, departement_code, population, visibility, network_id FROM organisation");
    while (select.Fetch()) {
      rows_.orgs[row.IntegerOr(id)] = {row.IntegerOr(id), row.TextOr(kind), row.TextOr(category),
                                       row.TextOr(departement), row.OptionalInteger(population),
                                       row.TextOr(visibility), row.OptionalInteger(network)};
    }
  }

  int64_t InsertOrganisation(Database::Lease& session, const Org& org) {
    BoundStatement insert(*session);
    insert.Use("kind", org.kind);
    insert.Use("category", org.category);
    insert.Use("departement", org.departement);
    insert.UseOptional("population", org.population);
    insert.Use("visibility", org.visibility);
    insert.UseOptional("network", org.network);
    RunChange(insert, "INSERT INTO organisation (kind, category, name, search_name, departement_code, population,"
                      " visibility, network_id) VALUES (:kind, :category, 'Collectivité privée', 'collectivite privee',"
                      " :departement, :population, :visibility, :network)");
    const int64_t id = RunScalar(session, "SELECT MAX(id) FROM organisation", {}).value();
    Org stored = org;
    stored.id = id;
    rows_.orgs[id] = stored;
    return id;
  }

  // Random rows of both networks over 2024–2026, each written to the database and kept in rows_.
  void Generate(unsigned seed, int scale) {
    std::mt19937 random(seed);
    auto pick = [&](const auto& items) { return items[random() % std::size(items)]; };
    auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    auto date = [&] {
      char text[11];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", 2024 + static_cast<int>(random() % 3),
                    1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28));
      return std::string(text);
    };
    auto timestamp = [&] { return date() + "T" + (chance(50) ? "00:00:00Z" : "23:59:59Z"); };
    const std::vector<int64_t> networks = {network_, other_network_};
    const std::vector<std::string> visibilities = {"private", "network", "public"};
    auto session = database_->Acquire();
    WriteTransaction transaction(*session, database_->engine());
    // A few private collectivités and associations: a network's own, invisible to the other.
    for (int k = 0; k < 4; ++k) {
      InsertOrganisation(session, {0, "collectivite", "commune", k % 2 ? "06" : "", k == 3 ? std::nullopt : std::optional<int64_t>(900 * k),
                                   "private", networks[k % 2]});
    }
    InsertOrganisation(session, {0, "association", "", "06", std::nullopt, "public", std::nullopt});
    std::vector<int64_t> ids;
    for (const auto& [id, org] : rows_.orgs) {
      if (org.kind != "network") ids.push_back(id);
    }
    for (int k = 0; k < scale * 4; ++k) {
      Rel rel;
      rel.kind = chance(50) ? "member_of" : "board_seat";
      rel.from = pick(ids);
      rel.to = rows_.record_of[pick(networks)];
      if (rel.kind == "board_seat") rel.role = std::string(pick(kBoardRoles));
      if (chance(70)) rel.start = date();
      if (chance(30)) rel.end = date();
      if (!chance(15)) rel.network = pick(networks);  // else: the reference data's
      rel.visibility = pick(visibilities);
      BoundStatement insert(*session);
      insert.Use("kind", rel.kind);
      insert.Use("from", rel.from);
      insert.Use("to", rel.to);
      insert.UseOptional("role", rel.role);
      insert.UseOptional("start", rel.start);
      insert.UseOptional("end", rel.end);
      insert.UseOptional("network", rel.network);
      insert.Use("visibility", rel.visibility);
      RunChange(insert, "INSERT INTO relationship (kind, from_id, to_id, role, start_date, end_date, source, network_id,"
                        " visibility) VALUES (:kind, :from, :to, :role, :start, :end, 'test', :network, :visibility)");
      rows_.rels.push_back(rel);
    }
    std::set<std::pair<int64_t, int64_t>> staged;
    for (int k = 0; k < scale * 4; ++k) {
      StageRow s{pick(networks), pick(ids), std::string(PipelineStageName(pick(kPipelineStages))), timestamp()};
      if (!staged.insert({s.network, s.org}).second) continue;
      BoundStatement insert(*session);
      insert.Use("network", s.network);
      insert.Use("org", s.org);
      insert.Use("stage", s.stage);
      insert.Use("at", s.changed_at);
      RunChange(insert, "INSERT INTO pipeline_stage (network_id, organisation_id, visibility, stage, changed_at)"
                        " VALUES (:network, :org, 'private', :stage, :at)");
      rows_.stages.push_back(s);
      for (int moves = static_cast<int>(random() % 4); moves > 0; --moves) {
        ChangeRow c{s.network, s.org, std::string(PipelineStageName(pick(kPipelineStages))),
                    std::string(PipelineStageName(pick(kPipelineStages))), timestamp()};
        BoundStatement change(*session);
        change.Use("network", c.network);
        change.Use("org", c.org);
        change.Use("from", c.from);
        change.Use("to", c.to);
        change.Use("at", c.changed_at);
        RunChange(change, "INSERT INTO pipeline_change (network_id, organisation_id, visibility, from_stage, to_stage,"
                          " changed_at) VALUES (:network, :org, 'private', :from, :to, :at)");
        rows_.changes.push_back(c);
      }
    }
    for (int k = 0; k < scale * 8; ++k) {
      InteractionRow i{pick(networks), date(), std::string(pick(kInteractionTypes)), pick(visibilities), {}};
      std::set<int64_t> parties;
      for (int n = static_cast<int>(random() % 4); n > 0; --n) parties.insert(pick(ids));
      i.orgs.assign(parties.begin(), parties.end());
      BoundStatement insert(*session);
      insert.Use("network", i.network);
      insert.Use("visibility", i.visibility);
      insert.Use("date", i.date);
      insert.Use("type", i.type);
      RunChange(insert, "INSERT INTO interaction (network_id, visibility, happened_on, type, subject, created_at,"
                        " updated_at) VALUES (:network, :visibility, :date, :type, 'Échange', :date, :date)");
      const int64_t id = RunScalar(session, "SELECT MAX(id) FROM interaction", {}).value();
      for (int64_t org : i.orgs) {
        BoundStatement party(*session);
        party.Use("id", id);
        party.Use("org", org);
        RunChange(party, "INSERT INTO interaction_organisation (interaction_id, organisation_id) VALUES (:id, :org)");
      }
      rows_.interactions.push_back(i);
    }
    transaction.Commit();
  }

  DashboardFigures Figures(const Account& caller, std::optional<int64_t> network, const std::string& from,
                           const std::string& to) {
    auto figures = DashboardRepository(*database_).Figures(caller, {network, from, to});
    EXPECT_TRUE(figures.ok()) << figures.status().detail();
    return figures.ok() ? figures.value() : DashboardFigures{};
  }

  std::unique_ptr<Database> database_;
  Rows rows_;
  Account staff_, other_, admin_;
  int64_t network_ = 0, other_network_ = 0;
};

TEST_F(DashboardTest, EveryFigureMatchesAnIndependentComputationForANetworkAndAcrossNetworks) {
  Generate(20261129, 60);
  const std::vector<std::pair<std::string, std::string>> periods = {
      {"2024-01-01", "2026-12-31"}, {"2025-03-01", "2025-09-30"}, {"2026-02-14", "2026-02-14"}, {"2020-01-01", "2020-12-31"}};
  for (const auto& [from, to] : periods) {
    ExpectSameFigures(Figures(staff_, network_, from, to), rows_.Expected(network_, from, to), "TS " + from + " " + to);
    ExpectSameFigures(Figures(other_, other_network_, from, to), rows_.Expected(other_network_, from, to),
                      "RESACOOP " + from + " " + to);
    ExpectSameFigures(Figures(admin_, std::nullopt, from, to), rows_.Expected(std::nullopt, from, to),
                      "national " + from + " " + to);
  }
  const DashboardFigures whole = Figures(staff_, network_, "2024-01-01", "2026-12-31");
  EXPECT_GT(whole.members, 0) << "the generated rows must exercise every figure";
  EXPECT_GT(whole.board_seats, 0);
  EXPECT_GT(whole.accompanied, 0);
  EXPECT_GT(whole.crossings[0], 0);
  EXPECT_GT(whole.interactions(), 0);
  EXPECT_GT(whole.dormant + Figures(staff_, network_, "2026-12-31", "2027-12-31").dormant, 0);
}

TEST_F(DashboardTest, AnotherNetworksPrivateRowsNeverChangeANetworksFigures) {
  Generate(7, 30);
  const DashboardFigures before = Figures(staff_, network_, "2024-01-01", "2026-12-31");
  // RESACOOP records, privately, memberships and seats on Territoires Solidaires' own CA, moves and
  // interactions with the same collectivités.
  auto session = database_->Acquire();
  const int64_t commune = rows_.Accompanied(network_, "2024-01-01", "2026-12-31").empty()
                              ? rows_.orgs.begin()->first
                              : *rows_.Accompanied(network_, "2024-01-01", "2026-12-31").begin();
  for (const char* kind : {"member_of", "board_seat"}) {
    BoundStatement insert(*session);
    insert.Use("kind", std::string(kind));
    insert.Use("from", commune);
    insert.Use("to", rows_.record_of[network_]);
    insert.Use("network", other_network_);
    RunChange(insert, "INSERT INTO relationship (kind, from_id, to_id, role, source, network_id, visibility)"
                      " VALUES (:kind, :from, :to, 'president', 'test', :network, 'private')");
  }
  BoundStatement interaction(*session);
  interaction.Use("network", other_network_);
  RunChange(interaction, "INSERT INTO interaction (network_id, visibility, happened_on, type, subject, created_at, updated_at)"
                         " VALUES (:network, 'private', '2025-05-05', 'conseil', 'Privé', '2025', '2025')");
  const int64_t id = RunScalar(session, "SELECT MAX(id) FROM interaction", {}).value();
  BoundStatement party(*session);
  party.Use("id", id);
  party.Use("org", commune);
  RunChange(party, "INSERT INTO interaction_organisation (interaction_id, organisation_id) VALUES (:id, :org)");
  ExpectSameFigures(Figures(staff_, network_, "2024-01-01", "2026-12-31"), before, "after RESACOOP's private rows");
  const DashboardFigures national = Figures(admin_, std::nullopt, "2024-01-01", "2026-12-31");
  EXPECT_EQ(national.interactions_by_type.at("conseil"),
            rows_.Expected(std::nullopt, "2024-01-01", "2026-12-31").interactions_by_type.at("conseil") + 1)
      << "across networks, RESACOOP's interaction counts";
}

TEST_F(DashboardTest, OnlyTheNetworksTeamAndNationalAdminsSeeItsFiguresAndOnlyAdminsTheNationalOnes) {
  DashboardRepository dashboard(*database_);
  EXPECT_EQ(dashboard.Figures(other_, DashboardQuery{network_, "2026-01-01", "2026-12-31"}).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(dashboard.Figures(staff_, DashboardQuery{std::nullopt, "2026-01-01", "2026-12-31"}).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(dashboard.Figures(admin_, DashboardQuery{999999, "2026-01-01", "2026-12-31"}).status().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(dashboard.Figures(admin_, DashboardQuery{network_, "2026-01-01", "2026-12-31"}).ok());
  EXPECT_EQ(dashboard.Figures(Account{}, DashboardQuery{network_, "2026-01-01", "2026-12-31"}).status().code(),
            ErrorCode::kForbidden);
}

}  // namespace
}  // namespace rrma

namespace rrma {
namespace {

TEST_F(DashboardTest, KeptFiguresLastUntilARecordAStageOrAMembershipIsWrittenThenFollowIt) {
  Generate(11, 12);
  DashboardRepository dashboard(*database_);
  const DashboardQuery year{network_, "2026-01-01", "2026-12-31"};
  const auto kept = [&] { return dashboard.Figures(staff_, year).value(); };
  const auto fresh = [&] { return DashboardRepository(*database_).Figures(staff_, year).value(); };
  const DashboardFigures first = kept();
  ExpectSameFigures(first, fresh(), "computed");
  std::vector<int64_t> communes;
  for (const auto& [id, org] : rows_.orgs) {
    if (org.kind == "collectivite" && org.category == "commune" && org.visibility == "public") communes.push_back(id);
  }
  ASSERT_GE(communes.size(), 2u);
  const int64_t commune = communes.front();
  {
    // A row written behind the application's back raises no generation: the kept figures stay.
    auto session = database_->Acquire();
    BoundStatement insert(*session);
    insert.Use("network", network_);
    RunChange(insert, "INSERT INTO interaction (network_id, visibility, happened_on, type, subject, created_at, updated_at)"
                      " VALUES (:network, 'private', '2026-05-05', 'conseil', 'Hors application', '2026', '2026')");
  }
  EXPECT_EQ(kept().interactions_by_type.at("conseil"), first.interactions_by_type.at("conseil")) << "kept";

  InteractionDraft record;
  record.network_id = network_;
  record.visibility = "private";
  record.date = "2026-06-01";
  record.type = "financement";
  record.subject = "Dossier FICOL";
  record.organisation_ids = std::vector<int64_t>{commune};
  ASSERT_TRUE(InteractionRepository(*database_).Create(staff_, record).ok());
  ExpectSameFigures(kept(), fresh(), "after a record");
  EXPECT_EQ(kept().interactions_by_type.at("financement"), first.interactions_by_type.at("financement") + 1);

  const DashboardFigures before_move = kept();
  ASSERT_TRUE(PipelineRepository(*database_).Move(staff_, network_, commune, {std::string("collaboration"), std::nullopt, std::nullopt}).ok());
  ExpectSameFigures(kept(), fresh(), "after a move");
  EXPECT_NE(kept().by_stage, before_move.by_stage);

  RelationshipDraft membership;
  membership.kind = "member_of";
  membership.from_id = communes.back();
  membership.to_id = rows_.record_of[network_];
  membership.network_id = network_;
  membership.visibility = "private";
  membership.source = "test";
  ASSERT_TRUE(RelationshipRepository(*database_).Create(staff_, membership).ok());
  ExpectSameFigures(kept(), fresh(), "after a membership");
}

}  // namespace
}  // namespace rrma
