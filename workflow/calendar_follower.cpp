#include "workflow/calendar_follower.h"

#include <Poco/Logger.h>

#include <algorithm>

#include "workflow/agenda_fields.h"
#include "workflow/audit_note.h"
#include "workflow/calendar_repair.h"
#include "workflow/event_mapping.h"
#include "workflow/request_state.h"
#include "workflow/request_validation.h"

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

// The user behind a calendar write, as the history names them.
struct Writer {
  std::optional<sql::User> user;
  std::string name = "Sistem";
  bool isStaff() const {
    return user && !user->disabled && (user->role == sql::Role::ProtocolStaff || user->role == sql::Role::Admin);
  }
};

Writer writerOf(sql::Store& store, std::optional<std::int64_t> actorId) {
  Writer writer;
  if (actorId) writer.user = store.findUserById(*actorId);
  if (writer.user) writer.name = writer.user->displayName.empty() ? writer.user->name : writer.user->displayName;
  return writer;
}

// Whether the writer answers for `leader`, as on the disposition form: the
// leader themself or an aide assigned to them.
bool speaksFor(sql::Store& store, const Writer& writer, const sql::User& leader) {
  if (!writer.user) return false;
  if (writer.user->id == leader.id) return true;
  if (writer.user->role != sql::Role::Aide) return false;
  const auto leaders = store.leadersOfAide(writer.user->id);
  return std::find(leaders.begin(), leaders.end(), leader.id) != leaders.end();
}

// What a client's write did to what the request shows.
struct ClientEdit {
  // Recurring: the event repeats, or an instance of it was overridden, so
  // the calendar shows other times than the request's one occurrence.
  // Details: only the agenda lines of the description (Pakaian, Ket.,
  // Narahubung, Publik) differ from the request's.
  enum class Kind { None, Moved, Cancelled, Deleted, Recurring, Details };
  Kind kind = Kind::None;
  sql::Instant start = 0;
  std::optional<sql::Instant> end;
  std::optional<std::string> location;     // the client's LOCATION, when the place moved
  std::optional<sql::RequestRow> details;  // the request with the client's agenda lines, when they differ
};

// The request with the agenda lines of a leader's event as a client left
// them, when they differ from the request's and keep its limits. A role
// that reads as the request's form choice stays that choice.
std::optional<sql::RequestRow> withClientDetails(const std::string& description, const sql::RequestRow& request) {
  const DescriptionFields fields = readDescriptionFields(description);
  AgendaDetails details;
  details.dressCode = fields.dressCode;
  details.leaderRole = fields.role == leaderRoleText(request.leaderRole) ? request.leaderRole : fields.role;
  details.contactPerson = fields.contact;
  details.published = fields.published;  // no "Publik:" line: as the calendar does by default
  sql::RequestRow updated = request;
  if (!checkAgendaDetails(details, updated).empty()) return std::nullopt;
  const bool same = updated.dressCode == request.dressCode && updated.leaderRole == request.leaderRole &&
                    updated.contactPerson == request.contactPerson && updated.published == request.published;
  if (same) return std::nullopt;
  return updated;
}

ClientEdit readClientEdit(const caldav::CalendarChange& change, const sql::RequestRow& request, LinkKind link,
                          sql::RequestStore& requests, const WorkflowConfig& config) {
  ClientEdit result;
  if (change.kind == caldav::CalendarChange::Kind::Delete) {
    result.kind = ClientEdit::Kind::Deleted;
    return result;
  }
  auto edit = readEventEdit(change.ical, config);
  if (!edit || edit->recurring) {
    // No master (overridden instances only) or a recurrence: never one occurrence.
    result.kind = ClientEdit::Kind::Recurring;
    return result;
  }
  if (edit->status == "CANCELLED") {
    result.kind = ClientEdit::Kind::Cancelled;
    return result;
  }
  // What the request would show as LOCATION, to tell a moved venue from the mapping's own text.
  auto expected =
      readEventEdit(eventForRequest(request, requests.filesOf(request.id), eventKindOf(link), 0, config).ical, config);
  const bool venueMoved = expected && edit->location != expected->location;
  if (link == LinkKind::LeaderEvent) result.details = withClientDetails(edit->description, request);
  if (edit->start == request.start && edit->end == request.end && !venueMoved) {
    if (result.details) result.kind = ClientEdit::Kind::Details;
    return result;
  }
  result.kind = ClientEdit::Kind::Moved;
  result.start = edit->start;
  result.end = edit->end;
  if (venueMoved) result.location = edit->location;
  return result;
}

// Requests read a page at a time while a calendar is deleted; at most
// kNamedInRefusal of those in progress are named to the client.
constexpr int kLinkPage = 200;
constexpr std::size_t kNamedInRefusal = 5;

// Clears every link of `request` into `calendarId`; whether there was one.
bool clearLinksInto(sql::RequestRow& request, std::int64_t calendarId) {
  bool cleared = false;
  for (const LinkKind link : {LinkKind::Hold, LinkKind::LeaderEvent, LinkKind::RepresentativeEvent}) {
    const std::int64_t linked = link == LinkKind::Hold          ? request.holdCalendarId
                                : link == LinkKind::LeaderEvent ? request.eventCalendarId
                                                                : request.representativeCalendarId;
    if (linked != calendarId) continue;
    clearLink(request, link);
    cleared = true;
  }
  return cleared;
}

bool inProgress(const sql::RequestRow& request) {
  const auto state = parseState(request.state);
  return !state || !isFinal(*state);  // an unknown state is not taken for finished
}

// At most `limit` bytes of `text`, cut on a UTF-8 character boundary.
std::string clipped(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

// What the writer tried, as values of the "calendar_restored" note: the
// attempt, and for a move the new time as instants and the place (clipped:
// a refused text is not copied whole).
void addAttempt(AuditNote& note, const ClientEdit& edit, const std::string& venue) {
  switch (edit.kind) {
    case ClientEdit::Kind::Deleted:
      note.values["attempt"] = "deleted";
      return;
    case ClientEdit::Kind::Cancelled:
      note.values["attempt"] = "cancelled";
      return;
    case ClientEdit::Kind::Recurring:
      note.values["attempt"] = "recurring";
      return;
    case ClientEdit::Kind::Moved:
    case ClientEdit::Kind::None:
    case ClientEdit::Kind::Details:  // staff's are followed, anyone else's kept: never put back
      break;
  }
  note.values["attempt"] = "moved";
  note.values["start"] = std::to_string(edit.start);
  if (edit.end) note.values["end"] = std::to_string(*edit.end);
  if (edit.location) note.values["venue"] = clipped(venue, limits::kVenue);
}

// Why a staff edit was refused, by the form's checks: a list of codes,
// with the venue's length and the limit it passed.
void addRefusal(AuditNote& note, const FieldErrors& errors, const std::string& venue) {
  std::vector<std::string> refused;
  auto add = [&](const std::string& code) { refused.push_back(code); };
  for (const auto& [field, message] : errors) {
    if (field == "tempat" && message == "too_long") {
      add("venue_too_long");
      note.values["venue_length"] = std::to_string(venue.size());
      note.values["venue_limit"] = std::to_string(limits::kVenue);
    } else if (field == "tempat") {
      add("venue_empty");
    } else if (field == "jam_selesai") {
      add("end_not_after_start");
    } else {
      add(field + ":" + message);  // shown as it is
    }
  }
  note.values["refused"] = joinedSteps(refused);
}

// Why an edit of this event is not followed into the request.
void addReason(AuditNote& note, LinkKind link, const Writer& writer, const ClientEdit& edit, const FieldErrors& errors,
               const std::string& venue) {
  std::string& reason = note.values["reason"];
  if (edit.kind == ClientEdit::Kind::Recurring && writer.isStaff()) {
    reason = "one_occurrence";
    return;
  }
  switch (link) {
    case LinkKind::Hold:
      reason = "hold";
      return;
    case LinkKind::RepresentativeEvent:
      reason = "representative_copy";
      return;
    case LinkKind::LeaderEvent:
      break;
  }
  if (!writer.isStaff()) {
    reason = "not_staff";
    return;
  }
  reason = "refused";
  addRefusal(note, errors, venue);
}

// The history's note for an edit put back (web/audit_text.cpp words it).
std::string restoreNote(LinkKind link, const Writer& writer, const ClientEdit& edit, const FieldErrors& errors,
                        const std::string& venue, bool cannotAttend) {
  AuditNote note{"calendar_restored", {}};
  addAttempt(note, edit, venue);
  addReason(note, link, writer, edit, errors, venue);
  if (cannotAttend) note.values["disposition"] = "tidak_hadir";
  return encodeAuditNote(note);
}

}  // namespace

CalendarFollower::CalendarFollower(std::shared_ptr<RequestCalendar> calendar, const Clock& clock, Mailer& mailer)
    : calendar_(std::move(calendar)), clock_(clock), mailer_(mailer) {}

void CalendarFollower::calendarChanged(const caldav::CalendarChange& change) {
  if (change.origin == caldav::WriteOrigin::Workflow) return;
  try {
    follow(change);
  } catch (const std::exception& e) {
    // A failure here must not undo or fail the client's write, which has committed.
    Poco::Logger::get("jadwal.workflow")
        .error("following calendar change " + change.calendar.ownerName + "/" + change.calendar.slug + "/" +
               change.name + ": " + e.what());
  } catch (...) {
    Poco::Logger::get("jadwal.workflow").error("following calendar change " + change.name + ": unknown error");
  }
}

std::optional<std::string> CalendarFollower::refuseCalendarRemoval(const sql::Calendar& calendar) {
  try {
    sql::RequestStore& requests = calendar_->store().requests();
    std::vector<std::int64_t> named;
    bool more = false;
    for (std::int64_t after = 0; !more;) {
      const auto page = requests.requestsLinkingCalendar(calendar.id, after, kLinkPage);
      for (const auto& request : page) {
        if (!inProgress(request)) continue;
        if (named.size() == kNamedInRefusal) {
          more = true;
          break;
        }
        named.push_back(request.id);
      }
      if (page.size() < static_cast<std::size_t>(kLinkPage)) break;
      after = page.back().id;
    }
    if (named.empty()) return std::nullopt;
    std::string numbers;
    for (const std::int64_t id : named) numbers += (numbers.empty() ? "" : ", ") + std::to_string(id);
    return "it holds events of requests still in progress (request " + numbers + (more ? " and more" : "") +
           "). Protocol staff must finish those requests, or move them to another calendar, first.";
  } catch (const std::exception& e) {
    // Unchecked is refused: a calendar deleted wrongly cannot be brought back.
    Poco::Logger::get("jadwal.workflow")
        .error("checking calendar " + calendar.ownerName + "/" + calendar.slug + " before its deletion: " + e.what());
    return std::string("the requests behind its events could not be checked; try again later.");
  }
}

void CalendarFollower::calendarRemoved(const sql::Calendar& calendar, std::optional<std::int64_t> actorId) {
  try {
    sql::RequestStore& requests = calendar_->store().requests();
    for (std::int64_t after = 0;;) {
      const auto page = requests.requestsLinkingCalendar(calendar.id, after, kLinkPage);
      for (const auto& request : page) forgetCalendar(calendar, request.id, actorId);
      if (page.size() < static_cast<std::size_t>(kLinkPage)) break;
      after = page.back().id;
    }
  } catch (const std::exception& e) {
    // Left marked out of step: the repair at the next start drops the links.
    Poco::Logger::get("jadwal.workflow")
        .error("following the deletion of calendar " + calendar.ownerName + "/" + calendar.slug + ": " + e.what());
  }
}

void CalendarFollower::forgetCalendar(const sql::Calendar& calendar, std::int64_t requestId,
                                      std::optional<std::int64_t> actorId) {
  sql::RequestStore& requests = calendar_->store().requests();
  const bool unfinished = requests.calendarStep(requestId) == sql::CalendarStep::RequestChanged;
  const Writer writer = writerOf(calendar_->store(), actorId);
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto found = requests.findRequest(requestId);
    if (!found) return;
    if (inProgress(*found)) {
      // Decided in progress while the calendar went: its events are written
      // again where they can be, as after a server was killed.
      Poco::Logger::get("jadwal.workflow")
          .warning("calendar " + calendar.ownerName + "/" + calendar.slug + " was deleted under request " +
                   std::to_string(requestId) + " in progress; repairing its events");
      repairRequestCalendar(*calendar_, requestId, clock_.now(), true);
      return;
    }
    sql::RequestRow updated = *found;
    if (!clearLinksInto(updated, calendar.id)) break;
    sql::AuditRow audit;
    audit.requestId = requestId;
    audit.at = clock_.now();
    audit.actorId = writer.user ? std::optional(writer.user->id) : std::nullopt;
    audit.actorName = writer.name;
    audit.fromState = audit.toState = found->state;
    audit.action = "calendar-unlink";
    audit.note = encodeAuditNote(
        {"calendar_deleted", {{"calendar", calendar.displayName.empty() ? calendar.slug : calendar.displayName}}});
    if (requests.recordCalendarLinks(updated, audit.at, !unfinished, audit)) break;
  }
  settle(requestId, unfinished);
}

void CalendarFollower::follow(const caldav::CalendarChange& change) {
  sql::RequestStore& requests = calendar_->store().requests();
  auto found = requests.findRequestByObject(change.calendar.id, change.name);
  if (!found) return;
  // The store marked the request in the client's own transaction
  // (EventChanged), unless an earlier change of the request had not reached
  // its events yet: a server killed mid-way, or a sync still running.
  const bool unfinished = requests.calendarStep(found->id) == sql::CalendarStep::RequestChanged;
  followChange(change, unfinished);
  settle(found->id, unfinished);
}

void CalendarFollower::settle(std::int64_t requestId, bool unfinished) {
  sql::RequestStore& requests = calendar_->store().requests();
  if (unfinished) {
    repairRequestCalendar(*calendar_, requestId, clock_.now(), true);
    return;
  }
  auto request = requests.findRequest(requestId);
  if (!request) return;
  switch (requests.calendarStep(requestId)) {
    case sql::CalendarStep::InStep:
      return;
    case sql::CalendarStep::EventChanged:
      // Followed, and nothing of the request moved. If it moved meanwhile,
      // whoever moved it brings the events in line.
      requests.clearEventChanged(requestId, request->version);
      return;
    case sql::CalendarStep::RequestChanged:
      repairRequestCalendar(*calendar_, requestId, clock_.now());
      return;
  }
}

void CalendarFollower::followChange(const caldav::CalendarChange& change, bool unfinished) {
  sql::Store& store = calendar_->store();
  sql::RequestStore& requests = store.requests();
  const WorkflowConfig& config = calendar_->config();
  const Writer writer = writerOf(store, change.actorId);
  bool dispositionGiven = false;

  // Compare-and-set against a concurrent decision: re-read and re-apply.
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto found = requests.findRequestByObject(change.calendar.id, change.name);
    if (!found) return;
    const sql::RequestRow request = *found;
    auto link = linkOf(request, change.calendar.id, change.name);
    auto state = parseState(request.state);
    if (!link || !state) return;

    sql::RequestRow updated = request;
    sql::AuditRow audit;
    audit.requestId = request.id;
    audit.at = clock_.now();
    audit.actorId = writer.user ? std::optional(writer.user->id) : std::nullopt;
    audit.actorName = writer.name;
    audit.fromState = audit.toState = request.state;

    // A finished request's events are a record the calendar's owner may
    // tidy away: the request stays as it is and forgets the event.
    if (isFinal(*state)) {
      if (change.kind != caldav::CalendarChange::Kind::Delete) return;
      clearLink(updated, *link);
      audit.action = "calendar-unlink";
      audit.note = encodeAuditNote({"event_deleted_after_the_end", {}});
      // Only the link changes: the request stays in step, unless it was not before.
      if (requests.recordCalendarLinks(updated, audit.at, !unfinished, audit)) return;
      continue;
    }

    const ClientEdit edit = readClientEdit(change, request, *link, requests, config);
    if (edit.kind == ClientEdit::Kind::None) return;
    // Staff's lines are followed below; anyone else's stay in their copy
    // until the request next writes its event.
    if (edit.kind == ClientEdit::Kind::Details && !writer.isStaff()) return;
    std::string venue;
    const FieldErrors errors = edit.kind == ClientEdit::Kind::Moved
                                   ? checkCalendarEdit(edit.start, edit.end, edit.location, venue)
                                   : FieldErrors{};

    // A recurrence is never followed, staff's neither: a request is one occurrence.
    if (*link == LinkKind::LeaderEvent && writer.isStaff() && errors.empty() &&
        edit.kind != ClientEdit::Kind::Recurring) {
      // Staff decide from the calendar as on the staff page, less the reason.
      const bool cancels = edit.kind == ClientEdit::Kind::Cancelled || edit.kind == ClientEdit::Kind::Deleted;
      const bool moved = edit.kind == ClientEdit::Kind::Moved;
      if (cancels) {
        updated.state = std::string(stateCode(RequestState::Cancelled));
        if (edit.kind == ClientEdit::Kind::Deleted) clearLink(updated, *link);
        audit.action = edit.kind == ClientEdit::Kind::Deleted ? "calendar-delete" : "calendar-cancel";
        audit.note = encodeAuditNote(
            {edit.kind == ClientEdit::Kind::Deleted ? "deleted_in_calendar" : "cancelled_in_calendar", {}});
      } else if (moved) {
        updated.start = edit.start;
        updated.end = edit.end;
        if (edit.location) {
          updated.venue = venue;
          updated.address.clear();  // the client's LOCATION is the whole place now
        }
        audit.action = "calendar-edit";
        // Instants, not a time in words: the reader's language and zone write them.
        AuditNote movedNote{"moved_in_calendar", {{"start", std::to_string(updated.start)}}};
        if (updated.end) movedNote.values.emplace("end", std::to_string(*updated.end));
        if (edit.location) movedNote.values.emplace("venue", updated.venue);
        audit.note = encodeAuditNote(movedNote);
      } else {
        audit.action = "calendar-edit";
        audit.note = agendaDetailsNote(edit.details->dressCode, edit.details->leaderRole, edit.details->contactPerson,
                                       edit.details->published);
      }
      if (edit.details) {
        updated.dressCode = edit.details->dressCode;
        updated.leaderRole = edit.details->leaderRole;
        updated.contactPerson = edit.details->contactPerson;
        updated.published = edit.details->published;
      }
      // As a decision without a note: an earlier note is no reason for this one.
      if (cancels || moved) updated.decisionNote.clear();
      audit.toState = updated.state;
      if (!requests.updateRequest(updated, audit)) continue;

      // The other events follow: a cancelled activity's events are kept as
      // CANCELLED, a moved one's are rewritten at the new time.
      auto stored = requests.findRequest(request.id);
      if (!stored) return;
      auto sync = syncCalendar(*calendar_, *stored, true, ObjectRef{change.calendar.id, change.name});
      const sql::RequestRow now = recordCalendarSync(*calendar_, sync, audit);
      // The requester hears of a change made in a calendar as of one made on the staff page.
      if (!now.email.empty() && (cancels || moved))
        mailer_.enqueue(composeMail(cancels ? Notice::Cancelled : Notice::Rescheduled, now, config,
                                    [&store](const std::string& name) {
                                      auto user = store.findUser(name);
                                      return user ? user->displayName : std::string();
                                    }));
      return;
    }

    // Not followed. A leader who drops the event from their calendar cannot
    // attend: staff hear of it as a disposition and decide.
    auto leader = store.findUser(request.assignedLeader);
    const bool dropped = edit.kind == ClientEdit::Kind::Deleted || edit.kind == ClientEdit::Kind::Cancelled;
    const bool cannotAttend =
        *link == LinkKind::LeaderEvent && dropped && !writer.isStaff() && leader && speaksFor(store, writer, *leader);
    if (cannotAttend && !dispositionGiven) {
      sql::DispositionRow disposition;
      disposition.requestId = request.id;
      disposition.leaderId = leader->id;
      disposition.choice = "tidak_hadir";
      disposition.note = dispositionNoteOfEdit(edit.kind == ClientEdit::Kind::Deleted);
      disposition.byUserId = writer.user->id;
      disposition.at = audit.at;
      sql::AuditRow given = audit;
      given.action = "disposition";
      given.note = encodeAuditNote({"disposition",
                                    {{"leader", leader->name},
                                     {"choice", disposition.choice},
                                     {"representative", ""},
                                     {"note", disposition.note}}});
      requests.setDisposition(disposition, given);
      dispositionGiven = true;
    }
    audit.action = "calendar-restore";
    audit.note = restoreNote(*link, writer, edit, errors, venue, cannotAttend);
    if (!requests.updateRequest(updated, audit)) continue;

    // The event shows the request again (a deleted one under its old name,
    // UID and a higher SEQUENCE), so the calendar and the request agree.
    auto stored = requests.findRequest(request.id);
    if (!stored) return;
    const std::string error =
        calendar_->write(change.calendar, change.name, *stored, eventKindOf(*link), false,
                         change.kind == caldav::CalendarChange::Kind::Delete ? change.ical : std::string());
    // Recorded even when all went well: it marks the events in step again.
    CalendarSync restored{*stored, false, {}, {}};
    if (!error.empty()) restored.errors.push_back(error);
    recordCalendarSync(*calendar_, restored, audit);
    return;
  }
  Poco::Logger::get("jadwal.workflow")
      .warning("request for " + change.name + " kept changing; calendar change not followed");
}

}  // namespace jadwal::workflow
