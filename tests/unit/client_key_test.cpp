// What per-client bounds count by: an IPv4 address, or an IPv6 client's prefix.
#define BOOST_TEST_MODULE client_key
#include <boost/test/unit_test.hpp>

#include "server/client_key.h"

using jadwal::server::clientKey;

BOOST_AUTO_TEST_CASE(an_ipv4_client_is_its_address) {
  BOOST_TEST(clientKey("192.0.2.7") == "192.0.2.7");
  BOOST_TEST(clientKey("192.0.2.8") != clientKey("192.0.2.7"));
  BOOST_TEST(clientKey("192.0.2.7", 128) == "192.0.2.7");  // the prefix is for IPv6 only
}

BOOST_AUTO_TEST_CASE(an_ipv4_mapped_address_counts_as_ipv4) {
  BOOST_TEST(clientKey("::ffff:192.0.2.7") == "192.0.2.7");
  BOOST_TEST(clientKey("::FFFF:c000:0207") == "192.0.2.7");
}

BOOST_AUTO_TEST_CASE(addresses_of_one_slash_64_are_one_client) {
  BOOST_TEST(clientKey("2001:db8:1:2::a") == "2001:db8:1:2::/64");
  BOOST_TEST(clientKey("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64");
  BOOST_TEST(clientKey("2001:DB8:1:2:0:0:0:B") == clientKey("2001:db8:1:2::a"));  // any spelling
  BOOST_TEST(clientKey("2001:db8:1:3::a") == "2001:db8:1:3::/64");
  BOOST_TEST(clientKey("2001:db8:1:3::a") != clientKey("2001:db8:1:2::a"));
  BOOST_TEST(clientKey("::1") == "::/64");
  BOOST_TEST(clientKey("fe80::1%eth0") == "fe80::/64");
}

BOOST_AUTO_TEST_CASE(the_prefix_length_is_configurable) {
  BOOST_TEST(clientKey("2001:db8:1:2::a", 48) == "2001:db8:1::/48");
  BOOST_TEST(clientKey("2001:db8:1:ff00::a", 56) == "2001:db8:1:ff00::/56");
  BOOST_TEST(clientKey("2001:db8:1:ffff::a", 52) == "2001:db8:1:f000::/52");  // inside a group too
  BOOST_TEST(clientKey("2001:db8:1:2::a", 128) == "2001:db8:1:2::a");
  BOOST_TEST(clientKey("2001:db8:1:2::a", 0) == "2001:db8::/32");  // never wider than a /32
  BOOST_TEST(clientKey("2001:db8:1:2::a", 200) == "2001:db8:1:2::a");
}

BOOST_AUTO_TEST_CASE(text_that_is_no_address_comes_back_unchanged) {
  BOOST_TEST(clientKey("").empty());
  BOOST_TEST(clientKey("bukan-alamat") == "bukan-alamat");
  BOOST_TEST(clientKey("2001:db8:1:2::/64") == "2001:db8:1:2::/64");  // a key is its own key
}
