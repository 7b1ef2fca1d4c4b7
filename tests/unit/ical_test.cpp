#define BOOST_TEST_MODULE ical
#include "caldav/ical/ical.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace jadwal::caldav;
using jadwal::sql::kOpenEnd;
using jadwal::sql::kOpenStart;

namespace {

std::string calendarText(std::initializer_list<std::string_view> lines) {
  std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\n";
  for (std::string_view line : lines) {
    text += line;
    text += "\r\n";
  }
  text += "END:VCALENDAR\r\n";
  return text;
}

std::string eventText(std::initializer_list<std::string_view> properties) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
      "DTSTAMP:20231101T000000Z\r\n";
  for (std::string_view p : properties) {
    text += p;
    text += "\r\n";
  }
  text += "END:VEVENT\r\nEND:VCALENDAR\r\n";
  return text;
}

Instant utc(std::string_view text) {
  Instant at = 0;
  BOOST_REQUIRE(parseUtcDateTime(text, at));
  return at;
}

jadwal::sql::ObjectIndex indexOfText(const std::string& text, const TimeContext& ctx = {}) {
  return parseCalendarObject(text, "VEVENT,VTODO,VJOURNAL", ctx).index;
}

// The kind of IcalError the text is refused with; the reason is logged.
std::optional<IcalError::Kind> refusal(const std::string& text, std::string_view allowed = "VEVENT,VTODO",
                                       std::string* reason = nullptr) {
  try {
    parseCalendarObject(text, allowed, TimeContext{});
  } catch (const IcalError& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    BOOST_CHECK(!std::string(e.what()).empty());
    if (reason != nullptr) *reason = e.what();
    return e.kind();
  }
  return std::nullopt;
}

const char* kCustomZone =
    "BEGIN:VTIMEZONE\r\nTZID:Kantor/Tengah\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nTZNAME:KT\r\nEND:STANDARD\r\nEND:VTIMEZONE";

}  // namespace

// Runs first, while libical's zone cache is cold: eight threads load zones,
// parse, index and expand at once, and must agree with one another.
BOOST_AUTO_TEST_CASE(concurrent_parse_index_expand_agree) {
  const std::vector<std::string> zones = {"Europe/Berlin", "America/New_York",  "Asia/Tokyo",   "Australia/Sydney",
                                          "Europe/London", "America/Sao_Paulo", "Africa/Cairo", "Asia/Kolkata"};
  // Boost.Test's assertions are not thread-safe: the threads only compute.
  const Instant january = utc("20230101T000000Z"), april = utc("20230401T000000Z"), nextYear = utc("20240101T000000Z");
  auto work = [&](const std::string& zone, int round) -> std::string {
    std::string text =
        calendarText({"BEGIN:VEVENT", "UID:r" + std::to_string(round), "DTSTAMP:20231101T000000Z",
                      "DTSTART;TZID=" + zone + ":20230105T093000", "DTEND;TZID=" + zone + ":20230105T103000",
                      "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=60", "EXDATE;TZID=" + zone + ":20230112T093000", "END:VEVENT",
                      "BEGIN:VEVENT", "UID:r" + std::to_string(round), "DTSTAMP:20231101T000000Z",
                      "RECURRENCE-ID;TZID=" + zone + ":20230119T093000", "DTSTART;TZID=" + zone + ":20230119T140000",
                      "DTEND;TZID=" + zone + ":20230119T150000", "END:VEVENT"});
    try {
      ParsedObject parsed = parseCalendarObject(text, "VEVENT", TimeContext{});
      std::string expanded = expandCalendarData(parsed.calendar.get(), january, april, TimeContext{});
      auto instances = instancesOverlapping(parsed.calendar.get(), "VEVENT", january, nextYear, TimeContext{});
      if (instances.empty()) return "no instances";
      return std::to_string(parsed.index.firstStart) + "/" + std::to_string(parsed.index.lastEnd) + "/" +
             std::to_string(instances.size()) + "/" + std::to_string(instances.front().start) + "/" +
             std::to_string(expanded.size());
    } catch (const std::exception& e) {
      return e.what();
    }
  };
  std::vector<std::vector<std::string>> results(8, std::vector<std::string>(4));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) {
      }
      // Every thread walks the zones in a different order, so cold loads collide.
      for (std::size_t round = 0; round < 4; ++round) {
        results[t][round] = work(zones[(t + round) % zones.size()], static_cast<int>(round));
      }
    });
  }
  go = true;
  for (auto& th : threads) th.join();
  // The same inputs computed again on one thread give the same answers.
  for (std::size_t t = 0; t < 8; ++t) {
    for (std::size_t round = 0; round < 4; ++round) {
      BOOST_CHECK_EQUAL(results[t][round], work(zones[(t + round) % zones.size()], static_cast<int>(round)));
    }
  }
  // And the numbers are right: the 52 Thursdays of 2023 less one EXDATE.
  std::string berlin = work("Europe/Berlin", 0);
  BOOST_TEST_MESSAGE(berlin);
  BOOST_CHECK_NE(berlin.find("/51/"), std::string::npos);
  BOOST_CHECK_EQUAL(berlin.substr(0, berlin.find('/')), std::to_string(utc("20230105T083000Z")));
}

// ---------------------------------------------------------------- validation

BOOST_AUTO_TEST_CASE(valid_event_is_accepted_and_indexed) {
  ParsedObject parsed = parseCalendarObject(
      eventText({"DTSTART:20231115T090000Z", "DTEND:20231115T100000Z", "SUMMARY:Rapat"}), "VEVENT,VTODO", {});
  BOOST_REQUIRE(parsed.calendar);
  BOOST_CHECK_EQUAL(parsed.index.uid, "e1");
  BOOST_CHECK_EQUAL(parsed.index.component, "VEVENT");
  BOOST_CHECK_EQUAL(parsed.index.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(parsed.index.lastEnd, utc("20231115T100000Z"));
  BOOST_CHECK(!parsed.index.recurring);
}

BOOST_AUTO_TEST_CASE(unparseable_bodies_are_not_icalendar) {
  BOOST_CHECK(refusal("") == IcalError::Kind::NotICalendar);
  BOOST_CHECK(refusal("hello, this is a letter") == IcalError::Kind::NotICalendar);
  BOOST_CHECK(refusal("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20231115T090000Z\r\nEND:VEVENT\r\n") ==
              IcalError::Kind::NotICalendar);
  std::string reason;
  BOOST_CHECK(refusal(eventText({"DTSTART:2023-11-15 nine o'clock"}), "VEVENT", &reason) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK_NE(reason.find("DTSTART"), std::string::npos);
  BOOST_CHECK(refusal(eventText({"DTSTART:20231115T090000Z", "RRULE:FREQ=SOMETIMES"})) ==
              IcalError::Kind::NotICalendar);
}

BOOST_AUTO_TEST_CASE(vcalendar_needs_version_and_prodid) {
  std::string noVersion = eventText({"DTSTART:20231115T090000Z"});
  noVersion.erase(noVersion.find("VERSION:2.0\r\n"), 13);
  BOOST_CHECK(refusal(noVersion) == IcalError::Kind::NotICalendar);
  std::string noProdid = eventText({"DTSTART:20231115T090000Z"});
  noProdid.erase(noProdid.find("PRODID:-//Jadwal//Test//EN\r\n"), 28);
  BOOST_CHECK(refusal(noProdid) == IcalError::Kind::NotICalendar);
}

BOOST_AUTO_TEST_CASE(object_resource_rules) {
  std::string reason;
  BOOST_CHECK(refusal(calendarText({"BEGIN:VEVENT", "DTSTART:20231115T090000Z", "END:VEVENT"}), "VEVENT", &reason) ==
              IcalError::Kind::NotObjectResource);
  BOOST_CHECK_EQUAL(reason, "component VEVENT has no UID");
  BOOST_CHECK(refusal(calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "END:VEVENT", "BEGIN:VEVENT",
                                    "UID:b", "DTSTART:20231116T090000Z", "END:VEVENT"}),
                      "VEVENT", &reason) == IcalError::Kind::NotObjectResource);
  BOOST_CHECK_EQUAL(reason, "objects with different UIDs in one resource");
  BOOST_CHECK(refusal(calendarText({"METHOD:REQUEST", "BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z",
                                    "END:VEVENT"})) == IcalError::Kind::NotObjectResource);
  BOOST_CHECK(refusal(calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "END:VEVENT", "BEGIN:VTODO",
                                    "UID:a", "END:VTODO"})) == IcalError::Kind::NotObjectResource);
  BOOST_CHECK(refusal(calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "END:VEVENT", "BEGIN:VEVENT",
                                    "UID:a", "DTSTART:20231116T090000Z", "END:VEVENT"}),
                      "VEVENT", &reason) == IcalError::Kind::NotObjectResource);
  BOOST_CHECK_EQUAL(reason, "more than one component without RECURRENCE-ID");
  BOOST_CHECK(refusal(calendarText({})) == IcalError::Kind::NotObjectResource);
  BOOST_CHECK(refusal(calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "END:VEVENT"}) +
                      calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "END:VEVENT"})) ==
              IcalError::Kind::NotObjectResource);
  // The same RECURRENCE-ID twice, once in UTC and once in WIB.
  BOOST_CHECK(
      refusal(calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "RRULE:FREQ=DAILY", "END:VEVENT",
                            "BEGIN:VEVENT", "UID:a", "RECURRENCE-ID:20231116T090000Z", "DTSTART:20231116T100000Z",
                            "END:VEVENT", "BEGIN:VEVENT", "UID:a", "RECURRENCE-ID;TZID=Asia/Jakarta:20231116T160000",
                            "DTSTART:20231116T110000Z", "END:VEVENT"})) == IcalError::Kind::NotObjectResource);
}

BOOST_AUTO_TEST_CASE(unsupported_components) {
  BOOST_CHECK(refusal(calendarText({"BEGIN:VFREEBUSY", "UID:a", "DTSTART:20231115T090000Z", "END:VFREEBUSY"})) ==
              IcalError::Kind::UnsupportedComponent);
  std::string todo = calendarText({"BEGIN:VTODO", "UID:t", "DUE:20231115T090000Z", "END:VTODO"});
  BOOST_CHECK(refusal(todo, "VEVENT") == IcalError::Kind::UnsupportedComponent);
  BOOST_CHECK(!refusal(todo, "VEVENT, vtodo"));
  std::string journal = calendarText({"BEGIN:VJOURNAL", "UID:j", "DTSTART;VALUE=DATE:20231115", "END:VJOURNAL"});
  BOOST_CHECK(refusal(journal, "VEVENT,VTODO") == IcalError::Kind::UnsupportedComponent);
  BOOST_CHECK(!refusal(journal, "VJOURNAL"));
}

BOOST_AUTO_TEST_CASE(time_zones_must_be_known) {
  std::string reason;
  BOOST_CHECK(refusal(eventText({"DTSTART;TZID=Mars/Olympus_Mons:20231115T090000"}), "VEVENT", &reason) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK_EQUAL(reason, "unknown TZID Mars/Olympus_Mons");
  BOOST_CHECK(refusal(eventText({"DTSTART:20231115T090000Z", "EXDATE;TZID=Nowhere:20231115T090000"})) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK(!refusal(eventText({"DTSTART;TZID=Asia/Jakarta:20231115T090000"})));
  BOOST_CHECK(!refusal(calendarText(
      {kCustomZone, "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Kantor/Tengah:20231115T090000", "END:VEVENT"})));
}

BOOST_AUTO_TEST_CASE(event_time_properties_are_checked) {
  std::string reason;
  BOOST_CHECK(refusal(eventText({"SUMMARY:no start"}), "VEVENT", &reason) == IcalError::Kind::NotICalendar);
  BOOST_CHECK_EQUAL(reason, "component VEVENT has no DTSTART");
  BOOST_CHECK(refusal(eventText({"DTSTART:20231115T090000Z", "DTEND:20231115T080000Z"})) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK(refusal(eventText({"DTSTART:20231115T090000Z", "DTEND:20231115T100000Z", "DURATION:PT1H"})) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK(refusal(eventText({"DTSTART;VALUE=DATE:20231115", "DTEND:20231115T100000Z"})) ==
              IcalError::Kind::NotICalendar);
  BOOST_CHECK(refusal(calendarText({"BEGIN:VTODO", "UID:t", "RRULE:FREQ=DAILY", "END:VTODO"})) ==
              IcalError::Kind::NotICalendar);
}

BOOST_AUTO_TEST_CASE(parse_stored_refuses_what_no_longer_parses) {
  BOOST_CHECK_THROW(parseStored("garbage"), IcalError);
  try {
    parseStored("");
    BOOST_FAIL("empty text parsed");
  } catch (const IcalError& e) {
    BOOST_CHECK(e.kind() == IcalError::Kind::NotICalendar);
  }
  IcalComponent ok = parseStored(eventText({"DTSTART:20231115T090000Z"}));
  BOOST_CHECK(ok);
}

BOOST_AUTO_TEST_CASE(to_string_writes_crlf_lines) {
  IcalComponent c = parseStored(eventText({"DTSTART:20231115T090000Z", "SUMMARY:Apel"}));
  std::string text = c.toString();
  BOOST_CHECK_EQUAL(text.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  BOOST_CHECK_NE(text.find("SUMMARY:Apel\r\n"), std::string::npos);
  BOOST_CHECK_EQUAL(IcalComponent().toString(), "");
}

// ---------------------------------------------------------------- index spans

BOOST_AUTO_TEST_CASE(span_in_named_zone_and_vtimezone) {
  auto jakarta =
      indexOfText(eventText({"DTSTART;TZID=Asia/Jakarta:20231115T090000", "DTEND;TZID=Asia/Jakarta:20231115T103000"}));
  BOOST_CHECK_EQUAL(jakarta.firstStart, utc("20231115T020000Z"));
  BOOST_CHECK_EQUAL(jakarta.lastEnd, utc("20231115T033000Z"));
  // The system zone database knows daylight saving time.
  auto summer = indexOfText(eventText({"DTSTART;TZID=America/New_York:20230701T120000"}));
  auto winter = indexOfText(eventText({"DTSTART;TZID=America/New_York:20230115T120000"}));
  BOOST_CHECK_EQUAL(summer.firstStart, utc("20230701T160000Z"));
  BOOST_CHECK_EQUAL(winter.firstStart, utc("20230115T170000Z"));
  // A VTIMEZONE in the object wins, even over a name the system knows.
  auto custom = indexOfText(
      calendarText({kCustomZone, "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Kantor/Tengah:20231115T090000", "END:VEVENT"}));
  BOOST_CHECK_EQUAL(custom.firstStart, utc("20231115T060000Z"));
  auto shadowed =
      indexOfText(calendarText({"BEGIN:VTIMEZONE", "TZID:Asia/Jakarta", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                                "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD", "END:VTIMEZONE",
                                "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Asia/Jakarta:20231115T090000", "END:VEVENT"}));
  BOOST_CHECK_EQUAL(shadowed.firstStart, utc("20231115T010000Z"));
}

BOOST_AUTO_TEST_CASE(floating_and_all_day_use_the_default_zone) {
  auto floating = indexOfText(eventText({"DTSTART:20231115T090000", "DTEND:20231115T100000"}));
  BOOST_CHECK_EQUAL(floating.firstStart, utc("20231115T020000Z"));
  TimeContext inUtc;
  inUtc.defaultTzid = "UTC";
  BOOST_CHECK_EQUAL(indexOfText(eventText({"DTSTART:20231115T090000"}), inUtc).firstStart, utc("20231115T090000Z"));
  // All day without DTEND: that whole day in WIB.
  auto allDay = indexOfText(eventText({"DTSTART;VALUE=DATE:20231115"}));
  BOOST_CHECK_EQUAL(allDay.firstStart, utc("20231114T170000Z"));
  BOOST_CHECK_EQUAL(allDay.lastEnd, utc("20231115T170000Z"));
  auto threeDays = indexOfText(eventText({"DTSTART;VALUE=DATE:20231115", "DTEND;VALUE=DATE:20231118"}));
  BOOST_CHECK_EQUAL(threeDays.lastEnd, utc("20231117T170000Z"));
}

BOOST_AUTO_TEST_CASE(duration_and_missing_end) {
  auto duration = indexOfText(eventText({"DTSTART:20231115T090000Z", "DURATION:PT1H30M"}));
  BOOST_CHECK_EQUAL(duration.lastEnd, utc("20231115T103000Z"));
  auto days = indexOfText(eventText({"DTSTART;VALUE=DATE:20231115", "DURATION:P2D"}));
  BOOST_CHECK_EQUAL(days.lastEnd, utc("20231116T170000Z"));
  // A DATE-TIME without DTEND is an instant: it matches a range starting at
  // it, so the index holds one second.
  auto instant = indexOfText(eventText({"DTSTART:20231115T090000Z"}));
  BOOST_CHECK_EQUAL(instant.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(instant.lastEnd, utc("20231115T090001Z"));
}

BOOST_AUTO_TEST_CASE(todo_spans_follow_the_caldav_table) {
  auto todo = [](std::initializer_list<std::string_view> props) {
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VTODO\r\nUID:t\r\n";
    for (auto p : props) (text += p) += "\r\n";
    text += "END:VTODO\r\nEND:VCALENDAR\r\n";
    return indexOfText(text);
  };
  auto startDue = todo({"DTSTART:20231115T090000Z", "DUE:20231116T090000Z"});
  BOOST_CHECK_EQUAL(startDue.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(startDue.lastEnd, utc("20231116T090000Z"));
  BOOST_CHECK_EQUAL(startDue.component, "VTODO");
  // DUE only: a range ending exactly at DUE still matches, one starting at it does not.
  auto dueOnly = todo({"DUE:20231116T090000Z"});
  BOOST_CHECK_EQUAL(dueOnly.firstStart, utc("20231116T085959Z"));
  BOOST_CHECK_EQUAL(dueOnly.lastEnd, utc("20231116T090000Z"));
  auto startDuration = todo({"DTSTART:20231115T090000Z", "DURATION:PT2H"});
  BOOST_CHECK_EQUAL(startDuration.lastEnd, utc("20231115T110001Z"));
  auto completed = todo({"COMPLETED:20231115T090000Z"});
  BOOST_CHECK_EQUAL(completed.firstStart, utc("20231115T085959Z"));
  BOOST_CHECK_EQUAL(completed.lastEnd, utc("20231115T090001Z"));
  auto created = todo({"CREATED:20231115T090000Z"});
  BOOST_CHECK_EQUAL(created.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(created.lastEnd, kOpenEnd);
  auto open = todo({"SUMMARY:someday"});
  BOOST_CHECK_EQUAL(open.firstStart, kOpenStart);
  BOOST_CHECK_EQUAL(open.lastEnd, kOpenEnd);
}

BOOST_AUTO_TEST_CASE(journal_spans) {
  auto journal = [](std::string_view start) {
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VJOURNAL\r\nUID:j\r\n";
    if (!start.empty()) (text += start) += "\r\n";
    text += "END:VJOURNAL\r\nEND:VCALENDAR\r\n";
    return indexOfText(text);
  };
  BOOST_CHECK_EQUAL(journal("DTSTART;VALUE=DATE:20231115").lastEnd, utc("20231115T170000Z"));
  BOOST_CHECK_EQUAL(journal("DTSTART:20231115T090000Z").lastEnd, utc("20231115T090001Z"));
  // Without DTSTART a journal matches no time range: an empty span.
  auto none = journal("");
  BOOST_CHECK_EQUAL(none.firstStart, kOpenEnd);
  BOOST_CHECK_EQUAL(none.lastEnd, kOpenStart);
}

BOOST_AUTO_TEST_CASE(recurring_spans) {
  auto count =
      indexOfText(eventText({"DTSTART:20231115T090000Z", "DTEND:20231115T100000Z", "RRULE:FREQ=DAILY;COUNT=3"}));
  BOOST_CHECK(count.recurring);
  BOOST_CHECK_EQUAL(count.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(count.lastEnd, utc("20231117T100000Z"));
  // UNTIL in UTC against a DTSTART in WIB: 09.00 WIB on the 20th is 02.00Z, included.
  auto until =
      indexOfText(eventText({"DTSTART;TZID=Asia/Jakarta:20231115T090000", "DTEND;TZID=Asia/Jakarta:20231115T100000",
                             "RRULE:FREQ=DAILY;UNTIL=20231120T020000Z"}));
  BOOST_CHECK_EQUAL(until.lastEnd, utc("20231120T030000Z"));
  auto unbounded = indexOfText(eventText({"DTSTART:20231115T090000Z", "RRULE:FREQ=WEEKLY"}));
  BOOST_CHECK_EQUAL(unbounded.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(unbounded.lastEnd, kOpenEnd);
  // RDATEs extend the set both ways, a PERIOD with its own end.
  auto rdates =
      indexOfText(eventText({"DTSTART:20231115T090000Z", "DTEND:20231115T100000Z", "RRULE:FREQ=DAILY;COUNT=2",
                             "RDATE:20231110T090000Z", "RDATE;VALUE=PERIOD:20231201T090000Z/20231201T180000Z"}));
  BOOST_CHECK_EQUAL(rdates.firstStart, utc("20231110T090000Z"));
  BOOST_CHECK_EQUAL(rdates.lastEnd, utc("20231201T180000Z"));
  auto onlyRdate = indexOfText(eventText({"DTSTART:20231115T090000Z", "RDATE:20231120T090000Z"}));
  BOOST_CHECK(onlyRdate.recurring);
  BOOST_CHECK_EQUAL(onlyRdate.lastEnd, utc("20231120T090001Z"));
  // A rule longer than the instance bound is indexed as open-ended.
  TimeContext small;
  small.maxInstances = 10;
  auto tooMany = indexOfText(eventText({"DTSTART:20231115T090000Z", "RRULE:FREQ=DAILY;COUNT=50"}), small);
  BOOST_CHECK_EQUAL(tooMany.lastEnd, kOpenEnd);
}

BOOST_AUTO_TEST_CASE(overrides_widen_the_span) {
  auto moved = indexOfText(
      calendarText({"BEGIN:VEVENT", "UID:a", "DTSTART:20231115T090000Z", "DTEND:20231115T100000Z",
                    "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT", "BEGIN:VEVENT", "UID:a", "RECURRENCE-ID:20231117T090000Z",
                    "DTSTART:20231125T090000Z", "DTEND:20231125T120000Z", "END:VEVENT"}));
  BOOST_CHECK(moved.recurring);
  BOOST_CHECK_EQUAL(moved.firstStart, utc("20231115T090000Z"));
  BOOST_CHECK_EQUAL(moved.lastEnd, utc("20231125T120000Z"));
  // Only an override (an invitation to one instance): still recurring.
  auto lone = indexOfText(calendarText({"BEGIN:VEVENT", "UID:a", "RECURRENCE-ID:20231117T090000Z",
                                        "DTSTART:20231118T090000Z", "DTEND:20231118T100000Z", "END:VEVENT"}));
  BOOST_CHECK(lone.recurring);
  BOOST_CHECK_EQUAL(lone.firstStart, utc("20231118T090000Z"));
}

// ---------------------------------------------------------------- UTC text

BOOST_AUTO_TEST_CASE(utc_date_time_text) {
  Instant at = 0;
  BOOST_CHECK(parseUtcDateTime("19700101T000000Z", at));
  BOOST_CHECK_EQUAL(at, 0);
  BOOST_CHECK(parseUtcDateTime("20231115T090000Z", at));
  BOOST_CHECK_EQUAL(at, 1700038800);
  BOOST_CHECK_EQUAL(formatUtcDateTime(1700038800), "20231115T090000Z");
  BOOST_CHECK(parseUtcDateTime("19000101T000000Z", at));
  BOOST_CHECK_EQUAL(at, -2208988800);
  BOOST_CHECK_EQUAL(formatUtcDateTime(-2208988800), "19000101T000000Z");
  BOOST_CHECK_EQUAL(formatUtcDateTime(4102444800), "21000101T000000Z");
  BOOST_CHECK_EQUAL(formatUtcDateTime(-1), "19691231T235959Z");
  for (const char* bad : {"", "20231115T090000", "20231115 090000Z", "2023111T090000ZZ", "20231315T090000Z",
                          "20230230T090000Z", "20231115T250000Z", "2023111xT090000Z", "+0231115T090000Z"}) {
    BOOST_CHECK_MESSAGE(!parseUtcDateTime(bad, at), bad);
  }
}
