// Whether a request's events are in step with it, as the SQLite store keeps
// it: every change of a request, and every write of an object a request
// links, is marked in its own transaction; only recording the links (with
// the request's version compare-and-set) or clearing a followed event change
// takes the mark away. A server killed in between finds the request marked.
#define BOOST_TEST_MODULE sqlite_calendar_step
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include "temp_database.h"

#include "sql/request_store.h"
#include "sql/sqlite_schema.h"
#include "sql/sqlite_store.h"

using namespace jadwal::sql;
using namespace Poco::Data::Keywords;

BOOST_TEST_DONT_PRINT_LOG_VALUE(CalendarStep)
BOOST_TEST_DONT_PRINT_LOG_VALUE(WriteStatus)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::int64_t>)

namespace {

using jadwal::testing::TempDatabase;

AuditRow auditAt(Instant at, const std::string& action) {
  AuditRow audit;
  audit.at = at;
  audit.actorName = "Sistem";
  audit.action = action;
  return audit;
}

RequestRow sampleRequest(const std::string& code) {
  RequestRow row;
  row.code = code;
  row.state = "diajukan";
  row.eventName = "Peresmian Sekolah";
  row.start = 1'800'000'000;
  row.leadersAsked = {"bupati"};
  return row;
}

ObjectIndex indexOf(const std::string& uid) {
  ObjectIndex index;
  index.uid = uid;
  index.component = "VEVENT";
  index.firstStart = 1'800'000'000;
  index.lastEnd = 1'800'003'600;
  return index;
}

struct Fixture {
  TempDatabase db;
  SqliteStore store{db.path.string()};
  RequestStore& requests = store.requests();
  Calendar calendar;

  Fixture() {
    store.migrate();
    User owner;
    owner.name = "bupati";
    owner.role = Role::Leader;
    owner = store.createUser(owner).value();
    Calendar agenda;
    agenda.ownerId = owner.id;
    agenda.slug = "agenda";
    calendar = store.createCalendar(agenda).value();
  }

  WriteResult put(const std::string& name, const std::string& text = "BEGIN:VCALENDAR") {
    return store.putObject(calendar.id, name, text, "\"" + std::to_string(text.size()) + "\"", indexOf(name), {});
  }

  // A request whose leader's event is `eventName` on the calendar, in step.
  RequestRow linkedRequest(const std::string& code, const std::string& eventName) {
    RequestRow row = requests.createRequest(sampleRequest(code), {}, auditAt(10, "submit")).value();
    row.eventCalendarId = calendar.id;
    row.eventObjectName = eventName;
    BOOST_TEST_REQUIRE(requests.recordCalendarLinks(row, 11, true, std::nullopt));
    BOOST_TEST_REQUIRE(requests.calendarStep(row.id) == CalendarStep::InStep);
    return *requests.findRequest(row.id);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_new_request_is_out_of_step_until_its_links_are_recorded, Fixture) {
  RequestRow row = requests.createRequest(sampleRequest("JDW-A"), {}, auditAt(10, "submit")).value();
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
  BOOST_TEST(requests.requestsOutOfStep(0, 10) == std::vector<std::int64_t>{row.id});

  row.holdCalendarId = calendar.id;
  row.holdObjectName = "permohonan-1-tentatif.ics";
  BOOST_TEST(requests.recordCalendarLinks(row, 20, true, std::nullopt));
  const auto stored = requests.findRequest(row.id);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::InStep);
  BOOST_TEST(requests.requestsOutOfStep(0, 10).empty());
  BOOST_TEST(stored->holdCalendarId == calendar.id);
  BOOST_TEST(stored->holdObjectName == "permohonan-1-tentatif.ics");
  BOOST_TEST(stored->version == 2);
  BOOST_TEST(stored->updatedAt == 20);
  BOOST_TEST(requests.auditOf(row.id).size() == 1u);  // no audit row was asked for
}

BOOST_FIXTURE_TEST_CASE(every_update_marks_the_request_in_its_own_transaction, Fixture) {
  RequestRow row = linkedRequest("JDW-B", "acara.ics");
  row.state = "diverifikasi";
  BOOST_TEST_REQUIRE(requests.updateRequest(row, auditAt(30, "verify")));
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
  // A refused update (stale version) marks nothing.
  RequestRow fresh = linkedRequest("JDW-C", "lain.ics");
  RequestRow stale = fresh;
  --stale.version;
  BOOST_TEST(!requests.updateRequest(stale, auditAt(31, "verify")));
  BOOST_TEST(requests.calendarStep(fresh.id) == CalendarStep::InStep);
}

BOOST_FIXTURE_TEST_CASE(recording_links_is_a_compare_and_set_on_the_version, Fixture) {
  RequestRow row = requests.createRequest(sampleRequest("JDW-D"), {}, auditAt(10, "submit")).value();
  RequestRow stale = row;
  row.state = "diverifikasi";
  BOOST_TEST_REQUIRE(requests.updateRequest(row, auditAt(12, "verify")));

  stale.eventCalendarId = calendar.id;
  stale.eventObjectName = "acara.ics";
  BOOST_TEST(!requests.recordCalendarLinks(stale, 13, true, auditAt(13, "calendar-write")));
  auto stored = requests.findRequest(row.id);
  BOOST_TEST(stored->version == 2);
  BOOST_TEST(stored->eventCalendarId == 0);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
  BOOST_TEST(requests.auditOf(row.id).size() == 2u);

  RequestRow current = *stored;
  current.eventCalendarId = calendar.id;
  current.eventObjectName = "acara.ics";
  BOOST_TEST(requests.recordCalendarLinks(current, 14, true, auditAt(14, "calendar-write")));
  stored = requests.findRequest(row.id);
  BOOST_TEST(stored->version == 3);
  BOOST_TEST(stored->state == "diverifikasi");  // only the links are written
  BOOST_TEST(stored->eventObjectName == "acara.ics");
  BOOST_TEST(requests.auditOf(row.id).back().action == "calendar-write");
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::InStep);
}

BOOST_FIXTURE_TEST_CASE(recording_links_without_settling_keeps_the_mark, Fixture) {
  RequestRow row = requests.createRequest(sampleRequest("JDW-E"), {}, auditAt(10, "submit")).value();
  BOOST_TEST(requests.recordCalendarLinks(row, 11, false, std::nullopt));
  BOOST_TEST(requests.findRequest(row.id)->version == 2);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
}

BOOST_FIXTURE_TEST_CASE(writing_or_deleting_a_linked_object_marks_its_request, Fixture) {
  const RequestRow row = linkedRequest("JDW-F", "acara.ics");
  auto clear = [&] {
    BOOST_TEST(requests.clearEventChanged(row.id, row.version));
    BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::InStep);
  };
  BOOST_TEST(put("acara.ics").status == WriteStatus::Created);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::EventChanged);
  BOOST_TEST(requests.requestsOutOfStep(0, 10) == std::vector<std::int64_t>{row.id});
  clear();
  BOOST_TEST(put("acara.ics", "BEGIN:VCALENDAR changed").status == WriteStatus::Updated);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::EventChanged);
  clear();
  BOOST_TEST(store.deleteObject(calendar.id, "acara.ics", {}).status == WriteStatus::Deleted);
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::EventChanged);
  clear();
  BOOST_TEST(put("acara.ics").status == WriteStatus::Created);
  clear();
  BOOST_TEST(store.deleteCalendar(calendar.id));
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::EventChanged);
  // Clearing never moves the version: a staff page open on the request stays valid.
  BOOST_TEST(requests.findRequest(row.id)->version == row.version);
}

BOOST_FIXTURE_TEST_CASE(an_object_no_request_links_marks_nothing, Fixture) {
  const RequestRow row = linkedRequest("JDW-G", "acara.ics");
  put("milik-pengguna.ics");
  store.deleteObject(calendar.id, "milik-pengguna.ics", {});
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::InStep);
  BOOST_TEST(requests.requestsOutOfStep(0, 10).empty());
}

BOOST_FIXTURE_TEST_CASE(an_event_change_does_not_hide_a_request_change, Fixture) {
  RequestRow row = linkedRequest("JDW-H", "acara.ics");
  row.state = "diverifikasi";
  BOOST_TEST_REQUIRE(requests.updateRequest(row, auditAt(30, "verify")));
  put("acara.ics");
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
  BOOST_TEST(!requests.clearEventChanged(row.id, row.version + 1));
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::RequestChanged);
}

BOOST_FIXTURE_TEST_CASE(clearing_an_event_change_needs_the_version_it_was_seen_at, Fixture) {
  const RequestRow row = linkedRequest("JDW-I", "acara.ics");
  put("acara.ics");
  BOOST_TEST(!requests.clearEventChanged(row.id, row.version - 1));
  BOOST_TEST(requests.calendarStep(row.id) == CalendarStep::EventChanged);
  BOOST_TEST(!requests.clearEventChanged(row.id + 100, row.version));
  BOOST_TEST(requests.calendarStep(row.id + 100) == CalendarStep::InStep);  // no such request
}

BOOST_FIXTURE_TEST_CASE(requests_out_of_step_come_by_id_a_page_at_a_time, Fixture) {
  std::vector<std::int64_t> marked;
  for (int i = 0; i < 5; ++i) {
    RequestRow row =
        requests.createRequest(sampleRequest("JDW-P" + std::to_string(i)), {}, auditAt(10, "submit")).value();
    if (i % 2 == 1)
      BOOST_TEST_REQUIRE(requests.recordCalendarLinks(row, 11, true, std::nullopt));
    else
      marked.push_back(row.id);
  }
  const auto first = requests.requestsOutOfStep(0, 2);
  BOOST_TEST(first == (std::vector<std::int64_t>{marked[0], marked[1]}));
  BOOST_TEST(requests.requestsOutOfStep(first.back(), 2) == std::vector<std::int64_t>{marked[2]});
}

BOOST_AUTO_TEST_CASE(requests_of_an_older_file_are_taken_to_be_in_step) {
  TempDatabase db;
  {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, db.path.string());
    session << "BEGIN IMMEDIATE", now;
    migrateSqliteSchema(session, 3);
    session << "INSERT INTO requests (code, state, version, start_at, created_at, updated_at) "
               "VALUES ('JDW-LAMA', 'disetujui', 4, 1, 1, 1)",
        now;
    session << "COMMIT", now;
  }
  SqliteStore store(db.path.string());
  store.migrate();
  const auto old = store.requests().findRequestByCode("JDW-LAMA");
  BOOST_TEST_REQUIRE(old.has_value());
  BOOST_TEST(store.requests().calendarStep(old->id) == CalendarStep::InStep);
  BOOST_TEST(store.requests().requestsOutOfStep(0, 10).empty());
}
