#include "http/forwarding.h"

#include <gtest/gtest.h>

namespace rrma::http {
namespace {

Request From(const std::string& peer, std::initializer_list<std::pair<std::string, std::string>> headers) {
  Request request;
  request.remote_addr = peer;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  return request;
}

TEST(Forwarding, TheTrustedProxysLastForwardedAddressIsTheClient) {
  auto request = From("10.0.0.2", {{"X-Forwarded-For", "203.0.113.9, 198.51.100.7"}});
  EXPECT_EQ(ClientAddress(request, "10.0.0.2"), "198.51.100.7");
}

TEST(Forwarding, ForwardedHeadersFromAnyOtherPeerAreIgnored) {
  auto request = From("192.0.2.44", {{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(ClientAddress(request, "10.0.0.2"), "192.0.2.44");
  EXPECT_FALSE(ReachedOverTls(request, "10.0.0.2"));
  EXPECT_EQ(ClientAddress(request, ""), "192.0.2.44");
  EXPECT_FALSE(ReachedOverTls(request, ""));
}

TEST(Forwarding, TheTrustedProxyTellsWhetherTheClientUsedHttps) {
  EXPECT_TRUE(ReachedOverTls(From("10.0.0.2", {{"X-Forwarded-Proto", "HTTPS"}}), "10.0.0.2"));
  EXPECT_FALSE(ReachedOverTls(From("10.0.0.2", {{"X-Forwarded-Proto", "http"}}), "10.0.0.2"));
  EXPECT_FALSE(ReachedOverTls(From("10.0.0.2", {}), "10.0.0.2"));
}

TEST(Forwarding, AMissingOrAbsurdForwardedAddressFallsBackToThePeer) {
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {}), "10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {{"X-Forwarded-For", " , "}}), "10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {{"X-Forwarded-For", std::string(100, '1')}}), "10.0.0.2"), "10.0.0.2");
}

TEST(Forwarding, TheAddressesOfOneIpv6SubnetCountAsOneClient) {
  EXPECT_EQ(ClientAddress(From("2001:db8:1:2::7", {}), ""), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientAddress(From("2001:0db8:0001:0002:ffff:1:2:3", {}), ""), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {{"X-Forwarded-For", "2001:db8:1:2:aaaa::1"}}), "10.0.0.2"),
            "2001:db8:1:2::/64");
  EXPECT_NE(ClientAddress(From("2001:db8:1:3::7", {}), ""), "2001:db8:1:2::/64");
}

TEST(Forwarding, AnIpv4MappedAddressCountsAsTheIpv4Address) {
  EXPECT_EQ(ClientAddress(From("::ffff:192.0.2.44", {}), ""), "192.0.2.44");
}

TEST(Forwarding, TheTrustedProxySeenThroughADualStackSocketIsStillTrusted) {
  auto request = From("::ffff:127.0.0.1", {{"X-Forwarded-For", "198.18.0.44"}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(ClientAddress(request, "127.0.0.1"), "198.18.0.44");
  EXPECT_TRUE(ReachedOverTls(request, "127.0.0.1"));
  // Another address of the proxy's IPv6 /64 is not the proxy.
  EXPECT_EQ(ClientAddress(From("2001:db8::2", {{"X-Forwarded-For", "198.18.0.44"}}), "2001:db8::1"), "2001:db8::/64");
  EXPECT_EQ(ClientAddress(From("2001:db8:0::1", {{"X-Forwarded-For", "198.18.0.44"}}), "2001:db8::1"), "198.18.0.44");
}

TEST(Forwarding, AForwardedValueThatIsNoAddressFallsBackToThePeer) {
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {{"X-Forwarded-For", "unknown"}}), "10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(ClientAddress(From("10.0.0.2", {{"X-Forwarded-For", "1.2.3.4:5678"}}), "10.0.0.2"), "10.0.0.2");
}

}  // namespace
}  // namespace rrma::http
