// The instances a calendar object keeps in the store's instance table
// (sql::ObjectIndex::instances), computed by the same expansion as every
// time-range answer, so that the table answers exactly what parsing the
// object would.

#include <libical/ical.h>
#include <strings.h>

#include <algorithm>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/instances.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {
namespace {

using detail::firstProperty;

bool instancePropertyIs(icalcomponent* component, icalproperty_kind kind, const char* value) {
  icalproperty* p = firstProperty(component, kind);
  const char* text = p != nullptr ? icalproperty_get_value_as_string(p) : nullptr;
  return text != nullptr && strcasecmp(text, value) == 0;
}

// How an event's instance counts for free-busy, by the rules of busyPeriods
// (freebusy.cpp): not when transparent or cancelled, nor when it has no length.
sql::InstanceSpan::Busy busyOf(const detail::Occurrence& o) {
  if (o.instance.end <= o.instance.start) return sql::InstanceSpan::Busy::None;
  icalcomponent* event = detail::raw(o.instance.source);
  if (instancePropertyIs(event, ICAL_TRANSP_PROPERTY, "TRANSPARENT")) return sql::InstanceSpan::Busy::None;
  icalproperty* status = firstProperty(event, ICAL_STATUS_PROPERTY);
  const icalproperty_status value = status != nullptr ? icalproperty_get_status(status) : ICAL_STATUS_NONE;
  if (value == ICAL_STATUS_CANCELLED) return sql::InstanceSpan::Busy::None;
  return value == ICAL_STATUS_TENTATIVE ? sql::InstanceSpan::Busy::Tentative : sql::InstanceSpan::Busy::Busy;
}

}  // namespace

void materialiseInstances(ComponentRef calendar, sql::ObjectIndex& index, const TimeContext& ctx) {
  index.instances.clear();
  index.instancesUntil = sql::kInstancesRefused;
  icalcomponent* vcalendar = detail::raw(calendar);
  if (vcalendar == nullptr) return;
  const icalcomponent_kind kind = detail::objectKindOf(vcalendar);
  if (kind == ICAL_NO_COMPONENT) return;
  // Free-busy reads a VFREEBUSY beside the events from the text.
  if (icalcomponent_get_first_component(vcalendar, ICAL_VFREEBUSY_COMPONENT) != nullptr) return;

  // A recurrence without a last instance is kept up to the horizon; any
  // other object whole (up to ctx.horizonEnd, past which nothing is ever found).
  Instant until = sql::kOpenEnd;
  Instant windowEnd = ctx.horizonEnd;
  if (index.recurring && index.lastEnd == sql::kOpenEnd) {
    const Instant now = (ctx.clock != nullptr ? *ctx.clock : base::systemClock()).now();
    const Instant from = std::max(now, std::min(index.firstStart, ctx.horizonEnd));
    windowEnd = std::min(ctx.horizonEnd, from + ctx.instanceHorizon);
    until = windowEnd;
  }
  TimeContext bounded = ctx;
  bounded.maxInstances = ctx.maxKeptInstances + 1;
  ExpansionBudget budget;
  bounded.budget = &budget;
  const auto found = detail::occurrencesOverlapping(vcalendar, kind, ctx.horizonStart, windowEnd, bounded);
  if (budget.cutShort || found.size() > ctx.maxKeptInstances) return;

  index.instances.reserve(found.size());
  for (const detail::Occurrence& o : found) {
    sql::InstanceSpan span;
    span.start = o.matchStart;
    span.end = o.matchEnd;
    span.recurrenceId = o.instance.recurring ? o.instance.recurrenceId : 0;
    if (kind == ICAL_VEVENT_COMPONENT) span.busy = busyOf(o);
    index.instances.push_back(span);
  }
  index.instancesUntil = until;
}

}  // namespace jadwal::caldav
