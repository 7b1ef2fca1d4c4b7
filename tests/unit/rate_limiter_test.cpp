#define BOOST_TEST_MODULE rate_limiter
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "server/client_key.h"
#include "server/rate_limiter.h"

using jadwal::server::clientKey;
using jadwal::server::RateLimiter;

BOOST_AUTO_TEST_CASE(allows_up_to_the_limit_per_key_then_refuses) {
  RateLimiter limiter(3, std::chrono::hours(1));
  BOOST_TEST(limiter.tryAcquire("10.0.0.1", 1000));
  BOOST_TEST(limiter.tryAcquire("10.0.0.1", 1001));
  BOOST_TEST(limiter.tryAcquire("10.0.0.1", 1002));
  BOOST_TEST(!limiter.tryAcquire("10.0.0.1", 1003));
  BOOST_TEST(!limiter.tryAcquire("10.0.0.1", 1004));  // a refusal does not count
  BOOST_TEST(limiter.tryAcquire("10.0.0.2", 1003));   // other addresses have their own count
}

BOOST_AUTO_TEST_CASE(exhausted_tells_without_counting) {
  RateLimiter limiter(2, std::chrono::hours(1));
  BOOST_TEST(!limiter.exhausted("a", 0));  // unknown keys are not
  BOOST_TEST(limiter.tryAcquire("a", 0));
  BOOST_TEST(!limiter.exhausted("a", 1));
  BOOST_TEST(!limiter.exhausted("a", 1));  // asking twice records nothing
  BOOST_TEST(limiter.tryAcquire("a", 2));
  BOOST_TEST(limiter.exhausted("a", 3));
  BOOST_TEST(!limiter.exhausted("a", 3600));  // the first event left the window
  RateLimiter off(0, std::chrono::hours(1));
  BOOST_TEST(!off.exhausted("a", 0));
}

BOOST_AUTO_TEST_CASE(the_window_slides) {
  RateLimiter limiter(2, std::chrono::seconds(3600));
  BOOST_TEST(limiter.tryAcquire("a", 0));
  BOOST_TEST(limiter.tryAcquire("a", 1800));
  BOOST_TEST(!limiter.tryAcquire("a", 3599));
  BOOST_TEST(limiter.tryAcquire("a", 3600));  // the first event left the window
  BOOST_TEST(!limiter.tryAcquire("a", 5399));
  BOOST_TEST(limiter.tryAcquire("a", 5400));
}

BOOST_AUTO_TEST_CASE(refund_takes_an_attempt_back) {
  RateLimiter limiter(1, std::chrono::hours(1));
  BOOST_TEST(limiter.tryAcquire("a", 10));
  limiter.refund("a");
  BOOST_TEST(limiter.tryAcquire("a", 11));
  BOOST_TEST(!limiter.tryAcquire("a", 12));
  limiter.refund("unknown");  // nothing to take back: no effect
  BOOST_TEST(!limiter.tryAcquire("a", 13));
}

BOOST_AUTO_TEST_CASE(limit_zero_is_off) {
  RateLimiter limiter(0, std::chrono::hours(1));
  for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE(limiter.tryAcquire("a", i));
  BOOST_TEST(limiter.trackedKeys() == 0u);
}

BOOST_AUTO_TEST_CASE(memory_stays_bounded_by_max_keys) {
  RateLimiter limiter(1, std::chrono::hours(1), 100);
  for (int i = 0; i < 1000; ++i) limiter.tryAcquire("client-" + std::to_string(i), 100);
  BOOST_TEST(limiter.trackedKeys() <= 100u);
  // Expired keys are dropped first when room is needed.
  RateLimiter expiring(1, std::chrono::seconds(10), 10);
  for (int i = 0; i < 10; ++i) expiring.tryAcquire("old-" + std::to_string(i), 0);
  BOOST_TEST(expiring.tryAcquire("new", 100));
  BOOST_TEST(expiring.trackedKeys() == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_attempts_never_exceed_the_limit) {
  RateLimiter limiter(50, std::chrono::hours(1));
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i)
        if (limiter.tryAcquire("same", 1)) ++granted;
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(granted.load() == 50);
}

BOOST_AUTO_TEST_CASE(count_tells_the_events_in_the_window_without_counting) {
  RateLimiter limiter(5, std::chrono::seconds(100));
  BOOST_TEST(limiter.count("a", 0) == 0u);
  limiter.tryAcquire("a", 0);
  limiter.tryAcquire("a", 50);
  BOOST_TEST(limiter.count("a", 60) == 2u);
  BOOST_TEST(limiter.count("a", 60) == 2u);   // asking records nothing
  BOOST_TEST(limiter.count("a", 100) == 1u);  // the first left the window
  BOOST_TEST(limiter.count("b", 60) == 0u);
  BOOST_TEST(RateLimiter(0, std::chrono::seconds(100)).count("a", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(per_client_limits_keyed_by_client_key_count_an_ipv6_prefix_once) {
  // Form submissions, code lookups and login failures count by clientKey():
  // new addresses from one /64 do not buy new attempts.
  RateLimiter limiter(2, std::chrono::hours(1));
  BOOST_TEST(limiter.tryAcquire(clientKey("2001:db8:1:2::1"), 1000));
  BOOST_TEST(limiter.tryAcquire(clientKey("2001:db8:1:2::2"), 1000));
  BOOST_TEST(!limiter.tryAcquire(clientKey("2001:db8:1:2::3"), 1000));
  BOOST_TEST(limiter.exhausted(clientKey("2001:db8:1:2:abcd::9"), 1000));
  BOOST_TEST(limiter.tryAcquire(clientKey("2001:db8:1:3::1"), 1000));  // another /64
  BOOST_TEST(limiter.tryAcquire(clientKey("::ffff:192.0.2.1"), 1000));
  BOOST_TEST(limiter.tryAcquire(clientKey("192.0.2.1"), 1000));
  BOOST_TEST(!limiter.tryAcquire(clientKey("192.0.2.1"), 1000));  // the same IPv4 client both times
  BOOST_TEST(limiter.tryAcquire(clientKey("192.0.2.2"), 1000));
}
