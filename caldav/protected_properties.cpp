// Which properties a client may never set or remove, how large one may be,
// and the MKCALENDAR answer that refuses them.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

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

std::string propertyTooLarge(const XmlElement& p, std::size_t maxBytes) {
  const std::size_t bytes = p.toXml().size();
  if (bytes <= maxBytes) return "";
  return "property " + p.name + " takes " + std::to_string(bytes) + " bytes; one property may take at most " +
         std::to_string(maxBytes);
}

std::optional<DavResponse> refuseOnCreate(const XmlElement& body, bool extended, std::size_t maxPropertyBytes) {
  struct Refusal {
    const XmlElement* p;
    int status = 424;
    std::string reason;
  };
  std::vector<Refusal> props;
  int status = 0;  // of the whole answer: 403 when a property is protected, else 507
  for (const auto* set : body.childrenNamed(ns::kDav, "set")) {
    const auto* prop = set->child(ns::kDav, "prop");
    if (!prop) continue;
    for (const auto& p : prop->children) {
      Refusal refusal{&p, 424, ""};
      if (!setAtCreation(p) && isProtectedProperty({p.ns, p.name})) {
        refusal = {&p, 403, "property " + p.name + " is protected"};
        status = 403;
      } else if (auto reason = propertyTooLarge(p, maxPropertyBytes); !reason.empty()) {
        refusal = {&p, 507, std::move(reason)};
        if (status == 0) status = 507;
      }
      props.push_back(std::move(refusal));
    }
  }
  if (status == 0) return std::nullopt;

  XmlWriter out;
  out.open(extended ? ns::kDav : ns::kCalDav, extended ? "mkcol-response" : "mkcalendar-response");
  for (const auto& refusal : props) {
    out.open(ns::kDav, "propstat");
    out.open(ns::kDav, "prop");
    out.element(refusal.p->ns, refusal.p->name);
    out.close();
    out.element(ns::kDav, "status",
                refusal.status == 403   ? "HTTP/1.1 403 Forbidden"
                : refusal.status == 507 ? "HTTP/1.1 507 Insufficient Storage"
                                        : "HTTP/1.1 424 Failed Dependency");
    if (refusal.status == 403) {
      out.open(ns::kDav, "error");
      out.element(ns::kDav, "cannot-modify-protected-property");
      out.close();
    }
    if (!refusal.reason.empty()) out.element(ns::kDav, "responsedescription", refusal.reason);
    out.close();
  }
  DavResponse response;
  response.status = status;
  response.setHeader("Content-Type", "application/xml; charset=utf-8");
  response.body = out.finish();
  return response;
}

}  // namespace jadwal::caldav
