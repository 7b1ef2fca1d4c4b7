// The calendar-query filter and time-range parsers on their own, with the
// matcher applied to a recurring event with an alarm and an override, so
// that every filter the parser accepts is also evaluated. The input is the
// C:filter element's XML.
#include <cstdint>
#include <string_view>

#include "caldav/calendar_filter.h"
#include "caldav/ical/ical.h"
#include "caldav/xml.h"

using namespace jadwal;

namespace {

const char* const kEvent =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n"
    "BEGIN:VEVENT\r\nUID:apel\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART;TZID=Asia/Jakarta:20250106T073000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=30\r\n"
    "SUMMARY:Apel pagi\r\nLOCATION:Halaman Kantor Bupati\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Apel\r\nEND:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:apel\r\nDTSTAMP:20250101T000000Z\r\nRECURRENCE-ID;TZID=Asia/Jakarta:20250108T073000\r\n"
    "DTSTART;TZID=Asia/Jakarta:20250108T090000\r\nDURATION:PT1H\r\nSUMMARY:Apel dipindah\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static caldav::IcalComponent event = caldav::parseStored(kEvent);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  caldav::XmlLimits limits;
  limits.maxBytes = 64 << 10;
  try {
    auto root = caldav::parseXml(text, limits);
    auto filter = caldav::parseFilter(root);
    caldav::indexHint(filter);
    caldav::ExpansionBudget budget;
    budget.stepsLeft = 5000;
    caldav::TimeContext time;
    time.maxInstances = 200;
    time.maxSteps = 2000;
    time.budget = &budget;
    caldav::matchesFilter(filter, event.get(), time);
  } catch (const caldav::XmlError&) {
  } catch (const caldav::FilterError&) {
  }
  caldav::Instant instant = 0;
  if (caldav::parseUtcDateTime(text, instant)) caldav::formatUtcDateTime(instant);
  return 0;
}
