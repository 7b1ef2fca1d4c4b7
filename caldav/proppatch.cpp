// PROPPATCH (RFC 4918 section 9.2): all or nothing. Writable live calendar
// properties change the calendar (for those who may write it); unknown
// properties of other namespaces are kept as dead properties on calendars
// and objects; what is one user's own (their home's settings, a calendar's
// colour and order in their clients) is kept for that user, so readers may
// set it too; protected and computed properties (isProtectedProperty: an
// acl, an owner, a getetag...) fail the whole request with
// DAV:cannot-modify-protected-property (403 for them, 424 for the rest),
// and so does a property over DavConfig::maxPropertyBytes (507 for it).
#include "caldav/properties.h"
#include "caldav/quota.h"

namespace jadwal::caldav {

namespace {

struct Instruction {
  bool set = true;
  const XmlElement* element;
  enum class Target { SharedLive, SharedDead, Personal } target = Target::SharedDead;
};

struct Outcome {
  PropName name;
  int status = 200;
  std::string reason;
  bool isProtected = false;  // 403 with DAV:cannot-modify-protected-property
};

std::string statusLine(int status) {
  switch (status) {
    case 200:
      return "HTTP/1.1 200 OK";
    case 403:
      return "HTTP/1.1 403 Forbidden";
    case 409:
      return "HTTP/1.1 409 Conflict";
    case 507:
      return "HTTP/1.1 507 Insufficient Storage";
    default:
      return "HTTP/1.1 424 Failed Dependency";
  }
}

}  // namespace

DavResponse handleProppatch(DavContext& ctx, const Resource& r) {
  if (r.kind != ResourceKind::Calendar && r.kind != ResourceKind::Object && r.kind != ResourceKind::Home)
    return textResponse(403, "Properties can be changed on calendar homes, calendars and calendar objects only");
  if (r.kind == ResourceKind::Object && !canWrite(r.access))
    return conditionResponse(403, ns::kDav, "need-privileges", "Your access to " + r.href + " is read-only");
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
  sql::Calendar calendar = r.calendar ? *r.calendar : sql::Calendar{};
  std::vector<Outcome> outcomes;
  bool failed = false;
  for (auto& in : instructions) {
    Outcome outcome{{in.element->ns, in.element->name}, 200, {}};
    const auto* live = findLiveProperty(outcome.name);
    const bool ownHome = r.kind == ResourceKind::Home;
    const std::string tooLarge = in.set ? propertyTooLarge(*in.element, ctx.config.maxPropertyBytes) : "";
    if (isProtectedProperty(outcome.name)) {
      outcome.status = 403;
      outcome.isProtected = true;
    } else if (!tooLarge.empty()) {
      outcome.status = 507;  // RFC 4918 9.2.1: no space to record the property
      outcome.reason = tooLarge;
    } else if (ownHome || (r.kind == ResourceKind::Calendar && isPersonalCalendarProperty(outcome.name))) {
      in.target = Instruction::Target::Personal;
    } else if (live) {
      in.target = Instruction::Target::SharedLive;
      if (r.kind == ResourceKind::Object) {
        outcome.status = 403;  // a calendar's writable properties mean nothing on an object
      } else if (!canWrite(r.access)) {
        outcome.status = 403;
        outcome.reason = "this calendar is read-only for you";
      } else if (in.set && !setCalendarProperty(calendar, *in.element, outcome.reason)) {
        outcome.status = 409;
      } else if (!in.set) {
        removeCalendarProperty(calendar, outcome.name);
      }
    } else {
      // Only writers change what everyone sees; a reader's dead properties are their own.
      in.target = canWrite(r.access) ? Instruction::Target::SharedDead : Instruction::Target::Personal;
    }
    if (outcome.status == 403 && outcome.reason.empty())
      outcome.reason = "property " + outcome.name.name + " is protected";
    failed = failed || outcome.status != 200;
    outcomes.push_back(std::move(outcome));
  }

  if (!failed) {
    const std::string resource = r.kind == ResourceKind::Object ? r.objectName : "";
    // The home's settings belong to its owner; a calendar's personal ones to the user asking.
    const std::int64_t personalUser = r.kind == ResourceKind::Home ? r.user->id : ctx.user().id;
    const std::string personalResource = r.kind == ResourceKind::Home ? "" : personalResourceOf(calendar);
    // Kept properties count against a quota, the calendar owner's or the
    // user's own; the store writes them all or none, checking inside its
    // transaction what they add.
    std::vector<sql::PropertyChange> changes;
    bool liveChanged = false;
    for (const auto& in : instructions) {
      if (in.target == Instruction::Target::SharedLive) {
        liveChanged = true;
        continue;
      }
      sql::PropertyChange change;
      change.ns = in.element->ns;
      change.name = in.element->name;
      if (in.set) change.xml = in.element->toXml();
      if (in.target == Instruction::Target::Personal) {
        change.holder = sql::PropertyChange::Holder::User;
        change.holderId = personalUser;
        change.resource = personalResource;
      } else {
        change.holderId = r.calendar->id;
        change.resource = resource;
      }
      changes.push_back(std::move(change));
    }
    const auto written = ctx.store.writeProperties(changes, liveChanged ? std::optional(calendar) : std::nullopt,
                                                   ctx.calendars.quota().bytesPerUser);
    if (!written.written) return propertyQuotaResponse(written, ctx.calendars.quota());
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
    if (outcome.isProtected) {
      out.open(ns::kDav, "error");
      out.element(ns::kDav, "cannot-modify-protected-property");
      out.close();
    }
    if (!outcome.reason.empty()) out.element(ns::kDav, "responsedescription", outcome.reason);
    out.close();
  }
  out.close();
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
