#pragma once
// Small builders shared by the iCalendar unit tests.

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "caldav/ical/ical.h"

namespace jadwal::caldav::testing {

// A VCALENDAR around the given component lines, parsed.
inline IcalComponent calendarOf(std::initializer_list<std::string_view> lines) {
  std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\n";
  for (std::string_view line : lines) {
    text += line;
    text += "\r\n";
  }
  text += "END:VCALENDAR\r\n";
  IcalComponent calendar = parseStored(text);
  BOOST_REQUIRE(calendar);
  return calendar;
}

// An instant from "YYYYMMDDTHHMMSSZ".
inline Instant utc(std::string_view text) {
  Instant at = 0;
  BOOST_REQUIRE(parseUtcDateTime(text, at));
  return at;
}

}  // namespace jadwal::caldav::testing
