// GET /staf for leaders, aides and viewers: their first screen. The agenda
// of today and the next days ([agenda] home_days) of the leaders whose
// calendars the user may read, from every source (read as /staf/agenda
// reads it: requests, Thunderbird, phones), each event with its letter one
// tap away; then, for leaders and aides, the requests waiting for the
// leader's disposition ([agenda] home_requests at most), each with its three
// answers on top. Viewers get the agenda only: nothing they could not use.

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "web/agenda_request.h"
#include "web/staff_views.h"
#include "workflow/agenda_text.h"
#include "workflow/request_state.h"
#include "workflow/request_validation.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;

namespace {

// A request's letter as a link, when `actor` may open it: the newest
// revised letter, else the letter; "" otherwise.
std::string letterLink(WebContext& web, const workflow::Actor& actor, std::int64_t requestId) {
  std::optional<sql::FileRow> letter;
  for (const sql::FileRow& file : web.store.requests().filesOf(requestId)) {
    if (file.kind == "revisi" || (file.kind == "surat" && (!letter || letter->kind != "revisi"))) letter = file;
  }
  if (!letter || !web.requests.mayOpenFile(*letter, actor)) return "";
  return "/lampiran/" + std::to_string(letter->id) + "/" +
         encodeQueryValue(workflow::withoutBidiControls(letter->name));
}

// The letter of the request an event was made from (the store links the
// request to its event objects). Calendars and requests are looked up once
// per page.
class LetterLinks {
 public:
  LetterLinks(WebContext& web, const caldav::Principal& user) : web_(web), actor_{user} {}

  // "" when the event comes from no request, or the reader may not open its letter.
  std::string of(const workflow::AgendaEntry& entry) {
    const auto calendar = calendarId(entry.calendarPath);
    if (!calendar) return "";
    const auto request = web_.store.requests().findRequestByObject(*calendar, entry.objectName);
    if (!request) return "";
    const auto known = byRequest_.find(request->id);
    if (known != byRequest_.end()) return known->second;
    const std::string link = letterLink(web_, actor_, request->id);
    byRequest_.emplace(request->id, link);
    return link;
  }

 private:
  std::optional<std::int64_t> calendarId(const std::string& path) {
    const auto known = calendars_.find(path);
    if (known != calendars_.end()) return known->second;
    std::optional<std::int64_t> id;
    const auto slash = path.find('/');
    if (slash != std::string::npos) {
      if (auto calendar = web_.store.findCalendar(path.substr(0, slash), path.substr(slash + 1))) id = calendar->id;
    }
    calendars_.emplace(path, id);
    return id;
  }

  WebContext& web_;
  workflow::Actor actor_;
  std::map<std::string, std::optional<std::int64_t>> calendars_;
  std::map<std::int64_t, std::string> byRequest_;
};

mustache::data entryData(const workflow::AgendaEntry& entry, const workflow::LocalDate& day,
                         const std::string& timezone, const std::string& language, LetterLinks& letters) {
  mustache::data data;
  data.set("time", workflow::entryTimeText(entry, day, timezone));
  data.set("tentative", entry.tentative);
  if (entry.confidential) {
    // Its time only, as on every agenda output.
    data.set("activity", tr(language, "agenda.internal"));
    data.set("internal", true);
    for (const char* key : {"place", "dress", "role", "represented", "contact", "letter", "link"}) data.set(key, false);
    return data;
  }
  data.set("internal", false);
  data.set("activity", entry.activity);
  setOptional(data, "place", entry.place);
  setOptional(data, "dress", entry.dressCode);
  setOptional(data, "role", entry.role);
  setOptional(data, "represented", entry.representedBy);
  setOptional(data, "contact", entry.contact);
  // An event made from a request: its letter, where the reader may open
  // it. Another event: its own attachment or link, as the phone shows it.
  const std::string letter = letters.of(entry);
  setOptional(data, "letter", letter);
  setOptional(data, "link", letter.empty() ? entry.link : "");
  return data;
}

// The days of the agenda, "Hari ini" and "Besok" named as such.
mustache::data agendaDays(StaffRequest& staff, const workflow::Agenda& agenda) {
  const std::string& zone = staff.web.requests.config().timezone;
  const std::string& language = staff.language;
  LetterLinks letters(staff.web, staff.user);
  mustache::data days{mustache::data::type::list};
  int index = 0;
  for (const auto& day : workflow::agendaByDay(agenda, zone)) {
    mustache::data dayData;
    dayData.set("date", workflow::formatDate(workflow::dayStart(day.date, zone), zone, language));
    dayData.set("iso", workflow::isoDateText(day.date));
    setOptional(dayData, "label",
                index == 0   ? tr(language, "home.today")
                : index == 1 ? tr(language, "home.tomorrow")
                             : "");
    dayData.set("today", index == 0);
    ++index;
    mustache::data leaders{mustache::data::type::list};
    bool anything = false;
    for (const auto& leader : day.leaders) {
      mustache::data leaderData;
      leaderData.set("title", leader.title);
      mustache::data entries{mustache::data::type::list};
      for (const auto& entry : leader.entries) entries.push_back(entryData(entry, day.date, zone, language, letters));
      leaderData.set("none", leader.entries.empty());
      anything = anything || !leader.entries.empty();
      leaderData.set("entries", entries);
      leaders.push_back(leaderData);
    }
    dayData.set("leaders", leaders);
    dayData.set("empty", !anything);
    days.push_back(dayData);
  }
  return days;
}

struct Waiting {
  sql::RequestRow row;
  sql::User leader;
};

// The requests addressed to the user's leaders (a leader: themself; an
// aide: their leaders) that wait for a decision and have no disposition of
// that leader yet, soonest first. `total` counts them all. A flood of
// requests costs a bounded read: at most kScanFactor times home_requests
// pending requests per leader, the newest.
constexpr int kScanFactor = 50;

std::vector<Waiting> waitingForDisposition(StaffRequest& staff, std::size_t& total) {
  std::vector<Waiting> waiting;
  const auto scope = leaderScope(staff.web.store, staff.user);
  if (!scope) return waiting;
  auto& requests = staff.web.store.requests();
  for (const std::string& name : *scope) {
    const auto leader = staff.web.store.findUser(name);
    if (!leader || leader->disabled) continue;
    sql::RequestQuery query;
    query.states = {std::string(workflow::stateCode(workflow::RequestState::Submitted)),
                    std::string(workflow::stateCode(workflow::RequestState::Verified))};
    query.leader = name;
    query.limit = 200;
    const int scan = kScanFactor * staff.web.agenda.homeRequests;
    for (query.offset = 0; query.offset < scan; query.offset += query.limit) {
      const auto rows = requests.listRequests(query);
      for (const sql::RequestRow& row : rows) {
        // Asked of this leader (not merely assigned), and not answered by them.
        if (std::find(row.leadersAsked.begin(), row.leadersAsked.end(), name) == row.leadersAsked.end()) continue;
        const auto dispositions = requests.dispositionsOf(row.id);
        if (std::any_of(dispositions.begin(), dispositions.end(),
                        [&](const sql::DispositionRow& d) { return d.leaderId == leader->id; }))
          continue;
        waiting.push_back({row, *leader});
      }
      if (rows.size() < static_cast<std::size_t>(query.limit)) break;
    }
  }
  std::sort(waiting.begin(), waiting.end(), [](const Waiting& a, const Waiting& b) {
    return std::tie(a.row.start, a.row.id, a.leader.name) < std::tie(b.row.start, b.row.id, b.leader.name);
  });
  total = waiting.size();
  const auto shown = static_cast<std::size_t>(staff.web.agenda.homeRequests);
  if (waiting.size() > shown) waiting.resize(shown);
  return waiting;
}

mustache::data waitingData(StaffRequest& staff, const std::vector<Waiting>& waiting, bool severalLeaders) {
  const std::string& zone = staff.web.requests.config().timezone;
  const std::string& language = staff.language;
  mustache::data items{mustache::data::type::list};
  for (const Waiting& item : waiting) {
    const sql::RequestRow& row = item.row;
    mustache::data data;
    const std::string id = std::to_string(row.id);
    data.set("id", id);
    data.set("key", id + "-" + item.leader.name);
    data.set("link", "/staf/permohonan/" + id);
    data.set("number", id);
    data.set("event", row.eventName);
    data.set("when", workflow::formatSpan(row.start, row.end, zone, language));
    setOptional(data, "venue", row.venue);
    data.set("institution", row.institution);
    data.set("stateLabel", stateLabel(language, row.state));
    data.set("leader", item.leader.name);
    setOptional(data, "leaderName",
                severalLeaders ? (item.leader.displayName.empty() ? item.leader.name : item.leader.displayName) : "");
    setOptional(data, "letter", letterLink(staff.web, workflow::Actor{staff.user}, row.id));
    items.push_back(data);
  }
  return items;
}

}  // namespace

bool homeIsFirst(const StaffRequest& staff) {
  if (isStaffRole(staff.user.role)) return false;
  if (staff.user.role == sql::Role::Viewer) return true;
  // The inbox's own filters, search and pages stay the inbox.
  for (const char* name : {"status", "q", "hal", "urut", "arah"}) {
    if (staff.request.query.contains(name)) return false;
  }
  return true;
}

WebResponse homePage(StaffRequest& staff) {
  WebContext& web = staff.web;
  const std::string& language = staff.language;
  const workflow::LocalDate today = agenda::today(web);
  const agenda::DayRange range{today, workflow::nextDay(today, web.agenda.homeDays - 1)};
  const workflow::Agenda agenda = agenda::read(web, staff.user, agenda::queryOf(range, web.requests.config().timezone));

  mustache::data data = baseData(staff);
  data.set("days", agendaDays(staff, agenda));
  data.set("no_leaders", agenda.leaders.empty());
  data.set("incomplete", agenda.incomplete);
  data.set("more_days", workflow::isoDateText(workflow::nextDay(range.last)));
  const bool decides = staff.user.role == sql::Role::Leader || staff.user.role == sql::Role::Aide;
  data.set("decides", decides);
  data.set("saved", decides && staff.request.queryValue("pesan") == "disposisi");
  data.set("maxName", std::to_string(workflow::limits::kPersonName));
  if (decides) {
    std::size_t total = 0;
    const auto waiting = waitingForDisposition(staff, total);
    const auto scope = leaderScope(web.store, staff.user);
    data.set("waiting", waitingData(staff, waiting, scope && scope->size() > 1));
    data.set("none_waiting", waiting.empty());
    std::string more;
    if (total > waiting.size()) {
      more = tr(language, "home.more_waiting");
      if (const auto at = more.find("{n}"); at != std::string::npos)
        more.replace(at, 3, std::to_string(total - waiting.size()));
    }
    setOptional(data, "more_waiting", more);
  }
  WebResponse response;
  response.body = renderPage("staf_beranda", tr(language, "home.title"), data, language);
  // The agenda and the dispositions change while the phone keeps the page.
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace jadwal::web::staff
