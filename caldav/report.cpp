// REPORT (RFC 3253 section 3.6): dispatches to the report named by the
// body's root element. Each report lives in its own report_*.cpp.
#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse handleReport(DavContext& ctx, const Resource& r) {
  XmlElement body;
  DavResponse error;
  if (!parseBody(ctx, body, error)) return error;
  bool onCalendar = r.kind == ResourceKind::Calendar || r.kind == ResourceKind::Object;
  if (body.is(ns::kCalDav, "calendar-multiget")) return reportCalendarMultiget(ctx, r, std::move(body));
  if (onCalendar && body.is(ns::kCalDav, "calendar-query")) return reportCalendarQuery(ctx, r, std::move(body));
  if (r.kind == ResourceKind::Calendar && body.is(ns::kDav, "sync-collection"))
    return reportSyncCollection(ctx, r, std::move(body));
  if (r.kind == ResourceKind::Calendar && body.is(ns::kCalDav, "free-busy-query")) return reportFreeBusy(ctx, r, body);
  return conditionResponse(403, ns::kDav, "supported-report",
                           "The report " + body.name + " is not supported on " + r.href);
}

}  // namespace jadwal::caldav
