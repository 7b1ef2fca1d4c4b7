#define BOOST_TEST_MODULE freebusy
#include "caldav/ical/ical.h"

#include <boost/test/unit_test.hpp>

#include "ical_test_support.h"
#include "libical_reader.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace jadwal::caldav;
using jadwal::caldav::testing::calendarOf;
using jadwal::caldav::testing::utc;

namespace {

std::string describe(const std::vector<BusyPeriod>& periods) {
  std::string text;
  for (const BusyPeriod& p : periods) {
    if (!text.empty()) text += ", ";
    text += p.type + " " + formatUtcDateTime(p.start) + "/" + formatUtcDateTime(p.end);
  }
  return text;
}

std::vector<BusyPeriod> busyOf(const IcalComponent& calendar, std::string_view from = "20231115T000000Z",
                               std::string_view to = "20231116T000000Z") {
  return busyPeriods(calendar.get(), utc(from), utc(to), TimeContext{});
}

IcalComponent eventWith(std::string_view extra) {
  return calendarOf(
      {"BEGIN:VEVENT", "UID:e", "DTSTART:20231115T020000Z", "DTEND:20231115T030000Z", extra, "END:VEVENT"});
}

}  // namespace

BOOST_AUTO_TEST_CASE(event_status_and_transparency_decide_the_type) {
  BOOST_CHECK_EQUAL(describe(busyOf(eventWith("SUMMARY:plain"))), "BUSY 20231115T020000Z/20231115T030000Z");
  BOOST_CHECK_EQUAL(describe(busyOf(eventWith("STATUS:CONFIRMED"))), "BUSY 20231115T020000Z/20231115T030000Z");
  BOOST_CHECK_EQUAL(describe(busyOf(eventWith("STATUS:TENTATIVE"))),
                    "BUSY-TENTATIVE 20231115T020000Z/20231115T030000Z");
  BOOST_CHECK_EQUAL(describe(busyOf(eventWith("TRANSP:OPAQUE"))), "BUSY 20231115T020000Z/20231115T030000Z");
  BOOST_CHECK(busyOf(eventWith("TRANSP:TRANSPARENT")).empty());
  BOOST_CHECK(busyOf(eventWith("STATUS:CANCELLED")).empty());
}

BOOST_AUTO_TEST_CASE(periods_are_clipped_to_the_range) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:e", "DTSTART:20231114T220000Z", "DTEND:20231115T010000Z", "END:VEVENT"});
  BOOST_CHECK_EQUAL(describe(busyOf(calendar)), "BUSY 20231115T000000Z/20231115T010000Z");
  BOOST_CHECK(busyOf(calendar, "20231116T000000Z", "20231117T000000Z").empty());
  // An instant takes no time: nothing busy.
  BOOST_CHECK(busyOf(calendarOf({"BEGIN:VEVENT", "UID:p", "DTSTART:20231115T020000Z", "END:VEVENT"})).empty());
}

BOOST_AUTO_TEST_CASE(recurring_events_give_one_period_per_instance) {
  IcalComponent calendar = calendarOf({"BEGIN:VEVENT",
                                       "UID:r",
                                       "DTSTART;TZID=Asia/Jakarta:20231113T090000",
                                       "DURATION:PT1H",
                                       "RRULE:FREQ=DAILY;COUNT=5",
                                       "EXDATE;TZID=Asia/Jakarta:20231114T090000",
                                       "END:VEVENT",
                                       "BEGIN:VEVENT",
                                       "UID:r",
                                       "RECURRENCE-ID;TZID=Asia/Jakarta:20231115T090000",
                                       "DTSTART;TZID=Asia/Jakarta:20231115T130000",
                                       "DURATION:PT1H",
                                       "STATUS:TENTATIVE",
                                       "END:VEVENT",
                                       "BEGIN:VEVENT",
                                       "UID:r",
                                       "RECURRENCE-ID;TZID=Asia/Jakarta:20231116T090000",
                                       "DTSTART;TZID=Asia/Jakarta:20231116T090000",
                                       "DURATION:PT1H",
                                       "STATUS:CANCELLED",
                                       "END:VEVENT"});
  BOOST_CHECK_EQUAL(describe(busyOf(calendar, "20231113T000000Z", "20231120T000000Z")),
                    "BUSY 20231113T020000Z/20231113T030000Z, BUSY-TENTATIVE 20231115T060000Z/20231115T070000Z, "
                    "BUSY 20231117T020000Z/20231117T030000Z");
}

BOOST_AUTO_TEST_CASE(vfreebusy_periods_keep_their_type) {
  IcalComponent calendar = calendarOf(
      {"BEGIN:VFREEBUSY", "UID:f", "DTSTART:20231115T000000Z", "DTEND:20231116T000000Z",
       "FREEBUSY:20231115T010000Z/PT1H", "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20231115T050000Z/20231115T060000Z",
       "FREEBUSY;FBTYPE=FREE:20231115T070000Z/PT1H",
       "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20231115T080000Z/PT1H,20231115T230000Z/PT2H", "END:VFREEBUSY"});
  BOOST_CHECK_EQUAL(describe(busyOf(calendar)),
                    "BUSY 20231115T010000Z/20231115T020000Z, BUSY-UNAVAILABLE 20231115T050000Z/20231115T060000Z, "
                    "BUSY-TENTATIVE 20231115T080000Z/20231115T090000Z, "
                    "BUSY-TENTATIVE 20231115T230000Z/20231116T000000Z");
}

BOOST_AUTO_TEST_CASE(free_busy_calendar_merges_per_type) {
  std::vector<BusyPeriod> periods = {
      {utc("20231115T030000Z"), utc("20231115T040000Z"), "BUSY"},
      {utc("20231115T010000Z"), utc("20231115T020000Z"), "BUSY"},
      {utc("20231115T013000Z"), utc("20231115T023000Z"), "BUSY"},
      {utc("20231115T023000Z"), utc("20231115T030000Z"), "BUSY"},  // touches: merged too
      {utc("20231115T013000Z"), utc("20231115T020000Z"), "BUSY-TENTATIVE"},
      {utc("20231115T050000Z"), utc("20231115T050000Z"), "BUSY"},  // empty: dropped
  };
  std::string text =
      freeBusyCalendar(periods, utc("20231115T000000Z"), utc("20231116T000000Z"), utc("20231114T080000Z"));
  BOOST_TEST_MESSAGE(text);
  BOOST_REQUIRE(parseStored(text));
  const jadwal::testing::LibicalTree parsed = jadwal::testing::readWithLibical(text);
  BOOST_REQUIRE(parsed);
  icalcomponent* vfreebusy = icalcomponent_get_first_component(parsed.get(), ICAL_VFREEBUSY_COMPONENT);
  BOOST_REQUIRE(vfreebusy != nullptr);
  BOOST_CHECK_EQUAL(icaltime_as_ical_string(icalcomponent_get_dtstart(vfreebusy)), "20231115T000000Z");
  BOOST_CHECK_EQUAL(icaltime_as_ical_string(icalcomponent_get_dtend(vfreebusy)), "20231116T000000Z");
  BOOST_CHECK(icalcomponent_get_first_property(vfreebusy, ICAL_DTSTAMP_PROPERTY) != nullptr);
  BOOST_CHECK_NE(text.find("DTSTAMP:20231114T080000Z"), std::string::npos);  // the stamp given, not the clock
  std::vector<std::string> lines;
  for (icalproperty* p = icalcomponent_get_first_property(vfreebusy, ICAL_FREEBUSY_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(vfreebusy, ICAL_FREEBUSY_PROPERTY)) {
    char* type = icalproperty_get_parameter_as_string_r(p, "FBTYPE");
    lines.push_back(std::string(type != nullptr ? type : "none") + " " +
                    icalperiodtype_as_ical_string(icalproperty_get_freebusy(p)));
    icalmemory_free_buffer(type);
  }
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0], "BUSY 20231115T010000Z/20231115T040000Z");
  BOOST_CHECK_EQUAL(lines[1], "BUSY-TENTATIVE 20231115T013000Z/20231115T020000Z");
  BOOST_CHECK_EQUAL(text.find("TZID"), std::string::npos);
  // No periods at all: still a VFREEBUSY for the range.
  std::string empty = freeBusyCalendar({}, utc("20231115T000000Z"), utc("20231116T000000Z"), utc("20231114T080000Z"));
  BOOST_CHECK_NE(empty.find("BEGIN:VFREEBUSY"), std::string::npos);
  BOOST_CHECK_EQUAL(empty.find("FREEBUSY;"), std::string::npos);
}
