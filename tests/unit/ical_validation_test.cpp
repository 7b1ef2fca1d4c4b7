#define BOOST_TEST_MODULE ical_validation
#include <boost/test/unit_test.hpp>

#include <string>

#include "caldav/ical/ical.h"

using namespace jadwal::caldav;

namespace {

std::string event(const std::string& properties, const std::string& end = "END:VEVENT") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\nBEGIN:VEVENT\r\nUID:v1\r\n"
         "DTSTAMP:20260101T000000Z\r\n" +
         properties + "\r\n" + end + "\r\nEND:VCALENDAR\r\n";
}

// The reason a body is refused as not iCalendar.
std::string refusal(const std::string& text) {
  try {
    parseCalendarObject(text, "VEVENT,VTODO", TimeContext{});
  } catch (const IcalError& e) {
    BOOST_TEST((e.kind() == IcalError::Kind::NotICalendar));
    return e.what();
  }
  BOOST_FAIL("accepted:\n" << text);
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(dates_and_times_that_do_not_exist_are_refused) {
  BOOST_TEST(refusal(event("DTSTART:20261301T000000Z")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260132T000000Z")).find("does not exist") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T250000Z")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T106100Z")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:00000101T000000Z")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART;VALUE=DATE:20260230")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART;VALUE=DATE:20250229")).find("DTSTART") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nDTEND:20260101T240000Z")).find("DTEND") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nEXDATE:20260199T000000Z")).find("EXDATE") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nRRULE:FREQ=DAILY;UNTIL=20261399T000000Z")).find("RRULE") !=
             std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nRDATE;VALUE=PERIOD:20260105T000000Z/20260105T990000Z"))
                 .find("RDATE") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\n"
                           "TRIGGER;VALUE=DATE-TIME:20261301T000000Z\r\nEND:VALARM"))
                 .find("TRIGGER") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(real_dates_pass) {
  const std::string leap = event("DTSTART;VALUE=DATE:20280229\r\nRRULE:FREQ=YEARLY;UNTIL=20360229");
  BOOST_CHECK_NO_THROW(parseCalendarObject(leap, "VEVENT", TimeContext{}));
  const std::string leapSecond = event("DTSTART:20261231T235960Z");
  BOOST_CHECK_NO_THROW(parseCalendarObject(leapSecond, "VEVENT", TimeContext{}));
}

BOOST_AUTO_TEST_CASE(an_end_must_close_what_its_begin_opened) {
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z", "END:VTODO")).find("does not close BEGIN:VEVENT") !=
             std::string::npos);
  BOOST_TEST(
      refusal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").find("END:VEVENT") !=
      std::string::npos);
  // Case and folding do not matter.
  const std::string folded =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nbegin:VEV\r\n ENT\r\nUID:f\r\n"
      "DTSTAMP:20260101T000000Z\r\nDTSTART:20260101T000000Z\r\nend:vevent\r\nEND:VCALENDAR\r\n";
  BOOST_CHECK_NO_THROW(parseCalendarObject(folded, "VEVENT", TimeContext{}));
}

BOOST_AUTO_TEST_CASE(text_must_be_utf8) {
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nSUMMARY:Rapat \xff\xfe")).find("UTF-8") != std::string::npos);
  BOOST_TEST(refusal(event("DTSTART:20260101T000000Z\r\nSUMMARY:\xc0\xaf")).find("UTF-8") != std::string::npos);
  const std::string indonesian = event("DTSTART:20260101T000000Z\r\nSUMMARY:Rapat Koordinasi \xe2\x80\x94 Bupati");
  BOOST_CHECK_NO_THROW(parseCalendarObject(indonesian, "VEVENT", TimeContext{}));
}
