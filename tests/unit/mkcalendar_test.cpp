// MKCALENDAR's answers when the calendar cannot be made: 405 only when the
// calendar exists (RFC 4791 5.3.1.1), 507 when the storage is full, and 500
// for any other failure of the storage, never a 409 as if the name were
// taken. Driven through the DAV handler on a real SQLite store.
#define BOOST_TEST_MODULE mkcalendar
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include <memory>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "forwarding_store.h"
#include "sql/store.h"
#include "temp_database.h"

using namespace jadwal;
using caldav::DavRequest;
using caldav::DavResponse;

namespace {

// A store whose disk is full for the creation of calendars.
class FullDiskStore : public sql::testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  sql::CreateResult<sql::Calendar> createCalendarWithinQuota(const sql::Calendar&,
                                                             const std::vector<sql::DeadProperty>&,
                                                             const sql::CalendarLimits&) override {
    throw sql::StoreError("database or disk is full", sql::StoreError::Cause::StorageFull);
  }
};

struct Fixture {
  testing::TempDatabase db;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> service;
  caldav::Principal bupati;

  Fixture() {
    store = sql::openStore("sqlite:" + db.path.string());
    store->migrate();
    service = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    sql::User user;
    user.name = "bupati";
    user.role = sql::Role::Leader;
    user.displayName = "Bupati";
    user = store->createUser(user).value();
    bupati = {user.id, user.name, user.role, user.displayName};
  }

  DavResponse mkcalendar(sql::Store& through, const std::string& slug, const std::string& body = "") {
    caldav::DavHandler dav(through, *service, caldav::DavConfig{});
    DavRequest r;
    r.method = "MKCALENDAR";
    r.path = "/dav/calendars/bupati/" + slug + "/";
    r.user = bupati;
    r.body = body;
    return dav.handle(r);
  }

  // Makes every later statement of `sql` on the database fail, as a broken
  // disk or a corrupt file would, from inside SQLite.
  void refuseInDatabase(const std::string& table) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON " + table +
               " BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END",
        Poco::Data::Keywords::now;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(mkcalendar, Fixture)

BOOST_AUTO_TEST_CASE(an_existing_calendar_is_405) {
  BOOST_TEST(mkcalendar(*store, "kunjungan").status == 201);
  const DavResponse again = mkcalendar(*store, "kunjungan");
  BOOST_TEST(again.status == 405);
  BOOST_TEST(store->calendarsOwnedBy(bupati.id).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failing_database_is_500_not_a_conflict) {
  refuseInDatabase("calendars");
  const DavResponse answer = mkcalendar(*store, "kunjungan");
  BOOST_TEST(answer.status == 500);
  BOOST_TEST(!store->findCalendar("bupati", "kunjungan").has_value());
}

BOOST_AUTO_TEST_CASE(a_full_disk_is_507) {
  FullDiskStore full(*store);
  const DavResponse answer = mkcalendar(full, "kunjungan");
  BOOST_TEST(answer.status == 507);
  BOOST_TEST(!store->findCalendar("bupati", "kunjungan").has_value());
}

// RFC 4791 5.3.1: the calendar is made with the properties its body sets, or
// not at all.
BOOST_AUTO_TEST_CASE(refused_properties_leave_no_calendar_behind) {
  refuseInDatabase("dead_props");
  const std::string body =
      "<?xml version=\"1.0\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" "
      "xmlns:X=\"urn:x-test\"><D:set><D:prop><D:displayname>Kunjungan</D:displayname><X:warna>merah</X:warna>"
      "</D:prop></D:set></C:mkcalendar>";
  const DavResponse answer = mkcalendar(*store, "kunjungan", body);
  BOOST_TEST(answer.status == 500);
  BOOST_TEST(!store->findCalendar("bupati", "kunjungan").has_value());
  BOOST_TEST(store->calendarsOwnedBy(bupati.id).empty());
}

BOOST_AUTO_TEST_CASE(the_properties_are_kept_with_the_calendar) {
  const std::string body =
      "<?xml version=\"1.0\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" "
      "xmlns:X=\"urn:x-test\"><D:set><D:prop><D:displayname>Kunjungan</D:displayname><X:warna>merah</X:warna>"
      "</D:prop></D:set></C:mkcalendar>";
  BOOST_TEST(mkcalendar(*store, "kunjungan", body).status == 201);
  const auto calendar = store->findCalendar("bupati", "kunjungan");
  BOOST_TEST_REQUIRE(calendar.has_value());
  BOOST_TEST(calendar->displayName == "Kunjungan");
  const auto dead = store->deadProperties(calendar->id, "");
  BOOST_TEST_REQUIRE(dead.size() == 1u);
  BOOST_TEST(dead[0].name == "warna");
}

BOOST_AUTO_TEST_SUITE_END()
