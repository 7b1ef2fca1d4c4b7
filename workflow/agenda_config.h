#pragma once
// How the office publishes its leaders' agenda ([agenda] section).

#include <cstddef>
#include <string>
#include <vector>

namespace jadwal::workflow {

struct AgendaConfig {
  // The heading of every output: "AGENDA PIMPINAN <region>".
  std::string region = "KABUPATEN CONTOH";
  // Leaders (user names) in the order the agenda lists them; leaders not
  // named follow, by display name.
  std::vector<std::string> leaderOrder;
  // The last line of the WhatsApp text and of the printed agenda; empty: the office's name.
  std::string signature;
  // Calendars whose events are public unless an event says otherwise
  // ("OWNER/SLUG"), or "leaders": every leader's "agenda" calendar.
  std::vector<std::string> publicCalendars = {"leaders"};
  // The staff calendar of the requests' TENTATIVE holds ("OWNER/SLUG",
  // [workflow] hold_calendar): a query that asks for tentative events lists
  // each hold under the leaders its request asks for. Empty: no holds.
  std::string holdCalendar;
  // Days one page, text, PDF or public answer may cover.
  int maxDays = 31;
  // Requests one work report (/staf/rekap) reads at most; a period with
  // more says the report is incomplete ([agenda] recap_max_requests).
  int maxRecapRequests = 20000;
  // Data rows of one work report workbook, all sheets together
  // ([agenda] recap_workbook_max_rows).
  int maxRecapWorkbookRows = 50000;
  // The first screen of leaders, aides and viewers (/staf): the days of
  // agenda it shows from today, and the requests awaiting a disposition it
  // lists at most ([agenda] home_days, home_requests).
  int homeDays = 7;
  int homeRequests = 30;
  // How long browsers and proxies may keep a public answer (seconds).
  int publicCacheSeconds = 60;
  // Public answers the server keeps built, by version, for the next visitor
  // (bytes in all; 0: none kept).
  std::size_t publicAnswerCacheBytes = 32 << 20;
  // What a feed (/ics/<token>.ics) covers, from today, and how many feeds one user may hold.
  int feedDaysBack = 90;
  int feedDaysAhead = 365;
  int maxFeedsPerUser = 20;
  // When the morning mail goes out, local time ("HH:MM").
  std::string morningMailTime = "05:30";
  // How often the server checks whether a morning mail is due (seconds).
  int morningMailCheckSeconds = 60;
};

}  // namespace jadwal::workflow
