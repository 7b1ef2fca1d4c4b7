#pragma once
// Private to the iCalendar library, shared by its files: the lock around
// libical's time zones, UTC date arithmetic, TZID resolution and property
// access that does not disturb a caller's iteration.

#include <libical/ical.h>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "caldav/ical/ical.h"
#include "caldav/ical/zones.h"

namespace jadwal::caldav::detail {

// libical's builtin zone cache loads lazily, and every zone (builtin or from
// a VTIMEZONE) expands its list of offset changes lazily on first use. Every
// libical call that may look up a zone or convert a time through one is made
// holding this process-wide lock. It is recursive so that helpers may nest.
std::unique_lock<std::recursive_mutex> lockZones();

// libical's UTC zone, initialised once under lockZones().
icaltimezone* utcZone();

// Proleptic Gregorian calendar arithmetic, independent of libical and of the
// C library's time_t range.
Instant civilToInstant(int year, int month, int day, int hour, int minute, int second);
// The UTC date-time of an instant, with libical's UTC zone attached.
icaltimetype utcTimeOf(Instant instant);
// A wall-clock date-time with no zone attached (the caller adds a TZID).
icaltimetype wallClockTimeOf(const CivilTime& local);

// Properties and children of a component. Properties are collected up front:
// libical's property iterator lives in the component, so nested lookups while
// walking it would silently restart the walk. Children use libical's external
// iterator and leave the component's own iterator alone.
std::vector<icalproperty*> propertiesOf(icalcomponent* component, icalproperty_kind kind);
icalproperty* firstProperty(icalcomponent* component, icalproperty_kind kind);
std::vector<icalcomponent*> childrenOf(icalcomponent* component, icalcomponent_kind kind);
// The TZID parameter of a property, or nullptr.
const char* tzidOf(icalproperty* property);

// Resolves the TZIDs of one VCALENDAR and converts its times to instants.
// One resolver serves one thread (it caches lookups); the zones it hands out
// are only used through it, under lockZones().
class TimeResolver {
 public:
  TimeResolver(icalcomponent* vcalendar, const TimeContext& ctx);

  // The zone a TZID names: a VTIMEZONE of the VCALENDAR first, then the
  // system's zone database. nullptr when neither knows it.
  icaltimezone* zoneNamed(const char* tzid);

  // The DATE or DATE-TIME value of a property with its zone attached: UTC
  // for a "Z" time, the TZID's zone, or none (floating time, DATE). Returns
  // false when the property has no such value or its TZID is unknown.
  bool read(icalproperty* property, icaltimetype& out);

  // A local time to an instant: UTC and TZID times by their zone, floating
  // times and DATE values (at midnight) in the default zone.
  Instant toInstant(const icaltimetype& time);
  // An instant as local time in the zone of `like` (its DATE-ness kept),
  // the default zone for floating and DATE values.
  icaltimetype toLocal(Instant instant, const icaltimetype& like);

  icaltimezone* defaultZone() const { return defaultZone_; }

 private:
  icalcomponent* vcalendar_;
  icaltimezone* defaultZone_;
  std::vector<std::pair<std::string, icaltimezone*>> cache_;
};

}  // namespace jadwal::caldav::detail
