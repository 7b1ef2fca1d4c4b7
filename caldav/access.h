#pragma once
// Who may do what with a calendar. One rule set for every method:
// - the owner and admins manage the calendar (delete it, change properties);
// - protocol staff (protokol) read and write every leader's (pimpinan) calendar;
// - an aide (ajudan) reads the calendars of the leaders assigned to them;
// - anyone else has what a share gives them (read or write), or nothing.

#include <vector>

#include "caldav/dav.h"
#include "sql/store.h"

namespace jadwal::caldav {

enum class Access { None = 0, Read = 1, Write = 2, Owner = 3 };

inline bool canRead(Access a) { return a >= Access::Read; }
inline bool canWrite(Access a) { return a >= Access::Write; }

Access calendarAccess(sql::Store& store, const Principal& user, const sql::Calendar& calendar);

// Who may create calendars (MKCALENDAR, extended MKCOL) in their own home:
// leaders, protocol staff and admins; aides and viewers only when an admin
// allowed it for them (sql::User::mayCreateCalendars).
bool mayCreateOwnCalendars(const sql::User& user);
// Whether `actor` may create a calendar that `owner` will own: admins for
// anyone, anybody else for themselves as mayCreateOwnCalendars says.
bool mayCreateCalendarFor(const Principal& actor, const sql::User& owner);

struct VisibleCalendar {
  sql::Calendar calendar;
  Access access = Access::None;
};

// Every calendar the user may read: their own first, then the others by owner
// and slug. This is what the user's calendar home lists.
std::vector<VisibleCalendar> visibleCalendars(sql::Store& store, const Principal& user);

}  // namespace jadwal::caldav
