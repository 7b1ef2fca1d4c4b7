#include "workflow/request_calendar.h"

#include "caldav/ical/event.h"
#include "caldav/ical/ical.h"
#include "sql/request_store.h"
#include "workflow/audit_note.h"
#include "workflow/calendar_repair.h"
#include "workflow/request_state.h"

namespace jadwal::workflow {

namespace {

int sequenceOf(const std::string& ical) {
  try {
    caldav::IcalComponent calendar = caldav::parseStored(ical);
    const std::vector<caldav::ComponentRef> events = calendar.get().children("VEVENT");
    return events.empty() ? 0 : events.front().sequence();
  } catch (const caldav::IcalError&) {
    return 0;
  }
}

std::string uidOf(const std::string& ical) {
  try {
    caldav::IcalComponent calendar = caldav::parseStored(ical);
    const std::vector<caldav::ComponentRef> events = calendar.get().children("VEVENT");
    return events.empty() ? "" : events.front().uid();
  } catch (const caldav::IcalError&) {
    return "";
  }
}

// A cancelled event keeps what it showed (the representative's event stays
// the representative's), only its status changes and it stops blocking time.
std::string cancelledText(const std::string& ical) { return caldav::withEventsCancelled(ical); }

// The text without its DTSTAMP lines: the stamp follows the request's last
// update, which recording the links moves, not what the event shows.
std::string withoutStamp(const std::string& ical) {
  std::string text;
  text.reserve(ical.size());
  for (std::size_t pos = 0; pos < ical.size();) {
    std::size_t end = ical.find('\n', pos);
    end = end == std::string::npos ? ical.size() : end + 1;
    if (ical.compare(pos, 7, "DTSTAMP") != 0) text.append(ical, pos, end - pos);
    pos = end;
  }
  return text;
}

}  // namespace

std::string calendarObjectPath(const sql::Calendar& calendar, const std::string& name) {
  return calendar.ownerName + "/" + calendar.slug + "/" + name;
}

RequestCalendar::RequestCalendar(sql::Store& store, caldav::CalendarService& calendars, WorkflowConfig config)
    : store_(store), calendars_(calendars), config_(std::move(config)) {}

std::optional<sql::Calendar> RequestCalendar::holdCalendar() {
  auto slash = config_.holdCalendar.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == config_.holdCalendar.size()) return std::nullopt;
  return store_.findCalendar(config_.holdCalendar.substr(0, slash), config_.holdCalendar.substr(slash + 1));
}

std::optional<sql::Calendar> RequestCalendar::agendaOf(const std::string& userName) {
  if (userName.empty()) return std::nullopt;
  return store_.findCalendar(userName, "agenda");
}

std::string RequestCalendar::objectName(const sql::RequestRow& request, EventKind kind) {
  const std::string stem = "permohonan-" + std::to_string(request.id);
  switch (kind) {
    case EventKind::Hold:
      return stem + "-tentatif.ics";
    case EventKind::Representative:
      return stem + "-wakil.ics";
    case EventKind::LeaderEvent:
    case EventKind::Cancelled:
      break;
  }
  return stem + "-acara.ics";
}

std::string RequestCalendar::write(const sql::Calendar& calendar, const std::string& name,
                                   const sql::RequestRow& request, EventKind kind, bool cancelled,
                                   const std::string& deletedText) {
  try {
    auto existing = store_.getObject(calendar.id, name);
    const std::string& previous = existing ? existing->ical : deletedText;
    int sequence = previous.empty() ? 0 : sequenceOf(previous) + 1;
    // A rewrite keeps the stored UID: a client may have written the event.
    std::string text = textFor(request, kind, cancelled, sequence,
                               existing           ? existing->uid
                               : previous.empty() ? ""
                                                  : uidOf(previous));
    auto result =
        calendars_.put(calendar, name, text, sql::Precondition{}, std::nullopt, caldav::WriteOrigin::Workflow);
    switch (result.status) {
      case sql::WriteStatus::Created:
      case sql::WriteStatus::Updated:
        return "";
      case sql::WriteStatus::UidConflict:
        return "UID already used by " + result.conflictName + " in " + calendar.ownerName + "/" + calendar.slug;
      default:
        return "write refused in " + calendar.ownerName + "/" + calendar.slug;
    }
  } catch (const std::exception& e) {
    return std::string("writing ") + calendar.ownerName + "/" + calendar.slug + "/" + name + ": " + e.what();
  }
}

std::string RequestCalendar::textFor(const sql::RequestRow& request, EventKind kind, bool cancelled, int sequence,
                                     const std::string& uid) {
  std::string representedLeader;
  if (kind == EventKind::Representative) {
    const auto leader = store_.findUser(request.assignedLeader);
    representedLeader = !leader                       ? request.assignedLeader
                        : leader->displayName.empty() ? leader->name
                                                      : leader->displayName;
  }
  EventText event =
      eventForRequest(request, store_.requests().filesOf(request.id), kind, sequence, config_, uid, representedLeader);
  return cancelled ? cancelledText(event.ical) : event.ical;
}

bool RequestCalendar::shows(std::int64_t calendarId, const std::string& name, const sql::RequestRow& request,
                            EventKind kind, bool cancelled) {
  try {
    auto existing = store_.getObject(calendarId, name);
    if (!existing) return false;
    const std::string expected = textFor(request, kind, cancelled, sequenceOf(existing->ical), existing->uid);
    return withoutStamp(expected) == withoutStamp(existing->ical);
  } catch (const std::exception&) {
    return false;  // unreadable: write it afresh
  }
}

std::string RequestCalendar::remove(std::int64_t calendarId, const std::string& name) {
  if (calendarId == 0 || name.empty()) return "";
  try {
    auto calendar = store_.findCalendarById(calendarId);
    if (!calendar) return "";  // the calendar went, and its objects with it
    auto result = calendars_.remove(*calendar, name, sql::Precondition{}, std::nullopt, caldav::WriteOrigin::Workflow);
    if (result.status == sql::WriteStatus::Deleted || result.status == sql::WriteStatus::NotFound) return "";
    return "delete refused in " + calendar->ownerName + "/" + calendar->slug;
  } catch (const std::exception& e) {
    return std::string("deleting ") + name + ": " + e.what();
  }
}

}  // namespace jadwal::workflow

namespace jadwal::workflow {

namespace {

bool sameObject(std::int64_t calendarId, const std::string& name, const ObjectRef& ref) {
  return calendarId != 0 && calendarId == ref.calendarId && name == ref.name;
}

// One of the request's three object links.
struct Link {
  std::int64_t& calendarId;
  std::string& name;
  void clear() {
    calendarId = 0;
    name.clear();
  }
};

}  // namespace

CalendarSync syncCalendar(RequestCalendar& calendar, const sql::RequestRow& request, bool rewrite,
                          const ObjectRef& keepAsIs, bool onlyWhatDiffers) {
  CalendarSync sync{request, false, {}, {}};
  sql::RequestRow& row = sync.row;
  auto state = parseState(row.state);
  if (!state) return sync;

  auto drop = [&](Link link) {
    if (link.calendarId == 0) return;
    if (sameObject(link.calendarId, link.name, keepAsIs)) return;
    std::string error = calendar.remove(link.calendarId, link.name);
    if (!error.empty()) {
      sync.errors.push_back(error);
      return;
    }
    // The calendar named too: the history says whose agenda it left, never the file.
    const auto from = calendar.store().findCalendarById(link.calendarId);
    sync.done.push_back("deleted " + (from ? calendarObjectPath(*from, link.name) : link.name));
    link.clear();
    sync.linksChanged = true;
  };
  // Events written before events were named by number carry the tracking
  // code in their name and UID: a rewrite moves them to their new name.
  auto namedAfterCode = [&](const Link& link) {
    return !row.code.empty() && link.name.find(row.code) != std::string::npos;
  };
  // Writes the event of `kind` on `target`, moving it there from another calendar (or name) if need be.
  auto place = [&](Link link, const sql::Calendar& target, EventKind kind, bool cancelled) {
    auto misplaced = [&] { return link.calendarId != 0 && (link.calendarId != target.id || namedAfterCode(link)); };
    if (misplaced()) drop(link);
    if (misplaced()) return;  // the old one could not be deleted
    std::string name = link.calendarId != 0 ? link.name : RequestCalendar::objectName(row, kind);
    if (sameObject(target.id, name, keepAsIs)) return;
    if (!onlyWhatDiffers || !calendar.shows(target.id, name, row, kind, cancelled)) {
      std::string error = calendar.write(target, name, row, kind, cancelled);
      if (!error.empty()) {
        sync.errors.push_back(error);
        return;
      }
      sync.done.push_back((cancelled ? "cancelled " : "written ") + calendarObjectPath(target, name));
    }
    if (link.calendarId != target.id || link.name != name) {
      link.calendarId = target.id;
      link.name = name;
      sync.linksChanged = true;
    }
  };
  // Rewrites an existing event where it is, with STATUS:CANCELLED.
  auto cancel = [&](Link link, EventKind kind) {
    if (link.calendarId == 0) return;
    auto target = calendar.store().findCalendarById(link.calendarId);
    if (!target) {
      link.clear();
      sync.linksChanged = true;
      return;
    }
    place(link, *target, kind, true);
  };

  Link hold{row.holdCalendarId, row.holdObjectName};
  Link leaderEvent{row.eventCalendarId, row.eventObjectName};
  Link representativeEvent{row.representativeCalendarId, row.representativeObjectName};

  if (isPending(*state)) {
    if (rewrite) {
      if (auto staff = calendar.holdCalendar()) place(hold, *staff, EventKind::Hold, false);
    }
    return sync;
  }
  drop(hold);

  if (*state == RequestState::Approved || *state == RequestState::Represented) {
    if (!rewrite) return sync;
    if (auto agenda = calendar.agendaOf(row.assignedLeader))
      place(leaderEvent, *agenda, EventKind::LeaderEvent, false);
    else
      sync.errors.push_back("leader '" + row.assignedLeader + "' has no agenda calendar");
    auto representativeAgenda =
        *state == RequestState::Represented ? calendar.agendaOf(row.representativeUser) : std::nullopt;
    if (representativeAgenda)
      place(representativeEvent, *representativeAgenda, EventKind::Representative, false);
    else
      drop(representativeEvent);
  } else if (*state == RequestState::Cancelled && rewrite) {
    cancel(leaderEvent, EventKind::LeaderEvent);
    cancel(representativeEvent, EventKind::Representative);
  }
  return sync;
}

bool hasCodeNamedEvents(const sql::RequestRow& request) {
  if (request.code.empty()) return false;
  for (const std::string* name : {&request.holdObjectName, &request.eventObjectName, &request.representativeObjectName})
    if (name->find(request.code) != std::string::npos) return true;
  return false;
}

CalendarSync renameCodeNamedEvents(RequestCalendar& calendar, const sql::RequestRow& request) {
  CalendarSync sync{request, false, {}, {}};
  sql::RequestRow& row = sync.row;
  if (row.code.empty()) return sync;
  struct Named {
    Link link;
    EventKind kind;
  };
  for (Named named : {Named{{row.holdCalendarId, row.holdObjectName}, EventKind::Hold},
                      Named{{row.eventCalendarId, row.eventObjectName}, EventKind::LeaderEvent},
                      Named{{row.representativeCalendarId, row.representativeObjectName}, EventKind::Representative}}) {
    Link& link = named.link;
    if (link.calendarId == 0 || link.name.find(row.code) == std::string::npos) continue;
    auto target = calendar.store().findCalendarById(link.calendarId);
    auto old = target ? calendar.store().getObject(link.calendarId, link.name) : std::nullopt;
    if (!old) {  // gone already: nothing to rename
      link.clear();
      sync.linksChanged = true;
      continue;
    }
    const std::string name = RequestCalendar::objectName(row, named.kind);
    auto shown = readEventEdit(old->ical, calendar.config());
    const bool cancelled = shown && shown->status == "CANCELLED";
    std::string error = calendar.write(*target, name, row, named.kind, cancelled);
    if (!error.empty()) {
      sync.errors.push_back(error);
      continue;
    }
    // The new event is in place before the old one goes, so a phone never misses the activity.
    error = calendar.remove(link.calendarId, link.name);
    if (!error.empty()) sync.errors.push_back(error);
    sync.done.push_back("renamed " + calendarObjectPath(*target, name));
    link.name = name;
    sync.linksChanged = true;
  }
  return sync;
}

sql::RequestRow recordCalendarSync(RequestCalendar& calendar, const CalendarSync& sync, const sql::AuditRow& actor,
                                   bool settles) {
  sql::RequestStore& requests = calendar.store().requests();
  std::optional<sql::AuditRow> audit;
  if (sync.linksChanged || !sync.errors.empty()) {
    audit = actor;
    audit->requestId = sync.row.id;
    audit->fromState = audit->toState = sync.row.state;
    const auto& lines = sync.errors.empty() ? sync.done : sync.errors;
    audit->action = sync.errors.empty() ? "calendar-write" : "calendar-error";
    // The calendar follows from the decision: the system writes it, not the person.
    audit->actorId.reset();
    audit->actorName = "Sistem";
    audit->note =
        encodeAuditNote({"calendar_synced", {{sync.errors.empty() ? "steps" : "errors", joinedSteps(lines)}}});
  }
  if (!requests.recordCalendarLinks(sync.row, actor.at, settles, audit)) {
    // Someone changed the request while its events were written, which may
    // now show the older version: bring them in line with what is stored.
    repairRequestCalendar(calendar, sync.row.id, actor.at, true);
  }
  auto stored = requests.findRequest(sync.row.id);
  return stored ? *stored : sync.row;
}

}  // namespace jadwal::workflow
