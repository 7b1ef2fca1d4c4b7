// The leaders' agenda read from their calendars: who may see which leader
// and calendar, the instances within the bounds of a CalDAV report, and
// what a conditional GET needs to tell a changed answer from the same one.

#include "workflow/agenda.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <tuple>

#include "caldav/access.h"
#include "sql/request_store.h"
#include "workflow/agenda_fields.h"

namespace jadwal::workflow {

namespace {

std::string inCapitals(std::string text) {
  // ASCII only: bytes of UTF-8 sequences are left as they are.
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string displayNameOf(const sql::User& user) { return user.displayName.empty() ? user.name : user.displayName; }

// The leaders the query asks for, in the configured order, then by display name.
std::vector<sql::User> leadersInOrder(sql::Store& store, const AgendaConfig& config, const std::string& only) {
  std::vector<sql::User> leaders;
  for (sql::User& user : store.listUsers()) {
    if (user.role != sql::Role::Leader || user.disabled) continue;
    if (!only.empty() && user.name != only) continue;
    leaders.push_back(std::move(user));
  }
  const auto rank = [&](const sql::User& user) {
    const auto found = std::find(config.leaderOrder.begin(), config.leaderOrder.end(), user.name);
    return static_cast<std::size_t>(found - config.leaderOrder.begin());
  };
  std::sort(leaders.begin(), leaders.end(), [&](const sql::User& a, const sql::User& b) {
    return std::make_tuple(rank(a), displayNameOf(a), a.name) < std::make_tuple(rank(b), displayNameOf(b), b.name);
  });
  return leaders;
}

// Whether a reader sees a leader even with no calendar to read: those who
// may read every leader's calendars, and the leader themselves.
bool seesEveryLeader(const caldav::Principal& reader) {
  return reader.role == sql::Role::Admin || reader.role == sql::Role::ProtocolStaff;
}

std::string quotedHash(const std::string& text) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     nullptr, 0);
  std::array<char, 2 * 16 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return "\"" + std::string(hex.data()) + "\"";
}

// Everything the answer depends on besides the objects themselves, whose
// changes the calendars' sync sequences count.
std::string stateOfQuery(const AgendaConfig& config, const std::optional<caldav::Principal>& reader,
                         const AgendaQuery& query) {
  std::string state = "agenda/1 " + std::to_string(query.from) + " " + std::to_string(query.to) + " [" + query.leader +
                      "] " + (query.includeTentative ? "t" : "-") + (query.publicOnly ? "p" : "-");
  state += reader ? " reader" : " public";
  state += " r:" + config.region + " s:" + config.signature;
  for (const std::string& name : config.leaderOrder) state += " o:" + name;
  for (const std::string& name : config.publicCalendars) state += " p:" + name;
  return state;
}

// The calendar named "OWNER/SLUG", if there is one.
std::optional<sql::Calendar> calendarNamed(sql::Store& store, const std::string& path) {
  const auto slash = path.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == path.size()) return std::nullopt;
  return store.findCalendar(path.substr(0, slash), path.substr(slash + 1));
}

// The entries the agenda lists of one stored event in the query's range:
// not cancelled, tentative only when asked for. The leader is left to the caller.
std::vector<AgendaEntry> entriesOf(const sql::StoredObject& object, const std::string& calendarPath, bool byDefault,
                                   const AgendaQuery& q, const caldav::TimeContext& bounded,
                                   const caldav::ExpansionBudget& budget, Agenda& agenda) {
  std::vector<AgendaEntry> entries;
  agenda.lastModified = std::max(agenda.lastModified, object.modifiedAt);
  // Once the budget is spent a recurring event yields nothing: not worth parsing.
  if (budget.exhausted && object.recurring) {
    agenda.incomplete = true;
    return entries;
  }
  caldav::IcalComponent parsed;
  try {
    parsed = caldav::parseStored(object.ical);
  } catch (const caldav::IcalError&) {
    return entries;  // validated when written; one unreadable object must not hide the rest
  }
  for (const caldav::Instance& instance : caldav::instancesOverlapping(parsed.get(), "VEVENT", q.from, q.to, bounded)) {
    const std::string status = instance.source.status();
    if (status == "CANCELLED" || (status == "TENTATIVE" && !q.includeTentative)) continue;
    AgendaEntry entry = entryOf(instance, byDefault);
    entry.calendarPath = calendarPath;
    entry.objectName = object.name;
    entry.modifiedAt = object.modifiedAt;
    entries.push_back(std::move(entry));
  }
  return entries;
}

// The holds of pending requests, each under the leaders of the plan (those
// the reader sees) that its request asks for: tentative, never public, the
// activity without the hold's "[Permohonan] " prefix.
void addHolds(sql::Store& store, const sql::Calendar& holdCalendar, const AgendaQuery& q,
              const caldav::TimeContext& bounded, const caldav::ExpansionBudget& budget, Agenda& agenda) {
  constexpr std::string_view kHoldPrefix = "[Permohonan] ";
  const std::string calendarPath = holdCalendar.ownerName + "/" + holdCalendar.slug;
  for (const sql::StoredObject& object : store.objectsOverlapping(holdCalendar.id, "VEVENT", q.from, q.to)) {
    const auto request = store.requests().findRequestByObject(holdCalendar.id, object.name);
    // Other events staff keep there, and a request's own event, are no holds.
    if (!request || request->holdCalendarId != holdCalendar.id || request->holdObjectName != object.name) continue;
    for (AgendaEntry& entry : entriesOf(object, calendarPath, false, q, bounded, budget, agenda)) {
      if (entry.activity.starts_with(kHoldPrefix)) entry.activity.erase(0, kHoldPrefix.size());
      entry.tentative = true;
      entry.published = false;
      for (LeaderAgenda& leader : agenda.leaders) {
        if (std::find(request->leadersAsked.begin(), request->leadersAsked.end(), leader.userName) ==
            request->leadersAsked.end())
          continue;
        entry.leader = leader.userName;
        leader.entries.push_back(entry);
      }
    }
  }
}

bool byStartEndActivity(const AgendaEntry& a, const AgendaEntry& b) {
  return std::tie(a.start, a.end, a.activity, a.calendarPath, a.objectName) <
         std::tie(b.start, b.end, b.activity, b.calendarPath, b.objectName);
}

}  // namespace

std::string agendaTitleOf(const sql::User& leader) { return inCapitals(displayNameOf(leader)); }

bool publishedByDefault(const AgendaConfig& config, const sql::Calendar& calendar, sql::Role ownerRole) {
  const std::string path = calendar.ownerName + "/" + calendar.slug;
  for (const std::string& name : config.publicCalendars) {
    if (name == "leaders" && ownerRole == sql::Role::Leader && calendar.slug == "agenda") return true;
    if (name == path) return true;
  }
  return false;
}

AgendaPlan planAgenda(sql::Store& store, const AgendaConfig& config, const std::optional<caldav::Principal>& reader,
                      const AgendaQuery& query) {
  AgendaPlan plan;
  plan.query = query;
  // The public sees published entries only, whatever the query says.
  plan.query.publicOnly = query.publicOnly || !reader;
  const AgendaQuery& q = plan.query;
  std::string state = stateOfQuery(config, reader, q);
  if (q.from >= q.to) {
    plan.etag = quotedHash(state);
    return plan;
  }
  for (sql::User& leader : leadersInOrder(store, config, q.leader)) {
    AgendaPlan::LeaderCalendars planned;
    bool visible = !reader || seesEveryLeader(*reader) || reader->id == leader.id;
    for (sql::Calendar& calendar : store.calendarsOwnedBy(leader.id)) {
      if (reader && !caldav::canRead(caldav::calendarAccess(store, *reader, calendar))) continue;
      visible = true;
      state += " c:" + std::to_string(calendar.id) + ":" + std::to_string(calendar.syncSeq);
      planned.calendars.push_back(std::move(calendar));
    }
    if (!visible) continue;
    state += " l:" + leader.name + ":" + agendaTitleOf(leader);
    planned.leader = std::move(leader);
    plan.leaders.push_back(std::move(planned));
  }
  // Holds are never public, and only for readers who may read their calendar.
  if (q.includeTentative && !q.publicOnly && reader && !plan.leaders.empty()) {
    auto hold = calendarNamed(store, config.holdCalendar);
    if (hold && caldav::canRead(caldav::calendarAccess(store, *reader, *hold))) {
      state += " h:" + std::to_string(hold->id) + ":" + std::to_string(hold->syncSeq);
      plan.holdCalendar = std::move(hold);
    }
  }
  plan.etag = quotedHash(state);
  return plan;
}

Agenda readPlannedAgenda(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                         const AgendaConfig& config, const AgendaPlan& plan) {
  Agenda agenda;
  agenda.query = plan.query;
  agenda.etag = plan.etag;
  const AgendaQuery& q = agenda.query;
  caldav::TimeContext bounded = time;
  bounded.budget = &budget;
  budget.cutShort = false;  // this answer's, whatever an earlier one spent

  for (const AgendaPlan::LeaderCalendars& planned : plan.leaders) {
    const sql::User& leader = planned.leader;
    LeaderAgenda leaderAgenda;
    leaderAgenda.userName = leader.name;
    leaderAgenda.title = agendaTitleOf(leader);
    for (const sql::Calendar& calendar : planned.calendars) {
      const bool byDefault = publishedByDefault(config, calendar, leader.role);
      const std::string calendarPath = calendar.ownerName + "/" + calendar.slug;
      for (const sql::StoredObject& object : store.objectsOverlapping(calendar.id, "VEVENT", q.from, q.to)) {
        for (AgendaEntry& entry : entriesOf(object, calendarPath, byDefault, q, bounded, budget, agenda)) {
          if (q.publicOnly && !entry.published) continue;
          entry.leader = leader.name;
          leaderAgenda.entries.push_back(std::move(entry));
        }
      }
    }
    agenda.leaders.push_back(std::move(leaderAgenda));
  }
  if (plan.holdCalendar) addHolds(store, *plan.holdCalendar, q, bounded, budget, agenda);
  for (LeaderAgenda& leaderAgenda : agenda.leaders)
    std::sort(leaderAgenda.entries.begin(), leaderAgenda.entries.end(), byStartEndActivity);
  agenda.incomplete = agenda.incomplete || budget.cutShort;
  return agenda;
}

Agenda readAgenda(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                  const AgendaConfig& config, const std::optional<caldav::Principal>& reader,
                  const AgendaQuery& query) {
  return readPlannedAgenda(store, time, budget, config, planAgenda(store, config, reader, query));
}

}  // namespace jadwal::workflow
