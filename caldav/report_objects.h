#pragma once
// What the calendar reports share: reading <C:calendar-data> options and
// writing one response per calendar object.

#include "caldav/properties.h"

namespace jadwal::caldav {

// Reads <C:expand>/<C:limit-recurrence-set> inside the requested
// calendar-data. Returns false with a 400 answer in `error` when malformed.
bool calendarDataSpecOf(const PropRequest& request, CalendarDataSpec& spec, DavResponse& error);

// Writes the <D:response> of one object of `calendar` reached at `calendarHref`.
void writeObjectResponse(DavContext& ctx, XmlWriter& out, const std::string& calendarHref,
                         const sql::Calendar& calendar, Access access, const sql::StoredObject& object,
                         const PropRequest& request, const CalendarDataSpec& spec);

}  // namespace jadwal::caldav
