#include "storage/pipeline/attachment_repository.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <system_error>

#include "domain/access.h"
#include "storage/audit_repository.h"
#include "storage/bound_statement.h"
#include "storage/bulk_copy.h"
#include "storage/record_parties.h"
#include "storage/sql_dialect.h"
#include "storage/tenant_scope.h"
#include "storage/timestamps.h"

namespace rrma {
namespace {

constexpr std::string_view kInteractionNetwork = "SELECT i.network_id FROM interaction i WHERE i.id = :id AND ";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM interaction_attachment WHERE interaction_id = :id";
constexpr std::string_view kColumns =
    "SELECT id, interaction_id, file_name, media_type, size_bytes, sha256, created_by, created_at"
    " FROM interaction_attachment WHERE ";
constexpr std::string_view kInsert =
    "INSERT INTO interaction_attachment (id, interaction_id, file_name, media_type, size_bytes, sha256, created_by,"
    " created_at) VALUES (:id, :interaction, :name, :type, :size, :sha, :by, :now)";
constexpr std::string_view kDelete = "DELETE FROM interaction_attachment WHERE id = :id";
constexpr std::string_view kTouch = "UPDATE interaction SET updated_at = :now WHERE id = :id";

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<Attachment> Select(Database::Lease& session, const std::string& where, const std::vector<Binding>& bindings) {
  BoundStatement select(*session);
  RowReader row(select.statement());
  const size_t id = row.Integer(), interaction = row.Integer(), name = row.Text(), type = row.Text(),
               size = row.Integer(), sha = row.Text(), by = row.Integer(), at = row.Text();
  select.Use(bindings);
  select.Execute(std::string(kColumns) + where);
  std::vector<Attachment> found;
  while (select.Fetch()) {
    found.push_back({row.IntegerOr(id), row.IntegerOr(interaction), row.TextOr(name), row.TextOr(type),
                     row.IntegerOr(size), row.TextOr(sha), row.OptionalInteger(by), row.TextOr(at)});
  }
  return found;
}

// The network of the interaction when caller may read it.
Result<int64_t> ReadableInteraction(Database::Lease& session, const Account& caller, int64_t id) {
  auto network = RunScalar(session, std::string(kInteractionNetwork) + ReadableBy("i"), {{"id", id}, CallerBinding(caller)});
  if (!network) return Status::NotFound("Aucun compte rendu ne porte l'identifiant " + std::to_string(id) + ".");
  return *network;
}

Result<Attachment> FindAttachment(Database::Lease& session, int64_t interaction_id, int64_t attachment_id) {
  auto found = Select(session, "id = :id AND interaction_id = :interaction",
                      {{"id", attachment_id}, {"interaction", interaction_id}});
  if (found.empty()) {
    return Status::NotFound("Ce compte rendu n'a pas de pièce jointe " + std::to_string(attachment_id) + ".");
  }
  return found.front();
}

// Writes bytes to path whole: a temporary file in the same folder, synced, then renamed.
Status WriteWhole(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path part = path.string() + ".part";
  std::error_code folder_error;
  std::filesystem::create_directories(path.parent_path(), folder_error);
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Unavailable("Le dossier des pièces jointes n'accepte pas d'écriture.");
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool synced = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code error;
  if (synced) std::filesystem::rename(part, path, error);
  if (!synced || error) {
    std::filesystem::remove(part, error);
    return Status::Unavailable("Le fichier n'a pas pu être enregistré sur le serveur (disque plein ?) ; réessayez.");
  }
  return Status::Ok();
}

void Journal(Database::Lease& session, const Account& caller, int64_t network_id, int64_t interaction_id,
             std::optional<std::string> before, std::optional<std::string> after) {
  AuditEntry entry;
  SetActor(entry, caller);
  entry.network_id = network_id;
  entry.action = "update";
  entry.record_type = "interaction";
  entry.record_id = interaction_id;
  entry.changes = {{"attachments", std::move(before), std::move(after)}};
  AppendAudit(*session, entry);
}

}  // namespace

AttachmentRepository::AttachmentRepository(Database& database, std::filesystem::path folder)
    : database_(database), folder_(std::move(folder)) {}

std::filesystem::path AttachmentRepository::PathOf(int64_t id) const { return folder_ / std::to_string(id); }

Result<Attachment> AttachmentRepository::Add(const Account& caller, int64_t interaction_id, std::string_view name,
                                             const std::string& media_type, const std::string& bytes) {
  auto kept_name = AttachmentName(name, media_type);
  if (!kept_name.ok()) return kept_name.status();
  if (bytes.empty()) return Status::Invalid("fichier", "Le fichier est vide.");
  if (bytes.size() > kMaxAttachmentBytes) {
    return Status::TooLarge("Le fichier dépasse " + std::to_string(kMaxAttachmentBytes / (1024 * 1024)) + " Mo.")
        .OnField("fichier");
  }
  if (!IsAcceptedAttachmentType(media_type)) {
    return Status::Unsupported("Ce fichier est de type " + media_type +
                               " : seuls les PDF, images (PNG, JPEG, GIF, WebP), documents OpenDocument ou Office,"
                               " textes et CSV sont acceptés.")
        .OnField("fichier");
  }
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto network = ReadableInteraction(session, caller, interaction_id);
  if (!network.ok()) return network.status();
  if (!WorksIn(caller, network.value())) {
    return Status::Forbidden("Ce compte rendu appartient à un autre réseau : vous ne pouvez pas y joindre de fichier.");
  }
  if (RunScalar(session, std::string(kCount), {{"id", interaction_id}}).value_or(0) >=
      static_cast<int64_t>(kMaxAttachmentsPerInteraction)) {
    return Status::Conflict("Un compte rendu a au plus " + std::to_string(kMaxAttachmentsPerInteraction) +
                            " pièces jointes : retirez-en une d'abord.");
  }
  Attachment added;
  added.id = ReserveIds(*session, database_.engine(), "interaction_attachment", 1).front();
  added.interaction_id = interaction_id;
  added.name = kept_name.value();
  added.media_type = media_type;
  added.size = static_cast<int64_t>(bytes.size());
  added.sha256 = Sha256Hex(bytes);
  added.created_by = caller.id != 0 ? std::optional<int64_t>(caller.id) : std::nullopt;
  added.created_at = NowIsoUtc();
  if (Status written = WriteWhole(PathOf(added.id), bytes); !written.ok()) return written;
  try {
    BoundStatement insert(*session);
    insert.Use("id", added.id);
    insert.Use("interaction", interaction_id);
    insert.Use("name", added.name);
    insert.Use("type", added.media_type);
    insert.Use("size", added.size);
    insert.Use("sha", added.sha256);
    insert.UseOptional("by", added.created_by);
    insert.Use("now", added.created_at);
    RunChange(insert, std::string(kInsert));
    BoundStatement touch(*session);
    touch.Use("now", added.created_at);
    touch.Use("id", interaction_id);
    RunChange(touch, std::string(kTouch));
    Journal(session, caller, network.value(), interaction_id, std::nullopt, added.name);
    transaction.Commit();
  } catch (...) {
    std::error_code error;
    std::filesystem::remove(PathOf(added.id), error);
    throw;
  }
  return added;
}

Result<AttachmentFile> AttachmentRepository::Read(const Account& caller, int64_t interaction_id, int64_t attachment_id) {
  auto session = database_.Acquire();
  auto network = ReadableInteraction(session, caller, interaction_id);
  if (!network.ok()) return network.status();
  auto found = FindAttachment(session, interaction_id, attachment_id);
  if (!found.ok()) return found.status();
  AttachmentFile file{found.value(), {}};
  std::ifstream in(PathOf(attachment_id), std::ios::binary);
  if (in) file.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) file.bytes.clear();
  if (static_cast<int64_t>(file.bytes.size()) != file.attachment.size || Sha256Hex(file.bytes) != file.attachment.sha256) {
    return Status::Unavailable("Le fichier de cette pièce jointe est introuvable ou altéré sur le serveur ;"
                               " l'administrateur en a été averti par le journal.");
  }
  return file;
}

Status AttachmentRepository::Remove(const Account& caller, int64_t interaction_id, int64_t attachment_id) {
  auto session = database_.Acquire();
  WriteTransaction transaction(*session, database_.engine());
  auto network = ReadableInteraction(session, caller, interaction_id);
  if (!network.ok()) return network.status();
  if (!WorksIn(caller, network.value())) {
    return Status::Forbidden("Ce compte rendu appartient à un autre réseau : vous ne pouvez pas en retirer de fichier.");
  }
  auto found = FindAttachment(session, interaction_id, attachment_id);
  if (!found.ok()) return found.status();
  BoundStatement remove(*session);
  remove.Use("id", attachment_id);
  RunChange(remove, std::string(kDelete));
  BoundStatement touch(*session);
  touch.Use("now", NowIsoUtc());
  touch.Use("id", interaction_id);
  RunChange(touch, std::string(kTouch));
  Journal(session, caller, network.value(), interaction_id, found.value().name, std::nullopt);
  transaction.Commit();
  RemoveFiles({attachment_id});
  return Status::Ok();
}

void AttachmentRepository::RemoveFiles(const std::vector<int64_t>& attachment_ids) {
  for (int64_t id : attachment_ids) {
    std::error_code error;
    std::filesystem::remove(PathOf(id), error);
  }
}

std::unordered_map<int64_t, std::vector<Attachment>> AttachmentRepository::Of(Database::Lease& session,
                                                                             const std::vector<int64_t>& interaction_ids) {
  std::unordered_map<int64_t, std::vector<Attachment>> by_interaction;
  if (interaction_ids.empty()) return by_interaction;
  std::vector<Binding> bindings;
  const std::string in = InList(interaction_ids, bindings);
  for (Attachment& attachment : Select(session, "interaction_id IN (" + in + ") ORDER BY id", bindings)) {
    by_interaction[attachment.interaction_id].push_back(std::move(attachment));
  }
  return by_interaction;
}

}  // namespace rrma
