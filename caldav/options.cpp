// OPTIONS (RFC 4918 section 9.2, RFC 4791 section 5.1): what the server
// speaks. Clients read the DAV header to decide that this is a CalDAV server.
#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse handleOptions(DavContext&, const Resource&) {
  DavResponse r;
  r.status = 200;
  r.setHeader("DAV", "1, 3, calendar-access, extended-mkcol");
  r.setHeader("Allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR, MKCOL");
  return r;
}

}  // namespace jadwal::caldav
