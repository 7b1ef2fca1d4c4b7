// Per-user quotas (RFC 4331) on a real SQLite store: what a user stores,
// limits checked inside writes (also under concurrency), and the CalDAV
// answers: 507 with DAV:quota-not-exceeded, and the quota properties.
#define BOOST_TEST_MODULE quota
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "dav_fixture.h"
#include "sql/store.h"

using namespace jadwal;
using caldav::DavRequest;
using caldav::DavResponse;

namespace {

std::string event(const std::string& uid, const std::string& padding = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250107T010000Z\r\nDTEND:20250107T020000Z\r\nSUMMARY:Rapat " + uid +
         padding + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

sql::ObjectIndex indexOf(const std::string& uid) {
  sql::ObjectIndex index;
  index.uid = uid;
  index.component = "VEVENT";
  return index;
}

sql::Precondition within(std::optional<std::int64_t> bytes, std::optional<std::int64_t> objects = std::nullopt) {
  sql::Precondition pre;
  pre.limits.ownerBytes = bytes;
  pre.limits.calendarObjects = objects;
  return pre;
}

caldav::QuotaLimits smallQuota() {
  caldav::QuotaLimits quota;
  quota.calendarsPerUser = 3;
  quota.bytesPerUser = 4000;
  quota.objectsPerCalendar = 50;
  return quota;
}

struct Fixture : testing::DavWorld {
  caldav::Principal bupati, staf, viewer;
  sql::Calendar agenda, rapat;

  Fixture() : DavWorld(smallQuota()) {
    bupati = add("bupati", sql::Role::Leader);
    staf = add("staf", sql::Role::ProtocolStaff);
    viewer = add("viewer", sql::Role::Viewer);
    agenda = calendar(bupati, "agenda");
    rapat = calendar(bupati, "rapat");
  }

  sql::Calendar calendar(const caldav::Principal& owner, const std::string& slug) {
    sql::Calendar c;
    c.ownerId = owner.id;
    c.slug = slug;
    return store->createCalendar(c).value();
  }

  sql::WriteResult put(const sql::Calendar& calendar, const std::string& uid, const std::string& ical,
                       const sql::Precondition& pre) {
    return store->putObject(calendar.id, uid + ".ics", ical, "\"" + uid + std::to_string(ical.size()) + "\"",
                            indexOf(uid), pre);
  }
};

const std::string kAgenda = "/dav/calendars/bupati/agenda/";

std::string propfind(const std::string& props) {
  return "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>" + props + "</D:prop></D:propfind>";
}

// The number inside <D:name>...</D:name> of the first response, or -1.
std::int64_t numberIn(const std::string& body, const std::string& name) {
  const std::string open = "<D:" + name + ">";
  const auto start = body.find(open);
  if (start == std::string::npos) return -1;
  return std::stoll(body.substr(start + open.size()));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_quotas, Fixture)

BOOST_AUTO_TEST_CASE(usage_counts_calendars_objects_and_kept_properties) {
  BOOST_TEST(store->usageOf(bupati.id).calendars == 2);
  BOOST_TEST(store->usageOf(bupati.id).bytes == 0);
  const std::string a = event("a"), b = event("b");
  put(agenda, "a", a, {});
  put(rapat, "b", b, {});
  store->setDeadProperty(agenda.id, "", {"urn:x", "catatan", "<X:catatan xmlns:X=\"urn:x\">abc</X:catatan>"});
  store->setUserProperty(bupati.id, "", {"urn:x", "warna", "<X:warna xmlns:X=\"urn:x\">é</X:warna>"});
  // Another user's own property is theirs, not the owner's.
  store->setUserProperty(viewer.id, "calendar:" + std::to_string(agenda.id), {"urn:x", "z", "<X:z/>"});

  const sql::Usage usage = store->usageOf(bupati.id);
  BOOST_TEST(usage.calendars == 2);
  BOOST_TEST(usage.objects == 2);
  const auto expected = a.size() + b.size() + std::string("<X:catatan xmlns:X=\"urn:x\">abc</X:catatan>").size() +
                        std::string("<X:warna xmlns:X=\"urn:x\">é</X:warna>").size();
  BOOST_TEST(usage.bytes == static_cast<std::int64_t>(expected));
  BOOST_TEST(store->usageOf(viewer.id).bytes == 6);
  BOOST_TEST(store->usageOf(viewer.id).calendars == 0);
}

BOOST_AUTO_TEST_CASE(a_write_past_the_owners_bytes_is_refused_and_changes_nothing) {
  const std::string big = event("a", std::string(1500, 'x'));
  BOOST_TEST((put(agenda, "a", big, within(3000)).status == sql::WriteStatus::Created));
  // The owner's other calendar shares the quota.
  const auto refused = put(rapat, "b", event("b", std::string(1500, 'y')), within(3000));
  BOOST_TEST((refused.status == sql::WriteStatus::QuotaExceeded));
  BOOST_TEST((refused.exceeded == sql::WriteResult::Limit::OwnerBytes));
  BOOST_TEST(refused.used == static_cast<std::int64_t>(big.size()));
  BOOST_TEST(!store->getObject(rapat.id, "b.ics"));
  BOOST_TEST(store->findCalendarById(rapat.id)->syncSeq == 0);
  BOOST_TEST(store->changesSince(rapat.id, 0).changes.empty());
  // Without limits (the workflow, the operator's import) the write goes through.
  BOOST_TEST((put(rapat, "b", event("b", std::string(1500, 'y')), {}).status == sql::WriteStatus::Created));
}

BOOST_AUTO_TEST_CASE(writes_that_do_not_grow_pass_even_over_the_quota) {
  put(agenda, "a", event("a", std::string(2000, 'x')), {});
  // Now over a quota of 1000: a smaller version and an equal one pass, a larger one does not.
  BOOST_TEST((put(agenda, "a", event("a", std::string(1000, 'x')), within(1000)).status == sql::WriteStatus::Updated));
  BOOST_TEST((put(agenda, "a", event("a", std::string(1000, 'z')), within(1000)).status == sql::WriteStatus::Updated));
  BOOST_TEST(
      (put(agenda, "a", event("a", std::string(1001, 'x')), within(1000)).status == sql::WriteStatus::QuotaExceeded));
  BOOST_TEST((store->deleteObject(agenda.id, "a.ics", {}).status == sql::WriteStatus::Deleted));
}

BOOST_AUTO_TEST_CASE(objects_per_calendar_are_limited) {
  for (int i = 0; i < 3; ++i) {
    const std::string uid = "o" + std::to_string(i);
    BOOST_TEST((put(agenda, uid, event(uid), within(std::nullopt, 3)).status == sql::WriteStatus::Created));
  }
  const auto refused = put(agenda, "o3", event("o3"), within(std::nullopt, 3));
  BOOST_TEST((refused.status == sql::WriteStatus::QuotaExceeded));
  BOOST_TEST((refused.exceeded == sql::WriteResult::Limit::CalendarObjects));
  BOOST_TEST(refused.used == 3);
  // An update of one of the three is no new object.
  BOOST_TEST((put(agenda, "o1", event("o1", "!"), within(std::nullopt, 3)).status == sql::WriteStatus::Updated));
  // Another calendar counts its own.
  BOOST_TEST((put(rapat, "o3", event("o3"), within(std::nullopt, 3)).status == sql::WriteStatus::Created));
}

BOOST_AUTO_TEST_CASE(concurrent_writers_cannot_pass_the_quota_together) {
  const std::string one = event("x0", std::string(400, 'x'));
  const auto size = static_cast<std::int64_t>(one.size());
  const std::int64_t limit = size * 10 + size / 2;  // room for ten
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 8; ++i) {
        const std::string uid = "w" + std::to_string(w) + "x" + std::to_string(i);
        // The same length for every object: only the UID differs, and it has a fixed width.
        const auto result =
            put(w % 2 ? agenda : rapat, uid, event(uid.substr(0, 2), std::string(400, 'x')), within(limit));
        (result.status == sql::WriteStatus::Created ? created : refused)++;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  BOOST_TEST(created == 10);
  BOOST_TEST(refused == 22);
  BOOST_TEST(store->usageOf(bupati.id).bytes <= limit);
}

BOOST_AUTO_TEST_CASE(calendars_per_user_are_counted_in_the_creating_transaction) {
  sql::Calendar third;
  third.ownerId = bupati.id;
  third.slug = "ketiga";
  BOOST_TEST(store->createCalendarWithinQuota(third, {}, {3, std::nullopt}).ok());
  third.slug = "keempat";
  BOOST_TEST(
      (store->createCalendarWithinQuota(third, {}, {3, std::nullopt}).status == sql::CreateStatus::QuotaExceeded));
  BOOST_TEST(!store->findCalendar("bupati", "keempat"));
  BOOST_TEST(store->usageOf(bupati.id).calendars == 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(caldav_quotas, Fixture)

BOOST_AUTO_TEST_CASE(a_put_past_the_quota_is_507_quota_not_exceeded) {
  const std::string padding(1500, 'x');
  BOOST_TEST(call(bupati, "PUT", kAgenda + "a.ics", event("a", padding)).status == 201);
  BOOST_TEST(call(bupati, "PUT", kAgenda + "b.ics", event("b", padding)).status == 201);
  auto refused = call(bupati, "PUT", kAgenda + "c.ics", event("c", padding));
  BOOST_TEST(refused.status == 507);
  BOOST_TEST(refused.body.find("<D:quota-not-exceeded") != std::string::npos, refused.body);
  BOOST_TEST(call(bupati, "GET", kAgenda + "c.ics").status == 404);

  // Staff writing into the leader's calendar use the leader's quota.
  BOOST_TEST(call(staf, "PUT", kAgenda + "d.ics", event("d", padding)).status == 507);
  // The workflow's writes (CalendarService::put) are not refused.
  BOOST_TEST((service->put(agenda, "permohonan.ics", event("p", padding), {}).status == sql::WriteStatus::Created));
  // Over the quota now: deleting and shrinking still work.
  BOOST_TEST(call(bupati, "PUT", kAgenda + "a.ics", event("a")).status == 204);
  BOOST_TEST(call(bupati, "DELETE", kAgenda + "b.ics").status == 204);
}

BOOST_AUTO_TEST_CASE(mkcalendar_past_the_calendar_quota_is_507) {
  BOOST_TEST(call(bupati, "MKCALENDAR", "/dav/calendars/bupati/ketiga/").status == 201);
  auto refused = call(bupati, "MKCALENDAR", "/dav/calendars/bupati/keempat/");
  BOOST_TEST(refused.status == 507);
  BOOST_TEST(refused.body.find("<D:quota-not-exceeded") != std::string::npos, refused.body);
  BOOST_TEST(!store->findCalendar("bupati", "keempat"));
  // Deleting one makes room again.
  BOOST_TEST(call(bupati, "DELETE", "/dav/calendars/bupati/ketiga/").status == 204);
  BOOST_TEST(call(bupati, "MKCALENDAR", "/dav/calendars/bupati/keempat/").status == 201);
}

BOOST_AUTO_TEST_CASE(kept_properties_count_against_the_quota) {
  auto patch = [&](const caldav::Principal& who, const std::string& path, std::size_t bytes) {
    return call(who, "PROPPATCH", path,
                "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:X=\"urn:x\"><D:set><D:prop>"
                "<X:besar>" +
                    std::string(bytes, 'b') + "</X:besar></D:prop></D:set></D:propertyupdate>");
  };
  BOOST_TEST(patch(bupati, kAgenda, 1000).status == 207);
  BOOST_TEST(store->usageOf(bupati.id).bytes > 1000);
  auto refused = patch(bupati, kAgenda, 5000);
  BOOST_TEST(refused.status == 507);
  BOOST_TEST(refused.body.find("<D:quota-not-exceeded") != std::string::npos);
  // A user's own properties on their home count against their own quota.
  BOOST_TEST(patch(viewer, "/dav/calendars/viewer/", 5000).status == 507);
  BOOST_TEST(patch(viewer, "/dav/calendars/viewer/", 100).status == 207);
  BOOST_TEST(store->usageOf(viewer.id).bytes > 100);
}

BOOST_AUTO_TEST_CASE(a_proppatch_that_does_not_grow_the_usage_passes_a_full_quota) {
  auto patch = [&](const std::string& set, const std::string& remove = "") {
    std::string body = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:X=\"urn:x\"><D:set><D:prop>" +
                       set + "</D:prop></D:set>";
    if (!remove.empty()) body += "<D:remove><D:prop>" + remove + "</D:prop></D:remove>";
    return call(bupati, "PROPPATCH", kAgenda, body + "</D:propertyupdate>");
  };
  const std::string value(1800, 'b');
  BOOST_TEST(patch("<X:a>" + value + "</X:a>").status == 207);
  BOOST_TEST(patch("<X:b>" + value + "</X:b>").status == 207);
  const std::int64_t full = store->usageOf(bupati.id).bytes;  // too close to 4000 for another
  BOOST_TEST(patch("<X:c>" + value + "</X:c>").status == 507);
  // A value replaced by one as long grows nothing, nor does one moved to another name.
  BOOST_TEST(patch("<X:a>" + std::string(1800, 'c') + "</X:a>").status == 207);
  BOOST_TEST(patch("<X:c>" + value + "</X:c>", "<X:a/>").status == 207);
  BOOST_TEST(store->usageOf(bupati.id).bytes == full);
  // Growing past the quota is refused, and nothing of that request is kept.
  auto refused = patch("<X:d>d</X:d><X:b>" + std::string(2500, 'b') + "</X:b>");
  BOOST_TEST(refused.status == 507);
  BOOST_TEST(refused.body.find("<D:quota-not-exceeded") != std::string::npos, refused.body);
  BOOST_TEST(store->usageOf(bupati.id).bytes == full);
  BOOST_TEST(store->deadProperties(agenda.id, "").size() == 2u);  // b and c
}

BOOST_AUTO_TEST_CASE(concurrent_property_writes_cannot_pass_the_quota_together) {
  // Made and checked here: Boost.Test's assertions are not for other threads.
  std::vector<std::vector<sql::PropertyChange>> changes(4);
  for (int w = 0; w < 4; ++w) {
    for (int i = 0; i < 5; ++i) {
      const std::string name = "p" + std::to_string(w) + std::to_string(i);
      sql::PropertyChange change;
      change.holderId = agenda.id;
      change.ns = "urn:x";
      change.name = name;
      change.xml =
          "<X:" + name + " xmlns:X=\"urn:x\">" + std::string(400 - 25 - 2 * name.size(), 'v') + "</X:" + name + ">";
      BOOST_TEST_REQUIRE(change.xml->size() == 400u);
      changes[w].push_back(change);
    }
  }
  std::atomic<int> written{0}, refused{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (const auto& change : changes[w]) {
        const auto result = store->writeProperties({change}, std::nullopt, 4000);
        (result.written ? written : refused)++;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  BOOST_TEST(written == 10);
  BOOST_TEST(refused == 10);
  BOOST_TEST(store->usageOf(bupati.id).bytes <= 4000);
}

BOOST_AUTO_TEST_CASE(quota_properties_on_the_home_and_each_calendar) {
  call(bupati, "PUT", kAgenda + "a.ics", event("a"));
  const std::int64_t used = store->usageOf(bupati.id).bytes;
  BOOST_TEST(used == static_cast<std::int64_t>(event("a").size()));

  for (const std::string& path :
       {std::string("/dav/calendars/bupati/"), kAgenda, std::string("/dav/calendars/bupati/rapat/")}) {
    auto r =
        call(bupati, "PROPFIND", path, propfind("<D:quota-available-bytes/><D:quota-used-bytes/>"), {{"Depth", "0"}});
    BOOST_TEST(r.status == 207);
    BOOST_TEST(numberIn(r.body, "quota-used-bytes") == used, path << "\n" << r.body);
    BOOST_TEST(numberIn(r.body, "quota-available-bytes") == 4000 - used, path);
  }
  // Not in allprop (RFC 4331 section 3), and not on objects.
  auto all = call(bupati, "PROPFIND", kAgenda,
                  "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>", {{"Depth", "1"}});
  BOOST_TEST(all.body.find("quota-") == std::string::npos);
  auto object = call(bupati, "PROPFIND", kAgenda + "a.ics", propfind("<D:quota-used-bytes/>"), {{"Depth", "0"}});
  BOOST_TEST(object.body.find("404 Not Found") != std::string::npos);

  // Past the quota, nothing is available (never a negative number).
  service->put(agenda, "besar.ics", event("besar", std::string(5000, 'x')), {});
  auto full = call(bupati, "PROPFIND", kAgenda, propfind("<D:quota-available-bytes/>"), {{"Depth", "0"}});
  BOOST_TEST(numberIn(full.body, "quota-available-bytes") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
