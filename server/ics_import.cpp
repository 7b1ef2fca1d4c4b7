#include "server/ics_import.h"

#include "caldav/calendar_service.h"
#include "caldav/ical/ical.h"
#include "server/ics_split.h"

namespace jadwal::server {

IcsImportReport importIcs(caldav::CalendarService& calendars, const sql::Calendar& calendar, std::string_view text) {
  IcsImportReport report;
  const SplitCalendar split = splitCalendar(text);
  report.parsed = split.parsed;
  if (!split.parsed) return report;
  auto skip = [&](const std::string& uid, const std::string& reason) {
    report.skipped.push_back({uid, reason});
    ++report.byReason[reason];
  };
  for (const auto& problem : split.problems) skip(problem.uid, problem.reason);
  for (const auto& object : split.objects) {
    try {
      const auto result = calendars.put(calendar, resourceNameForUid(object.uid), object.ical, sql::Precondition{});
      switch (result.status) {
        case sql::WriteStatus::Created:
        case sql::WriteStatus::Updated:
          ++report.imported;
          break;
        case sql::WriteStatus::UidConflict:
          skip(object.uid, "the UID is already stored as " + result.conflictName);
          break;
        default:
          skip(object.uid, "not written");
      }
    } catch (const caldav::IcalError& e) {
      skip(object.uid, e.what());
    }
  }
  return report;
}

}  // namespace jadwal::server
