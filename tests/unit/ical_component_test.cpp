#define BOOST_TEST_MODULE ical_component
// The reads of one component that the agenda needs: its description, its
// classification, and whether its start is a date and its end is given.
#include "caldav/ical/ical.h"

#include <boost/test/unit_test.hpp>

#include "ical_test_support.h"

using namespace jadwal::caldav;
using jadwal::caldav::testing::calendarOf;

namespace {

ComponentRef firstEvent(const IcalComponent& calendar) {
  const std::vector<ComponentRef> events = calendar.get().children("VEVENT");
  BOOST_REQUIRE(!events.empty());
  return events.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(description_is_unescaped_with_its_lines) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z",
                  "DESCRIPTION:Pakaian: PDH\\nKet.: Sambutan\\, singkat\\ns.d. selesai", "END:VEVENT"});
  BOOST_CHECK_EQUAL(firstEvent(calendar).description(), "Pakaian: PDH\nKet.: Sambutan, singkat\ns.d. selesai");
}

BOOST_AUTO_TEST_CASE(description_absent_is_empty) {
  IcalComponent calendar = calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "END:VEVENT"});
  BOOST_CHECK_EQUAL(firstEvent(calendar).description(), "");
  BOOST_CHECK_EQUAL(ComponentRef().description(), "");
}

BOOST_AUTO_TEST_CASE(classification_in_capitals_or_empty) {
  for (const auto& [line, expected] :
       std::vector<std::pair<std::string, std::string>>{{"CLASS:PUBLIC", "PUBLIC"},
                                                        {"CLASS:PRIVATE", "PRIVATE"},
                                                        {"CLASS:CONFIDENTIAL", "CONFIDENTIAL"},
                                                        {"CLASS:private", "PRIVATE"},
                                                        {"CLASS:X-INTERNAL", "X-INTERNAL"}}) {
    IcalComponent calendar = calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", line, "END:VEVENT"});
    BOOST_CHECK_EQUAL(firstEvent(calendar).classification(), expected);
  }
  IcalComponent none = calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "END:VEVENT"});
  BOOST_CHECK_EQUAL(firstEvent(none).classification(), "");
  BOOST_CHECK_EQUAL(ComponentRef().classification(), "");
}

BOOST_AUTO_TEST_CASE(start_is_a_date_only_for_all_day_events) {
  IcalComponent allDay =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20231122", "DTEND;VALUE=DATE:20231123", "END:VEVENT"});
  BOOST_CHECK(firstEvent(allDay).startIsDate());
  IcalComponent timed =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Asia/Jakarta:20231122T080000", "END:VEVENT"});
  BOOST_CHECK(!firstEvent(timed).startIsDate());
  IcalComponent todo = calendarOf({"BEGIN:VTODO", "UID:t", "END:VTODO"});
  BOOST_CHECK(!todo.get().children("VTODO").front().startIsDate());
  BOOST_CHECK(!ComponentRef().startIsDate());
}

BOOST_AUTO_TEST_CASE(end_or_duration_is_told_from_neither) {
  IcalComponent withEnd =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DTEND:20231122T020000Z", "END:VEVENT"});
  BOOST_CHECK(firstEvent(withEnd).hasEndOrDuration());
  IcalComponent withDuration =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DURATION:PT1H", "END:VEVENT"});
  BOOST_CHECK(firstEvent(withDuration).hasEndOrDuration());
  IcalComponent open = calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "END:VEVENT"});
  BOOST_CHECK(!firstEvent(open).hasEndOrDuration());
  BOOST_CHECK(!ComponentRef().hasEndOrDuration());
}
