// PROPPATCH (RFC 4918 section 9.2): all or nothing. Writable live calendar
// properties change the calendar; unknown properties are kept as dead
// properties on calendars and objects; protected ones fail the whole request
// (403 for them, 424 for the rest).
#include "caldav/properties.h"

namespace jadwal::caldav {

namespace {

struct Instruction {
  bool set = true;
  const XmlElement* element;
};

struct Outcome {
  PropName name;
  int status = 200;
  std::string reason;
};

std::string statusLine(int status) {
  switch (status) {
    case 200:
      return "HTTP/1.1 200 OK";
    case 403:
      return "HTTP/1.1 403 Forbidden";
    case 409:
      return "HTTP/1.1 409 Conflict";
    default:
      return "HTTP/1.1 424 Failed Dependency";
  }
}

}  // namespace

DavResponse handleProppatch(DavContext& ctx, const Resource& r) {
  if (r.kind != ResourceKind::Calendar && r.kind != ResourceKind::Object)
    return textResponse(403, "Properties can be changed on calendars and calendar objects only");
  std::optional<sql::StoredObject> object;
  if (r.kind == ResourceKind::Object) {
    object = ctx.store.getObject(r.calendar->id, r.objectName);
    if (!object) return textResponse(404, "No such calendar object");
  }

  XmlElement body;
  DavResponse error;
  if (!parseBody(ctx, body, error)) return error;
  if (!body.is(ns::kDav, "propertyupdate")) return textResponse(400, "PROPPATCH body must be a DAV:propertyupdate");

  std::vector<Instruction> instructions;
  for (const auto& child : body.children) {
    bool set = child.is(ns::kDav, "set");
    if (!set && !child.is(ns::kDav, "remove")) continue;
    if (const auto* prop = child.child(ns::kDav, "prop"))
      for (const auto& p : prop->children) instructions.push_back({set, &p});
  }

  // Check every instruction first, so that nothing changes unless all can.
  sql::Calendar calendar = *r.calendar;
  std::vector<Outcome> outcomes;
  bool failed = false;
  for (const auto& in : instructions) {
    Outcome outcome{{in.element->ns, in.element->name}, 200, {}};
    const auto* live = findLiveProperty(outcome.name);
    if (live && (!live->writable || r.kind == ResourceKind::Object)) {
      outcome.status = 403;
      outcome.reason = "property " + outcome.name.name + " is protected";
    } else if (live && in.set && !setCalendarProperty(calendar, *in.element, outcome.reason)) {
      outcome.status = 409;
    } else if (live && !in.set) {
      removeCalendarProperty(calendar, outcome.name);
    }
    failed = failed || outcome.status != 200;
    outcomes.push_back(std::move(outcome));
  }

  if (!failed) {
    std::string resource = r.kind == ResourceKind::Object ? r.objectName : "";
    bool liveChanged = false;
    for (const auto& in : instructions) {
      PropName name{in.element->ns, in.element->name};
      if (findLiveProperty(name)) {
        liveChanged = true;
      } else if (in.set) {
        ctx.store.setDeadProperty(r.calendar->id, resource, {name.ns, name.name, in.element->toXml()});
      } else {
        ctx.store.removeDeadProperty(r.calendar->id, resource, name.ns, name.name);
      }
    }
    if (liveChanged) ctx.store.updateCalendarProperties(calendar);
  }

  XmlWriter out;
  out.open(ns::kDav, "multistatus");
  out.open(ns::kDav, "response");
  out.element(ns::kDav, "href", r.href);
  for (const auto& outcome : outcomes) {
    int status = failed && outcome.status == 200 ? 424 : outcome.status;
    out.open(ns::kDav, "propstat");
    out.open(ns::kDav, "prop");
    out.element(outcome.name.ns, outcome.name.name);
    out.close();
    out.element(ns::kDav, "status", statusLine(status));
    if (!outcome.reason.empty()) out.element(ns::kDav, "responsedescription", outcome.reason);
    out.close();
  }
  out.close();
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
