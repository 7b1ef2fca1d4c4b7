#pragma once
// What else is on a leader's agenda around a requested time: events entered
// through CalDAV clients count as much as those made from requests.

#include <string>
#include <vector>

#include "caldav/ical/ical.h"
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
  // "s.d. selesai": no DTEND nor DURATION, or the description's open-end
  // line; `end` is then the assumed end, to be shown as an open end.
  bool openEnd = false;
  bool represented = false;  // "Diwakili oleh ..." in the description: the leader does not attend
  std::string etag;
};

struct AgendaAround {
  std::vector<AgendaItem> items;
  // A recurring event was not expanded in full (a bound of one expansion in
  // `time`, or the budget of all): instances, and conflicts with them, may
  // be missing. Staff are told, rather than shown a day that looks free.
  bool incomplete = false;
};

// Every instance on `leader`'s calendars within [from, to), ordered by start,
// each marked when it overlaps [start, end) (a cancelled event, or one the
// leader is represented at, is listed but never marked). An open-ended request, and an open-ended event (no DTEND
// nor DURATION, as a client may write it), count as lasting `openEndSeconds`.
// Every expansion spends from `budget`, as a CalDAV report's do from the
// answer's (caldav.max_answer_steps): a page may share one across leaders.
AgendaAround agendaAround(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                          const std::string& leader, sql::Instant from, sql::Instant to, sql::Instant start,
                          std::optional<sql::Instant> end, sql::Instant openEndSeconds = 2 * 3600);

}  // namespace jadwal::workflow
