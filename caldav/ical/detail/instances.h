#pragma once
// Private to the iCalendar library: the recurrence engine behind
// instancesOverlapping, indexOf, expand and free-busy.

#include <libical/ical.h>

#include <vector>

#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

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

// The RFC 4791 section 9.9 condition that applies to a component.
enum class Rule {
  Event,                 // VEVENT, VJOURNAL, anything with DTSTART: [DTSTART, end), a point when empty
  TodoStartDuration,     // VTODO with DTSTART and DURATION
  TodoStartDue,          // VTODO with DTSTART and DUE
  TodoStartOnly,         // VTODO with DTSTART only
  TodoDueOnly,           // VTODO with DUE only
  TodoCompletedCreated,  // VTODO with COMPLETED and CREATED
  TodoCompleted,         // VTODO with COMPLETED only
  TodoCreated,           // VTODO with CREATED only
  Always,                // VTODO without any of these
  Never                  // VJOURNAL (or other) without DTSTART
};

// What one component's time properties say about it and its instances.
struct Shape {
  Rule rule = Rule::Never;
  bool hasStart = false;
  icaltimetype dtstart{};  // local, zone attached
  Instant start = 0;       // the component's own span
  Instant end = 0;
  // Length of every instance: whole days counted in local time (so that an
  // all-day event stays a day across a DST change), then exact seconds.
  int nominalDays = 0;
  Instant exactSeconds = 0;
};

// An overridden instance (a component with RECURRENCE-ID) of a recurrence set.
struct Override {
  icalcomponent* component = nullptr;
  Instant recurrenceId = 0;
  bool thisAndFuture = false;  // RANGE=THISANDFUTURE: also changes every later instance
  Shape shape;
};

Override overrideOf(icalcomponent* component, TimeResolver& times);

// The occurrence of an instance spanning [start, end) under `rule`.
Occurrence occurrence(Rule rule, Instant start, Instant end, icalcomponent* source);

// The kind of calendar object (VEVENT, VTODO, VJOURNAL) a VCALENDAR holds,
// or ICAL_NO_COMPONENT.
icalcomponent_kind objectKindOf(icalcomponent* vcalendar);

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
