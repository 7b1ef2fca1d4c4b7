#pragma once
// jadwald import-ics: an iCalendar export (Google Calendar, Outlook,
// Thunderbird) written into one calendar, one object per UID, through the
// calendar service as a CalDAV PUT would be; with what was skipped and why.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sql/store.h"

namespace jadwal::caldav {
class CalendarService;
}

namespace jadwal::server {

struct IcsImportReport {
  bool parsed = false;  // false: the text is not iCalendar at all
  std::size_t imported = 0;
  struct Skipped {
    std::string uid;  // "" for a component without one
    std::string reason;
  };
  std::vector<Skipped> skipped;                 // in file order
  std::map<std::string, std::size_t> byReason;  // reason -> how many
};

IcsImportReport importIcs(caldav::CalendarService& calendars, const sql::Calendar& calendar, std::string_view text);

}  // namespace jadwal::server
