// calendar-query (RFC 4791 section 7.8). The store's time-span index picks
// the candidates; a non-recurring object that the index already places in
// the range of a time-range-only filter is answered without parsing it.
#include "caldav/calendar_filter.h"
#include "caldav/report_objects.h"

namespace jadwal::caldav {

namespace {

// VCALENDAR > one comp-filter with at most a time-range: the index answers
// it exactly for objects without recurrence.
bool indexAnswersExactly(const CompFilter& filter) {
  if (!filter.propFilters.empty() || filter.compFilters.size() != 1 || filter.timeRange) return false;
  const auto& comp = filter.compFilters.front();
  return !comp.isNotDefined && comp.propFilters.empty() && comp.compFilters.empty();
}

}  // namespace

DavResponse reportCalendarQuery(DavContext& ctx, const Resource& r, const XmlElement& body) {
  const auto* filterElement = body.child(ns::kCalDav, "filter");
  if (!filterElement)
    return conditionResponse(403, ns::kCalDav, "valid-filter", "calendar-query needs a CALDAV:filter");
  CompFilter filter;
  try {
    filter = parseFilter(*filterElement);
  } catch (const FilterError& e) {
    return conditionResponse(403, ns::kCalDav, e.precondition(), e.what());
  }
  PropRequest request = propRequestOf(body);
  CalendarDataSpec spec;
  DavResponse error;
  if (!calendarDataSpecOf(request, spec, error)) return error;

  std::vector<sql::StoredObject> candidates;
  if (r.kind == ResourceKind::Object) {
    if (auto object = ctx.store.getObject(r.calendar->id, r.objectName)) candidates.push_back(std::move(*object));
  } else {
    IndexHint hint = indexHint(filter);
    if (hint.range)
      candidates = ctx.store.objectsOverlapping(r.calendar->id, hint.component, hint.range->start, hint.range->end);
    else
      candidates = ctx.store.allObjects(r.calendar->id);
  }

  const bool exact = indexAnswersExactly(filter);
  const std::string& wanted = exact ? filter.compFilters.front().name : std::string();
  XmlWriter out;
  out.open(ns::kDav, "multistatus");
  for (const auto& object : candidates) {
    bool match;
    if (exact && !object.index.recurring) {
      match = object.component == wanted;
    } else {
      IcalComponent parsed = parseStored(object.ical);
      match = matchesFilter(filter, parsed.get(), ctx.calendars.time());
    }
    if (match) writeObjectResponse(ctx, out, r.calendarHref, *r.calendar, r.access, object, request, spec);
  }
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
