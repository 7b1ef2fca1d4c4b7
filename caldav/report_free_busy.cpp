// free-busy-query (RFC 4791 section 7.10): busy time of a calendar in a
// range, as one VFREEBUSY. Reading free-busy needs only read access.
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
  // The candidates are listed without their text, which is read a batch at a time.
  std::vector<sql::ObjectMeta> listed;
  for (auto& meta : ctx.store.objectMetasOverlapping(r.calendar->id, "", start, end))
    if (meta.component == "VEVENT" || meta.component == "VFREEBUSY") listed.push_back(std::move(meta));
  ObjectBatches candidates(ctx.store, r.calendar->id, std::move(listed));
  while (auto object = candidates.next()) {
    if (budget.exhausted || std::chrono::steady_clock::now() - started > limits.maxTime)
      return conditionResponse(403, ns::kCalDav, "max-instances",
                               "The calendar has more recurring events in this range than the server expands for one "
                               "request; ask for a shorter time range");
    IcalComponent parsed = parseStored(object->ical);
    auto busy = busyPeriods(parsed.get(), start, end, time);
    periods.insert(periods.end(), busy.begin(), busy.end());
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
