#include "caldav/access.h"

#include <algorithm>
#include <map>

namespace jadwal::caldav {

namespace {

Access roleAccess(sql::Store& store, const Principal& user, const sql::Calendar& calendar) {
  if (user.role == sql::Role::Admin) return Access::Owner;
  if (user.role != sql::Role::ProtocolStaff && user.role != sql::Role::Aide) return Access::None;
  auto owner = store.findUserById(calendar.ownerId);
  if (!owner || owner->role != sql::Role::Leader) return Access::None;
  if (user.role == sql::Role::ProtocolStaff) return Access::Write;
  auto leaders = store.leadersOfAide(user.id);
  return std::find(leaders.begin(), leaders.end(), calendar.ownerId) != leaders.end() ? Access::Read : Access::None;
}

}  // namespace

Access calendarAccess(sql::Store& store, const Principal& user, const sql::Calendar& calendar) {
  if (calendar.ownerId == user.id) return Access::Owner;
  Access access = roleAccess(store, user, calendar);
  if (access >= Access::Write) return access;
  for (const auto& share : store.sharesOfCalendar(calendar.id)) {
    if (share.userId == user.id) access = std::max(access, share.write ? Access::Write : Access::Read);
  }
  return access;
}

bool mayCreateOwnCalendars(const sql::User& user) {
  switch (user.role) {
    case sql::Role::Admin:
    case sql::Role::ProtocolStaff:
    case sql::Role::Leader:
      return true;
    case sql::Role::Aide:
    case sql::Role::Viewer:
      break;
  }
  return user.mayCreateCalendars;
}

bool mayCreateCalendarFor(const Principal& actor, const sql::User& owner) {
  if (actor.role == sql::Role::Admin) return true;
  return actor.id == owner.id && mayCreateOwnCalendars(owner);
}

std::vector<VisibleCalendar> visibleCalendars(sql::Store& store, const Principal& user) {
  std::vector<VisibleCalendar> out;
  for (auto& calendar : store.calendarsOwnedBy(user.id)) out.push_back({std::move(calendar), Access::Owner});

  std::vector<VisibleCalendar> others;
  if (user.role == sql::Role::Admin || user.role == sql::Role::ProtocolStaff || user.role == sql::Role::Aide) {
    for (auto& calendar : store.allCalendars()) {
      if (calendar.ownerId == user.id) continue;
      Access access = calendarAccess(store, user, calendar);
      if (canRead(access)) others.push_back({std::move(calendar), access});
    }
  } else {
    for (const auto& share : store.sharesOfUser(user.id)) {
      auto calendar = store.findCalendarById(share.calendarId);
      if (calendar && calendar->ownerId != user.id)
        others.push_back({std::move(*calendar), share.write ? Access::Write : Access::Read});
    }
  }
  std::sort(others.begin(), others.end(), [](const VisibleCalendar& a, const VisibleCalendar& b) {
    return std::tie(a.calendar.ownerName, a.calendar.slug) < std::tie(b.calendar.ownerName, b.calendar.slug);
  });
  out.insert(out.end(), std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()));
  return out;
}

}  // namespace jadwal::caldav
