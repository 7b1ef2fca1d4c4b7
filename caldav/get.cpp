// GET and HEAD (RFC 4918 section 9.4): a calendar object as stored, or a whole calendar as one
// VCALENDAR (what a subscription client downloads).
#include "caldav/calendar_export.h"
#include "caldav/dav_context.h"

namespace jadwal::caldav {

namespace {

// A client that already has this version gets 304 and no body: subscription
// clients poll whole calendars.
bool notModified(const DavRequest& request, const std::string& etag) {
  std::string ifNoneMatch = request.header("If-None-Match");
  return !ifNoneMatch.empty() && (ifNoneMatch == "*" || ifNoneMatch.find(etag) != std::string::npos);
}

DavResponse notModifiedResponse(const std::string& etag) {
  DavResponse response{304, {}, {}};
  response.setHeader("ETag", etag);
  return response;
}

}  // namespace

DavResponse handleGet(DavContext& ctx, const Resource& r) {
  DavResponse response;
  if (r.kind == ResourceKind::Object) {
    auto object = ctx.store.getObject(r.calendar->id, r.objectName);
    if (!object) return textResponse(404, "No such calendar object");
    if (notModified(ctx.request, object->etag)) return notModifiedResponse(object->etag);
    response.setHeader("Content-Type", "text/calendar; charset=utf-8");
    response.setHeader("ETag", object->etag);
    response.setHeader("Last-Modified", httpDate(object->modifiedAt));
    response.body = std::move(object->ical);
  } else if (r.kind == ResourceKind::Calendar) {
    std::string etag = collectionEtag(*r.calendar);
    if (notModified(ctx.request, etag)) return notModifiedResponse(etag);
    if (ctx.request.method == "HEAD") {
      // HEAD of a calendar builds no export: the length of a streamed one is not known.
      response.status = 200;
    } else {
      response = exportCalendar(ctx, *r.calendar);
      if (response.status != 200) return response;
    }
    response.setHeader("Content-Type", "text/calendar; charset=utf-8");
    response.setHeader("ETag", etag);
    response.setHeader("Content-Disposition", "inline; filename=\"" + r.calendar->slug + ".ics\"");
  } else {
    response = textResponse(200, "Jadwal CalDAV: point a CalDAV client at this server to see your calendars.");
  }
  // HEAD keeps the body: the HTTP layer sends its length and not its bytes.
  return response;
}

}  // namespace jadwal::caldav
