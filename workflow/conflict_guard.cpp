// The overlaps a decision is asked to confirm, read with the staff page's
// own agenda (conflicts.h), and the audit entry of a confirmed one.

#include "workflow/conflict_guard.h"

#include <charconv>

#include "workflow/audit_note.h"
#include "workflow/conflicts.h"

namespace jadwal::workflow {

namespace {

// One line per event: tabs and line breaks typed in a summary become spaces.
std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return text;
}

std::optional<sql::Instant> instantOf(std::string_view text) {
  sql::Instant value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string bookedUser(Action action, const sql::RequestRow& updated) {
  if (action == Action::Approve) return updated.assignedLeader;
  // The official standing in gets the event on their own agenda.
  if (action == Action::Represent) return updated.representativeUser;
  if (action != Action::Reschedule) return {};
  if (updated.state == stateCode(RequestState::Represented)) return updated.representativeUser;
  return updated.assignedLeader;
}

std::vector<ConflictingEvent> confirmedOverlaps(sql::Store& store, caldav::TimeContext time,
                                                const WorkflowConfig& config, const sql::RequestRow& request,
                                                const std::string& user) {
  std::vector<ConflictingEvent> conflicts;
  if (user.empty()) return conflicts;
  const sql::Instant assumed = config.openEndAssumedSeconds();
  const sql::Instant end = request.end.value_or(request.start + assumed);
  time.defaultTzid = config.timezone;
  // One leader over a few hours: each expansion keeps its own bounds, and
  // all of them together one expansion's steps.
  caldav::ExpansionBudget budget;
  budget.stepsLeft = time.maxSteps;
  const AgendaAround around = agendaAround(store, time, budget, user, request.start, std::max(end, request.start + 1),
                                           request.start, request.end, assumed);
  for (const AgendaItem& item : around.items) {
    const bool own =
        (!request.eventObjectName.empty() && item.objectName == request.eventObjectName) ||
        (!request.representativeObjectName.empty() && item.objectName == request.representativeObjectName) ||
        (!request.holdObjectName.empty() && item.objectName == request.holdObjectName);
    if (!item.overlaps || own || item.tentative || item.cancelled) continue;
    ConflictingEvent event;
    event.leader = item.calendarOwner;
    event.summary = item.summary;
    event.start = item.start;
    event.end = item.end;
    event.openEnd = item.openEnd;
    event.etag = item.etag;
    conflicts.push_back(std::move(event));
  }
  return conflicts;
}

Outcome needsConfirmation(std::vector<ConflictingEvent> conflicts) {
  Outcome outcome;
  outcome.status = Outcome::Status::NeedsConfirmation;
  outcome.message = "conflicts_to_confirm";
  outcome.conflicts = std::move(conflicts);
  return outcome;
}

std::string overlapsValue(sql::Store& store, const std::vector<ConflictingEvent>& conflicts) {
  std::vector<std::string> lines;
  for (const ConflictingEvent& event : conflicts) {
    const auto user = store.findUser(event.leader);
    const std::string leader = user && !user->displayName.empty() ? user->displayName : event.leader;
    lines.push_back(std::to_string(event.start) + "\t" + std::to_string(event.end) + "\t" +
                    (event.openEnd ? "1" : "0") + "\t" + oneLine(leader) + "\t" + oneLine(event.summary));
  }
  return joinedSteps(lines);
}

std::vector<ConflictingEvent> overlapsOfValue(const std::string& value) {
  std::vector<ConflictingEvent> events;
  for (const std::string& line : splitSteps(value)) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    for (int i = 0; i < 4; ++i) {
      const auto tab = line.find('\t', at);
      if (tab == std::string::npos) break;
      parts.push_back(line.substr(at, tab - at));
      at = tab + 1;
    }
    if (parts.size() != 4) continue;
    const auto start = instantOf(parts[0]);
    const auto end = instantOf(parts[1]);
    if (!start || !end) continue;
    events.push_back({parts[3], line.substr(at), *start, *end, parts[2] == "1", {}});
  }
  return events;
}

void recordConfirmedOverlaps(sql::Store& store, const sql::RequestRow& stored, sql::AuditRow audit,
                             const std::vector<ConflictingEvent>& conflicts) {
  if (conflicts.empty()) return;
  auto& requests = store.requests();
  audit.requestId = stored.id;
  audit.action = "conflicts-confirmed";
  audit.fromState = audit.toState = stored.state;
  audit.note = encodeAuditNote(
      {"conflicts_confirmed", {{"events", overlapsValue(store, conflicts)}, {"leader", conflicts.front().leader}}});
  // The request's links are written as they are, only to append the entry
  // with a version check; a change in between is read again once.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const auto current = attempt == 0 ? std::optional<sql::RequestRow>(stored) : requests.findRequest(stored.id);
    if (!current) return;
    const bool inStep = requests.calendarStep(current->id) == sql::CalendarStep::InStep;
    if (requests.recordCalendarLinks(*current, audit.at, inStep, audit)) return;
  }
}

std::string withConfirmedOverlaps(sql::Store& store, const std::string& note,
                                  const std::vector<ConflictingEvent>& conflicts) {
  auto decoded = decodeAuditNote("disposition", note);
  if (!decoded) return note;
  decoded->values["conflicts"] = overlapsValue(store, conflicts);
  return encodeAuditNote(*decoded);
}

}  // namespace jadwal::workflow
