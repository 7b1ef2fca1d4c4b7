#define BOOST_TEST_MODULE connection_limits
#include <boost/test/unit_test.hpp>

#include <vector>

#include "server/client_key.h"
#include "server/connection_limits.h"

using namespace jadwal::server;
using Refusal = ConnectionLimits::Refusal;

BOOST_AUTO_TEST_CASE(per_client_and_total_bounds) {
  ConnectionLimits limits(5, 2, 100);
  Refusal refusal;
  std::vector<ConnectionLimits::Slot> slots;
  slots.push_back(limits.open("192.0.2.1", false, refusal));
  slots.push_back(limits.open("192.0.2.1", false, refusal));
  BOOST_TEST(static_cast<bool>(slots.back()));
  BOOST_TEST(!limits.open("192.0.2.1", false, refusal));
  BOOST_TEST((refusal == Refusal::TooManyFromClient));
  // Another client still gets in, and a trusted proxy counts in the total only.
  slots.push_back(limits.open("192.0.2.2", false, refusal));
  slots.push_back(limits.open("127.0.0.1", true, refusal));
  slots.push_back(limits.open("127.0.0.1", true, refusal));
  BOOST_TEST(limits.openConnections() == 5u);
  BOOST_TEST(!limits.open("192.0.2.3", false, refusal));
  BOOST_TEST((refusal == Refusal::TooManyConnections));
  // Closing gives the place back.
  slots.erase(slots.begin());
  BOOST_TEST(limits.openConnections() == 4u);
  BOOST_TEST(static_cast<bool>(limits.open("192.0.2.1", false, refusal)));
  slots.clear();
  BOOST_TEST(limits.openConnections() == 0u);
  // Each refusal is counted under the cap that made it (for /metrics).
  BOOST_TEST(limits.refusedFromClients() == 1u);
  BOOST_TEST(limits.refusedInAll() == 1u);
}

BOOST_AUTO_TEST_CASE(moved_slots_release_once) {
  ConnectionLimits limits(1, 1, 100);
  Refusal refusal;
  auto first = limits.open("192.0.2.1", false, refusal);
  ConnectionLimits::Slot moved = std::move(first);
  BOOST_TEST(limits.openConnections() == 1u);
  moved = ConnectionLimits::Slot();
  BOOST_TEST(limits.openConnections() == 0u);
  BOOST_TEST(static_cast<bool>(limits.open("192.0.2.1", false, refusal)));
}

BOOST_AUTO_TEST_CASE(pending_body_bytes_are_bounded) {
  ConnectionLimits limits(10, 10, 1000);
  BOOST_TEST(limits.reserveBody(600));
  BOOST_TEST(!limits.reserveBody(401));
  BOOST_TEST(limits.reserveBody(400));
  BOOST_TEST(!limits.reserveBody(1));
  limits.releaseBody(600);
  BOOST_TEST(limits.pendingBodyBytes() == 400u);
  BOOST_TEST(!limits.reserveBody(SIZE_MAX));
}

BOOST_AUTO_TEST_CASE(addresses_of_one_ipv6_prefix_share_the_per_client_bound) {
  // The front end opens a connection under its client's key: a client that
  // changes its address within its /64 is still one client.
  ConnectionLimits limits(10, 2, 100);
  Refusal refusal;
  std::vector<ConnectionLimits::Slot> slots;
  slots.push_back(limits.open(clientKey("2001:db8:1:2::a"), false, refusal));
  slots.push_back(limits.open(clientKey("2001:db8:1:2::b"), false, refusal));
  BOOST_TEST(static_cast<bool>(slots.back()));
  BOOST_TEST(!limits.open(clientKey("2001:db8:1:2:ffff::c"), false, refusal));
  BOOST_TEST((refusal == Refusal::TooManyFromClient));
  // Another /64 is another client.
  slots.push_back(limits.open(clientKey("2001:db8:1:3::a"), false, refusal));
  BOOST_TEST(static_cast<bool>(slots.back()));
  // With a /48 configured, that one is the same client again.
  slots.clear();
  slots.push_back(limits.open(clientKey("2001:db8:1:2::a", 48), false, refusal));
  slots.push_back(limits.open(clientKey("2001:db8:1:3::a", 48), false, refusal));
  BOOST_TEST(!limits.open(clientKey("2001:db8:1:4::a", 48), false, refusal));
}
