#include "storage/migrations.h"

#include <string_view>

#include "domain/person.h"
#include "storage/migration_files.h"
#include "storage/network_organisations.h"
#include "storage/sql_dialect.h"

namespace rrma {
namespace {

struct Migration {
  int version;
  std::string_view name;
  std::vector<std::string_view> statements;  // one SQL statement each, with dialect placeholders
  void (*rewrite)(soci::session&) = nullptr;  // then rewrites rows with domain rules SQL cannot state
};

constexpr std::string_view kSelectPersonNames = "SELECT id, given_name, family_name, email FROM person";
constexpr std::string_view kUpdatePersonSearch =
    "UPDATE person SET search_name = :names, search_contacts = :contacts WHERE id = :id";

// Person search columns as domain/person.h states them: until version 5, search_name held the
// email address too, which let anyone who could read a person's name search their hidden email.
void RewritePersonSearch(soci::session& session) {
  struct Searchable {
    long long id;
    std::string names, contacts;
  };
  std::vector<Searchable> rows;
  {
    long long id = 0;
    Person person;
    std::string email;
    soci::indicator email_indicator = soci::i_null;
    soci::statement select = (session.prepare << kSelectPersonNames, soci::into(id), soci::into(person.given_name),
                              soci::into(person.family_name), soci::into(email, email_indicator));
    select.execute(false);
    while (select.fetch()) {
      person.email = email_indicator == soci::i_null ? std::nullopt : std::optional<std::string>(email);
      rows.push_back({id, SearchableNames(person), SearchableContacts(person)});
    }
  }
  for (Searchable& row : rows) {
    session << kUpdatePersonSearch, soci::use(row.names, "names"), soci::use(row.contacts, "contacts"),
        soci::use(row.id, "id");
  }
}

// SQLite reuses the largest rowid after a deletion; relationships are deleted, and the audit log
// names them by id, so their table is rebuilt with AUTOINCREMENT (PostgreSQL's identity never
// reuses a value). Columns as migrations 1 and 8 leave them.
constexpr std::string_view kRelationshipNeverReused[] = {
    R"(CREATE TABLE relationship_kept (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         kind TEXT NOT NULL CHECK (kind IN ('member_of', 'board_seat', 'partnership', 'works_in', 'participates')),
         from_id BIGINT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
         to_id BIGINT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
         role TEXT,
         start_date TEXT,
         end_date TEXT,
         source TEXT NOT NULL,
         network_id BIGINT REFERENCES network(id),
         visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('private', 'network', 'public')),
         reference_key TEXT,
         created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         themes TEXT NOT NULL DEFAULT '[]',
         convention_date TEXT,
         updated_at TEXT))",
    R"(INSERT INTO relationship_kept (id, kind, from_id, to_id, role, start_date, end_date, source, network_id,
         visibility, reference_key, created_at, themes, convention_date, updated_at)
       SELECT id, kind, from_id, to_id, role, start_date, end_date, source, network_id, visibility,
         reference_key, created_at, themes, convention_date, updated_at FROM relationship)",
    R"(DROP TABLE relationship)",
    R"(ALTER TABLE relationship_kept RENAME TO relationship)",
    R"(CREATE INDEX relationship_from ON relationship (from_id, kind))",
    R"(CREATE INDEX relationship_to ON relationship (to_id, kind))",
    R"(CREATE INDEX relationship_by_network ON relationship (network_id, visibility))",
};

// Migration 8's rewrite: relationship ids never reused on SQLite, every network its organisation.
void KeepActorsAndRelationships(soci::session& session) {
  if (session.get_backend_name() == "sqlite3") {
    for (std::string_view statement : kRelationshipNeverReused) session << statement;
  }
  CreateNetworkOrganisations(session);
}

constexpr IndexDefinition kBulkLoadIndexes[] = {
    {"organisation_by_category_insee", "CREATE INDEX organisation_by_category_insee ON organisation (category, insee_code)"},
    {"organisation_by_insee", "CREATE INDEX organisation_by_insee ON organisation (insee_code)"},
    {"organisation_by_siren", "CREATE INDEX organisation_by_siren ON organisation (siren)"},
    {"organisation_by_departement",
     "CREATE INDEX organisation_by_departement ON organisation (departement_code, {{population_desc}})"},
    {"organisation_by_region", "CREATE INDEX organisation_by_region ON organisation (region_code, {{population_desc}})"},
    {"organisation_by_population", "CREATE INDEX organisation_by_population ON organisation ({{population_desc}})"},
    {"organisation_word_by_organisation",
     "CREATE INDEX organisation_word_by_organisation ON organisation_word (organisation_id)"},
    {"relationship_from", "CREATE INDEX relationship_from ON relationship (from_id, kind)"},
    {"relationship_to", "CREATE INDEX relationship_to ON relationship (to_id, kind)"},
};

// The statements of a migration followed by the creation of the given indexes.
std::vector<std::string_view> WithIndexes(std::vector<std::string_view> statements,
                                          std::span<const IndexDefinition> indexes) {
  for (const IndexDefinition& index : indexes) statements.push_back(index.create);
  return statements;
}

// Organisation rows that are not reference data will carry an owning network; reference rows
// (COG collectivités) have none and are public. reference_key identifies a reference row across
// imports ("commune:06084").
const std::vector<Migration>& AllMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "reference directory",
       WithIndexes({
           R"(CREATE TABLE network (
                id {{id}},
                name TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL DEFAULT ({{now}})))",
           R"(CREATE TABLE network_region (
                network_id BIGINT NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                region_code TEXT NOT NULL,
                PRIMARY KEY (network_id, region_code)))",
           R"(CREATE INDEX network_region_by_region ON network_region (region_code))",
           R"(CREATE TABLE organisation (
                id {{id}},
                kind TEXT NOT NULL,
                category TEXT,
                subcategory TEXT,
                name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                insee_code TEXT,
                siren TEXT,
                rna TEXT,
                population BIGINT,
                departement_code TEXT,
                region_code TEXT,
                postal_codes TEXT NOT NULL DEFAULT '',
                country_code TEXT,
                owner_network_id BIGINT REFERENCES network(id),
                visibility TEXT NOT NULL DEFAULT 'public'
                  CHECK (visibility IN ('private', 'network', 'public')),
                reference_key TEXT UNIQUE,
                reference_source TEXT,
                created_at TEXT NOT NULL DEFAULT ({{now}}),
                updated_at TEXT NOT NULL DEFAULT ({{now}})))",
           R"(CREATE TABLE organisation_word (
                word {{bytes}} NOT NULL,
                organisation_id BIGINT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                PRIMARY KEY (word, organisation_id)) {{without_rowid}})",
           R"(CREATE TABLE relationship (
                id {{id}},
                kind TEXT NOT NULL CHECK (kind IN ('member_of', 'board_seat', 'partnership',
                                                   'works_in', 'participates')),
                from_id BIGINT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                to_id BIGINT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                role TEXT,
                start_date TEXT,
                end_date TEXT,
                source TEXT NOT NULL,
                owner_network_id BIGINT REFERENCES network(id),
                visibility TEXT NOT NULL DEFAULT 'public'
                  CHECK (visibility IN ('private', 'network', 'public')),
                reference_key TEXT,
                created_at TEXT NOT NULL DEFAULT ({{now}})))",
           R"(CREATE TABLE country (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                search_name TEXT NOT NULL))",
           R"(CREATE TABLE odd (
                number INTEGER PRIMARY KEY,
                title TEXT NOT NULL))",
           // A counter per kind of shared data, raised by every write to it, so that readers
           // (and every instance) can tell whether what they kept is still current.
           R"(CREATE TABLE data_generation (
                name TEXT PRIMARY KEY,
                value BIGINT NOT NULL))",
           R"(INSERT INTO data_generation (name, value) VALUES ('reference', 0))",
       }, kBulkLoadIndexes)},
      {2,
       "accounts and API tokens",
       {
           R"(CREATE TABLE app_user (
                id {{id}},
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL DEFAULT ({{now}})))",
           // A user holds roles per network; admin is the one role held without a network.
           R"(CREATE TABLE user_role (
                id {{id}},
                user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('admin', 'network_admin', 'network_staff', 'member')),
                network_id BIGINT REFERENCES network(id),
                created_at TEXT NOT NULL DEFAULT ({{now}})))",
           R"(CREATE UNIQUE INDEX user_role_once ON user_role (user_id, role, COALESCE(network_id, 0)))",
           // Only the digest of a token is kept; revoked tokens stay for the record.
           R"(CREATE TABLE api_token (
                id {{id}},
                user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                digest TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL DEFAULT ({{now}}),
                revoked_at TEXT))",
           R"(CREATE INDEX api_token_by_user ON api_token (user_id))",
           R"(CREATE UNIQUE INDEX api_token_active_name ON api_token (user_id, name) WHERE revoked_at IS NULL)",
       }},
      {3,
       "sign-in sessions",
       {
           // A browser session: only the digest of its cookie is kept, with the CSRF token the UI
           // sends back on every write. Times are UNIX seconds, compared as numbers.
           R"(CREATE TABLE user_session (
                digest TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                ended_at BIGINT))",
           R"(CREATE INDEX user_session_by_user ON user_session (user_id))",
           // Failed sign-ins, by "account:EMAIL" and by "address:IP", for throttling.
           R"(CREATE TABLE sign_in_failure (
                id {{id}},
                subject TEXT NOT NULL,
                at BIGINT NOT NULL))",
           R"(CREATE INDEX sign_in_failure_by_subject ON sign_in_failure (subject, at))",
       }},
      {4,
       "tenancy: member organisations, invitations, persons, positions, audit log",
       {
           // A member acts for one collectivité of the directory.
           R"(ALTER TABLE user_role ADD COLUMN organisation_id BIGINT REFERENCES organisation(id))",
           // An account invited by an administrator chooses its password through a one-time link;
           // until then its password hash is empty and no password matches it.
           R"(ALTER TABLE app_user ADD COLUMN invited INTEGER NOT NULL DEFAULT 0)",
           R"(CREATE TABLE invitation (
                digest TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                created_by BIGINT REFERENCES app_user(id),
                network_id BIGINT REFERENCES network(id),
                expires_at BIGINT NOT NULL,
                used_at BIGINT))",
           R"(CREATE INDEX invitation_by_user ON invitation (user_id))",
           // Personal data, owned by one network and shown according to its visibility.
           // Never reuse the id of a deleted person: the audit log names records by id.
           R"(CREATE TABLE person (
                id {{id_never_reused}},
                network_id BIGINT NOT NULL REFERENCES network(id),
                visibility TEXT NOT NULL CHECK (visibility IN ('private', 'network', 'public')),
                given_name TEXT NOT NULL,
                family_name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                email TEXT,
                phone TEXT,
                notes TEXT NOT NULL DEFAULT '',
                erased_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           R"(CREATE INDEX person_by_network ON person (network_id, visibility))",
           R"(CREATE INDEX person_by_name ON person (search_name))",
           R"(CREATE TABLE person_position (
                id {{id}},
                person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                organisation_id BIGINT NOT NULL REFERENCES organisation(id),
                kind TEXT NOT NULL CHECK (kind IN ('elu', 'agent', 'benevole', 'salarie')),
                title TEXT,
                start_date TEXT,
                end_date TEXT))",
           R"(CREATE INDEX person_position_by_person ON person_position (person_id))",
           R"(CREATE INDEX person_position_by_organisation ON person_position (organisation_id))",
           // Append-only: written by the storage layer in the transaction of the change it records.
           // actor_email and the record are kept as text and numbers, not foreign keys, so that an
           // entry outlives what it names.
           R"(CREATE TABLE audit_entry (
                id {{id}},
                at TEXT NOT NULL,
                actor_id BIGINT,
                actor_email TEXT NOT NULL DEFAULT '',
                network_id BIGINT,
                action TEXT NOT NULL,
                record_type TEXT NOT NULL,
                record_id BIGINT NOT NULL,
                changes TEXT NOT NULL DEFAULT '[]'))",
           R"(CREATE INDEX audit_entry_by_record ON audit_entry (record_type, record_id, id))",
           R"(CREATE INDEX audit_entry_by_network ON audit_entry (network_id, id))",
       }},
      {5,
       "persons searched by their names, their contacts apart",
       {
           // The normalised email address, searched only by those shown it.
           R"(ALTER TABLE person ADD COLUMN search_contacts TEXT NOT NULL DEFAULT '')",
       },
       RewritePersonSearch},
      {6,
       "sign-in failures by account and address",
       {
           // Failed attempts, kept 15 minutes for throttling: sign-ins by the email tried and the
           // client's address (so that an account's failures are counted per address, and its
           // distinct addresses), and unknown invitation codes by address. Nothing to keep from
           // the old table, which named one subject per row.
           R"(DROP TABLE sign_in_failure)",
           R"(CREATE TABLE sign_in_failure (
                id {{id}},
                kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'invitation')),
                account TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL,
                at BIGINT NOT NULL))",
           R"(CREATE INDEX sign_in_failure_by_account ON sign_in_failure (kind, account, address, at))",
           R"(CREATE INDEX sign_in_failure_by_address ON sign_in_failure (kind, address, at))",
           R"(CREATE INDEX sign_in_failure_by_time ON sign_in_failure (at))",
       }},
      {7,
       "devices that signed in to an account",
       {
           // The digest of a long-lived cookie given at each successful sign-in: an attempt that
           // presents it is the owner's browser, which guessing from elsewhere does not slow.
           R"(CREATE TABLE known_device (
                id {{id}},
                user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                digest TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL))",
           R"(CREATE INDEX known_device_by_user ON known_device (user_id, created_at))",
       }},
      {8,
       "local actors and the relationships networks record",
       {
           // The same owner column name as persons, so that tenant_scope.h applies unchanged.
           R"(ALTER TABLE organisation RENAME COLUMN owner_network_id TO network_id)",
           R"(ALTER TABLE relationship RENAME COLUMN owner_network_id TO network_id)",
           // What a network records about an actor. Lists (themes, countries of action, ODD) are
           // JSON arrays; commune_insee is where the actor is based, its département and région
           // are copied from the COG so that the directory's filters apply to it.
           R"(ALTER TABLE organisation ADD COLUMN acronym TEXT)",
           R"(ALTER TABLE organisation ADD COLUMN address TEXT)",
           R"(ALTER TABLE organisation ADD COLUMN commune_insee TEXT)",
           R"(ALTER TABLE organisation ADD COLUMN website TEXT)",
           R"(ALTER TABLE organisation ADD COLUMN themes TEXT NOT NULL DEFAULT '[]')",
           R"(ALTER TABLE organisation ADD COLUMN countries TEXT NOT NULL DEFAULT '[]')",
           R"(ALTER TABLE organisation ADD COLUMN odd TEXT NOT NULL DEFAULT '[]')",
           R"(ALTER TABLE organisation ADD COLUMN description TEXT NOT NULL DEFAULT '')",
           R"(ALTER TABLE organisation ADD COLUMN level TEXT)",
           R"(ALTER TABLE organisation ADD COLUMN archived_at TEXT)",
           // The name alone, normalised (search_text.h): duplicates are the same name in one commune.
           R"(ALTER TABLE organisation ADD COLUMN name_key TEXT)",
           R"(CREATE INDEX organisation_by_name_key ON organisation (name_key))",
           R"(CREATE INDEX organisation_by_network ON organisation (network_id, visibility))",
           R"(CREATE INDEX organisation_by_rna ON organisation (rna))",
           // Each network is a node of the graph: its organisation record.
           R"(ALTER TABLE network ADD COLUMN organisation_id BIGINT REFERENCES organisation(id))",
           R"(ALTER TABLE relationship ADD COLUMN themes TEXT NOT NULL DEFAULT '[]')",
           R"(ALTER TABLE relationship ADD COLUMN convention_date TEXT)",
           R"(ALTER TABLE relationship ADD COLUMN updated_at TEXT)",
           R"(CREATE INDEX relationship_by_network ON relationship (network_id, visibility))",
           // Raised by every write to organisations or relationships networks record, so that the
           // relationship graph kept in memory is rebuilt when, and only when, it changed.
           R"(INSERT INTO data_generation (name, value) VALUES ('directory', 0))",
           // A merge of two records of one organisation: what moved, so that it can be undone.
           R"(ALTER TABLE organisation ADD COLUMN merged_into BIGINT REFERENCES organisation(id))",
           R"(CREATE TABLE organisation_merge (
                id {{id_never_reused}},
                kept_id BIGINT NOT NULL REFERENCES organisation(id),
                merged_id BIGINT NOT NULL REFERENCES organisation(id),
                network_id BIGINT NOT NULL REFERENCES network(id),
                moved_relationships TEXT NOT NULL,
                removed_relationships TEXT NOT NULL,
                moved_positions TEXT NOT NULL,
                created_at TEXT NOT NULL,
                undone_at TEXT))",
           // What a network notes about any organisation, reference collectivités included: one note
           // per network and organisation, scoped like every network-owned row.
           R"(CREATE TABLE organisation_note (
                id {{id_never_reused}},
                organisation_id BIGINT NOT NULL REFERENCES organisation(id),
                network_id BIGINT NOT NULL REFERENCES network(id),
                visibility TEXT NOT NULL CHECK (visibility IN ('private', 'network', 'public')),
                text TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (organisation_id, network_id)))",
           // The columns a network chose for its files at the last import of each kind.
           R"(CREATE TABLE import_mapping (
                network_id BIGINT NOT NULL REFERENCES network(id),
                kind TEXT NOT NULL CHECK (kind IN ('organisations', 'relationships')),
                mapping TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (network_id, kind)))",
       },
       KeepActorsAndRelationships},
  };
  return kMigrations;
}

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT ({{now}}))";
constexpr std::string_view kSelectApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = :version";
constexpr std::string_view kRecordApplied =
    "INSERT INTO schema_migrations (version, name) VALUES (:version, :name)";
constexpr std::string_view kCurrentVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

}  // namespace

std::string MigrationName(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.rfind("--", 0) != 0) return "";
  const size_t start = first.find_first_not_of(" -");
  return start == std::string_view::npos ? "" : std::string(first.substr(start));
}

std::vector<std::string> MigrationStatements(std::string_view text) {
  std::vector<std::string> statements;
  std::string current;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    const size_t last = line.find_last_not_of(" \t\r");
    const bool ends = line[last] == ';';
    current.append(line.substr(0, ends ? last : last + 1)).append("\n");
    if (ends) {
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(std::move(current));
  return statements;
}

int LatestSchemaVersion() {
  const auto& files = MigrationFiles();
  return files.empty() ? AllMigrations().back().version : files.back().version;
}

std::span<const IndexDefinition> BulkLoadIndexes() { return kBulkLoadIndexes; }

namespace {

// Applies one migration in its own transaction unless it is recorded; true when it was applied.
bool Apply(soci::session& session, Engine engine, int version, const std::string& name,
           const std::vector<std::string_view>& statements, void (*rewrite)(soci::session&)) {
  WriteTransaction transaction(session, engine, WriteTransaction::Lock::kMigration);
  int already = 0;
  session << kSelectApplied, soci::use(version), soci::into(already);
  if (already > 0) return false;
  for (std::string_view statement : statements) session << ForEngine(engine, statement);
  if (rewrite != nullptr) rewrite(session);
  std::string recorded = name;
  session << kRecordApplied, soci::use(version), soci::use(recorded);
  transaction.Commit();
  return true;
}

}  // namespace

MigrationReport Migrate(Database& database) {
  auto session = database.Acquire();
  const Engine engine = database.engine();
  {
    WriteTransaction setup(*session, engine, WriteTransaction::Lock::kMigration);
    *session << ForEngine(engine, kCreateMigrationsTable);
    setup.Commit();
  }
  MigrationReport report;
  for (const Migration& migration : AllMigrations()) {
    const std::string name(migration.name);
    if (Apply(*session, engine, migration.version, name, migration.statements, migration.rewrite)) {
      report.applied.push_back(name);
    }
  }
  for (const MigrationFile& file : MigrationFiles()) {
    const std::string name = MigrationName(file.text);
    const std::vector<std::string> statements = MigrationStatements(file.text);
    if (Apply(*session, engine, file.version, name, {statements.begin(), statements.end()}, nullptr)) {
      report.applied.push_back(name);
    }
  }
  *session << kCurrentVersion, soci::into(report.current_version);
  return report;
}

}  // namespace rrma
