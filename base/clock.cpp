#include "base/clock.h"

#include <chrono>

namespace jadwal::base {

UnixSeconds SystemClock::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const Clock& systemClock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace jadwal::base
