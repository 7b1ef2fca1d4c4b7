// Deleting a whole calendar (a phone app's "delete calendar"): it goes only
// through the calendar service, whose observers may keep it. The workflow
// keeps a calendar that holds an event of a request still in progress (the
// leader's event, the representative's copy or the TENTATIVE hold), so that
// nobody but staff takes a request's event away; events of finished requests
// go with their calendar and the requests forget them.
#define BOOST_TEST_MODULE calendar_removal
#include <boost/test/unit_test.hpp>

#include "caldav/dav.h"
#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;
using Status = caldav::CalendarRemoval::Status;

namespace {

struct RemovalFixture : Fixture {
  sql::RequestRow held() {
    auto row = approved();
    clock.set(row.start + 60);
    BOOST_TEST_REQUIRE(decide(row, act(Action::MarkHeld), staf).ok());
    return reload(row);
  }

  bool exists(const sql::Calendar& calendar) { return store->findCalendarById(calendar.id).has_value(); }

  // A client's DELETE of the whole calendar, through the DAV handler.
  caldav::DavResponse deleteByClient(const sql::Calendar& calendar, const Actor& who) {
    caldav::DavHandler dav(*store, *calendars, caldav::DavConfig{});
    caldav::DavRequest r;
    r.method = "DELETE";
    r.path = "/dav/calendars/" + calendar.ownerName + "/" + calendar.slug + "/";
    r.user = who.user;
    return dav.handle(r);
  }

  // The calendar is refused for `who`, naming `request`, and nothing moved.
  void refused(const sql::Calendar& calendar, const Actor& who, const sql::RequestRow& request) {
    const sql::RequestRow before = reload(request);
    const auto removal = calendars->removeCalendar(calendar, who.user.id);
    BOOST_TEST((removal.status == Status::Refused));
    BOOST_TEST(removal.reason.find(std::to_string(request.id)) != std::string::npos, removal.reason);
    BOOST_TEST(removal.reason.find("staff") != std::string::npos, removal.reason);
    BOOST_TEST(exists(calendar));
    const sql::RequestRow after = reload(request);
    BOOST_TEST(after.version == before.version);
    BOOST_TEST(after.state == before.state);
    BOOST_TEST((store->requests().calendarStep(request.id) == sql::CalendarStep::InStep));
  }
};

// An observer that keeps every calendar, or records what was deleted.
struct Keeper final : caldav::CalendarObserver {
  bool keeps = true;
  std::vector<std::int64_t> removed;
  void calendarChanged(const caldav::CalendarChange&) override {}
  std::optional<std::string> refuseCalendarRemoval(const sql::Calendar&) override {
    return keeps ? std::optional<std::string>("kept for a test") : std::nullopt;
  }
  void calendarRemoved(const sql::Calendar& calendar, std::optional<std::int64_t>) override {
    removed.push_back(calendar.id);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(calendar_removal, RemovalFixture)

BOOST_AUTO_TEST_CASE(the_leader_cannot_delete_his_agenda_while_it_holds_an_approved_request) {
  const auto row = approved();
  refused(bupatiAgenda, bupati, row);
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
  BOOST_TEST(reload(row).eventObjectName == row.eventObjectName);
  // Nor can an admin: staff finish or move the request first.
  refused(bupatiAgenda, admin, row);
}

// The case of issue 7: the leader deletes bupati/agenda/ in a client while
// it holds an approved request. The DELETE goes through the calendar
// service, so the request neither stays approved on a calendar that is gone
// nor loses its history: the calendar is kept; once the request is
// finished, the calendar goes and the request's audit says so.
BOOST_AUTO_TEST_CASE(a_clients_delete_of_the_agenda_goes_through_the_service_and_is_audited) {
  const auto row = approved();
  const std::size_t audited = store->requests().auditOf(row.id).size();
  const auto refusedAnswer = deleteByClient(bupatiAgenda, bupati);
  BOOST_TEST(refusedAnswer.status == 409);
  BOOST_TEST(refusedAnswer.body.find(std::to_string(row.id)) != std::string::npos, refusedAnswer.body);
  BOOST_TEST(exists(bupatiAgenda));
  BOOST_TEST(reload(row).state == "disetujui");
  BOOST_TEST(reload(row).eventCalendarId == bupatiAgenda.id);
  BOOST_TEST(store->requests().auditOf(row.id).size() == audited);

  clock.set(row.start + 60);
  BOOST_TEST_REQUIRE(decide(reload(row), act(Action::MarkHeld), staf).ok());
  BOOST_TEST(deleteByClient(bupatiAgenda, bupati).status == 204);
  BOOST_TEST(!exists(bupatiAgenda));
  const auto after = reload(row);
  BOOST_TEST(after.eventCalendarId == 0);
  const auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-unlink");
  BOOST_TEST((audit.actorId == bupati.user.id));
}

BOOST_AUTO_TEST_CASE(the_representatives_copy_and_the_hold_keep_their_calendars_too) {
  const auto copy = represented();
  BOOST_TEST_REQUIRE(copy.representativeCalendarId == asistenAgenda.id);
  refused(asistenAgenda, asisten, copy);
  BOOST_TEST(store->getObject(asistenAgenda.id, copy.representativeObjectName).has_value());

  const auto pending = submitted();
  BOOST_TEST_REQUIRE(pending.holdCalendarId == holdCalendar.id);
  refused(holdCalendar, staf, pending);
}

BOOST_AUTO_TEST_CASE(a_finished_requests_event_goes_with_its_calendar_and_the_request_forgets_it) {
  const auto row = held();
  const auto removal = calendars->removeCalendar(bupatiAgenda, bupati.user.id);
  BOOST_TEST((removal.status == Status::Removed));
  BOOST_TEST(!exists(bupatiAgenda));
  const auto after = reload(row);
  BOOST_TEST(after.state == "terlaksana");
  BOOST_TEST(after.eventCalendarId == 0);
  BOOST_TEST(after.eventObjectName.empty());
  const auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-unlink");
  BOOST_TEST((audit.actorId == bupati.user.id));
  BOOST_TEST(audit.fromState == "terlaksana");
  BOOST_TEST(audit.toState == "terlaksana");
  BOOST_TEST((store->requests().calendarStep(row.id) == sql::CalendarStep::InStep));
  BOOST_TEST(store->requests().requestsOutOfStep(0, 10).empty());
}

BOOST_AUTO_TEST_CASE(a_cancelled_requests_event_goes_too_once_staff_cancelled_it) {
  const auto row = approved();
  refused(bupatiAgenda, bupati, row);
  BOOST_TEST_REQUIRE(decide(row, act(Action::Cancel, "Acara ditunda penyelenggara"), staf).ok());
  BOOST_TEST((calendars->removeCalendar(bupatiAgenda, bupati.user.id).status == Status::Removed));
  const auto after = reload(row);
  BOOST_TEST(after.state == "dibatalkan");
  BOOST_TEST(after.eventObjectName.empty());
}

BOOST_AUTO_TEST_CASE(a_calendar_without_request_events_goes_and_none_changes) {
  const auto row = approved();
  const auto version = reload(row).version;
  const auto removal = calendars->removeCalendar(wabupAgenda, wabup.user.id);
  BOOST_TEST((removal.status == Status::Removed));
  BOOST_TEST(!exists(wabupAgenda));
  BOOST_TEST(reload(row).version == version);
  BOOST_TEST((calendars->removeCalendar(wabupAgenda, wabup.user.id).status == Status::NotFound));
}

BOOST_AUTO_TEST_CASE(any_observer_may_keep_a_calendar_and_all_hear_of_a_deletion) {
  auto keeper = std::make_shared<Keeper>();
  calendars->addObserver(keeper);
  auto removal = calendars->removeCalendar(wabupAgenda, wabup.user.id);
  BOOST_TEST((removal.status == Status::Refused));
  BOOST_TEST(removal.reason == "kept for a test");
  BOOST_TEST(exists(wabupAgenda));
  BOOST_TEST(keeper->removed.empty());
  keeper->keeps = false;
  BOOST_TEST((calendars->removeCalendar(wabupAgenda, wabup.user.id).status == Status::Removed));
  BOOST_TEST(keeper->removed == std::vector<std::int64_t>{wabupAgenda.id});
}

BOOST_AUTO_TEST_SUITE_END()
