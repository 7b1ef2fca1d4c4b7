#pragma once
// GET of a whole calendar (what a subscription client downloads): one
// VCALENDAR with every object's components, each time zone once. It is
// streamed, a batch of objects at a time, within the answer bounds of the
// reports (bytes and working time): an export that would pass them is
// refused with 403 before anything is sent, or cut off (an incomplete body)
// once streaming.

#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse exportCalendar(DavContext& ctx, const sql::Calendar& calendar);

}  // namespace jadwal::caldav
