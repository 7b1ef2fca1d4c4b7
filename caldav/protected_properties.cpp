// Which properties a client may never set or remove, and the MKCALENDAR
// answer that says so.
#include <algorithm>
#include <array>
#include <string_view>

#include "caldav/properties.h"

namespace jadwal::caldav {

namespace {

// CalDAV properties whose value the server defines (RFC 4791 5.2 and 6.2,
// RFC 6638 2 and 9, RFC 8607 6). The writable ones (calendar-description,
// calendar-timezone, schedule-calendar-transp, default alarms, ...) are not
// listed and stay settable.
constexpr std::array<std::string_view, 19> kProtectedCalDav = {
    "calendar-data",
    "calendar-home-set",
    "calendar-user-address-set",
    "calendar-user-type",
    "max-attachment-size",
    "max-attachments-per-resource",
    "max-attendees-per-instance",
    "max-date-time",
    "max-instances",
    "max-resource-size",
    "min-date-time",
    "managed-attachments-server-URL",
    "schedule-inbox-URL",
    "schedule-outbox-URL",
    "schedule-tag",
    "supported-calendar-component-set",
    "supported-calendar-component-sets",
    "supported-calendar-data",
    "supported-collation-set",
};

// Properties MKCALENDAR or extended MKCOL may give at creation only.
bool setAtCreation(const XmlElement& p) {
  return p.is(ns::kDav, "resourcetype") || p.is(ns::kCalDav, "supported-calendar-component-set");
}

}  // namespace

bool isProtectedProperty(const PropName& name) {
  const LiveProperty* live = findLiveProperty(name);
  if (live) return !live->writable;
  if (name.ns == ns::kDav) return true;  // not a writable live property (those are all registered)
  if (name.ns == ns::kCalDav)
    return std::find(kProtectedCalDav.begin(), kProtectedCalDav.end(), name.name) != kProtectedCalDav.end();
  return false;
}

std::optional<DavResponse> refuseProtectedOnCreate(const XmlElement& body, bool extended) {
  std::vector<const XmlElement*> props;
  bool refused = false;
  for (const auto* set : body.childrenNamed(ns::kDav, "set")) {
    const auto* prop = set->child(ns::kDav, "prop");
    if (!prop) continue;
    for (const auto& p : prop->children) {
      props.push_back(&p);
      refused = refused || (!setAtCreation(p) && isProtectedProperty({p.ns, p.name}));
    }
  }
  if (!refused) return std::nullopt;

  XmlWriter out;
  out.open(extended ? ns::kDav : ns::kCalDav, extended ? "mkcol-response" : "mkcalendar-response");
  for (const auto* p : props) {
    const bool isProtected = !setAtCreation(*p) && isProtectedProperty({p->ns, p->name});
    out.open(ns::kDav, "propstat");
    out.open(ns::kDav, "prop");
    out.element(p->ns, p->name);
    out.close();
    out.element(ns::kDav, "status", isProtected ? "HTTP/1.1 403 Forbidden" : "HTTP/1.1 424 Failed Dependency");
    if (isProtected) {
      out.open(ns::kDav, "error");
      out.element(ns::kDav, "cannot-modify-protected-property");
      out.close();
      out.element(ns::kDav, "responsedescription", "property " + p->name + " is protected");
    }
    out.close();
  }
  DavResponse response;
  response.status = 403;
  response.setHeader("Content-Type", "application/xml; charset=utf-8");
  response.body = out.finish();
  return response;
}

}  // namespace jadwal::caldav
