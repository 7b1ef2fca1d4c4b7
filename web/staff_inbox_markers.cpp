// The inbox's markers of one page: conflicts, likely duplicates, near date
// (staff_inbox_markers.h). Bounded by the page: one duplicate query per row,
// one agenda read per row and leader, all expansions from one budget.

#include "web/staff_inbox_markers.h"

#include <algorithm>

#include "caldav/access.h"
#include "workflow/agenda.h"
#include "workflow/conflicts.h"
#include "workflow/request_state.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace {

// Other requests named per row, at most.
constexpr int kDuplicatesPerRow = 5;

}  // namespace

InboxMarkers inboxMarkers(StaffRequest& staff, const std::vector<sql::RequestRow>& rows, UserNames& names) {
  InboxMarkers markers;
  const std::string& zone = staff.web.requests.config().timezone;
  const sql::Instant now = staff.web.clock->now();
  const sql::Instant nearUntil = now + static_cast<sql::Instant>(staff.web.nearDateDays) * 86400;

  std::vector<sql::DuplicateProbe> probes;
  for (const auto& row : rows) {
    const auto day = workflow::dayStart(workflow::localDateOf(row.start, zone), zone);
    probes.push_back({row.id, row.whatsapp, row.email, row.letterNumber, day,
                      workflow::dayStart(workflow::nextDay(workflow::localDateOf(row.start, zone)), zone)});
  }
  // Only staff, who see every request: to a leader or an aide the other
  // request's number could name one addressed to someone else.
  if (isStaffRole(staff.user.role))
    markers.duplicates = staff.web.store.requests().likelyDuplicates(probes, kDuplicatesPerRow);

  caldav::TimeContext time = staff.web.time;
  time.defaultTzid = zone;
  caldav::ExpansionBudget budget;  // one for the page, as for one CalDAV report
  budget.stepsLeft = staff.web.maxAnswerSteps;
  std::map<std::string, bool> readable;  // by leader, asked once per page
  for (const auto& row : rows) {
    const auto state = workflow::parseState(row.state);
    if (!state || workflow::isFinal(*state)) continue;
    const bool pending = workflow::isPending(*state);
    if (pending && row.start >= now && row.start < nearUntil) markers.nearDate.insert(row.id);
    if (row.start < now) continue;  // past: nothing left to clash with
    std::vector<std::string> leaders = row.leadersAsked;
    if (!row.assignedLeader.empty() && std::find(leaders.begin(), leaders.end(), row.assignedLeader) == leaders.end())
      leaders.push_back(row.assignedLeader);
    const sql::Instant assumed = staff.web.requests.config().openEndAssumedSeconds();
    const sql::Instant end = row.end.value_or(row.start + assumed);
    for (const auto& leader : leaders) {
      auto known = readable.find(leader);
      if (known == readable.end()) known = readable.emplace(leader, mayReadAgenda(staff, leader)).first;
      if (!known->second) continue;
      const auto around = workflow::agendaAround(staff.web.store, time, budget, leader, row.start,
                                                 std::max(end, row.start + 1), row.start, row.end, assumed);
      markers.conflictsIncomplete = markers.conflictsIncomplete || around.incomplete;
      for (const auto& item : around.items) {
        // The request's own events are not conflicts with it; neither are
        // holds and cancelled events (only confirmed ones keep a leader busy).
        const bool own = item.objectName == row.eventObjectName || item.objectName == row.representativeObjectName;
        if (!item.overlaps || item.cancelled || item.tentative || own) continue;
        const std::string until = item.openEnd ? " " + tr(staff.language, "staf_conflict_open_end")
                                               : "–" + workflow::formatTime(item.end, zone, staff.language);
        markers.conflicts[row.id].push_back(workflow::formatTime(item.start, zone, staff.language) + until + " " +
                                            item.summary + " (" + names.display(leader) + ")");
      }
    }
  }
  return markers;
}

}  // namespace jadwal::web::staff
