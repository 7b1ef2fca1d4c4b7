#include "server/verification_flights.h"

namespace jadwal::server {

VerificationFlights::Verdict VerificationFlights::run(const std::string& key, const std::function<Verdict()>& check) {
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(mutex_);
    if (auto found = flights_.find(key); found != flights_.end()) {
      flight = found->second;  // a copy keeps it alive after the runner drops it
      // Bounded: a check that hangs must not hold every waiter's worker with it.
      if (!finished_.wait_for(lock, waitLimit_, [&] { return flight->done; })) return Verdict::Busy;
      return flight->verdict;
    }
    flight = std::make_shared<Flight>();
    flights_.emplace(key, flight);
  }
  Verdict verdict = Verdict::Busy;
  auto land = [&] {
    std::lock_guard lock(mutex_);
    flight->verdict = verdict;
    flight->done = true;
    flights_.erase(key);
  };
  try {
    verdict = check();  // no lock held: other checks run meanwhile
  } catch (...) {
    land();
    finished_.notify_all();
    throw;
  }
  land();
  finished_.notify_all();
  return verdict;
}

std::size_t VerificationFlights::running() const {
  std::lock_guard lock(mutex_);
  return flights_.size();
}

}  // namespace jadwal::server
