#define BOOST_TEST_MODULE instance_store
// The instance table in the SQLite store: a time range answers the same
// objects, and the same free-busy, as expanding every object, for a mixed
// calendar at its start, middle and end and across the horizon; an upgrade
// from schema 12 fills the table at start; writes and deletions keep it.
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "caldav/calendar_service.h"
#include "caldav/instance_upkeep.h"
#include "sql/sqlite_schema.h"
#include "sqlite_store_fixture.h"

using namespace Poco::Data::Keywords;
using jadwal::caldav::BusyPeriod;
using jadwal::caldav::CalendarService;
using jadwal::caldav::TimeContext;

namespace {

constexpr Instant kDay = 86400;
constexpr Instant kStart = 1735689600;  // 2025-01-01T00:00:00Z

std::string stamp(Instant at) { return jadwal::caldav::formatUtcDateTime(at); }

std::string event(const std::string& uid, Instant start, Instant minutes, const std::string& extra = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:" + stamp(start) + "\r\nDTEND:" + stamp(start + minutes * 60) +
         "\r\n" + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// A calendar of single events, weekly meetings for a year, endless daily and
// weekly ones, a 40-day event, one past the bound on kept instances,
// tentative, transparent and cancelled ones: 200 days of it.
struct MixedCalendar : Fixture {
  jadwal::base::ManualClock clock{kStart + 100 * kDay};
  TimeContext time;
  Calendar calendar;
  std::unique_ptr<CalendarService> service;

  MixedCalendar() {
    time.clock = &clock;
    time.instanceHorizon = 60 * kDay;  // endless rules kept up to day 160
    time.maxKeptInstances = 400;
    calendar = addCalendar(addUser("pimpinan").id, "agenda");
    service = std::make_unique<CalendarService>(store, time);
    for (int i = 0; i < 400; ++i) {
      const Instant start = kStart + (i / 2) * kDay + (8 + i % 2 * 5) * 3600;
      std::string extra;
      if (i % 25 == 0) extra = "RRULE:FREQ=WEEKLY;COUNT=52\r\n";
      if (i % 7 == 3) extra += "STATUS:TENTATIVE\r\n";
      if (i % 11 == 5) extra += "TRANSP:TRANSPARENT\r\n";
      if (i % 13 == 6) extra += "STATUS:CANCELLED\r\n";
      put("e" + std::to_string(i), start, 60, extra);
    }
    put("daily", kStart + 10 * kDay + 6 * 3600, 30, "RRULE:FREQ=DAILY\r\n");
    put("weekly-open", kStart + 3 * kDay + 9 * 3600, 90,
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\r\nEXDATE:20250403T090000Z\r\n");
    // Longer than the second span class.
    put("retreat", kStart + 50 * kDay, 40 * 24 * 60);
    put("hourly", kStart + 20 * kDay, 10, "RRULE:FREQ=HOURLY;COUNT=500\r\n");  // past maxKeptInstances
  }

  void put(const std::string& uid, Instant start, Instant minutes, const std::string& extra = "") {
    const auto result = service->put(calendar, uid + ".ics", event(uid, start, minutes, extra), Precondition{});
    BOOST_REQUIRE(result.status == WriteStatus::Created || result.status == WriteStatus::Updated);
  }

  // What expanding every object answers.
  std::set<std::string> expandedNames(Instant a, Instant b) {
    std::set<std::string> names;
    for (const StoredObject& object : store.allObjects(calendar.id)) {
      auto parsed = jadwal::caldav::parseStored(object.ical);
      if (!jadwal::caldav::instancesOverlapping(parsed.get(), "VEVENT", a, b, time).empty()) names.insert(object.name);
    }
    return names;
  }

  // What the table answers, checking by expansion only what it says to check.
  std::set<std::string> tableNames(Instant a, Instant b, std::size_t& checked) {
    std::set<std::string> names;
    checked = 0;
    for (const ObjectMeta& meta : store.objectMetasOverlapping(calendar.id, "VEVENT", a, b)) {
      if (meta.recurring) {
        ++checked;
        auto parsed = jadwal::caldav::parseStored(store.getObject(calendar.id, meta.name)->ical);
        if (jadwal::caldav::instancesOverlapping(parsed.get(), "VEVENT", a, b, time).empty()) continue;
      }
      BOOST_TEST(names.insert(meta.name).second, meta.name << " listed twice");
    }
    return names;
  }

  std::vector<BusyPeriod> expandedBusy(Instant a, Instant b) {
    std::vector<BusyPeriod> periods;
    for (const StoredObject& object : store.allObjects(calendar.id)) {
      auto parsed = jadwal::caldav::parseStored(object.ical);
      auto busy = jadwal::caldav::busyPeriods(parsed.get(), a, b, time);
      periods.insert(periods.end(), busy.begin(), busy.end());
    }
    return periods;
  }

  std::vector<BusyPeriod> tableBusy(Instant a, Instant b) {
    const auto answer = store.busyInstances(calendar.id, a, b);
    std::vector<BusyPeriod> periods;
    for (const InstanceSpan& span : answer.spans)
      periods.push_back({std::max(span.start, a), std::min(span.end, b),
                         span.busy == InstanceSpan::Busy::Tentative ? "BUSY-TENTATIVE" : "BUSY"});
    for (const ObjectMeta& meta : answer.unindexed) {
      auto parsed = jadwal::caldav::parseStored(store.getObject(calendar.id, meta.name)->ical);
      auto busy = jadwal::caldav::busyPeriods(parsed.get(), a, b, time);
      periods.insert(periods.end(), busy.begin(), busy.end());
    }
    return periods;
  }

  void checkWindow(Instant a, Instant b) {
    std::size_t checked = 0;
    const auto want = expandedNames(a, b);
    BOOST_TEST(tableNames(a, b, checked) == want, boost::test_tools::per_element());
    // Only what the table does not hold for the range is expanded.
    BOOST_TEST(checked <= 3u);
    auto sorted = [](std::vector<BusyPeriod> periods) {
      std::vector<std::string> text;
      for (const auto& p : periods) text.push_back(stamp(p.start) + "/" + stamp(p.end) + " " + p.type);
      std::sort(text.begin(), text.end());
      return text;
    };
    BOOST_TEST(sorted(tableBusy(a, b)) == sorted(expandedBusy(a, b)), boost::test_tools::per_element());
  }
};

std::int64_t countOf(const TempDatabase& db, const std::string& sql) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, db.path.string());
  std::int64_t count = 0;
  session << sql, into(count), now;
  return count;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(weeks_at_start_middle_end_and_past_the_horizon, MixedCalendar) {
  for (Instant day : {Instant{0}, Instant{3}, Instant{49}, Instant{97}, Instant{150}, Instant{157}, Instant{190},
                      Instant{300}, Instant{500}})
    checkWindow(kStart + day * kDay, kStart + (day + 7) * kDay);
  // A day, and a range that straddles the horizon.
  checkWindow(kStart + 60 * kDay + 3600, kStart + 61 * kDay);
  checkWindow(kStart + 120 * kDay, kStart + 200 * kDay);
}

BOOST_FIXTURE_TEST_CASE(writes_and_deletions_keep_the_rows, MixedCalendar) {
  const Instant a = kStart + 40 * kDay, b = kStart + 47 * kDay;
  put("e0", kStart + 44 * kDay, 60);  // the weekly meeting becomes one event
  put("late", kStart + 45 * kDay, 60);
  BOOST_TEST((service->remove(calendar, "e90.ics", Precondition{}).status == WriteStatus::Deleted));
  checkWindow(a, b);
  std::size_t checked = 0;
  const auto names = tableNames(a, b, checked);
  BOOST_TEST(names.count("late.ics") == 1u);
  BOOST_TEST(names.count("e90.ics") == 0u);
  BOOST_TEST(countOf(db, "SELECT COUNT(*) FROM object_instances WHERE object_id NOT IN (SELECT id FROM objects)") == 0);
}

BOOST_FIXTURE_TEST_CASE(the_horizon_moves_at_start, MixedCalendar) {
  clock.advance(200 * kDay);  // day 300: the endless rules are kept to day 160
  const Instant a = kStart + 310 * kDay, b = kStart + 317 * kDay;
  std::size_t checked = 0;
  tableNames(a, b, checked);
  BOOST_TEST(checked == 2u);  // "daily" and "weekly-open" read from their text
  BOOST_TEST(jadwal::caldav::keepInstances(store, time, 7) == 2u);
  BOOST_TEST(tableNames(a, b, checked) == expandedNames(a, b), boost::test_tools::per_element());
  BOOST_TEST(checked == 0u);
  // Nothing left to move, and the object past the bound is not retried.
  BOOST_TEST(jadwal::caldav::keepInstances(store, time, 7) == 0u);
}

BOOST_AUTO_TEST_CASE(an_upgrade_from_schema_12_fills_the_table) {
  TempDatabase db;
  const Instant a = kStart + 7 * kDay, b = kStart + 14 * kDay;
  {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, db.path.string());
    session << "BEGIN IMMEDIATE", now;
    migrateSqliteSchema(session, 12);
    session << "INSERT INTO users (id, name, role, created_at) VALUES (1, 'bupati', 'pimpinan', 0)", now;
    session << "INSERT INTO calendars (id, owner_id, slug, created_at) VALUES (1, 1, 'agenda', 0)", now;
    // Indexed as the old build did: recurring objects by their whole span.
    for (int i = 0; i < 30; ++i) {
      const Instant start = kStart + i * kDay;
      const bool weekly = i % 10 == 0;
      const std::string ical = event("o" + std::to_string(i), start, 60, weekly ? "RRULE:FREQ=WEEKLY;COUNT=4\r\n" : "");
      const Instant end = weekly ? start + 21 * kDay + 3600 : start + 3600;
      session << "INSERT INTO objects (calendar_id, name, uid, etag, component, size, modified_at, first_start, "
                 "last_end, recurring, ical) VALUES (1, ?, ?, ?, 'VEVENT', ?, 0, ?, ?, ?, ?)",
          bind("o" + std::to_string(i) + ".ics"), bind("o" + std::to_string(i)), bind("\"" + std::to_string(i) + "\""),
          bind(static_cast<std::int64_t>(ical.size())), bind(start), bind(end), bind(weekly ? 1 : 0), bind(ical), now;
    }
    session << "INSERT INTO requests (code, state, version, start_at, created_at, updated_at, event_calendar_id, "
               "event_object_name) VALUES ('JDW-1', 'disetujui', 1, 0, 0, 0, 1, 'o0.ics')",
        now;
    session << "COMMIT", now;
  }
  SqliteStore store(db.path.string());
  store.migrate();
  // Before the table is filled every object is read from its text, as before.
  auto listed = store.objectMetasOverlapping(1, "VEVENT", a, b);
  BOOST_TEST(listed.size() == 8u);  // days 7..13, and the weekly one of day 0
  BOOST_TEST(std::all_of(listed.begin(), listed.end(), [](const ObjectMeta& m) { return m.recurring; }));

  TimeContext time;
  BOOST_TEST(jadwal::caldav::keepInstances(store, time, 8) == 30u);  // in batches of 8
  BOOST_TEST(countOf(db, "SELECT COUNT(*) FROM object_instances") == 27 + 3 * 4);
  listed = store.objectMetasOverlapping(1, "VEVENT", a, b);
  std::set<std::string> names;
  for (const ObjectMeta& m : listed) {
    BOOST_TEST(!m.recurring);
    names.insert(m.name);
  }
  const std::set<std::string> want = {"o0.ics",  "o7.ics",  "o8.ics",  "o9.ics",
                                      "o10.ics", "o11.ics", "o12.ics", "o13.ics"};
  BOOST_TEST(names == want, boost::test_tools::per_element());
  // Filling the table is no change of an event: no request is marked.
  BOOST_TEST(countOf(db, "SELECT calendar_pending FROM requests WHERE code = 'JDW-1'") == 0);
}
