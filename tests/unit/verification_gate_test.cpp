// The bound on password checks running at once, exercised with real threads.
#define BOOST_TEST_MODULE verification_gate
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "server/verification_gate.h"

using jadwal::server::VerificationGate;
using Standing = VerificationGate::Standing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Waits (a few seconds at most) until `condition` holds.
template <typename Condition>
bool eventually(Condition condition) {
  const auto deadline = Clock::now() + 5s;
  while (!condition() && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
  return condition();
}

bool waitersReach(const VerificationGate& gate, std::size_t count) {
  return eventually([&] { return gate.waiting() == count; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(never_more_checks_than_slots_run_at_once) {
  VerificationGate gate(2, 64, 10s);
  std::atomic<int> running{0}, most{0}, done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      auto slot = gate.acquire(i % 2 ? Standing::Trusted : Standing::Suspect);
      if (!slot) return;
      const int now = ++running;
      for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(15ms);  // a verification's worth of work
      --running;
      ++done;
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(done.load() == 16);  // everybody got a turn within the wait
  BOOST_TEST(most.load() == 2);   // and never more than two at once
  BOOST_TEST(gate.inUse() == 0u);
  BOOST_TEST(gate.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(a_check_that_waits_too_long_is_refused) {
  VerificationGate gate(1, 4, 100ms);
  auto held = gate.acquire(Standing::Trusted);
  BOOST_REQUIRE(held);
  const auto started = Clock::now();
  BOOST_TEST(!gate.acquire(Standing::Trusted));
  const auto waited = Clock::now() - started;
  BOOST_TEST((waited >= 100ms));
  BOOST_TEST((waited < 2s));
  held.reset();
  BOOST_TEST(gate.acquire(Standing::Trusted).has_value());  // the slot came back
}

BOOST_AUTO_TEST_CASE(beyond_the_waiting_places_a_check_is_refused_at_once) {
  VerificationGate gate(1, 2, 10s);
  auto held = gate.acquire(Standing::Trusted);
  std::atomic<int> served{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 2; ++i) {
    waiters.emplace_back([&] {
      if (gate.acquire(Standing::Trusted)) ++served;
    });
  }
  BOOST_REQUIRE(waitersReach(gate, 2));
  const auto started = Clock::now();
  BOOST_TEST(!gate.acquire(Standing::Trusted));  // no third place: no queue without end
  BOOST_TEST((Clock::now() - started < 500ms));
  held.reset();
  for (auto& waiter : waiters) waiter.join();
  BOOST_TEST(served.load() == 2);
}

BOOST_AUTO_TEST_CASE(suspect_checks_leave_a_slot_and_a_place_to_trusted_ones) {
  VerificationGate gate(2, 3, 2s);
  auto suspect = gate.acquire(Standing::Suspect);
  BOOST_REQUIRE(suspect);
  // The last slot is not for a client that keeps failing...
  std::atomic<bool> suspectServed{false};
  std::thread patientSuspect([&] { suspectServed = gate.acquire(Standing::Suspect).has_value(); });
  BOOST_REQUIRE(waitersReach(gate, 1));
  // ...it is for everybody else, at once.
  auto trusted = gate.acquire(Standing::Trusted);
  BOOST_TEST(trusted.has_value());
  BOOST_TEST(gate.inUse() == 2u);
  // Suspects may not fill the waiting places: one is kept for trusted attempts.
  std::thread secondSuspect([&] { gate.acquire(Standing::Suspect); });
  BOOST_REQUIRE(waitersReach(gate, 2));
  BOOST_TEST(!gate.acquire(Standing::Suspect));  // refused at once: only the kept place is left
  std::atomic<bool> trustedServed{false}, letGo{false};
  std::thread waitingTrusted([&] {
    auto slot = gate.acquire(Standing::Trusted);
    trustedServed = slot.has_value();
    while (!letGo) std::this_thread::sleep_for(1ms);
  });
  BOOST_REQUIRE(waitersReach(gate, 3));
  // A freed slot goes to the trusted attempt waiting, never to the suspects.
  trusted.reset();
  BOOST_TEST(eventually([&] { return trustedServed.load(); }));
  BOOST_TEST(gate.waiting() == 2u);
  patientSuspect.join();
  secondSuspect.join();
  BOOST_TEST(!suspectServed.load());  // their wait ran out: the slots stayed with the others
  letGo = true;
  waitingTrusted.join();
  suspect.reset();
  BOOST_TEST(gate.inUse() == 0u);
  BOOST_TEST(gate.acquire(Standing::Suspect).has_value());  // with the trusted ones gone, suspects go on
}

BOOST_AUTO_TEST_CASE(one_slot_and_no_waiting_is_a_plain_try) {
  VerificationGate gate(1, 0, 1s);
  auto held = gate.acquire(Standing::Suspect);  // with one slot nothing can be kept back
  BOOST_TEST(held.has_value());
  const auto started = Clock::now();
  BOOST_TEST(!gate.acquire(Standing::Trusted));
  BOOST_TEST((Clock::now() - started < 500ms));
  auto moved = std::move(*held);
  held.reset();
  BOOST_TEST(gate.inUse() == 1u);  // the moved slot still holds it
}
