#define BOOST_TEST_MODULE instance_table
// materialiseInstances: the rows an object keeps in the store's instance
// table, and that they answer every time range as expanding the object does.
#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "caldav/ical/ical.h"
#include "ical_test_support.h"

using namespace jadwal::caldav;
using jadwal::caldav::testing::calendarOf;
using jadwal::caldav::testing::utc;
using jadwal::sql::InstanceSpan;

namespace {

constexpr Instant kDay = 86400;

struct Kept {
  IcalComponent calendar;
  jadwal::sql::ObjectIndex index;
};

Kept keep(std::initializer_list<std::string_view> lines, const TimeContext& ctx = TimeContext{}) {
  Kept kept{calendarOf(lines), {}};
  kept.index = indexOf(kept.calendar.get(), ctx);
  materialiseInstances(kept.calendar.get(), kept.index, ctx);
  return kept;
}

std::vector<Instant> startsOf(const jadwal::sql::ObjectIndex& index) {
  std::vector<Instant> starts;
  for (const InstanceSpan& span : index.instances) starts.push_back(span.start);
  return starts;
}

bool rowsOverlap(const jadwal::sql::ObjectIndex& index, Instant a, Instant b) {
  for (const InstanceSpan& span : index.instances)
    if (span.start < b && span.end > a) return true;
  return false;
}

// The rows answer whether the object has an instance in [a, b) exactly as
// expanding it does, for ranges of a day and a week sliding over `from`..`to`
// (ranges past instancesUntil are not the table's to answer).
void checkSameAnswers(const Kept& kept, std::string_view component, Instant from, Instant to,
                      const TimeContext& ctx = TimeContext{}) {
  for (Instant length : {Instant{3600}, kDay, 7 * kDay}) {
    for (Instant a = from; a < to; a += 5 * 3600) {
      const Instant b = a + length;
      if (b > kept.index.instancesUntil) break;
      const bool expanded = !instancesOverlapping(kept.calendar.get(), component, a, b, ctx).empty();
      BOOST_TEST(rowsOverlap(kept.index, a, b) == expanded, "range " << formatUtcDateTime(a) << " + " << length);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_event_keeps_one_busy_row_for_ever) {
  auto kept = keep({"BEGIN:VEVENT", "UID:e", "DTSTART:20250301T080000Z", "DTEND:20250301T090000Z", "END:VEVENT"});
  BOOST_TEST(kept.index.instancesUntil == jadwal::sql::kOpenEnd);
  BOOST_REQUIRE(kept.index.instances.size() == 1u);
  const InstanceSpan& span = kept.index.instances.front();
  BOOST_TEST(span.start == utc("20250301T080000Z"));
  BOOST_TEST(span.end == utc("20250301T090000Z"));
  BOOST_TEST(span.recurrenceId == 0);
  BOOST_TEST((span.busy == InstanceSpan::Busy::Busy));
}

BOOST_AUTO_TEST_CASE(rrule_rdate_exdate_and_overrides) {
  auto kept = keep({"BEGIN:VEVENT", "UID:m", "DTSTART:20250303T020000Z", "DTEND:20250303T030000Z",
                    "RRULE:FREQ=WEEKLY;COUNT=5", "RDATE:20250306T020000Z", "EXDATE:20250310T020000Z", "END:VEVENT",
                    // The third week moves a day later and is tentative.
                    "BEGIN:VEVENT", "UID:m", "RECURRENCE-ID:20250317T020000Z", "DTSTART:20250318T040000Z",
                    "DTEND:20250318T050000Z", "STATUS:TENTATIVE", "END:VEVENT"});
  BOOST_TEST(kept.index.instancesUntil == jadwal::sql::kOpenEnd);
  const std::vector<Instant> want = {utc("20250303T020000Z"), utc("20250306T020000Z"), utc("20250318T040000Z"),
                                     utc("20250324T020000Z"), utc("20250331T020000Z")};
  BOOST_TEST(startsOf(kept.index) == want, boost::test_tools::per_element());
  const InstanceSpan& moved = kept.index.instances[2];
  BOOST_TEST(moved.recurrenceId == utc("20250317T020000Z"));
  BOOST_TEST((moved.busy == InstanceSpan::Busy::Tentative));
  BOOST_TEST(kept.index.instances[0].recurrenceId == utc("20250303T020000Z"));
  checkSameAnswers(kept, "VEVENT", utc("20250301T000000Z"), utc("20250405T000000Z"));
}

BOOST_AUTO_TEST_CASE(all_day_floating_and_zoned_events_in_utc) {
  // Dates and floating times are in the default zone, Asia/Jakarta (UTC+7).
  auto allDay =
      keep({"BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20250301", "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT"});
  BOOST_REQUIRE(allDay.index.instances.size() == 3u);
  BOOST_TEST(allDay.index.instances[0].start == utc("20250228T170000Z"));
  BOOST_TEST(allDay.index.instances[0].end == utc("20250301T170000Z"));
  checkSameAnswers(allDay, "VEVENT", utc("20250226T000000Z"), utc("20250306T000000Z"));

  auto floating = keep({"BEGIN:VEVENT", "UID:f", "DTSTART:20250301T090000", "DTEND:20250301T100000", "END:VEVENT"});
  BOOST_REQUIRE(floating.index.instances.size() == 1u);
  BOOST_TEST(floating.index.instances[0].start == utc("20250301T020000Z"));

  // Across a clock change the local time stays, the UTC time moves.
  auto zoned = keep({"BEGIN:VEVENT", "UID:z", "DTSTART;TZID=Europe/Berlin:20250327T090000",
                     "DTEND;TZID=Europe/Berlin:20250327T100000", "RRULE:FREQ=DAILY;COUNT=4", "END:VEVENT"});
  BOOST_REQUIRE(zoned.index.instances.size() == 4u);
  BOOST_TEST(zoned.index.instances[0].start == utc("20250327T080000Z"));
  BOOST_TEST(zoned.index.instances[3].start == utc("20250330T070000Z"));
  checkSameAnswers(zoned, "VEVENT", utc("20250325T000000Z"), utc("20250402T000000Z"));
}

BOOST_AUTO_TEST_CASE(open_ended_rule_is_kept_up_to_the_horizon) {
  jadwal::base::ManualClock clock(utc("20250601T000000Z"));
  TimeContext ctx;
  ctx.clock = &clock;
  ctx.instanceHorizon = 30 * kDay;
  auto kept = keep({"BEGIN:VEVENT", "UID:w", "DTSTART:20250102T030000Z", "DTEND:20250102T040000Z", "RRULE:FREQ=WEEKLY",
                    "END:VEVENT"},
                   ctx);
  BOOST_TEST(kept.index.instancesUntil == utc("20250701T000000Z"));
  // Every Thursday from 2 January up to the horizon, none past it.
  BOOST_TEST(kept.index.instances.front().start == utc("20250102T030000Z"));
  BOOST_TEST(kept.index.instances.back().start == utc("20250626T030000Z"));
  BOOST_TEST(kept.index.instances.size() == 26u);
  checkSameAnswers(kept, "VEVENT", utc("20241225T000000Z"), utc("20250701T000000Z"), ctx);

  // A rule that starts after now is kept a horizon past its start.
  auto later = keep(
      {"BEGIN:VEVENT", "UID:l", "DTSTART:20260105T030000Z", "DTEND:20260105T040000Z", "RRULE:FREQ=DAILY", "END:VEVENT"},
      ctx);
  BOOST_TEST(later.index.instancesUntil == utc("20260204T030000Z"));
  BOOST_TEST(later.index.instances.size() == 30u);
}

BOOST_AUTO_TEST_CASE(past_the_bound_nothing_is_kept) {
  TimeContext ctx;
  ctx.maxKeptInstances = 10;
  auto over = keep({"BEGIN:VEVENT", "UID:o", "DTSTART:20250101T030000Z", "DTEND:20250101T040000Z",
                    "RRULE:FREQ=DAILY;COUNT=11", "END:VEVENT"},
                   ctx);
  BOOST_TEST(over.index.instances.empty());
  BOOST_TEST(over.index.instancesUntil == jadwal::sql::kInstancesRefused);
  auto at = keep({"BEGIN:VEVENT", "UID:a", "DTSTART:20250101T030000Z", "DTEND:20250101T040000Z",
                  "RRULE:FREQ=DAILY;COUNT=10", "END:VEVENT"},
                 ctx);
  BOOST_TEST(at.index.instances.size() == 10u);
  BOOST_TEST(at.index.instancesUntil == jadwal::sql::kOpenEnd);
}

BOOST_AUTO_TEST_CASE(free_busy_follows_transp_and_status) {
  auto busyOf = [](std::string_view extra) {
    auto kept =
        keep({"BEGIN:VEVENT", "UID:b", "DTSTART:20250301T080000Z", "DTEND:20250301T090000Z", extra, "END:VEVENT"});
    BOOST_REQUIRE(kept.index.instances.size() == 1u);
    return kept.index.instances.front().busy;
  };
  BOOST_TEST((busyOf("TRANSP:TRANSPARENT") == InstanceSpan::Busy::None));
  BOOST_TEST((busyOf("STATUS:CANCELLED") == InstanceSpan::Busy::None));
  BOOST_TEST((busyOf("STATUS:TENTATIVE") == InstanceSpan::Busy::Tentative));
  BOOST_TEST((busyOf("STATUS:CONFIRMED") == InstanceSpan::Busy::Busy));
  // A point in time is never busy, but it is found at its instant.
  auto point = keep({"BEGIN:VEVENT", "UID:p", "DTSTART:20250301T080000Z", "END:VEVENT"});
  BOOST_REQUIRE(point.index.instances.size() == 1u);
  BOOST_TEST((point.index.instances.front().busy == InstanceSpan::Busy::None));
  BOOST_TEST(point.index.instances.front().end == utc("20250301T080001Z"));
}

BOOST_AUTO_TEST_CASE(todos_by_the_time_range_rules) {
  auto due = keep({"BEGIN:VTODO", "UID:t", "DUE:20250301T080000Z", "END:VTODO"});
  BOOST_REQUIRE(due.index.instances.size() == 1u);
  BOOST_TEST(due.index.instances.front().start == utc("20250301T075959Z"));
  BOOST_TEST(due.index.instances.front().end == utc("20250301T080000Z"));
  checkSameAnswers(due, "VTODO", utc("20250227T000000Z"), utc("20250303T000000Z"));
  // Without any time, a VTODO matches every range.
  auto always = keep({"BEGIN:VTODO", "UID:a", "SUMMARY:kapan saja", "END:VTODO"});
  BOOST_REQUIRE(always.index.instances.size() == 1u);
  BOOST_TEST(always.index.instances.front().start == jadwal::sql::kOpenStart);
  BOOST_TEST(always.index.instances.front().end == jadwal::sql::kOpenEnd);
  auto recurring = keep({"BEGIN:VTODO", "UID:r", "DTSTART:20250301T080000Z", "DUE:20250301T100000Z",
                         "RRULE:FREQ=DAILY;COUNT=3", "END:VTODO"});
  BOOST_TEST(recurring.index.instances.size() == 3u);
  checkSameAnswers(recurring, "VTODO", utc("20250227T000000Z"), utc("20250306T000000Z"));
}

BOOST_AUTO_TEST_CASE(a_journal_without_start_keeps_nothing_and_is_complete) {
  auto journal = keep({"BEGIN:VJOURNAL", "UID:j", "SUMMARY:catatan", "END:VJOURNAL"});
  BOOST_TEST(journal.index.instances.empty());
  BOOST_TEST(journal.index.instancesUntil == jadwal::sql::kOpenEnd);
}
