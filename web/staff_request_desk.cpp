// The decisions at the top of a request page and the event's WhatsApp text
// (staff_request_desk.h).

#include "web/staff_request_desk.h"

#include <array>

#include "workflow/agenda.h"
#include "workflow/agenda_text.h"
#include "workflow/request_state.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;
using workflow::Action;

namespace {

// The decisions offered at the top, in the order staff take them, each with
// an access key (the form's first letter in Indonesian where it is free).
struct QuickDecision {
  Action action;
  const char* accessKey;
  bool danger;
};
constexpr std::array kQuick = {QuickDecision{Action::Approve, "s", false}, QuickDecision{Action::Represent, "w", false},
                               QuickDecision{Action::Return, "k", false}, QuickDecision{Action::Reject, "t", true}};

}  // namespace

std::string openedDecision(const StaffRequest& staff) {
  const std::string asked = staff.request.queryValue("aksi");
  for (const auto& quick : kQuick)
    if (asked == workflow::actionCode(quick.action)) return asked;
  return {};
}

mustache::data deskDecisions(StaffRequest& staff, const sql::RequestRow& row, const mustache::data& conflicts) {
  mustache::data desk;
  const bool verify = staff.web.requests.actionOpen(row, Action::Verify);
  desk.set("verify", verify);
  mustache::data links{mustache::data::type::list};
  for (const auto& quick : kQuick) {
    if (!staff.web.requests.actionOpen(row, quick.action) && !staff.web.requests.openVerifyingFirst(row, quick.action))
      continue;
    const std::string code(workflow::actionCode(quick.action));
    mustache::data link;
    link.set("aksi", code);
    link.set("href", "/staf/permohonan/" + std::to_string(row.id) + "?aksi=" + code);
    link.set("label", tr(staff.language, "staf_action_" + code));
    link.set("key", std::string(quick.accessKey));
    link.set("danger", quick.danger);
    link.set("primary", quick.action == Action::Approve);
    links.push_back(link);
  }
  if (!verify && links.is_empty_list()) return mustache::data(false);
  desk.set("links", links);
  desk.set("conflicts", conflicts);
  desk.set("noConflicts", conflicts.is_empty_list());
  return desk;
}

std::string eventAgendaText(StaffRequest& staff, const sql::RequestRow& row) {
  const auto state = workflow::parseState(row.state);
  if (!state || !workflow::isScheduled(*state)) return {};
  const auto& config = staff.web.requests.config();
  const std::string& zone = config.timezone;
  // The leader's event, else (a representative's only) the representative's.
  std::string leader = row.assignedLeader, object = row.eventObjectName;
  if (object.empty()) {
    leader = row.representativeUser;
    object = row.representativeObjectName;
  }
  if (leader.empty() || object.empty()) return {};
  const auto day = workflow::localDateOf(row.start, zone);
  workflow::AgendaQuery query;
  query.from = workflow::dayStart(day, zone);
  query.to = workflow::dayStart(workflow::nextDay(day), zone);
  query.leader = leader;
  caldav::ExpansionBudget budget;
  budget.stepsLeft = staff.web.maxAnswerSteps;
  caldav::TimeContext time = staff.web.time;
  time.defaultTzid = zone;
  time.budget = &budget;
  workflow::Agenda agenda = workflow::readAgenda(staff.web.store, time, budget, staff.web.agenda, staff.user, query);
  // Only this event: the day's other entries are not this request's news.
  for (auto& leaderAgenda : agenda.leaders) {
    std::erase_if(leaderAgenda.entries, [&](const workflow::AgendaEntry& entry) { return entry.objectName != object; });
  }
  std::erase_if(agenda.leaders, [](const workflow::LeaderAgenda& one) { return one.entries.empty(); });
  if (agenda.leaders.empty()) return {};
  agenda.incomplete = false;  // one event read whole: nothing of it is missing
  return workflow::whatsappText(agenda, staff.web.agenda, config.officeName, zone);
}

}  // namespace jadwal::web::staff
