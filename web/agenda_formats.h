#pragma once
// The public agenda as data: JSON (/agenda.json) and iCalendar
// (/agenda.ics). Both are built from the public fields of the entries only
// (time, activity, place, leader's title, represented by), never from the
// stored calendar text, so nothing else an event carries can leak.

#include <string>

#include "web/agenda_request.h"
#include "workflow/agenda.h"

namespace jadwal::web::agenda {

// {"from","to","timezone","incomplete","days":[{"date","leaders":[{"title",
// "entries":[{"start","end","open_end","all_day","activity","place",
// "represented_by"}]}]}]}; times ISO 8601 with the zone's offset, "end"
// null when the end is open. The README documents the fields.
std::string publicJson(const workflow::Agenda& agenda, const DayRange& range, const std::string& timezone);

// A VCALENDAR with one VEVENT per published entry (UID, DTSTAMP, DTSTART,
// DTEND, SUMMARY, LOCATION, DESCRIPTION with the leader and "Diwakili
// oleh"). `calendarName`: X-WR-CALNAME.
std::string publicIcs(const workflow::Agenda& agenda, const std::string& calendarName, const std::string& timezone);

}  // namespace jadwal::web::agenda
