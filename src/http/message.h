// Request and Response: the values rrma's handlers read and write. They name no transport
// library: the server (server.cpp) fills a Request from the bytes it received and writes the
// Response back, so that a change of HTTP engine touches that one file. Plain values, not
// thread-safe; one request is handled by one thread at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace rrma::http {

// Orders header names without regard to ASCII case, as HTTP compares them.
struct HeaderNameLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

// Header fields in the order received or set; a name may appear several times.
using Headers = std::multimap<std::string, std::string, HeaderNameLess>;
// Query parameters, names and values percent-decoded; a name may appear several times.
using QueryParams = std::multimap<std::string, std::string>;

struct Request {
  std::string method;       // "GET", "POST"…, as sent
  std::string path;         // percent-decoded, without the query string
  std::string query;        // the raw query string, without its '?'
  QueryParams params;       // decoded from query
  Headers headers;
  std::string body;
  std::string remote_addr;  // the peer's address (a reverse proxy's, behind one)

  // The value of the index-th field named name, or "" when there is none.
  std::string HeaderValue(std::string_view name, size_t index = 0) const;
  size_t HeaderCount(std::string_view name) const;
  bool HasHeader(std::string_view name) const { return headers.find(name) != headers.end(); }
  bool HasParam(const std::string& name) const { return params.find(name) != params.end(); }
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // How long the server keeps the answer before sending it, on the connection and not on a worker
  // (a slowed sign-in): the client waits, no thread does.
  std::chrono::milliseconds hold{0};

  // Adds a field (Set-Cookie may be sent several times); replaces one of the same name otherwise.
  void SetHeader(std::string_view name, std::string value);
  std::string HeaderValue(std::string_view name) const;
  void SetContent(std::string content, std::string_view content_type);
};

// Splits a query string into decoded parameters ('+' is a space). Everything after the first '?'
// of a target is the query, so a query may itself contain '?' and '/' (RFC 3986, section 3.4).
// False when a percent escape is malformed.
bool ParseQuery(std::string_view query, QueryParams& params);

// text for one line of the log: its control characters (CR, LF, ESC, the C1 controls, the line
// and paragraph separators), backslashes and bytes that are not UTF-8 written as \xNN, so that a
// decoded path cannot forge a line nor hide one; cut after 512 bytes, marked with "…".
std::string Loggable(std::string_view text);

// Decodes %XX escapes (and '+' as a space when plus_is_space); false on a malformed escape.
bool PercentDecode(std::string_view text, std::string& out, bool plus_is_space);

}  // namespace rrma::http
