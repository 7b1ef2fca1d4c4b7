#pragma once
// What a path under /dav/ names, and the requesting user's access to it.
//
//   /  and /dav/                      Root (discovery starts here)
//   /dav/principals/                  PrincipalCollection
//   /dav/principals/<user>/           Principal
//   /dav/calendars/                   CalendarsRoot
//   /dav/calendars/<user>/            Home
//   /dav/calendars/<user>/<cal>/      Calendar; <cal> is a slug of <user>'s, or
//                                     "<owner>~<slug>" for a calendar another
//                                     user owns and <user> may see
//   /dav/calendars/<user>/<cal>/<n>   Object (which may not exist yet)

#include <optional>
#include <string>
#include <string_view>

#include "caldav/access.h"
#include "caldav/dav.h"
#include "sql/store.h"

namespace jadwal::caldav {

enum class ResourceKind { Root, PrincipalCollection, Principal, CalendarsRoot, Home, Calendar, Object, Missing };

struct Resource {
  ResourceKind kind = ResourceKind::Missing;
  std::string href;                       // canonical, percent-encoded; collections end in '/'
  std::optional<sql::User> user;          // Principal and Home: whose
  std::optional<sql::Calendar> calendar;  // Calendar and Object
  std::string calendarHref;               // Calendar and Object: the calendar's href as addressed
  std::string objectName;                 // Object
  std::string newCalendarSlug;            // Missing calendar in a home: the slug MKCALENDAR would create
  Access access = Access::None;           // to the calendar; Owner for one's own principal and home

  bool isCollection() const { return kind != ResourceKind::Object; }
};

// Resolves a percent-decoded path. Paths outside the URL space, unknown users
// and calendars give Missing. A home or an alias is only resolved for the
// user it belongs to (admins may open any home).
Resource resolveResource(sql::Store& store, const Principal& user, std::string_view path);

// The href of a calendar as it appears in `homeUser`'s home.
std::string calendarHrefInHome(const std::string& homeUser, const sql::Calendar& calendar);
std::string principalHref(std::string_view userName);
std::string homeHref(std::string_view userName);

// Percent-encodes one path segment (base::percentEncoded: only RFC 3986
// unreserved characters stay, since an escaped reserved character names
// another URI than the raw one and hrefs must come back as clients sent them).
std::string encodeSegment(std::string_view segment);
// Decodes %XX escapes; returns false on a malformed escape.
bool decodePercent(std::string_view in, std::string& out);

// A resource name clients may use for an object: no slash, not "." or "..",
// no control characters, at most 255 bytes.
bool isValidObjectName(std::string_view name);

}  // namespace jadwal::caldav
