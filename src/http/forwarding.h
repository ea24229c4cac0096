// Where a request came from when rrma runs behind a reverse proxy (nginx terminating TLS). Only
// the proxy named by `rrma serve --trusted-proxy ADDRESS` is believed: from it, the client's
// address is the last entry of X-Forwarded-For (the one that proxy added) and the scheme is
// X-Forwarded-Proto. From any other peer those headers are ignored, so a client cannot choose its
// address to escape the sign-in throttle, nor make a plain-HTTP session cookie look Secure.
// Pure functions, thread-safe.
#pragma once

#include <string>

#include "http/message.h"

namespace rrma::http {

// The address the sign-in throttle counts failures against: an IPv4 address, or the /64 of an
// IPv6 one ("2001:db8:1:2::/64"), so that one subscriber's many IPv6 addresses count as one.
std::string ClientAddress(const Request& request, const std::string& trusted_proxy);

// True when the client reached the trusted proxy over HTTPS: session cookies are then Secure.
bool ReachedOverTls(const Request& request, const std::string& trusted_proxy);

}  // namespace rrma::http
