#include "caldav/resource.h"

#include <vector>

#include "base/percent.h"

namespace jadwal::caldav {

namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

// The calendar named by <segment> in <homeUser>'s home.
std::optional<sql::Calendar> calendarInHome(sql::Store& store, std::string_view homeUser, std::string_view segment) {
  auto tilde = segment.find('~');
  if (tilde == std::string_view::npos) return store.findCalendar(homeUser, segment);
  return store.findCalendar(segment.substr(0, tilde), segment.substr(tilde + 1));
}

}  // namespace

std::string encodeSegment(std::string_view segment) { return base::percentEncoded(segment); }

bool decodePercent(std::string_view in, std::string& out) {
  auto decoded = base::percentDecoded(in);
  if (!decoded) return false;
  out = std::move(*decoded);
  return true;
}

bool isValidObjectName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  for (unsigned char c : name)
    if (c == '/' || c < 0x20 || c == 0x7f) return false;
  return true;
}

std::string principalHref(std::string_view userName) { return "/dav/principals/" + encodeSegment(userName) + "/"; }
std::string homeHref(std::string_view userName) { return "/dav/calendars/" + encodeSegment(userName) + "/"; }

std::string calendarHrefInHome(const std::string& homeUser, const sql::Calendar& calendar) {
  std::string segment = calendar.ownerName == homeUser ? calendar.slug : calendar.ownerName + "~" + calendar.slug;
  return homeHref(homeUser) + encodeSegment(segment) + "/";
}

Resource resolveResource(sql::Store& store, const Principal& user, std::string_view path) {
  Resource r;
  auto parts = splitPath(path);
  if (parts.empty() || (parts.size() == 1 && parts[0] == "dav")) {
    r.kind = ResourceKind::Root;
    r.href = parts.empty() ? "/" : "/dav/";
    r.access = Access::Read;
    return r;
  }
  if (parts[0] != "dav" || parts.size() < 2) return r;

  if (parts[1] == "principals") {
    if (parts.size() == 2) {
      r.kind = ResourceKind::PrincipalCollection;
      r.href = "/dav/principals/";
      r.access = Access::Read;
    } else if (parts.size() == 3) {
      auto owner = store.findUser(parts[2]);
      if (!owner) return r;
      r.kind = ResourceKind::Principal;
      r.href = principalHref(owner->name);
      r.access = owner->id == user.id ? Access::Owner : Access::Read;
      r.user = std::move(owner);
    }
    return r;
  }
  if (parts[1] != "calendars") return r;
  if (parts.size() == 2) {
    r.kind = ResourceKind::CalendarsRoot;
    r.href = "/dav/calendars/";
    r.access = Access::Read;
    return r;
  }

  auto homeUser = store.findUser(parts[2]);
  if (!homeUser) return r;
  bool ownHome = homeUser->id == user.id || user.role == sql::Role::Admin;
  if (parts.size() == 3) {
    r.kind = ResourceKind::Home;
    r.href = homeHref(homeUser->name);
    r.access = ownHome ? Access::Owner : Access::None;
    r.user = std::move(homeUser);
    return r;
  }
  if (parts.size() > 5) return r;

  auto calendar = calendarInHome(store, homeUser->name, parts[3]);
  bool alias = parts[3].find('~') != std::string_view::npos;
  // An alias lives only in the home of the user who sees it.
  if (!calendar || (alias && homeUser->id != user.id)) {
    if (parts.size() == 4 && !alias) {  // MKCALENDAR needs the home and the slug
      r.newCalendarSlug = std::string(parts[3]);
      r.access = ownHome ? Access::Owner : Access::None;
      r.user = std::move(homeUser);
    }
    r.calendarHref = homeHref(parts[2]) + encodeSegment(parts[3]) + "/";
    return r;
  }
  r.access = calendarAccess(store, user, *calendar);
  r.calendarHref = calendarHrefInHome(homeUser->name, *calendar);
  r.calendar = std::move(calendar);
  r.user = std::move(homeUser);
  if (parts.size() == 4) {
    r.kind = ResourceKind::Calendar;
    r.href = r.calendarHref;
    return r;
  }
  r.kind = ResourceKind::Object;
  r.objectName = std::string(parts[4]);
  r.href = r.calendarHref + encodeSegment(r.objectName);
  return r;
}

}  // namespace jadwal::caldav
