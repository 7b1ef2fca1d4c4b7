#define BOOST_TEST_MODULE trusted_proxies
#include <boost/test/unit_test.hpp>

#include "server/trusted_proxies.h"

using namespace jadwal::server;
using Poco::Net::IPAddress;

namespace {

TrustedProxies parsed(std::string_view list) {
  std::string error;
  auto proxies = TrustedProxies::parse(list, error);
  BOOST_REQUIRE_MESSAGE(proxies.has_value(), error);
  return *proxies;
}

}  // namespace

BOOST_AUTO_TEST_CASE(nobody_is_trusted_by_default) {
  TrustedProxies none;
  BOOST_TEST(none.empty());
  // A local connection claiming another address is taken at its word no more.
  BOOST_TEST(none.clientAddress(IPAddress("127.0.0.1"), "203.0.113.7", "198.51.100.1") == "127.0.0.1");
  BOOST_TEST(parsed("").empty());
}

BOOST_AUTO_TEST_CASE(a_trusted_proxy_tells_the_client_address) {
  auto proxies = parsed("127.0.0.1, ::1");
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "203.0.113.7", "") == "203.0.113.7");
  BOOST_TEST(proxies.clientAddress(IPAddress("::1"), "", "198.51.100.1") == "198.51.100.1");
  // Earlier hops are whatever the client claimed: the last one counts.
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "", "10.9.9.9, 198.51.100.1") == "198.51.100.1");
  // Nothing usable: the proxy itself.
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "not-an-ip", "") == "127.0.0.1");
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "", "") == "127.0.0.1");
  // Another peer is not trusted, whatever it says.
  BOOST_TEST(proxies.clientAddress(IPAddress("192.0.2.5"), "203.0.113.7", "198.51.100.1") == "192.0.2.5");
}

BOOST_AUTO_TEST_CASE(chains_of_trusted_proxies_are_walked_from_the_right) {
  auto proxies = parsed("10.0.0.0/8 127.0.0.1");
  // client -> 10.1.1.1 (a load balancer) -> 127.0.0.1 (nginx) -> jadwald
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "", "1.2.3.4, 203.0.113.9, 10.1.1.1") == "203.0.113.9");
  BOOST_TEST(proxies.clientAddress(IPAddress("127.0.0.1"), "", "10.1.1.2, 10.1.1.1") == "10.1.1.2");
  BOOST_TEST(proxies.trusts(IPAddress("10.200.3.4")));
  BOOST_TEST(!proxies.trusts(IPAddress("11.0.0.1")));
}

BOOST_AUTO_TEST_CASE(ipv4_mapped_peers_match_ipv4_entries) {
  auto proxies = parsed("127.0.0.1");
  BOOST_TEST(proxies.trusts(IPAddress("::ffff:127.0.0.1")));
  BOOST_TEST(proxies.clientAddress(IPAddress("::ffff:127.0.0.1"), "203.0.113.7", "") == "203.0.113.7");
}

BOOST_AUTO_TEST_CASE(malformed_lists_are_refused) {
  for (const char* bad : {"localhost", "127.0.0.1/33", "10.0.0.0/x", "::1/129", "1.2.3.4.5"}) {
    std::string error;
    BOOST_TEST(!TrustedProxies::parse(bad, error).has_value(), bad);
    BOOST_TEST(!error.empty());
  }
}
