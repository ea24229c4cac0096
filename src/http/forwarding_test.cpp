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

}  // namespace
}  // namespace rrma::http
