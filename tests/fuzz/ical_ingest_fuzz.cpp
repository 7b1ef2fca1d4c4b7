// iCalendar ingest as a PUT runs it: validation and indexing of a calendar
// object resource, then what reports do with a stored one (instances over a
// year, expand, limit-recurrence-set, free-busy), each under the bounds the
// server sets; and the import's split of a whole-calendar file.
#include <cstdint>
#include <string_view>

#include "caldav/ical/ical.h"
#include "server/ics_split.h"

using namespace jadwal;

namespace {

// 2025-01-01 and 2026-01-01, UTC.
constexpr caldav::Instant kStart = 1735689600;
constexpr caldav::Instant kEnd = 1767225600;

// Reads back what a PUT stored (the text as sent) as reports do. It passed
// validation, so parseStored must not refuse it: an exception escaping here
// is a finding.
void useStored(std::string_view text) {
  auto stored = caldav::parseStored(text);
  caldav::ExpansionBudget budget;
  budget.stepsLeft = 20000;
  caldav::TimeContext time;
  time.maxInstances = 500;
  time.maxSteps = 5000;
  time.budget = &budget;
  auto vcalendar = stored.get();
  for (const char* kind : {"VEVENT", "VTODO", "VJOURNAL"})
    caldav::instancesOverlapping(vcalendar, kind, kStart, kEnd, time);
  caldav::expandCalendarData(vcalendar, kStart, kEnd, time);
  caldav::limitRecurrenceSet(vcalendar, kStart, kEnd, time);
  auto periods = caldav::busyPeriods(vcalendar, kStart, kEnd, time);
  caldav::freeBusyCalendar(periods, kStart, kEnd, kStart, budget.cutShort);
  stored.toString();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 256 * 1024) return -1;  // past the server's max_resource_bytes
  std::string_view text(reinterpret_cast<const char*>(data), size);
  caldav::TimeContext time;
  time.maxInstances = 500;
  time.maxSteps = 5000;
  bool accepted = false;
  try {
    caldav::parseCalendarObject(text, "VEVENT,VTODO,VJOURNAL", time);
    accepted = true;
  } catch (const caldav::IcalError&) {
    // A refusal is a correct answer to bad input.
  }
  if (accepted) useStored(text);
  auto split = server::splitCalendar(text);
  for (const auto& object : split.objects) server::resourceNameForUid(object.uid);
  return 0;
}
