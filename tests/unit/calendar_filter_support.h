#pragma once
// Helpers of the calendar-query filter tests: sample objects, filters from XML, UTC instants.

#include "caldav/calendar_filter.h"

#include <boost/test/unit_test.hpp>

#include "ical_test_support.h"

#include <initializer_list>
#include <string>
#include <string_view>

#include "caldav/ical/text_match.h"
#include "caldav/xml.h"

using namespace jadwal::caldav;
using jadwal::caldav::testing::calendarOf;
using jadwal::caldav::testing::utc;

// Not anonymous: each test file uses only some of these helpers.
inline namespace test_support {

// Filters are written as the body a client sends: inner XML of <C:filter>.
CompFilter filterFrom(std::string_view inner) {
  std::string body = "<?xml version=\"1.0\"?><C:filter xmlns:C=\"urn:ietf:params:xml:ns:caldav\">";
  body += inner;
  body += "</C:filter>";
  return parseFilter(parseXml(body));
}

// The precondition a filter is refused with, or "" if it is accepted.
[[maybe_unused]] std::string refusal(std::string_view inner) {
  try {
    filterFrom(inner);
  } catch (const FilterError& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    BOOST_CHECK(std::string(e.what()).size() > 0);
    return e.precondition();
  }
  return "";
}

bool matches(std::string_view filterInner, const IcalComponent& calendar) {
  return matchesFilter(filterFrom(filterInner), calendar.get(), TimeContext{});
}

std::string eventsInRange(std::string_view start, std::string_view end) {
  return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"" +
         std::string(start) + "\" end=\"" + std::string(end) + "\"/></C:comp-filter></C:comp-filter>";
}

// Small equivalents of the RFC 4791 appendix B data.
IcalComponent singleEventJan2() {
  return calendarOf({"BEGIN:VEVENT", "UID:event-1@jadwal", "DTSTAMP:20060206T001102Z", "DTSTART:20060102T150000Z",
                     "DURATION:PT1H", "SUMMARY:Event #1", "END:VEVENT"});
}

// Weekly on Wednesdays at 12:00Z from 2005-12-28: an instance on 2006-01-04.
IcalComponent weeklyEvent() {
  return calendarOf({"BEGIN:VEVENT", "UID:event-2@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART:20051228T120000Z",
                     "DTEND:20051228T130000Z", "RRULE:FREQ=WEEKLY;COUNT=10", "SUMMARY:Rapat Rutin", "END:VEVENT"});
}

IcalComponent eventJan4WithAttendees(std::string_view lisaStatus, std::string_view bernardStatus) {
  std::string lisa = "ATTENDEE;PARTSTAT=" + std::string(lisaStatus) + ";CN=Lisa:mailto:lisa@example.com";
  std::string bernard = "ATTENDEE;PARTSTAT=" + std::string(bernardStatus) + ":mailto:bernard@example.com";
  return calendarOf({"BEGIN:VEVENT", "UID:DC6C50A017428C5216A2F1CD@example.com", "DTSTAMP:20060206T001220Z",
                     "DTSTART:20060104T150000Z", "DURATION:PT1H", "SUMMARY:Rapat Koordinasi Inflasi",
                     "ORGANIZER:mailto:cyrus@example.com", lisa, bernard, "END:VEVENT"});
}

IcalComponent todo(std::initializer_list<std::string_view> extra) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\nBEGIN:VTODO\r\n"
      "UID:todo@jadwal\r\nDTSTAMP:20060205T235335Z\r\nSUMMARY:Task\r\n";
  for (std::string_view line : extra) {
    text += line;
    text += "\r\n";
  }
  text += "END:VTODO\r\nEND:VCALENDAR\r\n";
  IcalComponent calendar = parseStored(text);
  BOOST_REQUIRE(calendar);
  return calendar;
}

IcalComponent eventWithDisplayAlarm() {
  return calendarOf({"BEGIN:VEVENT", "UID:with-alarm@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART:20060104T150000Z",
                     "DURATION:PT1H", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Pengingat", "TRIGGER:-PT15M",
                     "END:VALARM", "END:VEVENT"});
}

}  // namespace test_support
