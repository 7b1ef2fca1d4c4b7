#pragma once
// The live properties Jadwal computes, as a registry: each property is a name
// and a getter, so PROPFIND, PROPPATCH and the reports never switch over
// property names. Properties not in the registry are dead properties, kept
// as received (PROPPATCH) on calendars and objects.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "caldav/dav_context.h"

namespace jadwal::caldav {

struct PropName {
  std::string ns;
  std::string name;
  bool operator==(const PropName&) const = default;
};

// How a report asked for calendar-data.
struct CalendarDataSpec {
  enum class Mode { Full, Expand, LimitRecurrenceSet } mode = Mode::Full;
  Instant start = 0;
  Instant end = 0;
  const XmlElement* selection = nullptr;  // <C:comp name="VCALENDAR">: partial retrieval
};

// One resource whose properties are being read, as a multistatus response
// member: the addressed resource, or a child of it.
struct PropTarget {
  ResourceKind kind = ResourceKind::Missing;
  std::string href;
  const sql::User* user = nullptr;          // Principal, Home
  const sql::Calendar* calendar = nullptr;  // Calendar, Object
  Access access = Access::None;
  const sql::ObjectMeta* object = nullptr;  // Object
  const std::string* ical = nullptr;        // Object, when its text was loaded
  const CalendarDataSpec* calendarData = nullptr;
};

struct LiveProperty {
  PropName name;
  bool inAllprop = true;
  bool writable = false;  // may be set by PROPPATCH
  // The property's content as XML (D, C, CS and A prefixes are declared by the
  // writer's root element), or nullopt when the target has no such property.
  std::function<std::optional<std::string>(DavContext&, const PropTarget&)> get;
};

const std::vector<LiveProperty>& liveProperties();
const LiveProperty* findLiveProperty(const PropName& name);

// What a request asked for: every property (allprop, with `include`d ones),
// only the names, or a list.
struct PropRequest {
  enum class Mode { AllProp, PropName, Prop } mode = Mode::AllProp;
  std::vector<PropName> props;                      // Prop: the list; AllProp: the include list
  const XmlElement* calendarDataElement = nullptr;  // the C:calendar-data asked for, if any
};

// Reads <D:prop>/<D:allprop>/<D:propname> from a PROPFIND or REPORT body.
PropRequest propRequestOf(const XmlElement& body);
bool wantsCalendarData(const PropRequest& request);

// Writes one <D:response> for `target` with a 200 propstat for the
// properties found and a 404 one for those not.
void writePropResponse(DavContext& ctx, XmlWriter& out, const PropTarget& target, const PropRequest& request);

}  // namespace jadwal::caldav

namespace jadwal::caldav {

// Applies a PROPPATCH/MKCALENDAR <set> of a writable live calendar property
// to `calendar`. Returns false with `reason` when the value is not acceptable.
bool setCalendarProperty(sql::Calendar& calendar, const XmlElement& property, std::string& reason);
// Clears a writable live calendar property (PROPPATCH <remove>).
void removeCalendarProperty(sql::Calendar& calendar, const PropName& name);

// Where a user's own properties for a calendar are kept (Store::userProperties).
std::string personalResourceOf(const sql::Calendar& calendar);
// Properties that are a matter of each user's own view of a calendar (its
// colour and its order in their clients): kept per user, so anyone who may
// read the calendar may set them, and nobody changes them for the others.
bool isPersonalCalendarProperty(const PropName& name);

}  // namespace jadwal::caldav

namespace jadwal::caldav {

// Whether PROPPATCH, or MKCALENDAR's <set>, must refuse `name` with
// DAV:cannot-modify-protected-property (RFC 4918 9.2, RFC 3744): every DAV:
// property but the writable live ones (the WebDAV, ACL, quota and sync
// properties are all computed or protected, and one a client made up in
// DAV: would pass for a server's), every live property Jadwal computes, and
// the CalDAV properties the server defines (RFC 4791, 6638, 8607). Other
// namespaces (Apple's, calendarserver's, a client's own) hold dead
// properties, which clients store and read back.
bool isProtectedProperty(const PropName& name);

// The answer to a MKCALENDAR or extended MKCOL whose <set> names protected
// properties, or nullopt when it names none (the creation-time properties
// resourcetype and supported-calendar-component-set are allowed there):
// Why a property may not be kept (its element, serialised as stored, is
// over `maxBytes`), or "" when it may: every property a client sets is
// bounded, whatever its namespace, so none can fill the disk alone.
std::string propertyTooLarge(const XmlElement& p, std::size_t maxBytes);

// A CALDAV:mkcalendar-response (DAV:mkcol-response for `extended`) giving
// each property its status when one cannot be set, since nothing is then
// created (RFC 4791 5.3.1, RFC 5689 3): 403 with
// DAV:cannot-modify-protected-property for a protected one, 507 for one
// over `maxPropertyBytes`, 424 for the others.
std::optional<DavResponse> refuseOnCreate(const XmlElement& body, bool extended, std::size_t maxPropertyBytes);

}  // namespace jadwal::caldav
