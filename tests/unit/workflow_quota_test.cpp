// Events the request workflow writes (the leader's approved event, the
// TENTATIVE hold, a representative's copy) are written without a quota, by
// design, and counted like any other object in the usage of the calendar's
// owner. An owner whose quota they fill still gets every workflow write and
// may still delete; only their own growing writes are refused.
#define BOOST_TEST_MODULE workflow_quota
#include "caldav/dav.h"
#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

constexpr std::int64_t kQuotaBytes = 16384;

std::string ownEvent(const std::string& uid, std::size_t padding) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250320T010000Z\r\nDTEND:20250320T020000Z\r\nSUMMARY:" +
         std::string(padding, 'x') + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

struct QuotaFixture : Fixture {
  std::unique_ptr<caldav::DavHandler> dav;

  QuotaFixture() {
    // The same workflow, on a calendar service with a small quota.
    service.reset();
    caldav::QuotaLimits quota;
    quota.bytesPerUser = kQuotaBytes;
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{}, quota);
    service = std::make_unique<RequestService>(*store, *calendars, *mailer, clock, config);
    calendars->addObserver(service->calendarObserver());
    dav = std::make_unique<caldav::DavHandler>(*store, *calendars, caldav::DavConfig{});
  }

  caldav::DavResponse call(const Actor& who, const std::string& method, const std::string& path,
                           const std::string& body = "") {
    caldav::DavRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.user = who.user;
    r.headers["Content-Type"] = "text/calendar";
    r.headers["Depth"] = "0";
    return dav->handle(r);
  }

  // Fills the quota of `owner` with their own events through CalDAV, large
  // ones then small ones, until not even a small one fits.
  void fill(const Actor& owner, const std::string& calendarPath) {
    int n = 0;
    for (std::size_t padding : {2000u, 10u}) {
      for (;;) {
        const auto answer = call(owner, "PUT", calendarPath + "isi-" + std::to_string(n) + ".ics",
                                 ownEvent("isi-" + std::to_string(n), padding));
        ++n;
        if (answer.status == 507) break;
        BOOST_TEST_REQUIRE(answer.status == 201);
      }
    }
    BOOST_TEST_REQUIRE(store->usageOf(owner.user.id).bytes <= kQuotaBytes);
  }

  // What the calendars of `owner` hold, object by object.
  std::int64_t objectBytes(const Actor& owner) {
    std::int64_t bytes = 0;
    for (const auto& calendar : store->calendarsOwnedBy(owner.user.id))
      for (const auto& object : store->listObjects(calendar.id)) bytes += object.size;
    return bytes;
  }

  std::int64_t sizeOf(const sql::Calendar& calendar, const std::string& name) {
    auto object = store->getObject(calendar.id, name);
    BOOST_TEST_REQUIRE(object.has_value());
    return object->size;
  }
};

std::int64_t usedBytesIn(const std::string& body) {
  const std::string open = "<D:quota-used-bytes>";
  const auto start = body.find(open);
  return start == std::string::npos ? -1 : std::stoll(body.substr(start + open.size()));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(workflow_writes, QuotaFixture)

BOOST_AUTO_TEST_CASE(a_full_leader_still_gets_the_approved_event_counted_and_may_delete) {
  const std::string agenda = "/dav/calendars/bupati/agenda/";
  fill(bupati, agenda);
  const std::int64_t before = store->usageOf(bupati.user.id).bytes;

  auto row = approved();
  const std::int64_t event = sizeOf(bupatiAgenda, row.eventObjectName);
  const std::int64_t after = store->usageOf(bupati.user.id).bytes;
  BOOST_TEST(after == before + event);
  BOOST_TEST(after > kQuotaBytes);  // past the quota: the workflow is never refused
  BOOST_TEST(after == objectBytes(bupati));
  const auto shown = call(bupati, "PROPFIND", agenda,
                          "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:quota-used-bytes/>"
                          "</D:prop></D:propfind>");
  BOOST_TEST(usedBytesIn(shown.body) == after, shown.body);

  // A reschedule rewrites it too, the quota full or not.
  Decision later = act(Action::Reschedule, "Diundur");
  later.startTime = "13:00";
  later.endTime = "15:00";
  BOOST_TEST_REQUIRE(decide(row, later, staf).ok());
  BOOST_TEST(
      store->getObject(bupatiAgenda.id, row.eventObjectName)->ical.find("DTSTART;TZID=Asia/Jakarta:20250314T130000") !=
      std::string::npos);

  // The leader's own growing writes are refused...
  BOOST_TEST(call(bupati, "PUT", agenda + "baru.ics", ownEvent("baru", 10)).status == 507);
  // ...but deleting the workflow's event on his phone still tells staff he
  // cannot attend, and the event is put back although the quota is full.
  BOOST_TEST(call(bupati, "DELETE", agenda + row.eventObjectName).status == 204);
  BOOST_TEST(store->requests().dispositionsOf(row.id).size() == 1u);
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
  // And his own events he deletes to make room.
  BOOST_TEST(call(bupati, "DELETE", agenda + "isi-0.ics").status == 204);
  BOOST_TEST(store->usageOf(bupati.user.id).bytes == objectBytes(bupati));
  BOOST_TEST(call(bupati, "PUT", agenda + "baru.ics", ownEvent("baru", 10)).status == 201);
}

BOOST_AUTO_TEST_CASE(the_hold_counts_for_the_hold_calendars_owner_even_when_full) {
  fill(staf, "/dav/calendars/staf/tentatif/");
  const std::int64_t before = store->usageOf(staf.user.id).bytes;
  const auto request = submitted();
  BOOST_TEST_REQUIRE(!request.holdObjectName.empty());
  const std::int64_t hold = sizeOf(holdCalendar, request.holdObjectName);
  BOOST_TEST(store->usageOf(staf.user.id).bytes == before + hold);
  BOOST_TEST(store->usageOf(staf.user.id).bytes == objectBytes(staf));
  // The hold is nobody else's: the leader asked pays nothing for it.
  BOOST_TEST(store->usageOf(bupati.user.id).bytes == 0);
}

BOOST_AUTO_TEST_CASE(a_representatives_copy_counts_for_the_representative_even_when_full) {
  fill(asisten, "/dav/calendars/asisten/agenda/");
  const std::int64_t before = store->usageOf(asisten.user.id).bytes;
  Decision decision = act(Action::Represent, "Bupati dinas luar");
  decision.representativeUser = "asisten";
  auto outcome = decide(verified(), decision, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  const std::int64_t copy = sizeOf(asistenAgenda, outcome.request.representativeObjectName);
  BOOST_TEST(store->usageOf(asisten.user.id).bytes == before + copy);
  BOOST_TEST(store->usageOf(asisten.user.id).bytes == objectBytes(asisten));
  BOOST_TEST(store->usageOf(bupati.user.id).bytes == sizeOf(bupatiAgenda, outcome.request.eventObjectName));
  // The representative may delete his own events to make room again.
  BOOST_TEST(call(asisten, "DELETE", "/dav/calendars/asisten/agenda/isi-0.ics").status == 204);
  BOOST_TEST(store->usageOf(asisten.user.id).bytes == objectBytes(asisten));
}

BOOST_AUTO_TEST_SUITE_END()
