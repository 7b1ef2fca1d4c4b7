// Identical password checks arriving together run once, with real threads.
#define BOOST_TEST_MODULE verification_flights
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/verification_flights.h"

using jadwal::server::VerificationFlights;
using Verdict = VerificationFlights::Verdict;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(checks_of_one_key_arriving_together_run_once) {
  VerificationFlights flights;
  std::atomic<int> runs{0}, matches{0}, mismatches{0};
  std::atomic<bool> release{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      const bool right = i % 2 == 0;
      const Verdict verdict = flights.run(right ? "ani:benar" : "ani:salah", [&] {
        ++runs;
        while (!release) std::this_thread::sleep_for(1ms);  // a check as slow as you like
        return right ? Verdict::Match : Verdict::Mismatch;
      });
      ++(verdict == Verdict::Match ? matches : mismatches);
    });
  }
  // Every thread is either running its key's check or waiting for it.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (runs < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(50ms);
  BOOST_TEST(flights.running() == 2u);
  release = true;
  for (auto& thread : threads) thread.join();
  BOOST_TEST(runs.load() == 2);  // once per key
  BOOST_TEST(matches.load() == 6);
  BOOST_TEST(mismatches.load() == 6);
  BOOST_TEST(flights.running() == 0u);
  // Later checks of a key run again: verdicts are not kept (the credential cache does that).
  BOOST_TEST((flights.run("ani:benar", [&] { return Verdict::Mismatch; }) == Verdict::Mismatch));
}

BOOST_AUTO_TEST_CASE(a_check_that_throws_leaves_its_waiters_busy) {
  VerificationFlights flights;
  std::atomic<bool> started{false}, release{false};
  std::atomic<int> follower{-1};
  std::thread leader([&] {
    BOOST_CHECK_THROW(flights.run("k",
                                  [&]() -> Verdict {
                                    started = true;
                                    while (!release) std::this_thread::sleep_for(1ms);
                                    throw std::bad_alloc();
                                  }),
                      std::bad_alloc);
  });
  while (!started) std::this_thread::sleep_for(1ms);
  std::thread waiter([&] { follower = static_cast<int>(flights.run("k", [] { return Verdict::Match; })); });
  std::this_thread::sleep_for(50ms);
  release = true;
  leader.join();
  waiter.join();
  // The waiter either joined the failed run (Busy) or came after it and ran its own.
  BOOST_TEST((follower == static_cast<int>(Verdict::Busy) || follower == static_cast<int>(Verdict::Match)));
  BOOST_TEST(flights.running() == 0u);
}
