// Events as stored, on SQLite and PostgreSQL: their parties and attendance, what each reader sees
// of them, who may write, the dates filter, the records linked to them, and files joined to
// records kept whole on disk.
#include "storage/events/event_repository.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "storage/account_repository.h"
#include "storage/actor_repository.h"
#include "storage/bound_statement.h"
#include "storage/pipeline/attachment_repository.h"
#include "storage/pipeline/interaction_repository.h"
#include "storage/reference_import.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

class EventTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenEmptyTestDatabase();
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    for (const ReferenceCollectivite& collectivite : testing::ReferenceSlice().collectivites) {
      if (collectivite.category == "commune" && data.collectivites.size() < 3) data.collectivites.push_back(collectivite);
    }
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    staff_ = accounts.CreateUser("staff@ts.fr", "h", Role::kNetworkStaff, std::string("Territoires Solidaires")).value();
    other_ = accounts.CreateUser("staff@resacoop.fr", "h", Role::kNetworkStaff, std::string("RESACOOP")).value();
    admin_ = accounts.CreateUser("admin@rrma.fr", "h", Role::kAdmin, std::nullopt).value();
    network_ = *staff_.roles.at(0).network_id;
    other_network_ = *other_.roles.at(0).network_id;
    auto session = database_->Acquire();
    BoundStatement select(*session);
    RowReader row(select.statement());
    const size_t id = row.Integer();
    select.Execute("SELECT id FROM organisation WHERE kind = 'collectivite' AND category = 'commune' ORDER BY id");
    while (select.Fetch()) communes_.push_back(row.IntegerOr(id));
    association_ = Association(staff_, network_, "network", "Maison des associations solidaires");
  }

  int64_t Association(const Account& owner, int64_t network, const char* visibility, const char* name) {
    ActorDraft draft;
    draft.network_id = network;
    draft.visibility = visibility;
    draft.kind = "association";
    draft.name = name;
    return ActorRepository(*database_).Create(owner, draft).value().id;
  }

  // The MAS biennial meeting: the association organises, three communes are invited.
  EventDraft Mas(const char* visibility = "private") {
    EventDraft draft;
    draft.network_id = network_;
    draft.visibility = visibility;
    draft.kind = "rencontre";
    draft.title = "Rencontre biennale de la MAS";
    draft.starts_at = "2026-12-03T14:00";
    draft.ends_at = "2026-12-03T17:30";
    std::vector<EventOrganisation> parties = {{association_, "organisateur", "present"}};
    for (int64_t commune : communes_) parties.push_back({commune, "participant", "invite"});
    draft.organisations = parties;
    return draft;
  }

  EventRepository events() { return EventRepository(*database_); }

  std::unique_ptr<Database> database_;
  Account staff_, other_, admin_;
  int64_t network_ = 0, other_network_ = 0, association_ = 0;
  std::vector<int64_t> communes_;
};

TEST_F(EventTest, TheMasMeetingKeepsItsOrganiserFirstAndItsThreeCommunes) {
  ASSERT_EQ(communes_.size(), 3u);
  auto created = events().Create(staff_, Mas());
  ASSERT_TRUE(created.ok()) << created.status().detail();
  const EventView& view = created.value();
  ASSERT_EQ(view.organisations.size(), 4u);
  EXPECT_EQ(view.organisations.front().id, association_);
  EXPECT_EQ(view.organisations.front().role, "organisateur");
  EXPECT_EQ(view.author->email, "staff@ts.fr");
  EventDraft attendance;
  attendance.organisations = std::vector<EventOrganisation>{{association_, "organisateur", "present"},
                                                            {communes_[0], "participant", "present"},
                                                            {communes_[1], "participant", "present"},
                                                            {communes_[2], "participant", "excuse"}};
  auto marked = events().Update(staff_, view.event.id, attendance);
  ASSERT_TRUE(marked.ok()) << marked.status().detail();
  int present = 0;
  for (const EventPartyView& party : marked.value().organisations) present += party.attendance == "present";
  EXPECT_EQ(present, 3);
}

TEST_F(EventTest, AnotherNetworksTeamNeitherReadsAPrivateEventNorWritesAShared) {
  const int64_t hidden = events().Create(staff_, Mas("private")).value().event.id;
  EXPECT_EQ(events().Find(other_, hidden).status().code(), ErrorCode::kNotFound);
  const int64_t shared = events().Create(staff_, Mas("network")).value().event.id;
  EXPECT_TRUE(events().Find(other_, shared).ok());
  EventDraft change;
  change.title = "Pris";
  EXPECT_EQ(events().Update(other_, shared, change).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(events().Delete(other_, shared).code(), ErrorCode::kForbidden);
  EXPECT_EQ(events().Create(other_, Mas()).status().code(), ErrorCode::kForbidden);
  EventQuery all;
  auto theirs = events().List(other_, all).value();
  EXPECT_EQ(theirs.total, 1);
}

TEST_F(EventTest, AnOrganisationTheWriterCannotReadStaysWhenTheListChanges) {
  const int64_t theirs = Association(other_, other_network_, "private", "Association privée de RESACOOP");
  EventDraft draft = Mas();
  draft.organisations->push_back({theirs, "participant", "invite"});
  EXPECT_EQ(events().Create(staff_, draft).status().code(), ErrorCode::kNotFound);
  const int64_t id = events().Create(admin_, draft).value().event.id;
  EXPECT_EQ(events().Find(staff_, id).value().organisations.size(), 4u);
  EventDraft fewer;
  fewer.organisations = std::vector<EventOrganisation>{{association_, "organisateur", "present"}};
  ASSERT_TRUE(events().Update(staff_, id, fewer).ok());
  auto seen_by_admin = events().Find(admin_, id).value();
  ASSERT_EQ(seen_by_admin.organisations.size(), 2u);
  EXPECT_TRUE(seen_by_admin.organisations[0].id == theirs || seen_by_admin.organisations[1].id == theirs);
}

TEST_F(EventTest, DatesFilterTheStartAndTheListIsInStartOrder) {
  EventDraft later = Mas();
  later.starts_at = "2027-01-10T09:00";
  later.ends_at = "2027-01-10T12:00";
  const int64_t second = events().Create(staff_, later).value().event.id;
  const int64_t first = events().Create(staff_, Mas()).value().event.id;
  EventQuery query;
  auto listed = events().List(staff_, query).value();
  ASSERT_EQ(listed.items.size(), 2u);
  EXPECT_EQ(listed.items[0].event.id, first);
  query.from = "2026-12-04";
  auto after = events().List(staff_, query).value();
  ASSERT_EQ(after.items.size(), 1u);
  EXPECT_EQ(after.items[0].event.id, second);
  query.from.reset();
  query.to = "2026-12-03";
  EXPECT_EQ(events().List(staff_, query).value().items.at(0).event.id, first);
  query.to.reset();
  query.organisation_id = communes_[0];
  EXPECT_EQ(events().List(staff_, query).value().total, 2);
}

TEST_F(EventTest, ADeletedEventLeavesItsRecordsWithoutEvent) {
  const int64_t event = events().Create(staff_, Mas()).value().event.id;
  InteractionDraft record;
  record.network_id = network_;
  record.visibility = "private";
  record.date = "2026-11-25";
  record.type = "evenement";
  record.subject = "Préparation de la rencontre";
  record.organisation_ids = std::vector<int64_t>{association_};
  record.event_id = std::optional<int64_t>(event);
  InteractionRepository interactions(*database_);
  auto created = interactions.Create(staff_, record);
  ASSERT_TRUE(created.ok()) << created.status().detail();
  ASSERT_TRUE(created.value().event.has_value());
  EXPECT_EQ(events().Find(staff_, event).value().interactions.size(), 1u);
  ASSERT_TRUE(events().Delete(staff_, event).ok());
  auto kept = interactions.Find(staff_, created.value().interaction.id);
  ASSERT_TRUE(kept.ok());
  EXPECT_FALSE(kept.value().event.has_value());
  EXPECT_FALSE(kept.value().interaction.event_id.has_value());
}

TEST_F(EventTest, AFileIsKeptWholeOnDiskAndRefusedWhenAltered) {
  InteractionDraft record;
  record.network_id = network_;
  record.visibility = "private";
  record.date = "2026-11-25";
  record.type = "appui_juridique";
  record.subject = "Convention";
  record.organisation_ids = std::vector<int64_t>{communes_[0]};
  const int64_t interaction = InteractionRepository(*database_).Create(staff_, record).value().interaction.id;
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("rrma-attachments-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" + std::to_string(interaction));
  std::filesystem::remove_all(folder);
  AttachmentRepository attachments(*database_, folder);
  const std::string bytes = "%PDF-1.4\n%%EOF\n";
  auto added = attachments.Add(staff_, interaction, "dossier/convention.pdf", "application/pdf", bytes);
  ASSERT_TRUE(added.ok()) << added.status().detail();
  EXPECT_EQ(added.value().name, "convention.pdf");
  EXPECT_EQ(attachments.Read(staff_, interaction, added.value().id).value().bytes, bytes);
  EXPECT_EQ(attachments.Read(other_, interaction, added.value().id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(attachments.Add(other_, interaction, "x.pdf", "application/pdf", bytes).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(attachments.Add(staff_, interaction, "x.html", "text/html", "<html>").status().code(),
            ErrorCode::kUnsupportedMediaType);
  EXPECT_FALSE(std::filesystem::exists(folder / "x.html"));
  std::ofstream(folder / std::to_string(added.value().id), std::ios::binary | std::ios::trunc) << "%PDF-1.7\n";
  EXPECT_EQ(attachments.Read(staff_, interaction, added.value().id).status().code(), ErrorCode::kUnavailable);
  ASSERT_TRUE(attachments.Remove(staff_, interaction, added.value().id).ok());
  EXPECT_FALSE(std::filesystem::exists(folder / std::to_string(added.value().id)));
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace rrma
