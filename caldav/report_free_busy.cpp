// free-busy-query (RFC 4791 section 7.10): busy time of a calendar in a
// range, as one VFREEBUSY. Reading free-busy needs only read access.
#include <algorithm>
#include <chrono>

#include "base/clock.h"
#include "caldav/dav_context.h"
#include "caldav/object_batches.h"

namespace jadwal::caldav {

DavResponse reportFreeBusy(DavContext& ctx, const Resource& r, const XmlElement& body) {
  const auto* range = body.child(ns::kCalDav, "time-range");
  Instant start = 0, end = 0;
  if (!range || !parseUtcDateTime(range->attribute("start"), start) ||
      !parseUtcDateTime(range->attribute("end"), end) || start >= end)
    return textResponse(400, "free-busy-query needs a time-range with UTC start and end, start first");

  // The whole calendar's expansions share the answer's bounds.
  const AnswerLimits& limits = ctx.config.answers;
  ExpansionBudget budget;
  budget.stepsLeft = limits.maxSteps;
  TimeContext time = ctx.time();
  time.budget = &budget;
  const auto started = std::chrono::steady_clock::now();
  std::vector<BusyPeriod> periods;
  // Busy instances come from the instance table; only the objects it does
  // not hold for this range are read, a batch at a time, and expanded.
  const Instant from = std::max(start, time.horizonStart), to = std::min(end, time.horizonEnd);
  sql::Store::BusyInstances busy;
  if (from < to) busy = ctx.store.busyInstances(r.calendar->id, from, to);
  for (const sql::InstanceSpan& span : busy.spans) {
    const Instant busyStart = std::max(span.start, start), busyEnd = std::min(span.end, end);
    if (busyStart < busyEnd)
      periods.push_back(
          BusyPeriod{busyStart, busyEnd, span.busy == sql::InstanceSpan::Busy::Tentative ? "BUSY-TENTATIVE" : "BUSY"});
  }
  ObjectBatches candidates(ctx.store, r.calendar->id, std::move(busy.unindexed));
  while (auto object = candidates.next()) {
    if (budget.exhausted || std::chrono::steady_clock::now() - started > limits.maxTime)
      return conditionResponse(403, ns::kCalDav, "max-instances",
                               "The calendar has more recurring events in this range than the server expands for one "
                               "request; ask for a shorter time range");
    IcalComponent parsed = parseStored(object->ical);
    auto periodsOfObject = busyPeriods(parsed.get(), start, end, time);
    periods.insert(periods.end(), periodsOfObject.begin(), periodsOfObject.end());
  }
  if (budget.exhausted)
    return conditionResponse(403, ns::kCalDav, "max-instances",
                             "The calendar has more recurring events in this range than the server expands for one "
                             "request; ask for a shorter time range");
  DavResponse response;
  response.setHeader("Content-Type", "text/calendar; charset=utf-8");
  // An event that repeats past what one expansion computes is marked, not hidden.
  response.body = freeBusyCalendar(periods, start, end, base::systemClock().now(), budget.cutShort);
  return response;
}

}  // namespace jadwal::caldav
