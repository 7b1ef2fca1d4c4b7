// Wall-clock time through libical's zone database, under the library's zone
// lock (libical's zone cache is not thread-safe).

#include "caldav/ical/zones.h"

#include <libical/ical.h>

#include "caldav/ical/detail/time.h"

namespace jadwal::caldav {

namespace {

// The zone of an Olson name, or UTC when libical does not know it.
icaltimezone* zoneNamed(const std::string& timezone) {
  auto lock = detail::lockZones();
  icaltimezone* zone = icaltimezone_get_builtin_timezone(timezone.c_str());
  return zone != nullptr ? zone : detail::utcZone();
}

}  // namespace

sql::Instant civilToInstant(const CivilTime& time) {
  return detail::civilToInstant(time.year, time.month, time.day, time.hour, time.minute, time.second);
}

CivilTime civilTimeOf(sql::Instant instant) {
  const icaltimetype t = detail::utcTimeOf(instant);
  return CivilTime{t.year, t.month, t.day, t.hour, t.minute, t.second};
}

int utcOffsetAt(sql::Instant instant, const std::string& timezone) {
  icaltimezone* zone = zoneNamed(timezone);
  if (zone == detail::utcZone()) return 0;
  icaltimetype utc = detail::utcTimeOf(instant);
  auto lock = detail::lockZones();
  return icaltimezone_get_utc_offset_of_utc_time(zone, &utc, nullptr);
}

icaltimetype detail::wallClockTimeOf(const CivilTime& local) {
  icaltimetype time = icaltime_null_time();
  time.year = local.year;
  time.month = local.month;
  time.day = local.day;
  time.hour = local.hour;
  time.minute = local.minute;
  time.second = local.second;
  return time;
}

sql::Instant instantOfWallClock(const CivilTime& local, const std::string& timezone) {
  const sql::Instant wall = civilToInstant(local);
  icaltimezone* zone = zoneNamed(timezone);
  if (zone == detail::utcZone()) return wall;
  icaltimetype time = detail::wallClockTimeOf(local);
  int isDaylight = 0;
  auto lock = detail::lockZones();
  return wall - icaltimezone_get_utc_offset(zone, &time, &isDaylight);
}

}  // namespace jadwal::caldav
