// GET /staf: the requests a user may see as a table (newest first, or
// sorted by a column: ?urut=diterima|tanggal|pimpinan|instansi|status and
// ?arah=asc|desc), by state, with search, paging and the markers of
// staff_inbox_markers.h. Every link keeps the filters and the order.

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "base/text.h"
#include "web/staff_inbox_markers.h"
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

using Order = sql::RequestQuery::Order;

// The columns one may sort by, as the URL names them, and the direction a
// first click sorts in (the newest received, the soonest activity, A to Z).
struct SortColumn {
  const char* key;
  Order order;
  bool firstAscending;
  const char* labelId;
};
constexpr std::array kSortColumns = {
    SortColumn{"diterima", Order::Received, false, "staf_desk_col_received"},
    SortColumn{"tanggal", Order::Activity, true, "staf_desk_col_activity"},
    SortColumn{"pimpinan", Order::Leader, true, "staf_desk_col_leaders"},
    SortColumn{"instansi", Order::Institution, true, "staf_desk_col_institution"},
    SortColumn{"status", Order::State, true, "staf_desk_col_state"},
};

// The store's order (sqlite_request_store.cpp orderOf), for rows merged here.
void sortRows(std::vector<sql::RequestRow>& rows, const sql::RequestQuery& query, UserNames& names) {
  auto key = [&](const sql::RequestRow& row) -> std::pair<std::string, sql::Instant> {
    switch (query.order) {
      case Order::Activity:
        return {"", row.start};
      case Order::Leader:
        return {row.leadersAsked.empty() ? "" : base::asciiLowercase(names.display(row.leadersAsked.front())), 0};
      case Order::Institution:
        return {base::asciiLowercase(row.institution), 0};
      case Order::State:
        return {row.state, 0};
      case Order::Received:
        break;
    }
    return {"", row.createdAt};
  };
  std::sort(rows.begin(), rows.end(), [&](const sql::RequestRow& a, const sql::RequestRow& b) {
    const auto ka = std::make_pair(key(a), a.id);
    const auto kb = std::make_pair(key(b), b.id);
    return query.ascending ? ka < kb : kb < ka;
  });
}

struct RequestPage {
  std::vector<sql::RequestRow> rows;
  std::int64_t total = 0;
};

// The store filters by one leader at a time; an aide with several leaders
// sees the union, merged here (an aide's share of requests is small).
RequestPage listScoped(sql::RequestStore& requests, sql::RequestQuery query,
                       const std::optional<std::vector<std::string>>& scope, bool rowsWanted, UserNames& names) {
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
  sortRows(all, query, names);
  page.total = static_cast<std::int64_t>(all.size());
  if (rowsWanted) {
    const auto first = std::min<std::size_t>(static_cast<std::size_t>(query.offset), all.size());
    const auto last = std::min<std::size_t>(first + static_cast<std::size_t>(query.limit), all.size());
    page.rows.assign(std::make_move_iterator(all.begin() + first), std::make_move_iterator(all.begin() + last));
  }
  return page;
}

// What the inbox shows, as its URL keeps it.
struct InboxView {
  // A leader's or aide's /staf is their agenda (staff_home.cpp): their inbox is /staf/permohonan.
  std::string base = "/staf";
  std::string state, search;
  const SortColumn* sort = &kSortColumns.front();
  bool ascending = false;

  bool defaultOrder() const { return sort == &kSortColumns.front() && !ascending; }
};

std::string inboxLink(const InboxView& view, int page) {
  std::string link = view.base;
  char separator = '?';
  auto add = [&](const std::string& name, const std::string& value) {
    link += separator + name + "=" + encodeQueryValue(value);
    separator = '&';
  };
  if (!view.state.empty()) add("status", view.state);
  if (!view.search.empty()) add("q", view.search);
  if (!view.defaultOrder()) {
    add("urut", view.sort->key);
    add("arah", view.ascending ? "asc" : "desc");
  }
  if (page > 1) add("hal", std::to_string(page));
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
  UserNames names(staff.web.store);

  InboxView view;
  if (!isStaffRole(staff.user.role)) view.base = "/staf/permohonan";
  view.state = staff.request.queryValue("status");
  if (!workflow::parseState(view.state)) view.state.clear();
  view.search = base::trimmedCopy(staff.request.queryValue("q"));
  if (view.search.size() > kMaxSearchLength) view.search.resize(kMaxSearchLength);
  const std::string sortKey = staff.request.queryValue("urut");
  for (const auto& column : kSortColumns)
    if (sortKey == column.key) view.sort = &column;
  const std::string direction = staff.request.queryValue("arah");
  view.ascending = direction == "asc" || (direction != "desc" && view.sort->firstAscending);
  int pageNumber = 1;
  try {
    // Bounded so that the offset cannot overflow.
    pageNumber = std::clamp(std::stoi(staff.request.queryValue("hal")), 1, 1000000);
  } catch (const std::exception&) {
    pageNumber = 1;  // absent or not a number: the first page
  }

  sql::RequestQuery query;
  query.text = view.search;
  // The tracking code is the requester's key: leaders, aides and viewers
  // must not find, nor confirm by a count, a request by it.
  query.matchCode = isStaffRole(staff.user.role);
  if (!view.state.empty()) query.states = {view.state};
  query.order = view.sort->order;
  query.ascending = view.ascending;
  query.limit = kPageSize;
  query.offset = (pageNumber - 1) * kPageSize;

  mustache::data data = baseData(staff);
  data.set("inbox_base", view.base);
  data.set("q", view.search);
  setOptional(data, "status", view.state);
  if (!view.defaultOrder()) {
    data.set("urut", std::string(view.sort->key));
    data.set("arah", std::string(view.ascending ? "asc" : "desc"));
  }

  // Tabs with counts, all of them within the search, in the same order.
  mustache::data tabs{mustache::data::type::list};
  sql::RequestQuery countQuery = query;
  countQuery.states.clear();
  InboxView tabView = view;
  tabView.state.clear();
  mustache::data allTab;
  allTab.set("label", tr(staff.language, "staf_inbox_all"));
  allTab.set("count", std::to_string(listScoped(requests, countQuery, scope, false, names).total));
  allTab.set("link", inboxLink(tabView, 1));
  allTab.set("current", view.state.empty());
  tabs.push_back(allTab);
  for (const auto state : kAllStates) {
    const std::string code(workflow::stateCode(state));
    countQuery.states = {code};
    tabView.state = code;
    mustache::data tab;
    tab.set("label", stateLabel(staff.language, code));
    tab.set("count", std::to_string(listScoped(requests, countQuery, scope, false, names).total));
    tab.set("link", inboxLink(tabView, 1));
    tab.set("current", code == view.state);
    tabs.push_back(tab);
  }
  data.set("tabs", tabs);

  // The column headings: a link that sorts by the column, the other way
  // round when it is the current one.
  mustache::data columns{mustache::data::type::list};
  for (const auto& column : kSortColumns) {
    const bool current = &column == view.sort;
    InboxView sorted = view;
    sorted.sort = &column;
    sorted.ascending = current ? !view.ascending : column.firstAscending;
    mustache::data heading;
    heading.set("label", tr(staff.language, column.labelId));
    heading.set("link", inboxLink(sorted, 1));
    heading.set("key", std::string(column.key));
    setOptional(heading, "ariaSort", current ? (view.ascending ? "ascending" : "descending") : "");
    heading.set("arrow", std::string(view.ascending ? "▲" : "▼"));
    setOptional(heading, "sortedText",
                current ? tr(staff.language, view.ascending ? "staf_desk_sorted_asc" : "staf_desk_sorted_desc") : "");
    columns.push_back(heading);
  }
  data.set("columns", columns);

  const RequestPage page = listScoped(requests, query, scope, true, names);
  const InboxMarkers markers = inboxMarkers(staff, page.rows, names);
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
    item.set("received", workflow::formatDateTime(row.createdAt, timezone, staff.language));
    item.set("when", workflow::formatSpan(row.start, row.end, timezone, staff.language));
    item.set("event", row.eventName);
    item.set("institution", row.institution);
    std::string leaders;
    for (const auto& leader : row.leadersAsked) leaders += (leaders.empty() ? "" : ", ") + names.display(leader);
    item.set("leaders", leaders);
    item.set("state", row.state);
    item.set("stateLabel", stateLabel(staff.language, row.state));
    std::string conflictText;
    if (auto found = markers.conflicts.find(row.id); found != markers.conflicts.end())
      for (const auto& text : found->second) conflictText += (conflictText.empty() ? "" : "; ") + text;
    setOptional(item, "conflict", conflictText);
    mustache::data duplicates{mustache::data::type::list};
    if (auto found = markers.duplicates.find(row.id); found != markers.duplicates.end()) {
      for (const auto other : found->second) {
        mustache::data link;
        link.set("number", std::to_string(other));
        link.set("link", "/staf/permohonan/" + std::to_string(other));
        duplicates.push_back(link);
      }
    }
    item.set("duplicate", !duplicates.is_empty_list());
    item.set("duplicates", duplicates);
    item.set("near", markers.nearDate.count(row.id) > 0);
    item.set("marked", !conflictText.empty() || !duplicates.is_empty_list() || markers.nearDate.count(row.id) > 0);
    rows.push_back(item);
  }
  data.set("rows", rows);
  data.set("empty", page.rows.empty());
  data.set("conflictsIncomplete", markers.conflictsIncomplete);
  data.set("nearDays", std::to_string(staff.web.nearDateDays));

  const int pageCount = static_cast<int>(std::max<std::int64_t>(1, (page.total + kPageSize - 1) / kPageSize));
  data.set("page", std::to_string(pageNumber));
  data.set("pageCount", std::to_string(pageCount));
  data.set("paged", pageCount > 1);
  if (pageNumber > 1) data.set("prev", inboxLink(view, pageNumber - 1));
  if (pageNumber < pageCount) data.set("next", inboxLink(view, pageNumber + 1));

  WebResponse response;
  response.body = renderPage("staf_kotak", tr(staff.language, "staf_inbox_title"), data, staff.language);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace jadwal::web::staff
