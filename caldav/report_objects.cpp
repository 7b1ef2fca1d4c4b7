#include "caldav/report_objects.h"

namespace jadwal::caldav {

bool calendarDataSpecOf(const PropRequest& request, CalendarDataSpec& spec, DavResponse& error) {
  spec = {};
  if (!request.calendarDataElement) return true;
  const XmlElement* selection = request.calendarDataElement->child(ns::kCalDav, "comp");
  if (selection && selection->attribute("name") != "VCALENDAR") {
    error = conditionResponse(400, ns::kCalDav, "valid-calendar-data", "calendar-data must select the VCALENDAR first");
    return false;
  }
  spec.selection = selection;
  const XmlElement* range = request.calendarDataElement->child(ns::kCalDav, "expand");
  spec.mode = CalendarDataSpec::Mode::Expand;
  if (!range) {
    range = request.calendarDataElement->child(ns::kCalDav, "limit-recurrence-set");
    spec.mode = CalendarDataSpec::Mode::LimitRecurrenceSet;
  }
  if (!range) {
    spec.mode = CalendarDataSpec::Mode::Full;
    return true;
  }
  if (!parseUtcDateTime(range->attribute("start"), spec.start) ||
      !parseUtcDateTime(range->attribute("end"), spec.end) || spec.start >= spec.end) {
    error = conditionResponse(400, ns::kCalDav, "valid-filter",
                              range->name + " needs start and end as UTC date-times (YYYYMMDDTHHMMSSZ), start first");
    return false;
  }
  return true;
}

void writeObjectResponse(DavContext& ctx, XmlWriter& out, const std::string& calendarHref,
                         const sql::Calendar& calendar, Access access, const sql::StoredObject& object,
                         const PropRequest& request, const CalendarDataSpec& spec) {
  PropTarget target{ResourceKind::Object,
                    calendarHref + encodeSegment(object.name),
                    nullptr,
                    &calendar,
                    access,
                    &object,
                    &object.ical,
                    &spec};
  writePropResponse(ctx, out, target, request);
}

}  // namespace jadwal::caldav
