#include "workflow/calendar_repair.h"

#include <algorithm>
#include <chrono>
#include <ostream>
#include <random>
#include <set>
#include <string_view>
#include <thread>

#include "caldav/ical/ical.h"
#include "workflow/audit_note.h"
#include "workflow/request_state.h"

namespace jadwal::workflow {

namespace {

constexpr int kAttempts = 8;  // claims lost to a request that keeps changing
constexpr int kPage = 100;
constexpr EventKind kKinds[] = {EventKind::Hold, EventKind::LeaderEvent, EventKind::Representative};

// One of the request's three links, by the kind of event it names.
struct LinkRef {
  std::int64_t& calendarId;
  std::string& name;
};

LinkRef linkOf(sql::RequestRow& row, EventKind kind) {
  switch (kind) {
    case EventKind::Hold:
      return {row.holdCalendarId, row.holdObjectName};
    case EventKind::Representative:
      return {row.representativeCalendarId, row.representativeObjectName};
    case EventKind::LeaderEvent:
    case EventKind::Cancelled:
      break;
  }
  return {row.eventCalendarId, row.eventObjectName};
}

bool linksTo(const sql::RequestRow& row, std::int64_t calendarId, const std::string& name) {
  return (row.holdCalendarId == calendarId && row.holdObjectName == name) ||
         (row.eventCalendarId == calendarId && row.eventObjectName == name) ||
         (row.representativeCalendarId == calendarId && row.representativeObjectName == name);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "; ") + line;
  return text;
}

// Whether the workflow wrote this text for the request: every event in it
// has the request's UID ("permohonan-<id>-...@jadwal") and its
// X-JADWAL-REQUEST. A user's own event, even under such a name, has not.
bool writtenFor(const std::string& ical, std::int64_t requestId) {
  const std::string number = std::to_string(requestId);
  const std::string uidPrefix = "permohonan-" + number + "-";
  try {
    caldav::IcalComponent calendar = caldav::parseStored(ical);
    bool any = false;
    for (const caldav::ComponentRef& event : calendar.get().children("VEVENT")) {
      const std::string uid = event.uid();
      if (!uid.starts_with(uidPrefix) || !uid.ends_with("@jadwal")) return false;
      const std::vector<std::string> numbers = event.xValues("X-JADWAL-REQUEST");
      if (std::find(numbers.begin(), numbers.end(), number) == numbers.end()) return false;
      any = true;
    }
    return any;
  } catch (const caldav::IcalError&) {
    return false;
  }
}

// Where the workflow may have written the request's events: the hold
// calendar and the agendas of every leader and of the users the request names.
std::vector<sql::Calendar> placesOf(RequestCalendar& calendar, const sql::RequestRow& row) {
  std::vector<sql::Calendar> places;
  std::set<std::int64_t> seen;
  auto add = [&](const std::optional<sql::Calendar>& found) {
    if (found && seen.insert(found->id).second) places.push_back(*found);
  };
  add(calendar.holdCalendar());
  std::vector<std::string> users = row.leadersAsked;
  users.push_back(row.assignedLeader);
  users.push_back(row.representativeUser);
  for (const auto& user : calendar.store().listUsers())
    if (user.role == sql::Role::Leader) users.push_back(user.name);
  for (const auto& user : users) add(calendar.agendaOf(user));
  return places;
}

// One of the request's own events where none of its links points.
struct Unlinked {
  sql::Calendar calendar;
  std::string name;
  EventKind kind;
};

std::vector<Unlinked> unlinkedEvents(RequestCalendar& calendar, const sql::RequestRow& row) {
  std::vector<std::string> names;
  for (EventKind kind : kKinds) names.push_back(RequestCalendar::objectName(row, kind));
  std::vector<Unlinked> found;
  for (const auto& place : placesOf(calendar, row)) {
    for (const auto& object : calendar.store().getObjects(place.id, names)) {
      if (linksTo(row, place.id, object.name) || !writtenFor(object.ical, row.id)) continue;
      for (EventKind kind : kKinds)
        if (object.name == RequestCalendar::objectName(row, kind)) found.push_back({place, object.name, kind});
    }
  }
  return found;
}

// Drops the links to events (or calendars) that are gone.
void dropMissingLinks(RequestCalendar& calendar, sql::RequestRow& row, CalendarRepair& repair) {
  for (EventKind kind : kKinds) {
    LinkRef link = linkOf(row, kind);
    if (link.calendarId == 0) continue;
    auto place = calendar.store().findCalendarById(link.calendarId);
    if (place && calendar.store().getObject(place->id, link.name)) continue;
    repair.links.push_back("dropped the link to " + link.name + ", which is gone");
    link.calendarId = 0;
    link.name.clear();
  }
}

// The links and events as the request calls for them (see the header).
sql::RequestRow bringInStep(RequestCalendar& calendar, sql::RequestRow row, sql::CalendarStep step,
                            CalendarRepair& repair) {
  dropMissingLinks(calendar, row, repair);
  auto state = parseState(row.state);
  if (!state || (step == sql::CalendarStep::EventChanged && isFinal(*state))) return row;

  const std::vector<Unlinked> unlinked = unlinkedEvents(calendar, row);
  for (const auto& event : unlinked) {
    LinkRef link = linkOf(row, event.kind);
    if (link.calendarId != 0) continue;
    link.calendarId = event.calendar.id;
    link.name = event.name;
    repair.links.push_back("linked again " + calendarObjectPath(event.calendar, event.name));
  }
  CalendarSync sync = syncCalendar(calendar, row, true, {}, true);
  repair.done.insert(repair.done.end(), sync.done.begin(), sync.done.end());
  repair.errors.insert(repair.errors.end(), sync.errors.begin(), sync.errors.end());
  for (const auto& event : unlinked) {
    if (linksTo(sync.row, event.calendar.id, event.name)) continue;
    std::string error = calendar.remove(event.calendar.id, event.name);
    if (error.empty())
      repair.done.push_back("deleted " + calendarObjectPath(event.calendar, event.name));
    else
      repair.errors.push_back(error);
  }
  return sync.row;
}

// A pause that grows with the attempts, jittered so that two servers
// repairing the same request do not keep taking it from each other.
void backOff(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  std::uniform_int_distribution<int> milliseconds(5 * attempt, 20 * attempt);
  std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds(random)));
}

std::optional<sql::AuditRow> auditOf(const CalendarRepair& repair, const sql::RequestRow& row, sql::CalendarStep step,
                                     sql::Instant now) {
  if (repair.done.empty() && repair.errors.empty()) return std::nullopt;
  sql::AuditRow audit;
  audit.requestId = row.id;
  audit.at = now;
  audit.actorName = "Sistem";
  audit.fromState = audit.toState = row.state;
  audit.action = repair.errors.empty() ? "calendar-repair" : "calendar-error";
  // A client's change the follower never saw is put back, like one it refused.
  AuditNote note{step == sql::CalendarStep::EventChanged ? "calendar_change_unfollowed" : "calendar_repaired", {}};
  if (!repair.done.empty()) note.values["steps"] = joinedSteps(repair.done);
  if (!repair.errors.empty()) note.values["errors"] = joinedSteps(repair.errors);
  audit.note = encodeAuditNote(note);
  return audit;
}

}  // namespace

CalendarRepair repairRequestCalendar(RequestCalendar& calendar, std::int64_t requestId, sql::Instant now,
                                     bool evenIfInStep) {
  CalendarRepair repair;
  repair.requestId = requestId;
  sql::RequestStore& requests = calendar.store().requests();
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    // Lost to another writer: give it time to finish rather than take the request from it.
    if (attempt > 0) backOff(attempt);
    auto found = requests.findRequest(requestId);
    if (!found) return repair;
    // Read after the row: a change in between moves the version, and the claim fails.
    const sql::CalendarStep step = requests.calendarStep(requestId);
    if (step == sql::CalendarStep::InStep && (attempt > 0 || !evenIfInStep)) {
      // Brought in step meanwhile by whoever moved the version: a write of a
      // linked event after that would have marked it again.
      repair.settled = repair.checked;
      repair.byAnother = repair.checked;
      return repair;
    }
    repair.checked = true;
    repair.state = found->state;
    // The claim: a sync of an older version still running elsewhere now
    // fails its record and repairs after this one.
    if (!requests.recordCalendarLinks(*found, now, false, std::nullopt)) continue;
    auto claimed = requests.findRequest(requestId);
    if (!claimed) return repair;
    const sql::RequestRow row = bringInStep(calendar, *claimed, step, repair);
    if (requests.recordCalendarLinks(row, now, true, auditOf(repair, row, step, now))) {
      repair.settled = true;
      return repair;
    }
  }
  return repair;
}

std::string describeRepair(const CalendarRepair& repair) {
  std::string text = "request " + std::to_string(repair.requestId);
  if (!repair.state.empty()) text += " (" + repair.state + ")";
  if (!repair.checked) return text + ": calendar in step";
  std::vector<std::string> lines = repair.done;
  lines.insert(lines.end(), repair.links.begin(), repair.links.end());
  if (lines.empty())
    text +=
        repair.byAnother ? ": calendar brought in step meanwhile by another writer" : ": calendar already showed it";
  else
    text += ": calendar repaired: " + joined(lines);
  if (!repair.errors.empty()) text += "; failed: " + joined(repair.errors);
  if (!repair.settled) text += "; the request kept changing, left out of step";
  return text;
}

CalendarRepairSummary repairCalendars(RequestCalendar& calendar, sql::Instant now, std::ostream& log) {
  CalendarRepairSummary summary;
  try {
    std::int64_t after = 0;
    for (;;) {
      const auto ids = calendar.store().requests().requestsOutOfStep(after, kPage);
      for (std::int64_t id : ids) {
        after = id;
        ++summary.checked;
        try {
          const CalendarRepair repair = repairRequestCalendar(calendar, id, now);
          if (repair.changedAnything()) ++summary.repaired;
          if ((repair.checked && !repair.settled) || !repair.errors.empty()) ++summary.failed;
          log << "jadwald: " << describeRepair(repair) << "\n";
        } catch (const std::exception& e) {
          ++summary.failed;
          log << "jadwald: request " << id << ": calendar repair failed: " << e.what() << "\n";
        }
      }
      if (static_cast<int>(ids.size()) < kPage) break;
    }
  } catch (const std::exception& e) {
    log << "jadwald: finding requests out of step with their calendars: " << e.what() << "\n";
  }
  if (summary.checked > 0)
    log << "jadwald: calendar repair: " << summary.checked << " requests out of step, " << summary.repaired
        << " repaired, " << summary.failed << " not" << std::endl;
  return summary;
}

}  // namespace jadwal::workflow
