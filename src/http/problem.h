// Problem responses (RFC 9457, application/problem+json): the one place where domain error codes
// become HTTP statuses. Every error the API answers goes through WriteProblem. Thread-safe.
#pragma once

#include <httplib.h>

#include "domain/status.h"

namespace rrma::http {

int HttpStatusFor(ErrorCode code);

// Writes status, content type and body {type, title, status, detail, errors?} for a failed Status.
void WriteProblem(httplib::Response& response, const Status& status);

// Writes the problem for a status httplib decided itself (400 unreadable request, 413 body too
// large, 404…), when no handler wrote a body.
void WriteProblemForHttpStatus(httplib::Response& response, int http_status);

}  // namespace rrma::http
