// GET /staf: the requests a user may see, newest first, by state, with
// search and paging.

#include <algorithm>
#include <array>
#include <map>

#include "base/text.h"
#include "web/staff_views.h"
#include "workflow/request_state.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;

namespace {

constexpr int kPageSize = 20;
constexpr std::size_t kMaxSearchLength = 100;

constexpr std::array kAllStates = {workflow::RequestState::Submitted,   workflow::RequestState::Verified,
                                   workflow::RequestState::Returned,    workflow::RequestState::Approved,
                                   workflow::RequestState::Represented, workflow::RequestState::Rejected,
                                   workflow::RequestState::Withdrawn,   workflow::RequestState::Cancelled,
                                   workflow::RequestState::Held,        workflow::RequestState::NotHeld};

struct RequestPage {
  std::vector<sql::RequestRow> rows;
  std::int64_t total = 0;
};

// The store filters by one leader at a time; an aide with several leaders
// sees the union, merged here (an aide's share of requests is small).
RequestPage listScoped(sql::RequestStore& requests, sql::RequestQuery query,
                       const std::optional<std::vector<std::string>>& scope, bool rowsWanted) {
  RequestPage page;
  if (!scope || scope->size() == 1) {
    if (scope) query.leader = scope->front();
    page.total = requests.countRequests(query);
    if (rowsWanted) page.rows = requests.listRequests(query);
    return page;
  }
  std::map<std::int64_t, sql::RequestRow> merged;
  for (const auto& leader : *scope) {
    sql::RequestQuery one = query;
    one.leader = leader;
    one.offset = 0;
    one.limit = 10000;
    for (auto& row : requests.listRequests(one)) merged.emplace(row.id, std::move(row));
  }
  std::vector<sql::RequestRow> all;
  for (auto& [id, row] : merged) all.push_back(std::move(row));
  std::sort(all.begin(), all.end(), [](const sql::RequestRow& a, const sql::RequestRow& b) {
    return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
  });
  page.total = static_cast<std::int64_t>(all.size());
  if (rowsWanted) {
    const auto first = std::min<std::size_t>(static_cast<std::size_t>(query.offset), all.size());
    const auto last = std::min<std::size_t>(first + static_cast<std::size_t>(query.limit), all.size());
    page.rows.assign(std::make_move_iterator(all.begin() + first), std::make_move_iterator(all.begin() + last));
  }
  return page;
}

std::string inboxLink(const std::string& state, const std::string& search, int page) {
  std::string link = "/staf";
  char separator = '?';
  if (!state.empty()) {
    link += separator + std::string("status=") + encodeQueryValue(state);
    separator = '&';
  }
  if (!search.empty()) {
    link += separator + std::string("q=") + encodeQueryValue(search);
    separator = '&';
  }
  if (page > 1) link += separator + std::string("hal=") + std::to_string(page);
  return link;
}

}  // namespace

WebResponse inboxPage(StaffRequest& staff) {
  if (staff.user.role == sql::Role::Viewer) {
    return messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"));
  }
  const auto scope = leaderScope(staff.web.store, staff.user);
  const std::string& timezone = staff.web.requests.config().timezone;
  auto& requests = staff.web.store.requests();

  std::string stateFilter = staff.request.queryValue("status");
  if (!workflow::parseState(stateFilter)) stateFilter.clear();
  std::string search = base::trimmedCopy(staff.request.queryValue("q"));
  if (search.size() > kMaxSearchLength) search.resize(kMaxSearchLength);
  int pageNumber = 1;
  try {
    // Bounded so that the offset cannot overflow.
    pageNumber = std::clamp(std::stoi(staff.request.queryValue("hal")), 1, 1000000);
  } catch (const std::exception&) {
    pageNumber = 1;  // absent or not a number: the first page
  }

  sql::RequestQuery query;
  query.text = search;
  // The tracking code is the requester's key: leaders, aides and viewers
  // must not find, nor confirm by a count, a request by it.
  query.matchCode = isStaffRole(staff.user.role);
  if (!stateFilter.empty()) query.states = {stateFilter};
  query.limit = kPageSize;
  query.offset = (pageNumber - 1) * kPageSize;

  // A leader's or aide's /staf is their agenda (staff_home.cpp): their
  // inbox without a filter is /staf/permohonan.
  const auto unfiltered = [&](std::string link) {
    return link == "/staf" && !isStaffRole(staff.user.role) ? std::string("/staf/permohonan") : link;
  };
  mustache::data data = baseData(staff);
  data.set("q", search);
  setOptional(data, "status", stateFilter);

  // Tabs with counts, all of them within the search.
  mustache::data tabs{mustache::data::type::list};
  sql::RequestQuery countQuery = query;
  countQuery.states.clear();
  mustache::data allTab;
  allTab.set("label", tr(staff.language, "staf_inbox_all"));
  allTab.set("count", std::to_string(listScoped(requests, countQuery, scope, false).total));
  allTab.set("link", unfiltered(inboxLink("", search, 1)));
  allTab.set("current", stateFilter.empty());
  tabs.push_back(allTab);
  for (const auto state : kAllStates) {
    const std::string code(workflow::stateCode(state));
    countQuery.states = {code};
    mustache::data tab;
    tab.set("label", stateLabel(staff.language, code));
    tab.set("count", std::to_string(listScoped(requests, countQuery, scope, false).total));
    tab.set("link", inboxLink(code, search, 1));
    tab.set("current", code == stateFilter);
    tabs.push_back(tab);
  }
  data.set("tabs", tabs);

  const RequestPage page = listScoped(requests, query, scope, true);
  UserNames names(staff.web.store);
  // The tracking code opens the requester's page: staff see it to read it
  // out to a requester on the phone; leaders and aides refer to a request
  // by its number.
  const bool showCodes = isStaffRole(staff.user.role);
  data.set("searchLabel", tr(staff.language, showCodes ? "staf_inbox_search_label" : "staf_inbox_search_label_own"));
  mustache::data rows{mustache::data::type::list};
  for (const auto& row : page.rows) {
    mustache::data item;
    item.set("id", std::to_string(row.id));
    item.set("link", "/staf/permohonan/" + std::to_string(row.id));
    setOptional(item, "code", showCodes ? row.code : "");
    item.set("number", std::to_string(row.id));
    item.set("when", workflow::formatSpan(row.start, row.end, timezone, staff.language));
    item.set("event", row.eventName);
    item.set("institution", row.institution);
    std::string leaders;
    for (const auto& leader : row.leadersAsked) leaders += (leaders.empty() ? "" : ", ") + names.display(leader);
    item.set("leaders", leaders);
    item.set("state", row.state);
    item.set("stateLabel", stateLabel(staff.language, row.state));
    rows.push_back(item);
  }
  data.set("rows", rows);
  data.set("empty", page.rows.empty());

  const int pageCount = static_cast<int>(std::max<std::int64_t>(1, (page.total + kPageSize - 1) / kPageSize));
  data.set("page", std::to_string(pageNumber));
  data.set("pageCount", std::to_string(pageCount));
  data.set("paged", pageCount > 1);
  if (pageNumber > 1) data.set("prev", unfiltered(inboxLink(stateFilter, search, pageNumber - 1)));
  if (pageNumber < pageCount) data.set("next", inboxLink(stateFilter, search, pageNumber + 1));

  WebResponse response;
  response.body = renderPage("staf_kotak", tr(staff.language, "staf_inbox_title"), data, staff.language);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace jadwal::web::staff
