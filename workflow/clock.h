#pragma once
// "Now" for the workflow: the base clock seam (base/clock.h), so tests control time.

#include "base/clock.h"

namespace jadwal::workflow {

using Clock = base::Clock;
using SystemClock = base::SystemClock;

}  // namespace jadwal::workflow
