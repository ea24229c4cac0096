#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace rrma::http {
namespace {

struct ProblemType {
  int status;
  const char* slug;
  const char* title;  // French, short
};

constexpr ProblemType kTypes[] = {
    {400, "invalid-request", "Requête invalide"},
    {401, "unauthenticated", "Authentification requise"},
    {403, "forbidden", "Accès refusé"},
    {404, "not-found", "Introuvable"},
    {405, "method-not-allowed", "Méthode non autorisée"},
    {408, "request-timeout", "Requête trop lente"},
    {409, "conflict", "Conflit"},
    {413, "payload-too-large", "Requête trop volumineuse"},
    {414, "uri-too-long", "Adresse trop longue"},
    {415, "unsupported-media-type", "Format non pris en charge"},
    {429, "too-many-requests", "Trop de tentatives"},
    {431, "header-fields-too-large", "En-têtes trop volumineux"},
    {500, "internal-error", "Erreur interne"},
    {503, "unavailable", "Service indisponible"},
};

const ProblemType* Find(int status) {
  for (const ProblemType& type : kTypes) {
    if (type.status == status) return &type;
  }
  return nullptr;
}

// The entry of the status, or of the generic 500 or 400 for statuses without one.
const ProblemType& TypeFor(int status) {
  if (const ProblemType* type = Find(status)) return *type;
  return *Find(status >= 500 ? 500 : 400);
}

void Write(Response& response, int http_status, const std::string& detail,
           const std::vector<FieldError>& errors) {
  const ProblemType& type = TypeFor(http_status);
  nlohmann::json body = {
      {"type", std::string("https://rrma.fr/problemes/") + type.slug},
      {"title", type.title},
      {"status", http_status},
      {"detail", detail},
  };
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const FieldError& error : errors) list.push_back({{"field", error.field}, {"message", error.message}});
    body["errors"] = std::move(list);
  }
  response.status = http_status;
  response.SetContent(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/problem+json");
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalid: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
  }
  return 500;
}

void WriteProblem(Response& response, const Status& status) {
  // RFC 9110: a 401 names the scheme that would succeed.
  if (status.code() == ErrorCode::kUnauthenticated) response.SetHeader("WWW-Authenticate", "Bearer realm=\"rrma\"");
  Write(response, HttpStatusFor(status.code()), status.detail(), status.field_errors());
}

void WriteProblemForHttpStatus(Response& response, int http_status, std::string detail,
                               const std::vector<FieldError>& errors) {
  if (detail.empty()) {
    switch (http_status) {
      case 404: detail = "Cette adresse ne correspond à aucune ressource."; break;
      case 408: detail = "La requête n'est pas arrivée entière dans le temps imparti."; break;
      case 413: detail = "Le corps de la requête dépasse la taille maximale autorisée."; break;
      case 414: detail = "L'adresse demandée est trop longue."; break;
      case 431: detail = "Les en-têtes de la requête sont trop volumineux ou trop nombreux."; break;
      case 500: detail = "Une erreur interne est survenue ; elle a été journalisée."; break;
      case 503: detail = "La base de données ne répond pas ; réessayez dans un instant."; break;
      default: detail = "La requête HTTP est illisible ou incomplète."; break;
    }
  }
  Write(response, http_status, detail, errors);
}

}  // namespace rrma::http
