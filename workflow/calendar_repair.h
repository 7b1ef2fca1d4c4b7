#pragma once
// Bringing a request's calendar events back in step with the request.
//
// A request's change, the events it calls for and its links to them are
// written in separate transactions, and a client's write to an event is
// committed before the workflow follows it. The store marks each such change
// in the transaction that makes it (sql::CalendarStep) and the workflow
// clears the mark once the events agree, so a server killed in between
// leaves the request marked. It is repaired at the next start (before the
// server answers anyone) and whenever the request is touched again:
//  - links to events that are gone are dropped;
//  - the request's own events that no link names (written just before a
//    kill, the link never recorded) are taken back, recognised by resource
//    name, UID and X-JADWAL-REQUEST together, never a user's own event;
//    those the request no longer calls for are deleted;
//  - the events the request calls for are written where they are missing or
//    do not show the request, as after a decision (syncCalendar), under the
//    same names and UIDs: a second repair writes nothing;
//  - a client's change to an event that was never followed (EventChanged)
//    is put back as the request shows it: who made it is unknown after a
//    restart, and only staff change a request from a calendar. Events of
//    finished requests are their owners' (as for the follower): only links
//    to events that are gone are dropped.
// The request is first claimed (its version moved by compare-and-set) and
// the links recorded with the same compare-and-set, so a sync running at
// once on another server fails its own record and repairs after this one:
// several servers may share the database. The repair's writes are the
// workflow's own (caldav::WriteOrigin::Workflow): the follower does not take them for
// client edits. Staff see an audit row ("calendar-repair", or
// "calendar-error") only when an event was written or deleted.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "workflow/request_calendar.h"

namespace jadwal::workflow {

struct CalendarRepair {
  std::int64_t requestId = 0;
  bool checked = false;             // it was out of step, or checked anyway
  bool settled = false;             // the mark was cleared
  bool byAnother = false;           // by another server or thread, while this one waited
  std::string state;                // the request's state when checked
  std::vector<std::string> done;    // events written or deleted (in the audit row)
  std::vector<std::string> links;   // links dropped or taken back (logged only)
  std::vector<std::string> errors;  // what failed
  bool changedAnything() const { return !done.empty() || !links.empty(); }
};

// Repairs one request if it is marked out of step, or whatever its mark
// when `evenIfInStep` (a sync whose record lost to a newer change).
CalendarRepair repairRequestCalendar(RequestCalendar& calendar, std::int64_t requestId, sql::Instant now,
                                     bool evenIfInStep = false);

// One line for the server's log: what the repair did, or that nothing was needed.
std::string describeRepair(const CalendarRepair& repair);

struct CalendarRepairSummary {
  int checked = 0;   // requests found out of step
  int repaired = 0;  // of which something was written, deleted or relinked
  int failed = 0;    // left out of step (errors, or a request that kept changing)
};

// Every request marked out of step, one line each on `log`. Never throws:
// a request that cannot be repaired now is reported and left marked.
CalendarRepairSummary repairCalendars(RequestCalendar& calendar, sql::Instant now, std::ostream& log);

}  // namespace jadwal::workflow
