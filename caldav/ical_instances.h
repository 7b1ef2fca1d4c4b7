#pragma once
// Private to the iCalendar files: the recurrence engine behind
// instancesOverlapping, indexOf, expand and free-busy.

#include <libical/ical.h>

#include <vector>

#include "caldav/ical.h"

namespace jadwal::caldav::detail {

// One instance, with the interval that decides whether it overlaps a range.
// RFC 4791 section 9.9 has a different condition for each combination of
// time properties (zero-length events match at their start, a VTODO with
// only DUE matches a range ending at DUE, ...); each reduces to a half-open
// interval [matchStart, matchEnd) such that the instance overlaps [a, b)
// exactly when matchStart < b && matchEnd > a. That interval is also what
// the store's index holds, so the index answers the same question.
struct Occurrence {
  Instance instance;
  Instant matchStart = sql::kOpenStart;
  Instant matchEnd = sql::kOpenEnd;
};

inline bool overlaps(const Occurrence& o, Instant start, Instant end) {
  return o.matchStart < end && o.matchEnd > start;
}

// Occurrences of the components of `kind` in `vcalendar` that overlap
// [start, end), sorted by start, at most ctx.maxInstances.
std::vector<Occurrence> occurrencesOverlapping(icalcomponent* vcalendar, icalcomponent_kind kind, Instant start,
                                               Instant end, const TimeContext& ctx);

// The span every instance of the components of `kind` lies in.
struct Extent {
  Instant first = sql::kOpenEnd;  // empty until an instance is seen
  Instant last = sql::kOpenStart;
  bool recurring = false;
};
Extent extentOf(icalcomponent* vcalendar, icalcomponent_kind kind, const TimeContext& ctx);

}  // namespace jadwal::caldav::detail
