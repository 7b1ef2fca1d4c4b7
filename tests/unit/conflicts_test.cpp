#define BOOST_TEST_MODULE conflicts
#include <boost/test/unit_test.hpp>

#include "temp_database.h"

#include <atomic>
#include <filesystem>
#include <random>

#include "caldav/calendar_service.h"
#include "sql/store.h"
#include "workflow/conflicts.h"

using namespace jadwal;
using namespace jadwal::workflow;
namespace fs = std::filesystem;

namespace {

// 2023-11-22 01:00 UTC = Wednesday 08.00 WIB.
constexpr sql::Instant kEight = 1700614800;
constexpr sql::Instant kHour = 3600;

using jadwal::testing::TempDatabase;

std::string event(const std::string& uid, const std::string& lines) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20231101T000000Z\r\n" + lines + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// A leader with two calendars and another user with one, on a real SQLite
// store, written through the same CalendarService as CalDAV.
struct Fixture {
  TempDatabase db;
  std::unique_ptr<sql::Store> store = sql::openStore("sqlite:" + db.path.string());
  caldav::TimeContext time;
  caldav::CalendarService calendars{*store, time};
  caldav::ExpansionBudget budget;  // unbounded unless a test sets stepsLeft
  sql::Calendar agenda, personal, otherAgenda;

  Fixture() {
    store->migrate();
    const sql::User bupati = addUser("bupati", sql::Role::Leader);
    const sql::User sekda = addUser("sekda", sql::Role::Leader);
    agenda = addCalendar(bupati.id, "agenda");
    personal = addCalendar(bupati.id, "pribadi");
    otherAgenda = addCalendar(sekda.id, "agenda");
  }
  sql::User addUser(const std::string& name, sql::Role role) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = name;
    user.passwordHash = "x";
    return store->createUser(user).value();
  }
  sql::Calendar addCalendar(std::int64_t ownerId, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = ownerId;
    calendar.slug = slug;
    calendar.displayName = slug;
    return store->createCalendar(calendar).value();
  }
  void put(const sql::Calendar& calendar, const std::string& uid, const std::string& lines) {
    const sql::WriteResult result = calendars.put(calendar, uid + ".ics", event(uid, lines), sql::Precondition{});
    BOOST_REQUIRE(result.status == sql::WriteStatus::Created);
  }
  AgendaAround aroundWhole(sql::Instant start, std::optional<sql::Instant> end) {
    // The whole local day, as the request page asks.
    return agendaAround(*store, time, budget, "bupati", kEight - 8 * kHour, kEight + 16 * kHour, start, end);
  }
  std::vector<AgendaItem> around(sql::Instant start, std::optional<sql::Instant> end) {
    return aroundWhole(start, end).items;
  }
};

const AgendaItem* find(const std::vector<AgendaItem>& items, const std::string& objectName, sql::Instant start) {
  for (const AgendaItem& item : items) {
    if (item.objectName == objectName && item.start == start) return &item;
  }
  return nullptr;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(overlapping_and_free_events_are_told_apart, Fixture) {
  put(agenda, "rapat",
      "SUMMARY:Rapat Dinas\r\nLOCATION:Pendopo\r\nDTSTART;TZID=Asia/Jakarta:20231122T090000\r\n"
      "DTEND;TZID=Asia/Jakarta:20231122T110000\r\n");
  put(agenda, "siang", "SUMMARY:Makan siang\r\nDTSTART:20231122T060000Z\r\nDTEND:20231122T070000Z\r\n");
  put(personal, "tentatif",
      "SUMMARY:Mungkin\r\nSTATUS:TENTATIVE\r\nDTSTART:20231122T023000Z\r\n"
      "DTEND:20231122T033000Z\r\n");

  const auto items = around(kEight, kEight + 2 * kHour);
  BOOST_REQUIRE(items.size() == 3u);
  const AgendaItem* meeting = find(items, "rapat.ics", kEight + kHour);
  BOOST_REQUIRE(meeting != nullptr);
  BOOST_TEST(meeting->summary == "Rapat Dinas");
  BOOST_TEST(meeting->location == "Pendopo");
  BOOST_TEST(meeting->calendarOwner == "bupati");
  BOOST_TEST(meeting->end == kEight + 3 * kHour);
  BOOST_TEST(meeting->overlaps);
  BOOST_TEST(!meeting->tentative);
  BOOST_TEST(!meeting->cancelled);

  const AgendaItem* lunch = find(items, "siang.ics", kEight + 5 * kHour);
  BOOST_REQUIRE(lunch != nullptr);
  BOOST_TEST(!lunch->overlaps);

  const AgendaItem* maybe = find(items, "tentatif.ics", kEight + 90 * 60);
  BOOST_REQUIRE(maybe != nullptr);  // from the leader's second calendar
  BOOST_TEST(maybe->tentative);
  BOOST_TEST(maybe->overlaps);
}

BOOST_FIXTURE_TEST_CASE(items_are_ordered_by_start, Fixture) {
  put(agenda, "c", "SUMMARY:C\r\nDTSTART:20231122T080000Z\r\nDTEND:20231122T083000Z\r\n");
  put(personal, "a", "SUMMARY:A\r\nDTSTART:20231122T000000Z\r\nDTEND:20231122T003000Z\r\n");
  put(agenda, "b", "SUMMARY:B\r\nDTSTART:20231122T040000Z\r\nDTEND:20231122T043000Z\r\n");
  const auto items = around(kEight, kEight + kHour);
  BOOST_REQUIRE(items.size() == 3u);
  BOOST_TEST(items[0].summary == "A");
  BOOST_TEST(items[1].summary == "B");
  BOOST_TEST(items[2].summary == "C");
}

BOOST_FIXTURE_TEST_CASE(a_recurring_event_counts_by_its_instances, Fixture) {
  // Daily 08.30-09.00 WIB since Monday; only Wednesday's instance is in range.
  put(agenda, "apel",
      "SUMMARY:Apel pagi\r\nDTSTART;TZID=Asia/Jakarta:20231120T083000\r\n"
      "DTEND;TZID=Asia/Jakarta:20231120T090000\r\nRRULE:FREQ=DAILY;COUNT=10\r\n");
  const auto items = around(kEight, kEight + 2 * kHour);
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].summary == "Apel pagi");
  BOOST_TEST(items[0].start == kEight + 30 * 60);
  BOOST_TEST(items[0].overlaps);

  // Requested in the afternoon, the morning roll call does not conflict.
  const auto afternoon = around(kEight + 6 * kHour, kEight + 7 * kHour);
  BOOST_REQUIRE(afternoon.size() == 1u);
  BOOST_TEST(!afternoon[0].overlaps);
}

BOOST_FIXTURE_TEST_CASE(a_cancelled_event_is_listed_but_never_a_conflict, Fixture) {
  put(agenda, "batal",
      "SUMMARY:Dibatalkan\r\nSTATUS:CANCELLED\r\nDTSTART:20231122T010000Z\r\n"
      "DTEND:20231122T020000Z\r\n");
  const auto items = around(kEight, kEight + 2 * kHour);
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].cancelled);
  BOOST_TEST(!items[0].overlaps);
}

BOOST_FIXTURE_TEST_CASE(other_leaders_and_events_outside_the_window_are_left_out, Fixture) {
  put(otherAgenda, "sekda", "SUMMARY:Sekda\r\nDTSTART:20231122T010000Z\r\nDTEND:20231122T020000Z\r\n");
  put(agenda, "besok", "SUMMARY:Besok\r\nDTSTART:20231123T010000Z\r\nDTEND:20231123T020000Z\r\n");
  BOOST_TEST(around(kEight, kEight + kHour).empty());
  BOOST_TEST(agendaAround(*store, time, budget, "sekda", kEight - kHour, kEight + kHour, kEight, kEight + kHour)
                 .items.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(an_open_end_lasts_the_given_time, Fixture) {
  put(agenda, "nanti", "SUMMARY:Nanti\r\nDTSTART:20231122T023000Z\r\nDTEND:20231122T033000Z\r\n");
  // 08.00 "s.d. selesai" counts as 08.00-10.00 by default: 09.30 conflicts.
  BOOST_TEST(around(kEight, std::nullopt).at(0).overlaps);
  // With one hour assumed it does not.
  const auto items =
      agendaAround(*store, time, budget, "bupati", kEight - 8 * kHour, kEight + 16 * kHour, kEight, std::nullopt, kHour)
          .items;
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(!items[0].overlaps);
}

BOOST_FIXTURE_TEST_CASE(an_event_the_leader_is_represented_at_is_listed_but_never_a_conflict, Fixture) {
  put(agenda, "wakil",
      "SUMMARY:Rapat (diwakili)\r\nDESCRIPTION:Diwakili oleh: Sekretaris Daerah\r\n"
      "DTSTART:20231122T020000Z\r\nDTEND:20231122T030000Z\r\n");
  const auto items = around(kEight, kEight + 2 * kHour);
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].represented);
  BOOST_TEST(!items[0].overlaps);
}

BOOST_FIXTURE_TEST_CASE(an_event_without_an_end_lasts_the_assumed_time, Fixture) {
  put(agenda, "apel", "SUMMARY:Apel\r\nDTSTART:20231122T000000Z\r\n");  // 07.00 WIB, no end
  const auto items = around(kEight, kEight + kHour);                    // 08.00-09.00
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].openEnd);
  BOOST_TEST(items[0].end == kEight + kHour);  // 07.00 + two hours
  BOOST_TEST(items[0].overlaps);
  // One that began the evening before and is over: not listed on this day.
  put(agenda, "malam", "SUMMARY:Malam\r\nDTSTART:20231121T150000Z\r\n");  // 22.00 WIB the day before
  BOOST_TEST(around(kEight, kEight + kHour).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(an_instant_event_conflicts_only_inside_the_span, Fixture) {
  put(agenda, "titik", "SUMMARY:Titik\r\nDTSTART:20231122T020000Z\r\n");  // 09.00, no duration
  put(agenda, "akhir", "SUMMARY:Akhir\r\nDTSTART:20231122T030000Z\r\n");  // 10.00, at the end
  const auto items = around(kEight, kEight + 2 * kHour);
  BOOST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0].overlaps);
  BOOST_TEST(!items[1].overlaps);
}

BOOST_FIXTURE_TEST_CASE(unknown_leader_or_empty_window_gives_nothing, Fixture) {
  put(agenda, "rapat", "SUMMARY:Rapat\r\nDTSTART:20231122T010000Z\r\nDTEND:20231122T020000Z\r\n");
  BOOST_TEST(agendaAround(*store, time, budget, "nobody", kEight - kHour, kEight + kHour, kEight, kEight + kHour)
                 .items.empty());
  BOOST_TEST(agendaAround(*store, time, budget, "bupati", kEight, kEight, kEight, kEight + kHour).items.empty());
  BOOST_TEST(
      agendaAround(*store, time, budget, "bupati", kEight + kHour, kEight, kEight, kEight + kHour).items.empty());
}

// ---- the check expands recurring events under the bounds of a CalDAV report ----

BOOST_FIXTURE_TEST_CASE(an_agenda_expanded_in_full_is_complete, Fixture) {
  put(agenda, "apel",
      "SUMMARY:Apel pagi\r\nDTSTART;TZID=Asia/Jakarta:20231120T083000\r\n"
      "DTEND;TZID=Asia/Jakarta:20231120T090000\r\nRRULE:FREQ=DAILY;COUNT=10\r\n");
  const auto whole = aroundWhole(kEight, kEight + kHour);
  BOOST_TEST(whole.items.size() == 1u);
  BOOST_TEST(!whole.incomplete);
}

BOOST_FIXTURE_TEST_CASE(a_recurrence_cut_short_by_its_own_bound_marks_the_agenda_incomplete, Fixture) {
  // Every minute of the day: more instances than one expansion may give.
  put(agenda, "menit", "SUMMARY:Tiap menit\r\nDTSTART:20231121T170000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\n");
  time.maxInstances = 100;
  const auto cut = aroundWhole(kEight, kEight + kHour);
  BOOST_TEST(cut.incomplete);
  BOOST_TEST(cut.items.size() <= 100u);
}

BOOST_FIXTURE_TEST_CASE(all_expansions_share_one_budget_and_say_when_it_ran_out, Fixture) {
  // Three daily events since Monday: each takes steps to reach Wednesday.
  for (const std::string name : {"a", "b", "c"}) {
    put(agenda, name,
        "SUMMARY:Harian " + name + "\r\nDTSTART;TZID=Asia/Jakarta:20231120T10000" +
            std::string(1, name[0] - 'a' + '0') + "\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY\r\n");
  }
  put(personal, "sekali", "SUMMARY:Sekali\r\nDTSTART:20231122T060000Z\r\nDTEND:20231122T070000Z\r\n");
  budget.stepsLeft = 4;
  const auto cut = aroundWhole(kEight, kEight + kHour);
  BOOST_TEST(cut.incomplete);
  BOOST_TEST(budget.exhausted);
  // An event that does not repeat costs no step: it is listed all the same.
  BOOST_TEST(find(cut.items, "sekali.ics", kEight + 5 * kHour) != nullptr);
  // A second leader on the same page finds the budget spent too.
  put(otherAgenda, "harian-sekda",
      "SUMMARY:Harian\r\nDTSTART:20231120T030000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY\r\n");
  BOOST_TEST(agendaAround(*store, time, budget, "sekda", kEight - kHour, kEight + 8 * kHour, kEight, kEight + kHour)
                 .incomplete);

  caldav::ExpansionBudget ample;
  ample.stepsLeft = 1000;
  const auto whole =
      agendaAround(*store, time, ample, "bupati", kEight - 8 * kHour, kEight + 16 * kHour, kEight, kEight + kHour);
  BOOST_TEST(!whole.incomplete);
  BOOST_TEST(whole.items.size() == 4u);
}
