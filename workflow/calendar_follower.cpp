#include "workflow/calendar_follower.h"

#include <iostream>

#include "workflow/event_mapping.h"
#include "workflow/request_state.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

enum class LinkKind { Hold, LeaderEvent, RepresentativeEvent };

std::optional<LinkKind> linkOf(const sql::RequestRow& request, std::int64_t calendarId, const std::string& name) {
  if (request.holdCalendarId == calendarId && request.holdObjectName == name) return LinkKind::Hold;
  if (request.eventCalendarId == calendarId && request.eventObjectName == name) return LinkKind::LeaderEvent;
  if (request.representativeCalendarId == calendarId && request.representativeObjectName == name)
    return LinkKind::RepresentativeEvent;
  return std::nullopt;
}

EventKind eventKindOf(LinkKind link) {
  switch (link) {
    case LinkKind::Hold:
      return EventKind::Hold;
    case LinkKind::RepresentativeEvent:
      return EventKind::Representative;
    case LinkKind::LeaderEvent:
      break;
  }
  return EventKind::LeaderEvent;
}

void clearLink(sql::RequestRow& request, LinkKind link) {
  switch (link) {
    case LinkKind::Hold:
      request.holdCalendarId = 0;
      request.holdObjectName.clear();
      break;
    case LinkKind::LeaderEvent:
      request.eventCalendarId = 0;
      request.eventObjectName.clear();
      break;
    case LinkKind::RepresentativeEvent:
      request.representativeCalendarId = 0;
      request.representativeObjectName.clear();
      break;
  }
}

}  // namespace

CalendarFollower::CalendarFollower(std::shared_ptr<RequestCalendar> calendar, const Clock& clock, Mailer& mailer)
    : calendar_(std::move(calendar)), clock_(clock), mailer_(mailer) {}

void CalendarFollower::calendarChanged(const caldav::CalendarChange& change) {
  if (OwnCalendarWrite::active()) return;
  try {
    follow(change);
  } catch (const std::exception& e) {
    // A failure here must not undo or fail the client's write, which has committed.
    std::cerr << "jadwald: following calendar change " << change.calendar.ownerName << "/" << change.calendar.slug
              << "/" << change.name << ": " << e.what() << "\n";
  } catch (...) {
    std::cerr << "jadwald: following calendar change " << change.name << ": unknown error\n";
  }
}

void CalendarFollower::follow(const caldav::CalendarChange& change) {
  sql::Store& store = calendar_->store();
  sql::RequestStore& requests = store.requests();
  const WorkflowConfig& config = calendar_->config();

  sql::AuditRow audit;
  audit.actorId = change.actorId;
  audit.actorName = "Sistem";
  if (change.actorId) {
    if (auto user = store.findUserById(*change.actorId))
      audit.actorName = user->displayName.empty() ? user->name : user->displayName;
  }

  // Compare-and-set against a concurrent decision: re-read and re-apply.
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto found = requests.findRequestByObject(change.calendar.id, change.name);
    if (!found) return;
    sql::RequestRow request = *found;
    auto link = linkOf(request, change.calendar.id, change.name);
    auto state = parseState(request.state);
    if (!link || !state) return;
    sql::RequestRow updated = request;
    audit.requestId = request.id;
    audit.at = clock_.now();
    audit.fromState = request.state;
    bool cancels = false;

    if (change.kind == caldav::CalendarChange::Kind::Delete) {
      clearLink(updated, *link);
      audit.action = "calendar-delete";
      audit.note = "Dihapus melalui aplikasi kalender";
      cancels = *link == LinkKind::LeaderEvent && isScheduled(*state);
    } else {
      if (isFinal(*state)) return;
      auto edit = readEventEdit(change.ical, config);
      if (!edit) return;
      if (edit->status == "CANCELLED") {
        if (*link != LinkKind::LeaderEvent || !isScheduled(*state)) return;
        cancels = true;
        audit.action = "calendar-cancel";
        audit.note = "Dibatalkan melalui aplikasi kalender";
      } else {
        // What the request would show as LOCATION, to tell a moved venue from the mapping's own text.
        auto files = requests.filesOf(request.id);
        auto expected = readEventEdit(eventForRequest(request, files, eventKindOf(*link), 0, config).ical, config);
        bool venueMoved = expected && edit->location != expected->location;
        if (edit->start == request.start && edit->end == request.end && !venueMoved) return;
        updated.start = edit->start;
        updated.end = edit->end;
        if (venueMoved) {
          updated.venue = edit->location;
          updated.address.clear();  // the client's LOCATION is the whole place now
        }
        audit.action = "calendar-edit";
        audit.note =
            "Diubah melalui aplikasi kalender: " + formatSpan(updated.start, updated.end, config.timezone, "id") +
            (venueMoved ? ", " + updated.venue : "");
      }
    }
    if (cancels) updated.state = std::string(stateCode(RequestState::Dibatalkan));
    audit.toState = updated.state;
    if (!requests.updateRequest(updated, audit)) continue;

    // The other events follow: a cancelled activity's events are kept as
    // CANCELLED, a moved one's are rewritten at the new time.
    auto stored = requests.findRequest(request.id);
    if (!stored) return;
    bool rewrite = cancels || audit.action == "calendar-edit";
    auto sync = syncCalendar(*calendar_, *stored, rewrite, ObjectRef{change.calendar.id, change.name});
    sql::AuditRow system = audit;
    recordCalendarSync(requests, sync, system);
    // The requester hears of a change made in a calendar as of one made on the staff page.
    if (!stored->email.empty() && rewrite)
      mailer_.enqueue(composeMail(cancels ? Notice::Cancelled : Notice::Rescheduled, *stored, config));
    return;
  }
  std::cerr << "jadwald: request for " << change.name << " kept changing; calendar change not followed\n";
}

}  // namespace jadwal::workflow
