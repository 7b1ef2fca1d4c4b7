#pragma once
// The words for an audit entry's note, in the reader's language: a note the
// workflow stored as a code and its values (workflow/audit_note.h) is put
// into words here; a note a person typed, or one stored in words before
// codes were, is shown as it is.

#include <functional>
#include <map>
#include <string>

#include "sql/request_store.h"

namespace jadwal::web {

// `message` with each {name} replaced by `values`' value, in one pass, so a
// value that holds braces is never read as a placeholder.
std::string filled(const std::string& message, const std::map<std::string, std::string>& values);

// The note of a disposition: the follower's (a leader deleted or cancelled
// their event in a calendar app) in words, a typed one as it is.
std::string dispositionNoteText(const std::string& language, const std::string& note);

// How the history names the calendars a step wrote to: a leader's agenda by
// its owner's shown name ("agenda Bupati"), the staff's hold calendar
// ("OWNER/SLUG", as [workflow] hold_calendar) as such; never a file name.
struct CalendarNaming {
  std::function<std::string(const std::string& userName)> displayName;  // "" when unknown
  std::string holdCalendar;
};

// `timezone` writes the instants a note holds (a calendar edit's new time).
// `namesOverlaps` false: the other events a double booking was confirmed
// over are counted, not named (a reader who may not read that agenda).
std::string auditNoteText(const std::string& language, const sql::AuditRow& entry, const std::string& timezone,
                          const CalendarNaming& calendars = {}, bool namesOverlaps = true);

// The leader (user name) whose agenda holds the events an entry names as
// confirmed overlaps, or "" when it names none.
std::string overlapsLeaderOf(const sql::AuditRow& entry);

}  // namespace jadwal::web
