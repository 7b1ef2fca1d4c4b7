// PROPFIND (RFC 4918 section 9.1): the properties of a resource and, with
// Depth 1, of its members. Depth infinity is refused, as RFC 4918 allows.

#include "caldav/properties.h"

namespace jadwal::caldav {

namespace {

// The members of a collection, as targets whose storage outlives the answer.
struct Members {
  std::vector<sql::Calendar> calendars;
  std::vector<Access> calendarAccess;
  std::vector<std::string> calendarHrefs;
  std::vector<sql::ObjectMeta> objects;
  std::vector<sql::StoredObject> storedObjects;
};

void writeMembers(DavContext& ctx, XmlWriter& out, const Resource& r, const PropRequest& request) {
  Members m;
  if (r.kind == ResourceKind::Home && r.user) {
    Principal homeUser{r.user->id, r.user->name, r.user->role, r.user->displayName};
    for (auto& visible : visibleCalendars(ctx.store, homeUser)) {
      m.calendarHrefs.push_back(calendarHrefInHome(r.user->name, visible.calendar));
      // Through an admin's eyes, another user's home shows that user's access.
      m.calendarAccess.push_back(
          homeUser.id == ctx.user().id ? visible.access : calendarAccess(ctx.store, ctx.user(), visible.calendar));
      m.calendars.push_back(std::move(visible.calendar));
    }
    for (std::size_t i = 0; i < m.calendars.size(); ++i) {
      PropTarget t{ResourceKind::Calendar, m.calendarHrefs[i], r.user ? &*r.user : nullptr, &m.calendars[i],
                   m.calendarAccess[i]};
      writePropResponse(ctx, out, t, request);
    }
    return;
  }
  if (r.kind == ResourceKind::Calendar && r.calendar) {
    if (wantsCalendarData(request)) {
      m.storedObjects = ctx.store.allObjects(r.calendar->id);
      for (const auto& o : m.storedObjects) {
        PropTarget t{
            ResourceKind::Object, r.calendarHref + encodeSegment(o.name), nullptr, &*r.calendar, r.access, &o, &o.ical};
        writePropResponse(ctx, out, t, request);
      }
    } else {
      m.objects = ctx.store.listObjects(r.calendar->id);
      for (const auto& o : m.objects) {
        PropTarget t{ResourceKind::Object, r.calendarHref + encodeSegment(o.name), nullptr, &*r.calendar, r.access, &o};
        writePropResponse(ctx, out, t, request);
      }
    }
    return;
  }
  if (r.kind == ResourceKind::Root) {
    PropTarget principals{ResourceKind::PrincipalCollection, "/dav/principals/", nullptr, nullptr, Access::Read};
    PropTarget calendars{ResourceKind::CalendarsRoot, "/dav/calendars/", nullptr, nullptr, Access::Read};
    writePropResponse(ctx, out, principals, request);
    writePropResponse(ctx, out, calendars, request);
  }
}

}  // namespace

DavResponse handlePropfind(DavContext& ctx, const Resource& r) {
  int depth = depthOf(ctx.request, 0);
  if (depth == -1)
    return conditionResponse(403, ns::kDav, "propfind-finite-depth", "PROPFIND with Depth: infinity is not supported");
  if (depth == -2) return textResponse(400, "Depth must be 0, 1 or infinity");

  PropRequest request;
  XmlElement body;
  if (!ctx.request.body.empty()) {
    DavResponse error;
    if (!parseBody(ctx, body, error)) return error;
    if (!body.is(ns::kDav, "propfind")) return textResponse(400, "PROPFIND body must be a DAV:propfind element");
    request = propRequestOf(body);
  }

  std::optional<sql::StoredObject> object;
  if (r.kind == ResourceKind::Object) {
    object = ctx.store.getObject(r.calendar->id, r.objectName);
    if (!object) return textResponse(404, "No such calendar object");
  }

  XmlWriter out;
  out.open(ns::kDav, "multistatus");
  PropTarget self{r.kind, r.href, r.user ? &*r.user : nullptr, r.calendar ? &*r.calendar : nullptr, r.access};
  if (object) {
    self.object = &*object;
    self.ical = &object->ical;
  }
  writePropResponse(ctx, out, self, request);
  if (depth == 1) writeMembers(ctx, out, r, request);
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
