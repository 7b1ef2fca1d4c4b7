#pragma once
// "Now" for the workflow, so tests control time.

#include "sql/store.h"

namespace jadwal::workflow {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual sql::Instant now() const = 0;
};

// The system clock.
class SystemClock final : public Clock {
 public:
  sql::Instant now() const override;
};

}  // namespace jadwal::workflow
