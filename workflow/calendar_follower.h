#pragma once
// Keeps a request in step with its events when they are changed in a CalDAV
// client: staff who move the event in Thunderbird move the request, and a
// deleted (or cancelled) leader event cancels the request, and the requester
// is told as after a staff decision. The workflow's
// own writes are recognised (OwnCalendarWrite) and ignored.

#include <memory>

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

 private:
  void follow(const caldav::CalendarChange& change);
  std::shared_ptr<RequestCalendar> calendar_;
  const Clock& clock_;
  Mailer& mailer_;
};

}  // namespace jadwal::workflow
