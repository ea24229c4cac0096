#include "domain/pipeline/attachment.h"

#include "domain/field_rules.h"

namespace rrma {
namespace {

struct TypeLabel {
  std::string_view type;
  std::string_view label;
};

constexpr TypeLabel kAccepted[] = {
    {"application/pdf", "PDF"},
    {"image/png", "image PNG"},
    {"image/jpeg", "image JPEG"},
    {"image/gif", "image GIF"},
    {"image/webp", "image WebP"},
    {"text/plain", "texte"},
    {"text/csv", "tableau CSV"},
    {"application/vnd.oasis.opendocument.text", "document texte OpenDocument"},
    {"application/vnd.oasis.opendocument.spreadsheet", "classeur OpenDocument"},
    {"application/vnd.oasis.opendocument.presentation", "présentation OpenDocument"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document Word"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "classeur Excel"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "présentation PowerPoint"},
};

}  // namespace

bool IsAcceptedAttachmentType(std::string_view media_type) {
  for (const TypeLabel& accepted : kAccepted) {
    if (accepted.type == media_type) return true;
  }
  return false;
}

std::string_view AttachmentTypeLabel(std::string_view media_type) {
  for (const TypeLabel& accepted : kAccepted) {
    if (accepted.type == media_type) return accepted.label;
  }
  return media_type;
}

Result<std::string> AttachmentName(std::string_view sent) {
  const size_t slash = sent.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? sent : sent.substr(slash + 1);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  ValidationErrors errors;
  CheckLine(std::string(name), "name", "Le nom du fichier", true, kMaxAttachmentNameLength, errors);
  if (!errors.empty()) return errors.ToStatus();
  return std::string(name);
}

}  // namespace rrma
