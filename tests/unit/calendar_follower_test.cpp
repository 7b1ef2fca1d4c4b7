// The calendar follower: edits and deletions of a request's events made as
// a CalDAV client would make them, and what the request does with them.
#define BOOST_TEST_MODULE calendar_follower
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(calendar_follower, Fixture)

BOOST_AUTO_TEST_CASE(moving_the_event_in_a_client_moves_the_request) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("20250314T090000"), "20250314T130000");
  edited = std::regex_replace(edited, std::regex("20250314T110000"), "20250314T150000");
  auto result = calendars->put(bupatiAgenda, row.eventObjectName, edited, {false, object.etag}, staf.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Updated));

  auto moved = reload(row);
  BOOST_TEST(moved.start == k14March0900Wib + 4 * kHour);
  BOOST_TEST(*moved.end == k14March0900Wib + 6 * kHour);
  BOOST_TEST(moved.version > row.version);
  BOOST_TEST(moved.state == "disetujui");
  auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-edit");
  BOOST_TEST((audit.actorId == staf.user.id));
  BOOST_TEST(audit.actorName == "Staf Protokol");
  // The client's text stays as written: the follower does not rewrite it.
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName)->ical == edited);
}

BOOST_AUTO_TEST_CASE(a_new_location_becomes_the_venue) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited =
      std::regex_replace(unfolded(object.ical), std::regex("LOCATION:[^\r\n]*"), "LOCATION:Gedung Serbaguna");
  BOOST_TEST_REQUIRE((calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id).status ==
                      sql::WriteStatus::Updated));
  auto moved = reload(row);
  BOOST_TEST(moved.venue == "Gedung Serbaguna");
  BOOST_TEST(moved.start == row.start);
  // Unchanged text written again is not an edit.
  auto audits = store->requests().auditOf(row.id).size();
  calendars->put(bupatiAgenda, row.eventObjectName, edited + "", {}, staf.user.id);
  BOOST_TEST(store->requests().auditOf(row.id).size() == audits);
}

BOOST_AUTO_TEST_CASE(moving_the_leader_event_moves_the_representative_event_too) {
  auto request = verified();
  Decision decision = act(Action::Represent);
  decision.representativeUser = "asisten";
  auto row = decide(request, decision, staf).request;
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("20250314T"), "20250321T");
  calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id);
  BOOST_TEST(reload(row).start == k14March0900Wib + 7 * 24 * kHour);
  std::string theirs = objectText(asistenAgenda.id, row.representativeObjectName);
  BOOST_TEST(theirs.find("DTSTART;TZID=Asia/Jakarta:20250321T090000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deleting_the_event_in_a_client_cancels_the_request) {
  auto row = approved();
  auto result = calendars->remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Deleted));
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName.empty());  // it no longer claims the deleted event
  auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-delete");
  BOOST_TEST(audit.note == "Dihapus melalui aplikasi kalender");
  BOOST_TEST((audit.actorId == bupati.user.id));
  BOOST_TEST(audit.fromState == "disetujui");
  BOOST_TEST(audit.toState == "dibatalkan");
}

BOOST_AUTO_TEST_CASE(cancelling_the_event_in_a_client_cancels_the_request) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("STATUS:CONFIRMED"), "STATUS:CANCELLED");
  calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id);
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName == row.eventObjectName);
  BOOST_TEST(store->requests().auditOf(row.id).back().action == "calendar-cancel");
}

BOOST_AUTO_TEST_CASE(deleting_the_hold_only_unlinks_it) {
  auto request = submitted();
  calendars->remove(holdCalendar, request.holdObjectName, {}, staf.user.id);
  auto row = reload(request);
  BOOST_TEST(row.state == "diajukan");
  BOOST_TEST(row.holdObjectName.empty());
}

BOOST_AUTO_TEST_CASE(unrelated_events_are_ignored) {
  auto row = approved();
  auto version = reload(row).version;
  std::string other =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:lain@test\r\n"
      "DTSTAMP:20250101T000000Z\r\nDTSTART:20250314T020000Z\r\nDTEND:20250314T030000Z\r\nSUMMARY:Rapat\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  calendars->put(bupatiAgenda, "lain.ics", other, {}, bupati.user.id);
  calendars->remove(bupatiAgenda, "lain.ics", {}, bupati.user.id);
  BOOST_TEST(reload(row).version == version);
}

BOOST_AUTO_TEST_SUITE_END()
