// GET and HEAD (RFC 4918 section 9.4): a calendar object as stored, or a whole calendar as one
// VCALENDAR (what a subscription client downloads).
#include <libical/ical.h>

#include <algorithm>

#include "caldav/dav_context.h"

namespace jadwal::caldav {

namespace {

// Merges every object of a calendar into one VCALENDAR, each time zone once.
std::string exportCalendar(DavContext& ctx, const sql::Calendar& calendar) {
  IcalComponent merged(icalcomponent_new_vcalendar());
  icalcomponent_add_property(merged.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(merged.get(), icalproperty_new_prodid("-//Jadwal//Agenda//ID"));
  icalproperty* name = icalproperty_new_x(calendar.displayName.c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(merged.get(), name);
  std::vector<std::string> zones;
  for (const auto& object : ctx.store.allObjects(calendar.id)) {
    IcalComponent parsed = parseStored(object.ical);
    for (icalcomponent* c = icalcomponent_get_first_component(parsed.get(), ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(parsed.get(), ICAL_ANY_COMPONENT)) {
      if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) {
        icalproperty* tzid = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
        std::string id = tzid ? icalproperty_get_tzid(tzid) : "";
        if (std::find(zones.begin(), zones.end(), id) != zones.end()) continue;
        zones.push_back(id);
      }
      icalcomponent_add_component(merged.get(), icalcomponent_new_clone(c));
    }
  }
  return merged.toString();
}

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
    response.setHeader("Content-Type", "text/calendar; charset=utf-8");
    response.setHeader("ETag", etag);
    response.setHeader("Content-Disposition", "inline; filename=\"" + r.calendar->slug + ".ics\"");
    response.body = exportCalendar(ctx, *r.calendar);
  } else {
    response = textResponse(200, "Jadwal CalDAV: point a CalDAV client at this server to see your calendars.");
  }
  // HEAD keeps the body: the HTTP layer sends its length and not its bytes.
  return response;
}

}  // namespace jadwal::caldav
