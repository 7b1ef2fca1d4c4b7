// DELETE (RFC 4918 section 9.6) of a calendar object, or of a whole calendar
// by its owner or an admin.
#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse handleDelete(DavContext& ctx, const Resource& r) {
  if (r.kind == ResourceKind::Calendar) {
    if (r.access != Access::Owner) return textResponse(403, "Only the owner of a calendar may delete it");
    std::string ifMatch = ctx.request.header("If-Match");
    if (!ifMatch.empty() && ifMatch != "*" && ifMatch != collectionEtag(*r.calendar))
      return textResponse(412, "The calendar was changed meanwhile");
    // Through the service, so that the workflow may keep a calendar whose
    // events belong to requests still in progress.
    const CalendarRemoval removal = ctx.calendars.removeCalendar(*r.calendar, ctx.user().id);
    switch (removal.status) {
      case CalendarRemoval::Status::Removed:
        return DavResponse{204, {}, {}};
      case CalendarRemoval::Status::NotFound:
        return textResponse(404, "No such calendar");
      case CalendarRemoval::Status::Refused:
        break;
    }
    return textResponse(409, "The calendar cannot be deleted: " + removal.reason);
  }
  if (r.kind != ResourceKind::Object) return textResponse(403, "This collection cannot be deleted");

  auto result = ctx.calendars.remove(*r.calendar, r.objectName, preconditionOf(ctx.request), ctx.user().id);
  switch (result.status) {
    case sql::WriteStatus::Deleted:
      return DavResponse{204, {}, {}};
    case sql::WriteStatus::NotFound:
      return textResponse(404, "No such calendar object");
    case sql::WriteStatus::PreconditionFailed:
      return textResponse(412, "The calendar object was changed by someone else; reload it first");
    default:
      return textResponse(500, "Unexpected result of the delete");
  }
}

}  // namespace jadwal::caldav
