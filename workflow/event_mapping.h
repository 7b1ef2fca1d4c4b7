#pragma once
// A request as an iCalendar event: what the leader's phone shows.
//
// SUMMARY the activity; LOCATION venue and address; DTSTART/DTEND with
// TZID=<config timezone> and its VTIMEZONE (an open end, "s.d. selesai",
// gets DTEND = start + the assumed duration, workflow.open_end_assumed_minutes,
// and the "s.d. selesai" line in the description, which every text reads);
// DESCRIPTION with institution, contact person, dress code, the leader's
// role, "Diwakili oleh ..." when represented and every letter's link
// (Android's calendar store drops ATTACH, so the links go here too);
// STATUS; SEQUENCE; URL of the staff request page; one ATTACH per
// letter/file with an absolute URL, FMTTYPE and FILENAME; CATEGORIES;
// X-JADWAL-REQUEST with the request's number.
//
// The tracking code is in none of it (nor in the UID or resource name): it
// is the requester's key to withdraw or revise, and everyone who reads the
// calendar (aides, shared viewers) would hold it. Events refer to the
// request by its number and the staff page.

#include <optional>
#include <string>
#include <vector>

#include "sql/request_store.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

enum class EventKind {
  Hold,            // TENTATIVE, on the staff hold calendar, while pending
  LeaderEvent,     // CONFIRMED on the leader's agenda (or marked "Diwakili oleh ..." when represented)
  Representative,  // CONFIRMED on the representative's agenda
  Cancelled        // STATUS:CANCELLED, the record kept
};

struct EventText {
  std::string uid;
  std::string ical;  // a complete VCALENDAR
};

// `uid` is stable per request and kind ("permohonan-<id>-hold@jadwal",
// "permohonan-<id>-agenda@jadwal", "permohonan-<id>-wakil@jadwal"), so a
// rewrite replaces the same event; `sequence` must grow with every rewrite
// of that event. A Cancelled event replaces the event it cancels, so it
// keeps that event's UID: pass it as `uidOverride` (e.g.
// eventUid(id, EventKind::LeaderEvent)); empty means the LeaderEvent's UID.
// `representedLeader` names, on a Representative event, the leader the
// representative stands in for ("Mewakili: Bupati").
EventText eventForRequest(const sql::RequestRow& request, const std::vector<sql::FileRow>& files, EventKind kind,
                          int sequence, const WorkflowConfig& config, const std::string& uidOverride = {},
                          const std::string& representedLeader = {});

// The UID of a request's event of `kind` (Cancelled: the LeaderEvent's).
std::string eventUid(std::int64_t requestId, EventKind kind);

// The leader's role as the agenda's "Ket." line writes it: a form choice
// ("sambutan") by its label ("Sambutan"), anything else as typed.
std::string leaderRoleText(const std::string& role);

// The absolute URL of a file: <publicUrl>/lampiran/<id>/<name>.
std::string fileUrl(const sql::FileRow& file, const WorkflowConfig& config);

// What a client may have changed in an event that the request should follow:
// start, end (none when the event has no DTEND/DURATION, or says "s.d.
// selesai" in its description), location text.
struct EventEdit {
  sql::Instant start = 0;
  std::optional<sql::Instant> end;
  std::string location;
  std::string status;       // "CONFIRMED", "CANCELLED", ...
  std::string description;  // the agenda lines a client may have edited are in it
  // RRULE, RDATE, EXRULE or EXDATE, or an instance overridden by
  // RECURRENCE-ID: the calendar shows other times than start..end.
  bool recurring = false;
};
// Reads those from stored event text (of the master, the event without
// RECURRENCE-ID); nullopt if it is not a readable event or has no master.
std::optional<EventEdit> readEventEdit(const std::string& ical, const WorkflowConfig& config);

}  // namespace jadwal::workflow
