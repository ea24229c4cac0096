// Attachments of accompaniment records (issue 9): a convention, minutes, a photo joined to an
// interaction. What may be joined is decided by the type detected from the bytes (never by the
// file's name), from a short list of document and image types a browser will not run; the name
// given at upload is kept only for display and download. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace rrma {

inline constexpr uint64_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxAttachmentNameLength = 200;
inline constexpr size_t kMaxAttachmentsPerInteraction = 20;

// The media types accepted (PDF, PNG, JPEG, GIF, WebP, OpenDocument and Office Open XML
// documents, plain text and CSV), as libmagic names them.
bool IsAcceptedAttachmentType(std::string_view media_type);
// « PDF », « image PNG », « document texte OpenDocument »… for messages and lists.
std::string_view AttachmentTypeLabel(std::string_view media_type);

struct Attachment {
  int64_t id = 0;
  int64_t interaction_id = 0;
  std::string name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;  // hex, of the bytes as stored
  std::optional<int64_t> created_by;
  std::string created_at;
};

// The name to keep for a file sent as `sent` with the detected media_type: the last part of a path
// (after / or \\), trimmed, with the type's extension added when it ends with another one (a text
// sent as « page.html » is kept as « page.html.txt »: a computer opens a file by its extension).
// Invalid naming "name" when it is missing, not one line of text, only dots, or longer than
// kMaxAttachmentNameLength characters.
Result<std::string> AttachmentName(std::string_view sent, std::string_view media_type);

}  // namespace rrma
