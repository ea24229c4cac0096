#include "http/forwarding.h"

#include <algorithm>
#include <cctype>

namespace rrma::http {
namespace {

bool FromTrustedProxy(const Request& request, const std::string& trusted_proxy) {
  return !trusted_proxy.empty() && request.remote_addr == trusted_proxy;
}

std::string Trimmed(std::string text) {
  const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), is_space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), is_space).base(), text.end());
  return text;
}

}  // namespace

std::string ClientAddress(const Request& request, const std::string& trusted_proxy) {
  if (!FromTrustedProxy(request, trusted_proxy)) return request.remote_addr;
  // Several headers or one comma-separated list: the last entry is the one our proxy wrote.
  const size_t count = request.HeaderCount("X-Forwarded-For");
  if (count == 0) return request.remote_addr;
  const std::string header = request.HeaderValue("X-Forwarded-For", count - 1);
  std::string last = Trimmed(header.substr(header.rfind(',') == std::string::npos ? 0 : header.rfind(',') + 1));
  if (last.empty() || last.size() > 64) return request.remote_addr;
  return last;
}

bool ReachedOverTls(const Request& request, const std::string& trusted_proxy) {
  if (!FromTrustedProxy(request, trusted_proxy)) return false;
  std::string protocol = Trimmed(request.HeaderValue("X-Forwarded-Proto"));
  std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return protocol == "https";
}

}  // namespace rrma::http
