#pragma once
// Private to the iCalendar library (ical.cpp): checks on a calendar object
// resource that libical's parser does not make. libical takes month 13, day
// 32, hour 25 and year 0 as they are, lets an END close a component of
// another name, and passes bytes that are not UTF-8; stored, such data
// breaks every client that syncs the calendar. Each check throws IcalError(NotICalendar) with a
// reason for the client.

#include <libical/ical.h>

#include <string_view>

namespace jadwal::caldav::detail {

// The text: UTF-8 (RFC 5545 section 3.1.4), and every END names the
// component its BEGIN opened.
void checkText(std::string_view text);

// Every date and date-time value in the tree (DATE, DATE-TIME, PERIOD,
// RDATE, TRIGGER, RRULE's UNTIL) is a real calendar date and time of day.
void checkValues(icalcomponent* root);

}  // namespace jadwal::caldav::detail
