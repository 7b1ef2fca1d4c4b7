#pragma once
// Identical password checks run once. A calendar client opening several
// connections at once, its cached credentials expired, sends the same
// password on each; without this every copy would take a verification slot
// (and the last ones a 503). A check that arrives while the same one runs
// waits for that one's verdict instead. Decoys for unknown names coalesce
// the same way, so a burst of identical attempts tells nothing about names.
//
// Thread-safe. The key must identify the check completely (user name,
// stored hash and password, e.g. as a keyed digest).

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

  // `check`'s verdict for `key`: from running it, or from the run of the
  // same key already under way. A check that throws gives its waiters Busy.
  Verdict run(const std::string& key, const std::function<Verdict()>& check);

  std::size_t running() const;

 private:
  struct Flight {
    bool done = false;
    Verdict verdict = Verdict::Busy;
  };
  mutable std::mutex mutex_;
  std::condition_variable finished_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace jadwal::server
