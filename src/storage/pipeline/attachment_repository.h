// AttachmentRepository: the files joined to accompaniment records (domain/pipeline/attachment.h).
// The bytes live on disk, one file per attachment under the data folder (attachments/<id>), never
// in the database; the row says what they are and their SHA-256, checked when they are read back.
// A file is written whole under a temporary name, synced, then renamed before the row commits, so
// that a row never names a half-written file; a failed write leaves neither. Reading follows the
// interaction's visibility (tenant_scope.h); adding and removing are for its network's team and
// are journaled on the interaction. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/account.h"
#include "domain/pipeline/attachment.h"
#include "domain/status.h"
#include "storage/database.h"

namespace rrma {

struct AttachmentFile {
  Attachment attachment;
  std::string bytes;
};

class AttachmentRepository {
 public:
  // folder: where the files are kept (created at the first upload if missing).
  AttachmentRepository(Database& database, std::filesystem::path folder);

  // media_type is the type detected from the bytes. NotFound when the interaction is not
  // readable; Forbidden when caller does not work in its network; Invalid naming "name" (the
  // file's name), Unsupported or TooLarge naming "fichier", or Conflict beyond
  // kMaxAttachmentsPerInteraction.
  Result<Attachment> Add(const Account& caller, int64_t interaction_id, std::string_view name,
                         const std::string& media_type, const std::string& bytes);
  // NotFound when the interaction is not readable or has no such attachment; Unavailable when the
  // file is missing or no longer matches its SHA-256.
  Result<AttachmentFile> Read(const Account& caller, int64_t interaction_id, int64_t attachment_id);
  // The file is removed once the row is.
  Status Remove(const Account& caller, int64_t interaction_id, int64_t attachment_id);
  // Removes the files whose interaction is gone (an interaction deleted takes its rows along).
  void RemoveFiles(const std::vector<int64_t>& attachment_ids);

  // The attachments of these interactions, by interaction, oldest first (for the lists of
  // interactions: one query, on the caller's session).
  static std::unordered_map<int64_t, std::vector<Attachment>> Of(Database::Lease& session,
                                                                 const std::vector<int64_t>& interaction_ids);

 private:
  std::filesystem::path PathOf(int64_t id) const;

  Database& database_;
  std::filesystem::path folder_;
};

}  // namespace rrma
