// Problem responses (RFC 9457, application/problem+json): the one place where domain error codes
// become HTTP statuses. Every error the API answers goes through WriteProblem. Thread-safe.
#pragma once

#include "http/message.h"

#include "domain/status.h"

namespace rrma::http {

int HttpStatusFor(ErrorCode code);

// Writes status, content type and body {type, title, status, detail, errors?} for a failed Status.
void WriteProblem(Response& response, const Status& status);

// Writes the problem for a status the server decided itself (400 unreadable request, 408 too
// slow, 413 body too large, 431 headers too large, 404…), with detail or the status's own, and
// the fields it is about, if any.
void WriteProblemForHttpStatus(Response& response, int http_status, std::string detail = {},
                               const std::vector<FieldError>& errors = {});

}  // namespace rrma::http
