#define BOOST_TEST_MODULE recurrence
#include "caldav/ical/ical.h"

#include <boost/test/unit_test.hpp>

#include "ical_test_support.h"
#include "libical_reader.h"

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace jadwal::caldav;
using jadwal::caldav::testing::calendarOf;
using jadwal::caldav::testing::utc;

namespace {

std::vector<std::string> startsOf(const std::vector<Instance>& instances) {
  std::vector<std::string> starts;
  for (const Instance& i : instances) starts.push_back(formatUtcDateTime(i.start));
  return starts;
}

std::vector<std::string> events(const IcalComponent& calendar, std::string_view from, std::string_view to,
                                const TimeContext& ctx = {}) {
  return startsOf(instancesOverlapping(calendar.get(), "VEVENT", utc(from), utc(to), ctx));
}

using Starts = std::vector<std::string>;

// One line for readable failures.
std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : " ") + item;
  return text;
}

// A daily 09.00-10.00 WIB meeting, the 16th cancelled, the 17th moved to
// the 20th and the 18th moved in from the afternoon.
IcalComponent dailyMeeting() {
  return calendarOf({"BEGIN:VEVENT", "UID:m", "DTSTART;TZID=Asia/Jakarta:20231115T090000",
                     "DTEND;TZID=Asia/Jakarta:20231115T100000", "RRULE:FREQ=DAILY;COUNT=10",
                     "EXDATE;TZID=Asia/Jakarta:20231116T090000", "SUMMARY:Rapat harian", "END:VEVENT", "BEGIN:VEVENT",
                     "UID:m", "RECURRENCE-ID;TZID=Asia/Jakarta:20231117T090000",
                     "DTSTART;TZID=Asia/Jakarta:20231127T090000", "DTEND;TZID=Asia/Jakarta:20231127T100000",
                     "SUMMARY:Rapat dipindah", "END:VEVENT", "BEGIN:VEVENT", "UID:m",
                     // the override names its instance in UTC, the master is in WIB
                     "RECURRENCE-ID:20231118T020000Z", "DTSTART;TZID=Asia/Jakarta:20231118T140000",
                     "DTEND;TZID=Asia/Jakarta:20231118T150000", "SUMMARY:Rapat sore", "END:VEVENT"});
}

}  // namespace

BOOST_AUTO_TEST_CASE(exdate_and_overrides_shape_the_instances) {
  IcalComponent calendar = dailyMeeting();
  auto all = instancesOverlapping(calendar.get(), "VEVENT", utc("20231101T000000Z"), utc("20231201T000000Z"), {});
  BOOST_CHECK_EQUAL(joined(startsOf(all)), joined({"20231115T020000Z", "20231118T070000Z", "20231119T020000Z",
                                                   "20231120T020000Z", "20231121T020000Z", "20231122T020000Z",
                                                   "20231123T020000Z", "20231124T020000Z", "20231127T020000Z"}));
  // The instance from the afternoon override knows where it came from.
  const Instance& afternoon = all[1];
  BOOST_CHECK(afternoon.recurring);
  BOOST_CHECK_EQUAL(afternoon.recurrenceId, utc("20231118T020000Z"));
  BOOST_CHECK_EQUAL(afternoon.end, utc("20231118T080000Z"));
  BOOST_CHECK_EQUAL(afternoon.source.summary(), "Rapat sore");
  BOOST_CHECK_EQUAL(all[0].source.summary(), "Rapat harian");
  BOOST_CHECK_EQUAL(all[0].recurrenceId, utc("20231115T020000Z"));
}

BOOST_AUTO_TEST_CASE(overrides_move_into_and_out_of_a_range) {
  IcalComponent calendar = dailyMeeting();
  // The 17th moved out: the range of the 17th (WIB) has nothing.
  BOOST_CHECK(events(calendar, "20231116T170000Z", "20231117T170000Z").empty());
  // The 27th has the moved meeting although the rule ended on the 24th.
  auto moved = instancesOverlapping(calendar.get(), "VEVENT", utc("20231126T170000Z"), utc("20231127T170000Z"), {});
  BOOST_REQUIRE_EQUAL(moved.size(), 1u);
  BOOST_CHECK_EQUAL(moved[0].recurrenceId, utc("20231117T020000Z"));
  // The cancelled 16th is gone.
  BOOST_CHECK(events(calendar, "20231115T170000Z", "20231116T170000Z").empty());
  // The 18th: only the afternoon, not the morning it replaced.
  BOOST_CHECK_EQUAL(joined(events(calendar, "20231117T170000Z", "20231118T170000Z")),
                    joined(Starts{"20231118T070000Z"}));
}

BOOST_AUTO_TEST_CASE(recurrence_id_in_another_zone_than_dtstart) {
  // The master in New York time, the override naming the instance in Tokyo time.
  IcalComponent calendar = calendarOf({"BEGIN:VEVENT", "UID:z", "DTSTART;TZID=America/New_York:20230706T200000",
                                       "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT", "BEGIN:VEVENT",
                                       "UID:z", "RECURRENCE-ID;TZID=Asia/Tokyo:20230714T090000",
                                       "DTSTART;TZID=America/New_York:20230713T210000", "DURATION:PT1H", "END:VEVENT"});
  BOOST_CHECK_EQUAL(joined(events(calendar, "20230701T000000Z", "20230801T000000Z")),
                    joined(Starts{"20230707T000000Z", "20230714T010000Z", "20230721T000000Z", "20230728T000000Z"}));
}

BOOST_AUTO_TEST_CASE(zero_length_and_range_edges) {
  IcalComponent calendar = calendarOf({"BEGIN:VEVENT", "UID:p", "DTSTART:20231115T090000Z", "END:VEVENT"});
  // An instant matches a range that starts at it and not one that ends at it.
  BOOST_CHECK_EQUAL(events(calendar, "20231115T090000Z", "20231115T100000Z").size(), 1u);
  BOOST_CHECK(events(calendar, "20231115T080000Z", "20231115T090000Z").empty());
  IcalComponent span =
      calendarOf({"BEGIN:VEVENT", "UID:s", "DTSTART:20231115T090000Z", "DTEND:20231115T100000Z", "END:VEVENT"});
  BOOST_CHECK(events(span, "20231115T100000Z", "20231115T110000Z").empty());
  BOOST_CHECK(events(span, "20231115T080000Z", "20231115T090000Z").empty());
  BOOST_CHECK_EQUAL(events(span, "20231115T095959Z", "20231115T110000Z").size(), 1u);
  auto single = instancesOverlapping(span.get(), "VEVENT", utc("20231115T000000Z"), utc("20231116T000000Z"), {});
  BOOST_REQUIRE_EQUAL(single.size(), 1u);
  BOOST_CHECK(!single[0].recurring);
  // Other component names find nothing.
  BOOST_CHECK(instancesOverlapping(span.get(), "VTODO", utc("20231115T000000Z"), utc("20231116T000000Z"), {}).empty());
  BOOST_CHECK(
      instancesOverlapping(span.get(), "NONSENSE", utc("20231115T000000Z"), utc("20231116T000000Z"), {}).empty());
}

BOOST_AUTO_TEST_CASE(far_ranges_skip_ahead_and_keep_the_phase) {
  // Rules without COUNT start iterating near the range. The answers must be
  // those a walk from DTSTART gives.
  IcalComponent fortnightly = calendarOf({"BEGIN:VEVENT", "UID:f", "DTSTART;TZID=Asia/Jakarta:20200106T080000",
                                          "DURATION:PT1H", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "END:VEVENT"});
  auto far = events(fortnightly, "20350101T000000Z", "20350201T000000Z");
  // The expected answer, walked fortnight by fortnight from DTSTART.
  std::vector<std::string> expected;
  for (Instant monday = utc("20200106T010000Z"); monday < utc("20350201T000000Z"); monday += 14 * 86400) {
    for (Instant day : {monday, monday + 3 * 86400}) {
      if (day >= utc("20350101T000000Z") && day < utc("20350201T000000Z")) expected.push_back(formatUtcDateTime(day));
    }
  }
  BOOST_CHECK_EQUAL(joined(far), joined(expected));

  // Sub-daily rules keep their phase too (libical's own skip does not).
  IcalComponent odd = calendarOf(
      {"BEGIN:VEVENT", "UID:o", "DTSTART:20200106T100000Z", "RRULE:FREQ=MINUTELY;INTERVAL=13", "END:VEVENT"});
  auto minutes = instancesOverlapping(odd.get(), "VEVENT", utc("20231115T000000Z"), utc("20231115T020000Z"), {});
  std::size_t expected13 = 0;
  for (Instant t = utc("20200106T100000Z"); t < utc("20231115T020000Z"); t += 13 * 60) {
    if (t >= utc("20231115T000000Z")) ++expected13;
  }
  BOOST_REQUIRE_EQUAL(minutes.size(), expected13);
  for (const Instance& i : minutes) BOOST_CHECK_EQUAL((i.start - utc("20200106T100000Z")) % (13 * 60), 0);
  BOOST_CHECK_GE(minutes.front().start, utc("20231115T000000Z"));
  BOOST_CHECK_LT(minutes.front().start, utc("20231115T001300Z"));
}

BOOST_AUTO_TEST_CASE(unbounded_secondly_rule_stops_at_the_bound) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:s", "DTSTART:20000101T000000Z", "RRULE:FREQ=SECONDLY", "END:VEVENT"});
  TimeContext ctx;
  auto started = std::chrono::steady_clock::now();
  auto week = instancesOverlapping(calendar.get(), "VEVENT", utc("20231113T000000Z"), utc("20231120T000000Z"), ctx);
  auto took = std::chrono::steady_clock::now() - started;
  BOOST_REQUIRE_EQUAL(week.size(), ctx.maxInstances);
  BOOST_CHECK_EQUAL(formatUtcDateTime(week.front().start), "20231113T000000Z");
  BOOST_CHECK_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 2000);
  // With COUNT it must be walked from DTSTART: still bounded, still quick.
  IcalComponent counted = calendarOf(
      {"BEGIN:VEVENT", "UID:c", "DTSTART:20000101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=900000000", "END:VEVENT"});
  started = std::chrono::steady_clock::now();
  BOOST_CHECK(
      instancesOverlapping(counted.get(), "VEVENT", utc("20231113T000000Z"), utc("20231120T000000Z"), ctx).empty());
  BOOST_CHECK_LT(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count(), 2000);
  // An expansion into text is bounded the same way.
  std::string text = expandCalendarData(calendar.get(), utc("20231113T000000Z"), utc("20231120T000000Z"), ctx);
  std::size_t components = 0;
  for (std::size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1)) {
    ++components;
  }
  BOOST_CHECK_EQUAL(components, ctx.maxInstances);
}

BOOST_AUTO_TEST_CASE(horizon_bounds_every_expansion) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:y", "DTSTART:20231115T090000Z", "RRULE:FREQ=YEARLY", "END:VEVENT"});
  TimeContext ctx;
  auto all = instancesOverlapping(calendar.get(), "VEVENT", jadwal::sql::kOpenStart, jadwal::sql::kOpenEnd, ctx);
  BOOST_CHECK_EQUAL(all.size(), 77u);  // 2023 .. 2099
  BOOST_CHECK_EQUAL(formatUtcDateTime(all.back().start), "20991115T090000Z");
}

BOOST_AUTO_TEST_CASE(this_and_future_moves_the_rest_of_the_series) {
  IcalComponent calendar = calendarOf({"BEGIN:VEVENT", "UID:t", "DTSTART:20231113T020000Z", "DTEND:20231113T030000Z",
                                       "RRULE:FREQ=DAILY;COUNT=5", "END:VEVENT", "BEGIN:VEVENT", "UID:t",
                                       "RECURRENCE-ID;RANGE=THISANDFUTURE:20231115T020000Z", "DTSTART:20231115T060000Z",
                                       "DTEND:20231115T080000Z", "SUMMARY:later", "END:VEVENT"});
  auto all = instancesOverlapping(calendar.get(), "VEVENT", utc("20231101T000000Z"), utc("20231201T000000Z"), {});
  BOOST_CHECK_EQUAL(joined(startsOf(all)), joined(Starts{"20231113T020000Z", "20231114T020000Z", "20231115T060000Z",
                                                         "20231116T060000Z", "20231117T060000Z"}));
  BOOST_REQUIRE_EQUAL(all.size(), 5u);
  BOOST_CHECK_EQUAL(all[4].end, utc("20231117T080000Z"));
  BOOST_CHECK_EQUAL(all[4].recurrenceId, utc("20231117T020000Z"));
}

BOOST_AUTO_TEST_CASE(all_day_recurrence_and_rdate_periods) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20231113", "RRULE:FREQ=WEEKLY;COUNT=3",
                  "RDATE;VALUE=PERIOD:20231201T010000Z/PT3H", "EXDATE;VALUE=DATE:20231120", "END:VEVENT"});
  auto all = instancesOverlapping(calendar.get(), "VEVENT", utc("20231101T000000Z"), utc("20231231T000000Z"), {});
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  BOOST_CHECK_EQUAL(formatUtcDateTime(all[0].start), "20231112T170000Z");  // midnight WIB
  BOOST_CHECK_EQUAL(all[0].end - all[0].start, 86400);
  BOOST_CHECK_EQUAL(formatUtcDateTime(all[1].start), "20231126T170000Z");
  BOOST_CHECK_EQUAL(formatUtcDateTime(all[2].end), "20231201T040000Z");
}

BOOST_AUTO_TEST_CASE(component_overlaps_counts_only_its_own_instances) {
  IcalComponent calendar = dailyMeeting();
  const std::vector<ComponentRef> events = calendar.get().children("VEVENT");
  BOOST_REQUIRE_GE(events.size(), 2u);
  const ComponentRef master = events[0];
  const ComponentRef movedOut = events[1];
  // The 17th (WIB) belongs to nobody now; the 27th to the override only.
  BOOST_CHECK(!componentOverlaps(master, utc("20231116T170000Z"), utc("20231117T170000Z"), {}));
  BOOST_CHECK(!componentOverlaps(master, utc("20231126T170000Z"), utc("20231127T170000Z"), {}));
  BOOST_CHECK(componentOverlaps(movedOut, utc("20231126T170000Z"), utc("20231127T170000Z"), {}));
  BOOST_CHECK(componentOverlaps(master, utc("20231120T000000Z"), utc("20231120T030000Z"), {}));
  BOOST_CHECK(!componentOverlaps(master, utc("20231120T030000Z"), utc("20231120T080000Z"), {}));
  BOOST_CHECK(!componentOverlaps(ComponentRef{}, utc("20231120T030000Z"), utc("20231120T080000Z"), {}));
  // A to-do due at 09.00: a range ending at 09.00 matches (RFC 4791 9.9).
  IcalComponent todo = calendarOf({"BEGIN:VTODO", "UID:t", "DUE:20231115T090000Z", "END:VTODO"});
  const std::vector<ComponentRef> todos = todo.get().children("VTODO");
  BOOST_REQUIRE_EQUAL(todos.size(), 1u);
  const ComponentRef vtodo = todos[0];
  BOOST_CHECK(componentOverlaps(vtodo, utc("20231115T080000Z"), utc("20231115T090000Z"), {}));
  BOOST_CHECK(!componentOverlaps(vtodo, utc("20231115T090000Z"), utc("20231115T100000Z"), {}));
}

BOOST_AUTO_TEST_CASE(expand_writes_each_instance_in_utc) {
  IcalComponent calendar = calendarOf({"BEGIN:VTIMEZONE",
                                       "TZID:Asia/Jakarta",
                                       "BEGIN:STANDARD",
                                       "DTSTART:19700101T000000",
                                       "TZOFFSETFROM:+0700",
                                       "TZOFFSETTO:+0700",
                                       "END:STANDARD",
                                       "END:VTIMEZONE",
                                       "BEGIN:VEVENT",
                                       "UID:m",
                                       "DTSTART;TZID=Asia/Jakarta:20231115T090000",
                                       "DTEND;TZID=Asia/Jakarta:20231115T100000",
                                       "RRULE:FREQ=DAILY;COUNT=5",
                                       "EXDATE;TZID=Asia/Jakarta:20231116T090000",
                                       "SUMMARY:Rapat",
                                       "END:VEVENT",
                                       "BEGIN:VEVENT",
                                       "UID:m",
                                       "RECURRENCE-ID;TZID=Asia/Jakarta:20231117T090000",
                                       "DTSTART;TZID=Asia/Jakarta:20231117T130000",
                                       "DTEND;TZID=Asia/Jakarta:20231117T140000",
                                       "SUMMARY:Sore",
                                       "END:VEVENT"});
  std::string text = expandCalendarData(calendar.get(), utc("20231115T000000Z"), utc("20231118T000000Z"), {});
  BOOST_TEST_MESSAGE(text);
  IcalComponent parsedBack = parseStored(text);
  BOOST_REQUIRE(parsedBack);
  const jadwal::testing::LibicalTree expanded = jadwal::testing::readWithLibical(text);
  BOOST_REQUIRE(expanded);
  BOOST_CHECK_NE(text.find("VERSION:2.0"), std::string::npos);
  BOOST_CHECK_NE(text.find("PRODID:-//Jadwal//Test//EN"), std::string::npos);
  for (const char* gone : {"RRULE", "EXDATE", "RDATE", "VTIMEZONE", "TZID"}) {
    BOOST_CHECK_MESSAGE(text.find(gone) == std::string::npos, gone << " left in the expansion");
  }
  std::vector<std::string> seen;
  for (icalcomponent* c = icalcomponent_get_first_component(expanded.get(), ICAL_VEVENT_COMPONENT); c != nullptr;
       c = icalcomponent_get_next_component(expanded.get(), ICAL_VEVENT_COMPONENT)) {
    seen.push_back(std::string(icaltime_as_ical_string(icalcomponent_get_dtstart(c))) + " " +
                   icaltime_as_ical_string(icalcomponent_get_dtend(c)) + " " +
                   icaltime_as_ical_string(icalcomponent_get_recurrenceid(c)) + " " + icalcomponent_get_summary(c));
  }
  BOOST_CHECK_EQUAL(joined(seen), joined(Starts{"20231115T020000Z 20231115T030000Z 20231115T020000Z Rapat",
                                                "20231117T060000Z 20231117T070000Z 20231117T020000Z Sore"}));
  // A non-recurring event expands to itself, without a RECURRENCE-ID; all-day stays a date.
  IcalComponent single =
      calendarOf({"BEGIN:VEVENT", "UID:s", "DTSTART;VALUE=DATE:20231115", "DTEND;VALUE=DATE:20231116", "END:VEVENT"});
  std::string one = expandCalendarData(single.get(), utc("20231115T000000Z"), utc("20231116T000000Z"), {});
  BOOST_CHECK_NE(one.find("DTSTART;VALUE=DATE:20231115"), std::string::npos);
  BOOST_CHECK_NE(one.find("DTEND;VALUE=DATE:20231116"), std::string::npos);
  BOOST_CHECK_EQUAL(one.find("RECURRENCE-ID"), std::string::npos);
  // Nothing in range: an empty VCALENDAR, still valid.
  std::string none = expandCalendarData(single.get(), utc("20240101T000000Z"), utc("20240102T000000Z"), {});
  BOOST_CHECK_EQUAL(none.find("BEGIN:VEVENT"), std::string::npos);
  BOOST_CHECK(parseStored(none));
}

BOOST_AUTO_TEST_CASE(limit_recurrence_set_keeps_master_and_overlapping_overrides) {
  IcalComponent calendar = dailyMeeting();
  std::string text = limitRecurrenceSet(calendar.get(), utc("20231117T170000Z"), utc("20231118T170000Z"), {});
  BOOST_CHECK_NE(text.find("Rapat harian"), std::string::npos);
  BOOST_CHECK_NE(text.find("RRULE:FREQ=DAILY;COUNT=10"), std::string::npos);
  BOOST_CHECK_NE(text.find("EXDATE;TZID=Asia/Jakarta:20231116T090000"), std::string::npos);
  BOOST_CHECK_NE(text.find("Rapat sore"), std::string::npos);
  BOOST_CHECK_EQUAL(text.find("Rapat dipindah"), std::string::npos);
  // The override that moved the 17th away is news for a range holding the 17th.
  std::string seventeenth = limitRecurrenceSet(calendar.get(), utc("20231116T170000Z"), utc("20231117T170000Z"), {});
  BOOST_CHECK_NE(seventeenth.find("Rapat dipindah"), std::string::npos);
  BOOST_CHECK_EQUAL(seventeenth.find("Rapat sore"), std::string::npos);
  // The stored object itself is untouched.
  BOOST_CHECK_NE(calendar.toString().find("Rapat dipindah"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(comma_separated_exdate_and_rdate_lists) {
  IcalComponent calendar =
      calendarOf({"BEGIN:VEVENT", "UID:l", "DTSTART;TZID=Asia/Jakarta:20231113T090000", "RRULE:FREQ=DAILY;COUNT=5",
                  "EXDATE;TZID=Asia/Jakarta:20231114T090000,20231116T090000",
                  "RDATE;TZID=Asia/Jakarta:20231120T090000,20231121T090000", "END:VEVENT"});
  BOOST_CHECK_EQUAL(joined(events(calendar, "20231101T000000Z", "20231201T000000Z")),
                    "20231113T020000Z 20231115T020000Z 20231117T020000Z 20231120T020000Z 20231121T020000Z");
}
