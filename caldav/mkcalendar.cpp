// MKCALENDAR (RFC 4791 section 5.3.1) and MKCOL (RFC 4918 section 9.3, with
// the extended form of RFC 5689): a new calendar in the user's own home. A
// home holds only calendars, so a plain MKCOL makes a calendar too. Aides and
// viewers need an admin's leave; everyone stays within their quota.
#include <regex>

#include "caldav/properties.h"
#include "caldav/quota.h"

namespace jadwal::caldav {

namespace {

bool validSlug(const std::string& slug) {
  static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  return std::regex_match(slug, pattern);
}

// Reads <C:supported-calendar-component-set> into "VEVENT,VTODO".
bool componentSetOf(const XmlElement& p, std::string& out, std::string& reason) {
  out.clear();
  for (const auto* comp : p.childrenNamed(ns::kCalDav, "comp")) {
    std::string name = comp->attribute("name");
    if (name != "VEVENT" && name != "VTODO" && name != "VJOURNAL") {
      reason = "calendars hold VEVENT, VTODO or VJOURNAL, not " + name;
      return false;
    }
    out += (out.empty() ? "" : ",") + name;
  }
  if (out.empty()) {
    reason = "supported-calendar-component-set names no component";
    return false;
  }
  return true;
}

// RFC 4791 5.3.1.1 (DAV:resource-must-be-null): MKCALENDAR only where
// nothing is.
DavResponse existsResponse(const std::string& href) {
  auto response = textResponse(405, "Something already exists at " + href);
  response.setHeader("Allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT");
  return response;
}

}  // namespace

DavResponse handleMkcalendar(DavContext& ctx, const Resource& r) {
  if (r.kind != ResourceKind::Missing) return existsResponse(r.href);
  if (!r.user || !mayCreateCalendarFor(ctx.user(), *r.user)) {
    return conditionResponse(403, ns::kDav, "need-privileges",
                             "Aides and viewers cannot create calendars unless an administrator allows it "
                             "(jadwald user allow-calendars NAME)",
                             "<D:resource><D:href>" + xmlEscape(homeHref(r.user ? r.user->name : ctx.user().name)) +
                                 "</D:href><D:privilege><D:bind/></D:privilege></D:resource>");
  }
  if (!validSlug(r.newCalendarSlug))
    return textResponse(403, "A calendar name may hold letters, digits, '.', '_' and '-' (at most 64)");

  sql::Calendar calendar;
  calendar.ownerId = r.user->id;
  calendar.slug = r.newCalendarSlug;
  calendar.displayName = r.newCalendarSlug;
  std::vector<sql::DeadProperty> dead;

  if (!ctx.request.body.empty()) {
    XmlElement body;
    DavResponse error;
    if (!parseBody(ctx, body, error)) return error;
    bool extended = body.is(ns::kDav, "mkcol");
    if (!extended && !body.is(ns::kCalDav, "mkcalendar"))
      return textResponse(415, "The body must be a CALDAV:mkcalendar or DAV:mkcol element");
    if (auto refused = refuseOnCreate(body, extended, ctx.config.maxPropertyBytes)) return *refused;
    for (const auto* set : body.childrenNamed(ns::kDav, "set")) {
      const auto* prop = set->child(ns::kDav, "prop");
      if (!prop) continue;
      for (const auto& p : prop->children) {
        std::string reason;
        if (p.is(ns::kDav, "resourcetype")) {
          if (!p.child(ns::kCalDav, "calendar"))
            return conditionResponse(403, ns::kDav, "valid-resourcetype", "Only calendars can be created here");
        } else if (p.is(ns::kCalDav, "supported-calendar-component-set")) {
          if (!componentSetOf(p, calendar.components, reason))
            return conditionResponse(403, ns::kCalDav, "supported-calendar-component", reason);
        } else if (findLiveProperty({p.ns, p.name})) {
          if (!setCalendarProperty(calendar, p, reason)) return textResponse(403, reason);
        } else {
          dead.push_back({p.ns, p.name, p.toXml()});
        }
      }
    }
  }

  // The calendar and its properties in one transaction, within the quotas
  // counted there. A StoreError is a failure of the storage itself:
  // DavHandler answers it with a 5xx, never as if the name were taken.
  const QuotaLimits& quota = ctx.calendars.quota();
  auto created = ctx.store.createCalendarWithinQuota(calendar, dead, {quota.calendarsPerUser, quota.bytesPerUser});
  switch (created.status) {
    case sql::CreateStatus::Created:
      break;
    case sql::CreateStatus::Exists:
      // Made by someone else since the resource was resolved (RFC 4791 5.3.1.1).
      return existsResponse(r.href);
    case sql::CreateStatus::QuotaExceeded:
      if (created.exceeded == sql::CreateLimit::Calendars) return calendarQuotaResponse(quota, r.user->name);
      return propertyQuotaResponse(sql::PropertyWriteResult{false, r.user->id, created.used}, quota);
  }
  DavResponse response{201, {}, {}};
  response.setHeader("Location", r.calendarHref);
  return response;
}

}  // namespace jadwal::caldav
