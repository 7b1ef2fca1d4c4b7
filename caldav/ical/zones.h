#pragma once
// Wall-clock time in a named zone (an Olson name known to libical's zone
// database, "Asia/Jakarta"), for what people read and type. An unknown name
// is treated as UTC. Safe to call from many threads: the zone lock is the
// library's own.

#include <string>

#include "sql/store.h"

namespace jadwal::caldav {

// A date and time of day on the proleptic Gregorian calendar.
struct CivilTime {
  int year = 1970, month = 1, day = 1;  // month 1..12
  int hour = 0, minute = 0, second = 0;
};

// Calendar arithmetic in UTC, independent of libical and of time_t's range.
sql::Instant civilToInstant(const CivilTime& time);
CivilTime civilTimeOf(sql::Instant instant);

// The offset from UTC, in seconds, of `timezone` at `instant`.
int utcOffsetAt(sql::Instant instant, const std::string& timezone);
// The instant a wall-clock time in `timezone` stands for.
sql::Instant instantOfWallClock(const CivilTime& local, const std::string& timezone);

}  // namespace jadwal::caldav
