#include "domain/status.h"

namespace rrma {

Status Status::Invalid(std::string field, std::string message) {
  return Invalid(std::vector<FieldError>{{std::move(field), std::move(message)}});
}

Status Status::Invalid(std::vector<FieldError> errors) {
  std::string detail = errors.size() == 1 ? errors.front().message
                                          : "La requête contient des valeurs invalides.";
  return Status(ErrorCode::kInvalid, std::move(detail), std::move(errors));
}

Status Status::NotFound(std::string detail) { return Status(ErrorCode::kNotFound, std::move(detail)); }
Status Status::Conflict(std::string detail) { return Status(ErrorCode::kConflict, std::move(detail)); }
Status Status::Unauthenticated(std::string detail) {
  return Status(ErrorCode::kUnauthenticated, std::move(detail));
}
Status Status::Forbidden(std::string detail) { return Status(ErrorCode::kForbidden, std::move(detail)); }
Status Status::Unsupported(std::string detail) {
  return Status(ErrorCode::kUnsupportedMediaType, std::move(detail));
}
Status Status::TooLarge(std::string detail) {
  return Status(ErrorCode::kPayloadTooLarge, std::move(detail));
}
Status Status::TooManyRequests(std::string detail) {
  return Status(ErrorCode::kTooManyRequests, std::move(detail));
}
Status Status::MethodNotAllowed(std::string detail) {
  return Status(ErrorCode::kMethodNotAllowed, std::move(detail));
}
Status Status::Unavailable(std::string detail) {
  return Status(ErrorCode::kUnavailable, std::move(detail));
}

Status Status::OnField(std::string field) const {
  Status named = *this;
  named.field_errors_.push_back({std::move(field), detail_});
  return named;
}

}  // namespace rrma
