// What a user may read besides their own: an aide's leaders (an aide sees
// their leaders' calendars) and the calendars shared with them, read only
// or with write. The sections of the user page and their actions.

#include <algorithm>
#include <string>

#include "web/staff_admin.h"

namespace jadwal::web::staff::admin {

namespace mustache = kainjow::mustache;

namespace {

std::string calendarPath(const sql::Calendar& calendar) { return calendar.ownerName + "/" + calendar.slug; }

std::optional<sql::Calendar> calendarByPath(sql::Store& store, const std::string& path) {
  const auto slash = path.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == path.size()) return std::nullopt;
  return store.findCalendar(path.substr(0, slash), path.substr(slash + 1));
}

WebResponse refusedForm(StaffRequest& staff, const sql::UserListing& user, const FormData& form,
                        const std::string& field, const std::string& messageId) {
  UserPageExtras extras;
  extras.status = 400;
  extras.errors[field] = messageId;
  for (const char* key : {"pimpinan", "kalender", "akses"}) extras.values[key] = form.value(key);
  return userPage(staff, user, extras);
}

WebResponse done(StaffRequest& staff, const sql::UserListing& user, const std::string& notice) {
  UserPageExtras extras;
  extras.notice = notice;
  return userPage(staff, user, extras);
}

WebResponse assignAide(StaffRequest& staff, const sql::UserListing& user, const FormData& form, bool assign) {
  const std::string leaderName = form.value("pimpinan");
  if (assign && user.user.role != sql::Role::Aide) return refusedForm(staff, user, form, "pimpinan", "admin_not_aide");
  const auto leader = leaderName.empty() ? std::nullopt : staff.web.store.findUser(leaderName);
  if (!leader || (assign && leader->role != sql::Role::Leader))
    return refusedForm(staff, user, form, "pimpinan", "admin_leader_invalid");
  staff.web.store.userAdmin().setAide(user.user.id, leader->id, assign,
                                      auditRow(staff, assign ? "assign" : "unassign", user.user.name, leader->name));
  return done(staff, user, assign ? "admin_assigned" : "admin_unassigned");
}

WebResponse share(StaffRequest& staff, const sql::UserListing& user, const FormData& form, bool add) {
  const auto calendar = calendarByPath(staff.web.store, form.value("kalender"));
  if (!calendar) return refusedForm(staff, user, form, "kalender", "admin_calendar_invalid");
  std::optional<bool> write;
  if (add) {
    const std::string access = form.value("akses");
    if (access != "baca" && access != "tulis") return refusedForm(staff, user, form, "akses", "admin_access_invalid");
    if (calendar->ownerId == user.user.id) return refusedForm(staff, user, form, "kalender", "admin_calendar_own");
    write = access == "tulis";
  }
  const std::string action = !add ? "unshare" : *write ? "share_write" : "share_read";
  staff.web.store.userAdmin().setShare(calendar->id, user.user.id, write,
                                       auditRow(staff, action, user.user.name, calendarPath(*calendar)));
  return done(staff, user, add ? "admin_shared" : "admin_unshared");
}

}  // namespace

std::optional<WebResponse> accessAction(StaffRequest& staff, const sql::UserListing& user, std::string_view action,
                                        const FormData& form) {
  if (action == "ajudan") return assignAide(staff, user, form, true);
  if (action == "ajudan/lepas") return assignAide(staff, user, form, false);
  if (action == "bagi") return share(staff, user, form, true);
  if (action == "bagi/hapus") return share(staff, user, form, false);
  return std::nullopt;
}

void addAccessData(StaffRequest& staff, const sql::UserListing& user, mustache::data& data) {
  sql::Store& store = staff.web.store;
  // An aide's leaders, and the leaders one may still assign.
  const bool aide = user.user.role == sql::Role::Aide;
  data.set("ajudan", aide);
  if (aide) {
    const auto assigned = store.leadersOfAide(user.user.id);
    mustache::data leaders{mustache::data::type::list};
    mustache::data choices{mustache::data::type::list};
    std::size_t offered = 0;  // leaders offered, bounded as calendars are
    for (const auto& other : store.listUsers()) {
      if (other.role != sql::Role::Leader) continue;
      mustache::data item;
      item.set("nama", other.name);
      item.set("label", other.displayName.empty() ? other.name : other.displayName + " (" + other.name + ")");
      if (std::find(assigned.begin(), assigned.end(), other.id) != assigned.end()) {
        leaders << item;
      } else if (++offered <= kMaxCalendarChoices) {
        choices << item;
      }
    }
    data.set("pimpinanDitugaskan", leaders);
    data.set("pimpinanPilihan", choices);
  }

  // The calendars shared with the user, and those one may share.
  mustache::data shares{mustache::data::type::list};
  for (const auto& share : store.sharesOfUser(user.user.id)) {
    const auto calendar = store.findCalendarById(share.calendarId);
    if (!calendar) continue;
    mustache::data item;
    item.set("kalender", calendarPath(*calendar));
    item.set("namaKalender", calendar->displayName);
    item.set("tulis", share.write);
    shares << item;
  }
  data.set("bagian", shares);
  mustache::data calendars{mustache::data::type::list};
  std::size_t offered = 0;
  for (const auto& calendar : store.allCalendars()) {
    if (calendar.ownerId == user.user.id) continue;
    if (++offered > kMaxCalendarChoices) break;
    mustache::data item;
    item.set("kalender", calendarPath(calendar));
    item.set("label", calendarPath(calendar) + (calendar.displayName.empty() ? "" : " — " + calendar.displayName));
    calendars << item;
  }
  data.set("kalenderPilihan", calendars);
}

}  // namespace jadwal::web::staff::admin
