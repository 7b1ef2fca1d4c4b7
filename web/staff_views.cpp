#include "web/staff_views.h"

#include <algorithm>
#include <cctype>

#include "base/percent.h"
#include "caldav/access.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;

namespace {}  // namespace

bool isStaffRole(sql::Role role) { return role == sql::Role::Admin || role == sql::Role::ProtocolStaff; }

bool mayReadAgenda(StaffRequest& staff, const std::string& leader) {
  auto owner = staff.web.store.findUser(leader);
  if (!owner) return false;
  for (const auto& calendar : staff.web.store.calendarsOwnedBy(owner->id))
    if (!caldav::canRead(caldav::calendarAccess(staff.web.store, staff.user, calendar))) return false;
  return true;
}

mustache::data anonymousData(const std::string& language) {
  // renderPage adds the translations ({{#t}}id{{/t}}) and the language.
  mustache::data data;
  data.set("lang", language);
  return data;
}

mustache::data baseData(const StaffRequest& staff) {
  mustache::data data = anonymousData(staff.language);
  // The layout shows the staff navigation with the logout form.
  data.set("staff_nav", true);
  data.set("staff_user", staff.user.displayName.empty() ? staff.user.name : staff.user.displayName);
  data.set("csrf", staff.csrf);
  data.set("staff_admin", staff.user.role == sql::Role::Admin);  // the link to /staf/admin
  // The first link goes to the user's first screen: the inbox for staff,
  // the agenda for the others, who reach their requests by a link of its
  // own. Viewers see no link to a page that would refuse them.
  const bool desk = isStaffRole(staff.user.role);
  const bool viewer = staff.user.role == sql::Role::Viewer;
  data.set("nav_home", tr(staff.language, desk ? "layout.inbox" : "layout.home"));
  data.set("nav_requests", !desk && !viewer);
  data.set("nav_reports", !viewer);
  return data;
}

WebResponse messagePage(const std::string& language, int status, const std::string& message,
                        const std::string& backLink, const std::string& backLabelId) {
  mustache::data data = anonymousData(language);
  const std::string title = tr(language, "staf_error_title");
  data.set("judul", title);
  data.set("pesan", message);
  // Every refusal has a way on: the given link, else the first screen.
  data.set("kembali", backLink.empty() ? std::string("/staf") : backLink);
  data.set("kembaliLabel", tr(language, backLabelId.empty() ? "staf_back_to_inbox" : backLabelId));
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_pesan", title, data, language);
  return response;
}

void setOptional(mustache::data& data, const std::string& key, const std::string& text) {
  if (text.empty()) {
    data.set(key, false);
  } else {
    data.set(key, text);
  }
}

std::string stateLabel(const std::string& language, std::string_view stateCode) {
  const std::string id = "state." + std::string(stateCode);
  const std::string label = tr(language, id);
  return label == id ? std::string(stateCode) : label;
}

std::string messageText(const std::string& language, const std::string& id) {
  const std::string staffId = "staf_msg_" + id;
  const std::string staffText = tr(language, staffId);
  if (staffText != staffId) return staffText;
  return tr(language, id);
}

std::optional<std::vector<std::string>> leaderScope(sql::Store& store, const caldav::Principal& user) {
  if (isStaffRole(user.role)) return std::nullopt;
  std::vector<std::string> leaders;
  if (user.role == sql::Role::Leader) leaders.push_back(user.name);
  if (user.role == sql::Role::Aide) {
    for (const auto leaderId : store.leadersOfAide(user.id)) {
      if (auto leader = store.findUserById(leaderId)) leaders.push_back(leader->name);
    }
  }
  return leaders;
}

std::string UserNames::display(const std::string& name) {
  auto found = byName_.find(name);
  if (found != byName_.end()) return found->second;
  const auto user = store_.findUser(name);
  const std::string shown = user && !user->displayName.empty() ? user->displayName : name;
  byName_.emplace(name, shown);
  return shown;
}

std::string UserNames::displayById(std::int64_t id) {
  auto found = byId_.find(id);
  if (found != byId_.end()) return found->second;
  const auto user = store_.findUserById(id);
  const std::string shown = !user ? std::to_string(id) : (user->displayName.empty() ? user->name : user->displayName);
  byId_.emplace(id, shown);
  return shown;
}

std::string encodeQueryValue(std::string_view value, bool keepSlash) {
  return base::percentEncoded(value, keepSlash ? "/" : "");
}

}  // namespace jadwal::web::staff
