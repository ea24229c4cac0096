// What an erasure or a deletion leaves in SQLite's files: no byte of the former values, neither in
// the database file nor in its write-ahead log. Runs on a SQLite file of its own whatever engine
// $RRMA_TEST_DB names, since it reads that engine's files.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/account_repository.h"
#include "storage/migrations.h"
#include "storage/person_repository.h"
#include "storage/reference_import.h"
#include "storage/storage_test_support.h"

namespace rrma {
namespace {

// Values no other row holds, to look for in the files' raw bytes.
constexpr const char* kFamilyName = "Quetzalcoatlovna";
constexpr const char* kEmail = "zyxophilie.privee@exemple.fr";
constexpr const char* kNotes = "Vit au 17 impasse des Xylophages";

class SqliteErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("rrma-erasure-" + std::to_string(getpid()) + ".db");
    RemoveFiles();
    database_ = std::make_unique<Database>(DatabaseUrl::Parse("sqlite:" + path_.string()).value(), 2);
    Migrate(*database_);
    ReferenceData data;
    data.networks = testing::ReferenceSlice().networks;
    ImportReference(*database_, data, nullptr);
    AccountRepository accounts(*database_);
    admin_ = accounts.CreateUser("admin@ts.fr", "h", Role::kNetworkAdmin, std::string("Territoires Solidaires"))
                 .value();
  }

  void TearDown() override {
    database_.reset();
    RemoveFiles();
  }

  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  int64_t CreatePerson() {
    PersonDraft draft;
    draft.network_id = *admin_.roles.at(0).network_id;
    draft.visibility = "private";
    draft.given_name = "Zéphyrine";
    draft.family_name = kFamilyName;
    draft.email = std::optional<std::string>(kEmail);
    draft.notes = kNotes;
    auto created = PersonRepository(*database_).Create(admin_, draft);
    EXPECT_TRUE(created.ok()) << created.status().detail();
    return created.value().id;
  }

  // The files of the database (main file and write-ahead log) that contain text, by name.
  std::vector<std::string> FilesContaining(const std::string& text) const {
    std::vector<std::string> files;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream file(path_.string() + suffix, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      if (bytes.find(text) != std::string::npos) files.push_back(path_.filename().string() + suffix);
    }
    return files;
  }

  // Each value of the person, and its lower-case form as the search columns keep it.
  std::vector<std::string> FormerValues() const {
    return {kFamilyName, "quetzalcoatlovna", kEmail, "zyxophilie", kNotes};
  }

  std::filesystem::path path_;
  std::unique_ptr<Database> database_;
  Account admin_;
};

using Files = std::vector<std::string>;

TEST_F(SqliteErasureTest, AnErasedPersonsValuesAreInNeitherTheDatabaseFileNorItsLog) {
  const int64_t id = CreatePerson();
  for (const std::string& value : FormerValues()) EXPECT_FALSE(FilesContaining(value).empty()) << value;
  ASSERT_TRUE(PersonRepository(*database_).Erase(admin_, id, "2026-11-22T20:00:00Z").ok());
  for (const std::string& value : FormerValues()) EXPECT_EQ(FilesContaining(value), Files{}) << value;
}

TEST_F(SqliteErasureTest, ADeletedPersonsValuesAreInNeitherTheDatabaseFileNorItsLog) {
  const int64_t id = CreatePerson();
  for (const std::string& value : FormerValues()) EXPECT_FALSE(FilesContaining(value).empty()) << value;
  ASSERT_TRUE(PersonRepository(*database_).Delete(admin_, id).ok());
  for (const std::string& value : FormerValues()) EXPECT_EQ(FilesContaining(value), Files{}) << value;
}

}  // namespace
}  // namespace rrma
