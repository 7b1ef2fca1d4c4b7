#pragma once
// Identical password checks run once. A calendar client opening several
// connections at once, its cached credentials expired, sends the same
// password on each; without this every copy would take a verification slot
// (and the last ones a 503). A check that arrives while the same one runs
// waits for that one's verdict instead, for at most `waitLimit`: past it
// the waiter is told Busy (503 with Retry-After, never a success), so a
// check that hangs holds one worker, not every worker of its waiters.
// Decoys for unknown names coalesce the same way, so a burst of identical
// attempts tells nothing about names.
//
// Thread-safe. The key must identify the check completely (user name,
// stored hash and password, e.g. as a keyed digest).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jadwal::server {

class VerificationFlights {
 public:
  enum class Verdict { Match, Mismatch, Busy };

  explicit VerificationFlights(std::chrono::milliseconds waitLimit) : waitLimit_(waitLimit) {}

  // `check`'s verdict for `key`: from running it, or from the run of the
  // same key already under way. A check that throws gives its waiters Busy,
  // and so does one still running after a waiter's `waitLimit`.
  Verdict run(const std::string& key, const std::function<Verdict()>& check);

  std::size_t running() const;

 private:
  struct Flight {
    bool done = false;
    Verdict verdict = Verdict::Busy;
  };
  const std::chrono::milliseconds waitLimit_;
  mutable std::mutex mutex_;
  std::condition_variable finished_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace jadwal::server
