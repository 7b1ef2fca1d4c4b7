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
  VerificationFlights flights(std::chrono::milliseconds(10000));
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
  VerificationFlights flights(std::chrono::milliseconds(10000));
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

BOOST_AUTO_TEST_CASE(a_waiter_gives_up_after_the_deadline_and_is_told_busy) {
  // The check of the first login is stuck (a starved core, a store that
  // does not answer): the logins waiting on it must not hold their workers
  // for as long as it takes, and must never come back as a success.
  VerificationFlights flights(std::chrono::milliseconds(100));
  std::atomic<bool> started{false}, release{false};
  std::thread leader([&] {
    flights.run("ani:benar", [&] {
      started = true;
      while (!release) std::this_thread::sleep_for(1ms);
      return Verdict::Match;
    });
  });
  while (!started) std::this_thread::sleep_for(1ms);
  // Ends the stuck check in any case, so a waiter without a bound fails
  // this test instead of hanging it.
  std::atomic<bool> waiterBack{false};
  std::thread watchdog([&] {
    const auto giveUp = std::chrono::steady_clock::now() + 3s;
    while (!waiterBack && std::chrono::steady_clock::now() < giveUp) std::this_thread::sleep_for(1ms);
    release = true;
  });
  std::atomic<bool> ranOwn{false};
  const auto begin = std::chrono::steady_clock::now();
  const Verdict waited = flights.run("ani:benar", [&] {
    ranOwn = true;
    return Verdict::Match;
  });
  const auto took = std::chrono::steady_clock::now() - begin;
  waiterBack = true;
  leader.join();
  watchdog.join();
  BOOST_TEST((waited == Verdict::Busy));
  BOOST_TEST(!ranOwn.load());  // it joined the running check rather than start a second one
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() >= 90);
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 2000);
  BOOST_TEST(flights.running() == 0u);
}
