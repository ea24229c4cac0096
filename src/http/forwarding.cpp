#include "http/forwarding.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace rrma::http {
namespace {

// The address in its canonical text: an IPv4-mapped IPv6 address (a dual-stack socket's view of
// an IPv4 peer) as the IPv4 address, IPv6 compressed; nothing when text is no address. With
// block, an IPv6 address becomes its /64.
std::optional<std::string> Canonical(const std::string& text, bool block) {
  std::array<unsigned char, 16> bytes{};
  std::array<char, INET6_ADDRSTRLEN> written{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    return std::string(inet_ntop(AF_INET, bytes.data(), written.data(), written.size()));
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return std::nullopt;
  const std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), bytes.begin())) {
    return std::string(inet_ntop(AF_INET, bytes.data() + 12, written.data(), written.size()));
  }
  if (!block) return std::string(inet_ntop(AF_INET6, bytes.data(), written.data(), written.size()));
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return std::string(inet_ntop(AF_INET6, bytes.data(), written.data(), written.size())) + "/64";
}

// The peer is the trusted proxy, however either address is written (::ffff:127.0.0.1 is 127.0.0.1).
bool FromTrustedProxy(const Request& request, const std::string& trusted_proxy) {
  if (trusted_proxy.empty()) return false;
  if (request.remote_addr == trusted_proxy) return true;
  auto peer = Canonical(request.remote_addr, false);
  return peer && peer == Canonical(trusted_proxy, false);
}

std::string Trimmed(std::string text) {
  const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), is_space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), is_space).base(), text.end());
  return text;
}

// The block the throttle counts an address in: an IPv4 address alone (an IPv4-mapped IPv6 address
// too); for IPv6 its /64, the smallest block one subscriber is given, so that rotating through
// the addresses of one's own network does not escape the throttle. Nothing when text is no address.
std::optional<std::string> AddressBlock(const std::string& text) { return Canonical(text, true); }

// The peer's block; the peer's own text if it is somehow no address (never for a TCP peer).
std::string PeerBlock(const Request& request) { return AddressBlock(request.remote_addr).value_or(request.remote_addr); }

}  // namespace

std::string ClientAddress(const Request& request, const std::string& trusted_proxy) {
  if (!FromTrustedProxy(request, trusted_proxy)) return PeerBlock(request);
  // Several headers or one comma-separated list: the last entry is the one our proxy wrote.
  const size_t count = request.HeaderCount("X-Forwarded-For");
  if (count == 0) return PeerBlock(request);
  const std::string header = request.HeaderValue("X-Forwarded-For", count - 1);
  std::string last = Trimmed(header.substr(header.rfind(',') == std::string::npos ? 0 : header.rfind(',') + 1));
  if (last.size() > 64) return PeerBlock(request);
  return AddressBlock(last).value_or(PeerBlock(request));
}

bool ReachedOverTls(const Request& request, const std::string& trusted_proxy) {
  if (!FromTrustedProxy(request, trusted_proxy)) return false;
  std::string protocol = Trimmed(request.HeaderValue("X-Forwarded-Proto"));
  std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return protocol == "https";
}

}  // namespace rrma::http
