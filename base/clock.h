#pragma once
// The wall clock seam: every read of "now" (stored times, expiries, the Date
// header, stamps in generated iCalendar) goes through a Clock, so tests can
// set the time. Intervals that only measure elapsed time (deadlines, budgets)
// use std::chrono::steady_clock instead, which no test needs to control.

#include <atomic>
#include <cstdint>

namespace jadwal::base {

// Seconds since the Unix epoch, UTC.
using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds now() const = 0;
};

// The system clock.
class SystemClock final : public Clock {
 public:
  UnixSeconds now() const override;
};

// The process's system clock, for code that is given no other.
const Clock& systemClock();

// A clock that stands still until told otherwise (tests, replays).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixSeconds start) : now_(start) {}
  UnixSeconds now() const override { return now_.load(); }
  void set(UnixSeconds to) { now_.store(to); }
  void advance(UnixSeconds seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<UnixSeconds> now_;
};

}  // namespace jadwal::base
