#pragma once
// What an edit or deletion of a request's event made in a CalDAV client
// means, by who made it and to which event. The rules are the web's: only
// staff (protokol, admin) reschedule or cancel a request.
//
//  - Staff who move the leader's event (Thunderbird) move the request, and
//    staff who delete or cancel it cancel the request; the requester is told
//    as after a decision on the staff page. A calendar client cannot give a
//    reason, so the history says that none was given. A new time or place
//    must pass the checks of a staff reschedule (limits::kVenue, an end
//    after the start), else the edit is refused as below.
//  - Anyone else who can write the leader's calendar changes nothing: a
//    leader (or their aide) who deletes or cancels the event says "cannot
//    attend" (a tidak_hadir disposition for staff to act on); a move is
//    recorded as the writer's proposal.
//  - The copy on a representative's agenda and the TENTATIVE hold only
//    mirror the request: edits of them, staff's too, are never followed.
//  - A request is one occurrence: an event made to repeat (RRULE, RDATE,
//    EXDATE) or given overridden instances (RECURRENCE-ID) shows other
//    times than the request, and is never followed, staff's neither.
//
// Whatever is not followed is recorded in the history ("calendar-restore",
// by the writer) and the event is written back from the request, so that
// the request and its events never disagree and nobody but staff can
// change what the requester is told. Edits that move nothing the request
// shows (an alarm, a colour) are kept as the client wrote them. Events of
// finished requests are the client's: a deletion only unlinks them.
// A calendar is deleted whole only when no request in progress has an event
// in it (its owner cannot take a request's event away by deleting the
// calendar around it): staff finish or move those requests first. Events of
// finished requests go with the calendar, and their requests forget them.
// The workflow's own writes (caldav::WriteOrigin::Workflow) are ignored.
// The store marks the request in the client's own transaction and the
// follower clears the mark once done, so a change a killed server never
// followed is found and put back at the next start (calendar_repair.h).

#include <memory>
#include <optional>
#include <string>

#include "caldav/calendar_service.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_calendar.h"

namespace jadwal::workflow {

class CalendarFollower final : public caldav::CalendarObserver {
 public:
  // `calendar`, `clock` and `mailer` must outlive the follower.
  CalendarFollower(std::shared_ptr<RequestCalendar> calendar, const Clock& clock, Mailer& mailer);
  void calendarChanged(const caldav::CalendarChange& change) override;
  std::optional<std::string> refuseCalendarRemoval(const sql::Calendar& calendar) override;
  void calendarRemoved(const sql::Calendar& calendar, std::optional<std::int64_t> actorId) override;

 private:
  void follow(const caldav::CalendarChange& change);
  void followChange(const caldav::CalendarChange& change, bool unfinished);
  // Once the change is followed: clears the store's mark, or repairs the
  // request's events if they were not in step before (calendar_repair.h).
  void settle(std::int64_t requestId, bool unfinished);
  // Drops the links of one request to a calendar that was deleted.
  void forgetCalendar(const sql::Calendar& calendar, std::int64_t requestId, std::optional<std::int64_t> actorId);
  std::shared_ptr<RequestCalendar> calendar_;
  const Clock& clock_;
  Mailer& mailer_;
};

}  // namespace jadwal::workflow
