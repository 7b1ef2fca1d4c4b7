#pragma once
// A store of a backend per test case with a leader's calendar, for the
// calendar-step cases (calendar_step_contract_cases.inc), and a request
// whose event on it is in step.

#include "sql/request_store.h"
#include "store_fixture.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(CalendarStep)
BOOST_TEST_DONT_PRINT_LOG_VALUE(WriteStatus)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::int64_t>)

// Not anonymous: the test cases derive from the fixture.
inline namespace test_support {

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

// A migrated store of `Backend` (store_backends.h) with the calendar
// "agenda" of the leader "bupati".
template <typename Backend>
struct CalendarStepFixture : BackendFixture<Backend> {
  using BackendFixture<Backend>::store;
  RequestStore& requests = store.requests();
  Calendar calendar;

  CalendarStepFixture() {
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

}  // namespace test_support
