// PUT of a calendar object resource (RFC 4791 section 5.3.2, RFC 4918 section
// 9.7): validated, indexed and written through the calendar service within
// the owner's quota (RFC 4331), with the preconditions of these RFCs answered
// by their XML elements.
#include "caldav/dav_context.h"
#include "caldav/quota.h"

namespace jadwal::caldav {

namespace {

std::string_view conditionOf(IcalError::Kind kind) {
  switch (kind) {
    case IcalError::Kind::NotICalendar:
      return "valid-calendar-data";
    case IcalError::Kind::UnsupportedComponent:
      return "supported-calendar-component";
    case IcalError::Kind::NotObjectResource:
      break;
  }
  return "valid-calendar-object-resource";
}

bool isCalendarMediaType(std::string contentType) {
  if (contentType.empty()) return true;  // some clients send none; the body decides
  auto semicolon = contentType.find(';');
  contentType = contentType.substr(0, semicolon);
  while (!contentType.empty() && contentType.back() == ' ') contentType.pop_back();
  for (auto& c : contentType) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return contentType == "text/calendar";
}

}  // namespace

DavResponse handlePut(DavContext& ctx, const Resource& r) {
  if (r.kind != ResourceKind::Object)
    return textResponse(405, "PUT is only for calendar objects inside a calendar, e.g. " + r.href + "event.ics");
  if (!isValidObjectName(r.objectName)) return textResponse(400, "Not a valid resource name: " + r.objectName);
  if (!isCalendarMediaType(ctx.request.header("Content-Type")))
    return conditionResponse(
        415, ns::kCalDav, "supported-calendar-data",
        "Only text/calendar can be stored in a calendar, not " + ctx.request.header("Content-Type"));
  if (ctx.request.body.size() > ctx.config.maxResourceSize)
    return conditionResponse(
        413, ns::kCalDav, "max-resource-size",
        "A calendar object may have at most " + std::to_string(ctx.config.maxResourceSize) + " bytes");

  sql::WriteResult result;
  try {
    result = ctx.calendars.putWithinQuota(*r.calendar, r.objectName, ctx.request.body, preconditionOf(ctx.request),
                                          ctx.user().id);
  } catch (const IcalError& e) {
    int status = e.kind() == IcalError::Kind::NotICalendar ? 400 : 403;
    return conditionResponse(status, ns::kCalDav, conditionOf(e.kind()), e.what());
  }

  DavResponse response;
  switch (result.status) {
    case sql::WriteStatus::Created:
      response.status = 201;
      break;
    case sql::WriteStatus::Updated:
      response.status = 204;
      break;
    case sql::WriteStatus::PreconditionFailed:
      return textResponse(412, "The calendar object was changed or created by someone else; reload it first");
    case sql::WriteStatus::UidConflict:
      return conditionResponse(
          403, ns::kCalDav, "no-uid-conflict",
          result.conflictName == r.objectName ? "This resource holds another UID; store a new UID under a new name"
                                              : "Another object in this calendar already has this UID",
          "<D:href>" + xmlEscape(r.calendarHref + encodeSegment(result.conflictName)) + "</D:href>");
    case sql::WriteStatus::QuotaExceeded:
      return quotaExceededResponse(result, ctx.calendars.quota(), r.calendar->ownerName);
    default:
      return textResponse(500, "Unexpected result of the write");
  }
  response.setHeader("ETag", result.etag);
  return response;
}

}  // namespace jadwal::caldav
