#pragma once
// What else is on a leader's agenda around a requested time: events entered
// through CalDAV clients count as much as those made from requests.

#include <string>
#include <vector>

#include "caldav/ical.h"
#include "sql/store.h"

namespace jadwal::workflow {

struct AgendaItem {
  std::string calendarOwner;  // user name
  std::string objectName;
  std::string summary;
  std::string location;
  sql::Instant start = 0;
  sql::Instant end = 0;
  bool overlaps = false;  // with the requested [start, end)
  bool tentative = false;
  bool cancelled = false;
};

// Every instance on `leader`'s calendars within [from, to), ordered by start,
// each marked when it overlaps [start, end) (a cancelled event is listed but
// never marked). An open-ended request counts as lasting `openEndSeconds`.
std::vector<AgendaItem> agendaAround(sql::Store& store, const caldav::TimeContext& time, const std::string& leader,
                                     sql::Instant from, sql::Instant to, sql::Instant start,
                                     std::optional<sql::Instant> end, sql::Instant openEndSeconds = 2 * 3600);

}  // namespace jadwal::workflow
