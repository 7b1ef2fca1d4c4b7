#pragma once
// What the calendar reports share: reading <C:calendar-data> options and
// writing one response per calendar object.

#include "caldav/multistatus_stream.h"
#include "caldav/properties.h"

namespace jadwal::caldav {

// What an answer keeps of its request so that it can go on producing after
// the handler returned (multistatus_stream.h): the services, which live as
// long as the server, and copies of the request and the resource.
struct AnswerScope {
  AnswerScope(const DavContext& ctx, Resource resource_)
      : store(ctx.store),
        calendars(ctx.calendars),
        config(ctx.config),
        request(ctx.request),
        resource(std::move(resource_)) {
    request.body.clear();  // parsed already
  }
  // A context for producing with `time` (the answer's, with its budget).
  DavContext context(const TimeContext& time) { return DavContext{store, calendars, config, request, &time}; }

  sql::Store& store;
  CalendarService& calendars;
  const DavConfig& config;
  DavRequest request;
  Resource resource;
};

// Work a producer does between two looks at the answer's bounds: at most
// this many objects, and it stops early once a step wrote this many bytes.
inline constexpr std::size_t kObjectsPerStep = 32;
inline constexpr std::size_t kStepBytes = 64 << 10;

// Reads <C:expand>/<C:limit-recurrence-set> inside the requested
// calendar-data. Returns false with a 400 answer in `error` when malformed.
bool calendarDataSpecOf(const PropRequest& request, CalendarDataSpec& spec, DavResponse& error);

// Writes the <D:response> of one object of `calendar` reached at `calendarHref`.
void writeObjectResponse(DavContext& ctx, XmlWriter& out, const std::string& calendarHref,
                         const sql::Calendar& calendar, Access access, const sql::StoredObject& object,
                         const PropRequest& request, const CalendarDataSpec& spec);

}  // namespace jadwal::caldav
