#include "workflow/recap.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <utility>

#include "workflow/representative.h"
#include "workflow/request_state.h"

namespace jadwal::workflow {

namespace {

// The audit actions that decide a request: the first of them ends the wait.
const std::vector<std::string> kDecisionActions = {std::string(actionCode(Action::Approve)),
                                                   std::string(actionCode(Action::Represent)),
                                                   std::string(actionCode(Action::Reject))};

// Where a request ended (RecapCounts): held and not held are counted
// beside the decision they followed, never instead of it.
void countOutcome(RecapCounts& counts, const sql::RequestRow& row) {
  const auto parsed = parseState(row.state);
  if (!parsed) {
    ++counts.pending;  // an unknown code still waits for someone
    return;
  }
  switch (*parsed) {
    case RequestState::Submitted:
    case RequestState::Verified:
    case RequestState::Returned:
      ++counts.pending;
      break;
    case RequestState::Approved:
      ++counts.approved;
      break;
    case RequestState::Represented:
      ++counts.represented;
      break;
    case RequestState::Rejected:
      ++counts.rejected;
      break;
    case RequestState::Withdrawn:
      ++counts.withdrawn;
      break;
    case RequestState::Cancelled:
      ++counts.cancelled;
      break;
    case RequestState::Held:
    case RequestState::NotHeld:
      ++(isRepresented(row) ? counts.represented : counts.approved);
      ++(*parsed == RequestState::Held ? counts.held : counts.notHeld);
      break;
  }
}

void countRequest(RecapCounts& counts, const sql::RequestRow& row) {
  ++counts.received;
  countOutcome(counts, row);
}

DecisionTimes decisionTimesOf(const std::vector<double>& hours) {
  DecisionTimes times;
  times.decided = static_cast<std::int64_t>(hours.size());
  times.medianHours = percentileOf(hours, 0.5);
  times.p90Hours = percentileOf(hours, 0.9);
  return times;
}

// Spaces trimmed and runs of them made one: "Dinas  Pendidikan " is
// "Dinas Pendidikan".
std::string collapsedSpaces(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whose requests the reader sees: nullopt for all (protocol staff and
// admins), else the leaders' user names (a leader: themself; an aide:
// their leaders; anyone else: none).
std::optional<std::set<std::string>> scopeOf(sql::Store& store, const caldav::Principal& reader) {
  if (reader.role == sql::Role::Admin || reader.role == sql::Role::ProtocolStaff) return std::nullopt;
  std::set<std::string> leaders;
  if (reader.role == sql::Role::Leader) leaders.insert(reader.name);
  if (reader.role == sql::Role::Aide) {
    for (const auto leaderId : store.leadersOfAide(reader.id)) {
      if (auto leader = store.findUserById(leaderId)) leaders.insert(leader->name);
    }
  }
  return leaders;
}

// The requests of [from, to) the reader sees, oldest first; `truncated`
// when there were more than `limit` (the newest `limit` are kept).
std::vector<sql::RequestRow> periodRequests(sql::RequestStore& requests,
                                            const std::optional<std::set<std::string>>& scope, sql::Instant from,
                                            sql::Instant to, int limit, bool& truncated) {
  sql::RequestQuery query;
  query.createdFrom = from;
  query.createdTo = to;
  query.limit = limit + 1;
  std::map<std::int64_t, sql::RequestRow> byId;
  if (!scope) {
    for (auto& row : requests.listRequests(query)) byId.emplace(row.id, std::move(row));
  } else {
    for (const std::string& leader : *scope) {
      query.leader = leader;
      for (auto& row : requests.listRequests(query)) byId.emplace(row.id, std::move(row));
    }
  }
  std::vector<sql::RequestRow> rows;
  for (auto& [id, row] : byId) rows.push_back(std::move(row));
  std::sort(rows.begin(), rows.end(), [](const sql::RequestRow& a, const sql::RequestRow& b) {
    return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
  });
  truncated = rows.size() > static_cast<std::size_t>(limit);
  if (truncated) rows.erase(rows.begin(), rows.end() - limit);
  return rows;
}

bool concerns(const sql::RequestRow& row, const std::string& leader) {
  return row.assignedLeader == leader ||
         std::find(row.leadersAsked.begin(), row.leadersAsked.end(), leader) != row.leadersAsked.end();
}

// The leader a request's decision is for: the one assigned, else the first asked.
std::string leaderOf(const sql::RequestRow& row) {
  if (!row.assignedLeader.empty()) return row.assignedLeader;
  return row.leadersAsked.empty() ? std::string() : row.leadersAsked.front();
}

class DisplayNames {
 public:
  explicit DisplayNames(sql::Store& store) : store_(store) {}
  std::string of(const std::string& name) {
    if (name.empty()) return name;
    auto found = names_.find(name);
    if (found != names_.end()) return found->second;
    const auto user = store_.findUser(name);
    const std::string shown = user && !user->displayName.empty() ? user->displayName : name;
    names_.emplace(name, shown);
    return shown;
  }

 private:
  sql::Store& store_;
  std::map<std::string, std::string> names_;
};

// The objects requests wrote whose activity starts within [from, to): an
// agenda entry that is one of them came from a request. The calendar
// follower keeps a request's time in step with its event, so the event of
// an entry in the period belongs to a request starting in it.
std::set<std::pair<std::int64_t, std::string>> requestObjects(sql::RequestStore& requests, sql::Instant from,
                                                              sql::Instant to, int limit, bool& truncated) {
  sql::RequestQuery query;
  query.from = from;
  query.to = to;
  query.limit = limit + 1;
  std::set<std::pair<std::int64_t, std::string>> objects;
  const auto rows = requests.listRequests(query);
  truncated = rows.size() > static_cast<std::size_t>(limit);
  for (const auto& row : rows) {
    if (row.eventCalendarId != 0) objects.emplace(row.eventCalendarId, row.eventObjectName);
    if (row.representativeCalendarId != 0) objects.emplace(row.representativeCalendarId, row.representativeObjectName);
  }
  return objects;
}

}  // namespace

std::optional<double> percentileOf(std::vector<double> values, double fraction) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double position = std::clamp(fraction, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const auto upper = static_cast<std::size_t>(std::ceil(position));
  return values[lower] + (position - static_cast<double>(lower)) * (values[upper] - values[lower]);
}

sql::Instant periodStart(const RecapPeriod& period, const std::string& timezone) {
  return dayStart(LocalDate{period.year, period.month == 0 ? 1 : period.month, 1}, timezone);
}

sql::Instant periodEnd(const RecapPeriod& period, const std::string& timezone) {
  if (period.month == 0 || period.month == 12) return dayStart(LocalDate{period.year + 1, 1, 1}, timezone);
  return dayStart(LocalDate{period.year, period.month + 1, 1}, timezone);
}

Recap readRecap(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                const AgendaConfig& config, const caldav::Principal& reader, const RecapPeriod& period) {
  const std::string& zone = time.defaultTzid;
  Recap recap;
  recap.period = period;
  recap.from = periodStart(period, zone);
  recap.to = periodEnd(period, zone);
  const auto scope = scopeOf(store, reader);
  sql::RequestStore& requests = store.requests();
  const int limit = std::max(1, config.maxRecapRequests);

  // --- the requests of the period ---
  const std::vector<sql::RequestRow> rows =
      periodRequests(requests, scope, recap.from, recap.to, limit, recap.requestsIncomplete);
  std::vector<std::int64_t> ids;
  for (const auto& row : rows) ids.push_back(row.id);
  const auto decided = requests.firstAuditTimes(ids, kDecisionActions);
  DisplayNames names(store);

  if (period.month == 0) {
    for (int month = 1; month <= 12; ++month) recap.months.push_back({RecapPeriod{period.year, month}, {}});
  } else {
    recap.months.push_back({period, {}});
  }
  std::vector<double> allHours;
  std::map<std::string, std::string> institutionShown;  // folded -> as first typed
  for (const auto& row : rows) {
    RecapRequest item;
    item.request = row;
    // The tracking code is the requester's key: only staff see it (as in the inbox).
    if (scope) item.request.code.clear();
    if (const auto found = decided.find(row.id); found != decided.end()) {
      item.decidedAt = found->second;
      allHours.push_back(static_cast<double>(found->second - row.createdAt) / 3600.0);
    }
    item.leaderDisplayName = names.of(leaderOf(row));
    item.representedBy =
        !row.representativeUser.empty() ? names.of(row.representativeUser) : collapsedSpaces(row.representativeName);

    countRequest(recap.total, row);
    const std::string institution = collapsedSpaces(row.institution);
    const auto shown = institutionShown.emplace(lowerAscii(institution), institution).first->second;
    countRequest(recap.byInstitution[shown], row);
    countRequest(recap.byLetterType[row.letterType.empty() ? "lainnya" : row.letterType], row);
    const LocalDate submitted = localDateOf(row.createdAt, zone);
    const std::size_t month = period.month == 0 ? static_cast<std::size_t>(submitted.month - 1) : 0;
    if (month < recap.months.size()) countRequest(recap.months[month].counts, row);
    recap.requests.push_back(std::move(item));
  }
  recap.decisionTimes = decisionTimesOf(allHours);

  // --- the leaders: those whose calendars the reader reads, within scope ---
  AgendaQuery query;
  query.from = recap.from;
  query.to = recap.to;
  AgendaPlan plan = planAgenda(store, config, reader, query);
  std::erase_if(plan.leaders, [&](const AgendaPlan::LeaderCalendars& planned) {
    return planned.leader.role != sql::Role::Leader || (scope && !scope->contains(planned.leader.name));
  });
  std::vector<std::string> order;
  for (const auto& planned : plan.leaders) {
    order.push_back(planned.leader.name);
    recap.leaders.push_back(LeaderRecap{planned.leader.name, names.of(planned.leader.name), {}, {}, {}, 0, 0, {}});
  }
  // Leaders the requests name who have no agenda to read (disabled, or gone)
  // still get their line, after the others.
  std::vector<LeaderRecap> others;
  std::set<std::string> seen(order.begin(), order.end());
  for (const auto& row : rows) {
    std::vector<std::string> named = row.leadersAsked;
    if (!row.assignedLeader.empty()) named.push_back(row.assignedLeader);
    for (const auto& leader : named) {
      if (leader.empty() || (scope && !scope->contains(leader)) || !seen.insert(leader).second) continue;
      others.push_back(LeaderRecap{leader, names.of(leader), {}, {}, {}, 0, 0, {}});
    }
  }
  std::sort(others.begin(), others.end(),
            [](const LeaderRecap& a, const LeaderRecap& b) { return a.displayName < b.displayName; });
  for (auto& other : others) recap.leaders.push_back(std::move(other));

  for (LeaderRecap& leader : recap.leaders) {
    std::vector<double> hours;
    for (const RecapRequest& item : recap.requests) {
      const sql::RequestRow& row = item.request;
      if (!concerns(row, leader.userName)) continue;
      ++leader.counts.received;
      // A request asked of several leaders and decided for one of them is
      // that leader's outcome; the others only received it.
      if (!row.assignedLeader.empty() && row.assignedLeader != leader.userName) continue;
      countOutcome(leader.counts, row);
      if (item.decidedAt) hours.push_back(static_cast<double>(*item.decidedAt - row.createdAt) / 3600.0);
      if (!item.representedBy.empty() && leaderOf(row) == leader.userName) ++leader.representedBy[item.representedBy];
    }
    leader.decisionTimes = decisionTimesOf(hours);
  }

  // --- the agenda of the period ---
  std::map<std::string, std::int64_t> calendarIds;  // "owner/slug" -> id
  for (const auto& planned : plan.leaders) {
    for (const auto& calendar : planned.calendars) calendarIds[calendar.ownerName + "/" + calendar.slug] = calendar.id;
  }
  // Past the bound some events made from requests would count as entered
  // directly: the agenda part then says it is incomplete.
  bool objectsTruncated = false;
  const auto fromRequests = requestObjects(requests, recap.from, recap.to, limit, objectsTruncated);
  const Agenda agenda = readPlannedAgenda(store, time, budget, config, plan);
  recap.agendaIncomplete = agenda.incomplete || objectsTruncated;
  for (const LeaderAgenda& leaderAgenda : agenda.leaders) {
    auto leader = std::find_if(recap.leaders.begin(), recap.leaders.end(),
                               [&](const LeaderRecap& l) { return l.userName == leaderAgenda.userName; });
    if (leader == recap.leaders.end()) continue;
    for (const AgendaEntry& entry : leaderAgenda.entries) {
      // An event that began before the period and runs into it belongs to the earlier one.
      if (entry.start < recap.from || entry.start >= recap.to) continue;
      const auto calendar = calendarIds.find(entry.calendarPath);
      const bool fromRequest =
          calendar != calendarIds.end() && fromRequests.contains({calendar->second, entry.objectName});
      if (fromRequest) {
        ++leader->eventsFromRequests;
      } else {
        ++leader->eventsDirect;
        // A representation typed into a client's event counts as one decided on a request does.
        if (!entry.representedBy.empty()) ++leader->representedBy[collapsedSpaces(entry.representedBy)];
      }
      leader->agenda.push_back(RecapAgendaLine{entry, fromRequest});
    }
  }
  return recap;
}

}  // namespace jadwal::workflow
