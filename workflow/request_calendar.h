#pragma once
// Writing a request's events: the TENTATIVE hold on the staff calendar, the
// event on the leader's agenda and the one on a representative's agenda.
// Every write goes through caldav::CalendarService (the CalDAV write path),
// marked as the workflow's own so that the calendar follower does not take
// it for an edit made in a client.

#include <optional>
#include <string>
#include <vector>

#include "caldav/calendar_service.h"
#include "sql/request_store.h"
#include "workflow/event_mapping.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

class RequestCalendar {
 public:
  RequestCalendar(sql::Store& store, caldav::CalendarService& calendars, WorkflowConfig config);

  // The staff calendar named by config.holdCalendar ("OWNER/SLUG"), if it exists.
  std::optional<sql::Calendar> holdCalendar();
  // A user's "agenda" calendar, if they have one.
  std::optional<sql::Calendar> agendaOf(const std::string& userName);

  // The resource name of a request's event of `kind`, e.g. "permohonan-42-acara.ics":
  // by number, never by tracking code (see event_mapping.h).
  static std::string objectName(const sql::RequestRow& request, EventKind kind);

  // Writes (or rewrites, with SEQUENCE one higher than the stored event's)
  // the event of `kind` under `name`; `cancelled` keeps the event with
  // STATUS:CANCELLED. A rewrite keeps the stored event's UID. `deletedText`
  // is the text of the event a client just deleted under `name`, when it is
  // put back: its UID and SEQUENCE carry on as if it had been rewritten.
  // Returns "" on success, else the reason.
  std::string write(const sql::Calendar& calendar, const std::string& name, const sql::RequestRow& request,
                    EventKind kind, bool cancelled = false, const std::string& deletedText = {});
  // Deletes an event; one already gone counts as deleted. "" or the reason.
  std::string remove(std::int64_t calendarId, const std::string& name);
  // Whether the event under `name` is what write() would write now, up to
  // its SEQUENCE, UID and DTSTAMP: nothing the request shows would change.
  bool shows(std::int64_t calendarId, const std::string& name, const sql::RequestRow& request, EventKind kind,
             bool cancelled = false);

  sql::Store& store() { return store_; }
  const WorkflowConfig& config() const { return config_; }

 private:
  std::string textFor(const sql::RequestRow& request, EventKind kind, bool cancelled, int sequence,
                      const std::string& uid);
  sql::Store& store_;
  caldav::CalendarService& calendars_;
  WorkflowConfig config_;
};

// Brings the calendars in line with a request that was just updated:
//  - pending: the hold on the staff calendar (written when `rewrite`);
//  - disetujui / diwakilkan: the event on the assigned leader's agenda and,
//    when represented by a user with an agenda, on theirs (written when
//    `rewrite`); the hold and events no longer wanted are deleted;
//  - dibatalkan: the existing events rewritten STATUS:CANCELLED (when `rewrite`);
//  - ditolak / ditarik: the hold deleted. Held or not held: left as they are.
// `keepAsIs` names an object a client just wrote, left untouched. With
// `onlyWhatDiffers`, an event that already shows the request is left as it
// is (RequestCalendar::shows), so that running the sync again writes nothing.
// The returned row carries the object links as they now are: a link is set
// only after its write succeeded and cleared only after its delete did.
struct CalendarSync {
  sql::RequestRow row;
  bool linksChanged = false;
  // What was written or deleted, for the audit note: "<step> <path>", the
  // step one of written, cancelled, deleted, renamed (words when shown).
  std::vector<std::string> done;
  std::vector<std::string> errors;  // what failed, for a "calendar-error" audit row
};
struct ObjectRef {
  std::int64_t calendarId = 0;
  std::string name;
};
CalendarSync syncCalendar(RequestCalendar& calendar, const sql::RequestRow& request, bool rewrite,
                          const ObjectRef& keepAsIs = {}, bool onlyWhatDiffers = false);

// Events written before events were named by number carry the tracking code
// in their resource name, UID and description. Writes each such event of
// `request` afresh under its name by number, in the same calendar and as
// it was (CANCELLED stays CANCELLED), then deletes the old one. The links
// and what was done are in the result, for recordCalendarSync.
CalendarSync renameCodeNamedEvents(RequestCalendar& calendar, const sql::RequestRow& request);
// Whether any of the request's events is still named after its tracking code.
bool hasCodeNamedEvents(const sql::RequestRow& request);
// "owner/calendar/object": how the calendar steps name an object in their notes.
std::string calendarObjectPath(const sql::Calendar& calendar, const std::string& name);

// Stores the links of `sync` on the request and marks its events in step
// (when `settles`), compare-and-set on the version the sync was made from,
// with an audit row "calendar-write" when a link changed, or
// "calendar-error" with the reasons when something failed. If the request
// changed meanwhile, the events written may show an older version of it:
// they are repaired from what is stored now (calendar_repair.h). Returns the
// request as stored afterwards.
sql::RequestRow recordCalendarSync(RequestCalendar& calendar, const CalendarSync& sync, const sql::AuditRow& actor,
                                   bool settles = true);

}  // namespace jadwal::workflow
