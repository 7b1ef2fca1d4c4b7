// free-busy-query (RFC 4791 section 7.10): busy time of a calendar in a
// range, as one VFREEBUSY. Reading free-busy needs only read access.
#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse reportFreeBusy(DavContext& ctx, const Resource& r, const XmlElement& body) {
  const auto* range = body.child(ns::kCalDav, "time-range");
  Instant start = 0, end = 0;
  if (!range || !parseUtcDateTime(range->attribute("start"), start) ||
      !parseUtcDateTime(range->attribute("end"), end) || start >= end)
    return textResponse(400, "free-busy-query needs a time-range with UTC start and end, start first");

  std::vector<BusyPeriod> periods;
  for (const auto& object : ctx.store.objectsOverlapping(r.calendar->id, "", start, end)) {
    if (object.component != "VEVENT" && object.component != "VFREEBUSY") continue;
    IcalComponent parsed = parseStored(object.ical);
    auto busy = busyPeriods(parsed.get(), start, end, ctx.calendars.time());
    periods.insert(periods.end(), busy.begin(), busy.end());
  }
  DavResponse response;
  response.setHeader("Content-Type", "text/calendar; charset=utf-8");
  response.body = freeBusyCalendar(periods, start, end);
  return response;
}

}  // namespace jadwal::caldav
