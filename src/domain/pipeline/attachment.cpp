#include "domain/pipeline/attachment.h"

#include <algorithm>
#include <cctype>

#include "domain/field_rules.h"

namespace rrma {
namespace {

struct TypeLabel {
  std::string_view type;
  std::string_view label;
  std::string_view extensions;  // lower case, space-separated; the first is added to a name without one
};

constexpr TypeLabel kAccepted[] = {
    {"application/pdf", "PDF", "pdf"},
    {"image/png", "image PNG", "png"},
    {"image/jpeg", "image JPEG", "jpg jpeg"},
    {"image/gif", "image GIF", "gif"},
    {"image/webp", "image WebP", "webp"},
    {"text/plain", "texte", "txt"},
    {"text/csv", "tableau CSV", "csv"},
    {"application/vnd.oasis.opendocument.text", "document texte OpenDocument", "odt"},
    {"application/vnd.oasis.opendocument.spreadsheet", "classeur OpenDocument", "ods"},
    {"application/vnd.oasis.opendocument.presentation", "présentation OpenDocument", "odp"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document Word", "docx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "classeur Excel", "xlsx"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "présentation PowerPoint", "pptx"},
};

const TypeLabel* Accepted(std::string_view media_type) {
  for (const TypeLabel& accepted : kAccepted) {
    if (accepted.type == media_type) return &accepted;
  }
  return nullptr;
}

// Whether name ends with « . » and one of the space-separated extensions, in any case.
bool HasExtension(std::string_view name, std::string_view extensions) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string given(name.substr(dot + 1));
  for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t at = 0; at < extensions.size();) {
    const size_t end = std::min(extensions.find(' ', at), extensions.size());
    if (extensions.substr(at, end - at) == given) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace

bool IsAcceptedAttachmentType(std::string_view media_type) { return Accepted(media_type) != nullptr; }

std::string_view AttachmentTypeLabel(std::string_view media_type) {
  const TypeLabel* accepted = Accepted(media_type);
  return accepted ? accepted->label : media_type;
}

Result<std::string> AttachmentName(std::string_view sent, std::string_view media_type) {
  const size_t slash = sent.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? sent : sent.substr(slash + 1);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  ValidationErrors errors;
  CheckLine(std::string(name), "name", "Le nom du fichier", true, kMaxAttachmentNameLength, errors);
  if (errors.empty() && name.find_first_not_of('.') == std::string_view::npos) {
    errors.Add("name", "Le nom du fichier ne peut pas être fait que de points.");
  }
  if (!errors.empty()) return errors.ToStatus();
  std::string kept(name);
  // Opened by its name's extension on a computer: the name says what the bytes are.
  if (const TypeLabel* accepted = Accepted(media_type); accepted && !HasExtension(name, accepted->extensions)) {
    kept += "." + std::string(accepted->extensions.substr(0, accepted->extensions.find(' ')));
  }
  return kept;
}

}  // namespace rrma
