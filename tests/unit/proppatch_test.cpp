// PROPPATCH and MKCALENDAR's <set> against protected and computed
// properties (RFC 4918 9.2, RFC 3744, RFC 4791 5.3.1): refused with
// DAV:cannot-modify-protected-property, all or nothing, and never stored as
// dead properties; true dead properties and writable live ones still pass.
#define BOOST_TEST_MODULE proppatch
#include <boost/test/unit_test.hpp>

#include <regex>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "dav_fixture.h"
#include "sql/store.h"

using namespace jadwal;
using caldav::DavRequest;
using caldav::DavResponse;

namespace {

const std::string kNamespaces =
    "xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" xmlns:A=\"http://apple.com/ns/ical/\" "
    "xmlns:CS=\"http://calendarserver.org/ns/\" xmlns:X=\"urn:example:client\"";
const std::string kCal = "/dav/calendars/bupati/agenda/";
const std::string kHome = "/dav/calendars/bupati/";

struct Fixture : testing::DavWorld {
  caldav::Principal bupati, viewer;

  Fixture() {
    bupati = add("bupati", sql::Role::Leader);
    viewer = add("viewer", sql::Role::Viewer);
    sql::Calendar agenda;
    agenda.ownerId = bupati.id;
    agenda.slug = "agenda";
    agenda.displayName = "Agenda Bupati";
    const auto created = store->createCalendar(agenda).value();
    store->setShare({created.id, viewer.id, false});
    const std::string ics =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:rapat\r\n"
        "DTSTAMP:20250101T000000Z\r\nDTSTART:20250107T010000Z\r\nDTEND:20250107T020000Z\r\nSUMMARY:Rapat\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    BOOST_REQUIRE(call(bupati, "PUT", kCal + "rapat.ics", ics, {{"Content-Type", "text/calendar"}}).status == 201);
  }

  DavResponse set(const caldav::Principal& who, const std::string& path, const std::string& props) {
    return call(
        who, "PROPPATCH", path,
        "<D:propertyupdate " + kNamespaces + "><D:set><D:prop>" + props + "</D:prop></D:set></D:propertyupdate>");
  }

  // The text of one property as PROPFIND returns it, or "" when it has none.
  std::string read(const caldav::Principal& who, const std::string& path, const std::string& prop) {
    const auto answer =
        call(who, "PROPFIND", path, "<D:propfind " + kNamespaces + "><D:prop><" + prop + "/></D:prop></D:propfind>",
             {{"Depth", "0"}});
    BOOST_REQUIRE_EQUAL(answer.status, 207);
    return answer.body;
  }
};

// The propstat status given to `prop` ("D:acl"; a client's own namespace
// gets a generated prefix in the answer, so "X:name" matches any prefix).
int statusOf(const std::string& body, const std::string& prop) {
  const std::string name = prop.starts_with("X:") ? "[A-Za-z0-9]+:" + prop.substr(2) + "[^/>]*" : prop;
  const std::regex pattern("<D:propstat><D:prop><" + name + "/></D:prop><D:status>HTTP/1.1 (\\d{3})");
  std::smatch match;
  if (!std::regex_search(body, match, pattern)) return 0;
  return std::stoi(match[1]);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(proppatch, Fixture)

BOOST_AUTO_TEST_CASE(an_acl_is_refused_and_the_whole_request_with_it) {
  const auto answer = set(bupati, kCal,
                          "<D:displayname>Diganti</D:displayname>"
                          "<D:acl><D:ace><D:principal><D:all/></D:principal><D:grant><D:privilege><D:all/>"
                          "</D:privilege></D:grant></D:ace></D:acl><X:catatan>dead</X:catatan>");
  BOOST_TEST(answer.status == 207);
  BOOST_TEST(statusOf(answer.body, "D:acl") == 403, answer.body);
  BOOST_TEST(contains(answer.body, "<D:error><D:cannot-modify-protected-property/></D:error>"), answer.body);
  BOOST_TEST(statusOf(answer.body, "D:displayname") == 424);
  // Nothing was stored: not the acl, not the dead property beside it, not the name.
  BOOST_TEST(!contains(read(bupati, kCal, "D:acl"), "D:ace"));
  BOOST_TEST(!contains(read(bupati, kCal, "X:catatan"), "dead"));
  BOOST_TEST(contains(read(bupati, kCal, "D:displayname"), "Agenda Bupati"));
  BOOST_TEST(store->deadProperties(store->findCalendar("bupati", "agenda")->id, "").empty());
}

BOOST_AUTO_TEST_CASE(every_dav_property_but_the_writable_ones_is_protected_everywhere) {
  const std::vector<std::string> protectedProps = {
      "D:acl",
      "D:owner",
      "D:group",
      "D:current-user-privilege-set",
      "D:supported-privilege-set",
      "D:acl-restrictions",
      "D:inherited-acl-set",
      "D:principal-collection-set",
      "D:current-user-principal",
      "D:supported-report-set",
      "D:getetag",
      "D:getlastmodified",
      "D:getcontentlength",
      "D:creationdate",
      "D:lockdiscovery",
      "D:supportedlock",
      "D:sync-token",
      "D:resourcetype",
      "D:quota-available-bytes",
      "D:quota-used-bytes",
      "D:resource-id",
      "D:made-up-by-a-client",
      "C:supported-calendar-component-set",
      "C:supported-calendar-data",
      "C:max-resource-size",
      "C:min-date-time",
      "C:max-date-time",
      "C:max-instances",
      "C:max-attendees-per-instance",
      "C:calendar-home-set",
      "C:calendar-user-address-set",
      "C:schedule-inbox-URL",
      "C:schedule-outbox-URL",
      "C:supported-collation-set",
      "CS:getctag",
  };
  struct Target {
    const caldav::Principal* who;
    std::string path;
  };
  // The owner on the calendar, on an object and on the home, and a reader on
  // a shared calendar (whose other properties are kept for the reader alone).
  const std::vector<Target> targets = {{&bupati, kCal},
                                       {&bupati, kCal + "rapat.ics"},
                                       {&bupati, kHome},
                                       {&viewer, "/dav/calendars/viewer/bupati~agenda/"}};
  for (const auto& target : targets) {
    for (const auto& prop : protectedProps) {
      const auto answer = set(*target.who, target.path, "<" + prop + ">x</" + prop + ">");
      BOOST_TEST(answer.status == 207, prop << " on " << target.path);
      BOOST_TEST(statusOf(answer.body, prop) == 403, prop << " on " << target.path << ": " << answer.body);
      BOOST_TEST(contains(answer.body, "cannot-modify-protected-property"), prop << " on " << target.path);
      // Removing one is as protected as setting it.
      const auto removed = call(*target.who, "PROPPATCH", target.path,
                                "<D:propertyupdate " + kNamespaces + "><D:remove><D:prop><" + prop +
                                    "/></D:prop></D:remove></D:propertyupdate>");
      BOOST_TEST(statusOf(removed.body, prop) == 403, prop << " removed on " << target.path);
    }
  }
  const auto calendarId = store->findCalendar("bupati", "agenda")->id;
  BOOST_TEST(store->deadProperties(calendarId, "").empty());
  BOOST_TEST(store->deadProperties(calendarId, "rapat.ics").empty());
  BOOST_TEST(store->userProperties(bupati.id, "").empty());
  BOOST_TEST(store->userProperties(viewer.id, "calendar:" + std::to_string(calendarId)).empty());
}

BOOST_AUTO_TEST_CASE(writable_live_and_true_dead_properties_still_pass) {
  const auto answer =
      set(bupati, kCal,
          "<D:displayname>Agenda Baru</D:displayname><C:calendar-description>Kegiatan</"
          "C:calendar-description><A:calendar-order>3</A:calendar-order>"
          "<A:calendar-color>#112233</A:calendar-color><C:schedule-calendar-transp><C:opaque/>"
          "</C:schedule-calendar-transp><CS:subscribed-strip-alarms/><X:catatan>milik klien</X:catatan>");
  BOOST_TEST(answer.status == 207);
  BOOST_TEST(!contains(answer.body, "403"), answer.body);
  BOOST_TEST(!contains(answer.body, "424"), answer.body);
  BOOST_TEST(contains(read(bupati, kCal, "D:displayname"), "Agenda Baru"));
  BOOST_TEST(contains(read(bupati, kCal, "X:catatan"), "milik klien"));
  BOOST_TEST(contains(read(bupati, kCal, "C:schedule-calendar-transp"), "opaque"));
  BOOST_TEST(statusOf(set(bupati, kCal + "rapat.ics", "<X:catatan>objek</X:catatan>").body, "X:catatan") == 200);
  BOOST_TEST(
      statusOf(set(bupati, kHome, "<C:default-alarm-vevent-date>BEGIN:VALARM</C:default-alarm-vevent-date>").body,
               "C:default-alarm-vevent-date") == 200);
}

BOOST_AUTO_TEST_CASE(mkcalendar_refuses_a_protected_property_and_creates_nothing) {
  for (const std::string root : {"C:mkcalendar", "D:mkcol"}) {
    const std::string resourcetype =
        root == "D:mkcol" ? "<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>" : "";
    const auto answer =
        call(bupati, root == "D:mkcol" ? "MKCOL" : "MKCALENDAR", kHome + "baru/",
             "<" + root + " " + kNamespaces + "><D:set><D:prop>" + resourcetype +
                 "<D:displayname>Baru</D:displayname><D:acl><D:ace/></D:acl><X:catatan>x</X:catatan></D:prop>"
                 "</D:set></" +
                 root + ">");
    BOOST_TEST(answer.status == 403, root);
    BOOST_TEST(contains(answer.body, root == "D:mkcol" ? "mkcol-response" : "mkcalendar-response"), answer.body);
    BOOST_TEST(statusOf(answer.body, "D:acl") == 403, answer.body);
    BOOST_TEST(contains(answer.body, "cannot-modify-protected-property"));
    BOOST_TEST(statusOf(answer.body, "D:displayname") == 424, answer.body);
    BOOST_TEST(!store->findCalendar("bupati", "baru"), root);
  }
  // The properties MKCALENDAR may set at creation still work.
  const auto made = call(bupati, "MKCALENDAR", kHome + "baru/",
                         "<C:mkcalendar " + kNamespaces +
                             "><D:set><D:prop><D:displayname>Baru</D:displayname><C:supported-calendar-component-set>"
                             "<C:comp name=\"VEVENT\"/></C:supported-calendar-component-set><X:catatan>x</X:catatan>"
                             "</D:prop></D:set></C:mkcalendar>");
  BOOST_TEST(made.status == 201, made.body);
}

BOOST_AUTO_TEST_CASE(a_property_past_max_property_bytes_is_507_and_nothing_is_stored) {
  const std::string big(70000, 'b');  // past the default of 65536
  struct Target {
    const caldav::Principal* who;
    std::string path;
  };
  const std::vector<Target> targets = {{&bupati, kCal},
                                       {&bupati, kCal + "rapat.ics"},
                                       {&bupati, kHome},
                                       {&viewer, "/dav/calendars/viewer/bupati~agenda/"}};
  for (const auto& target : targets) {
    const auto answer = set(*target.who, target.path, "<X:kecil>k</X:kecil><X:besar>" + big + "</X:besar>");
    BOOST_TEST(answer.status == 207, target.path);
    BOOST_TEST(statusOf(answer.body, "X:besar") == 507, target.path << ": " << answer.body);
    BOOST_TEST(statusOf(answer.body, "X:kecil") == 424, target.path << ": " << answer.body);
    BOOST_TEST(contains(answer.body, "65536"), answer.body);
  }
  // A writable live property is bounded the same way.
  const auto described = set(bupati, kCal, "<C:calendar-description>" + big + "</C:calendar-description>");
  BOOST_TEST(statusOf(described.body, "C:calendar-description") == 507, described.body);
  BOOST_TEST(store->findCalendar("bupati", "agenda")->description.empty());

  const auto calendarId = store->findCalendar("bupati", "agenda")->id;
  BOOST_TEST(store->deadProperties(calendarId, "").empty());
  BOOST_TEST(store->deadProperties(calendarId, "rapat.ics").empty());
  BOOST_TEST(store->userProperties(bupati.id, "").empty());
  BOOST_TEST(store->userProperties(viewer.id, "calendar:" + std::to_string(calendarId)).empty());
  // Under the bound it is kept.
  BOOST_TEST(statusOf(set(bupati, kCal, "<X:besar>" + std::string(60000, 'b') + "</X:besar>").body, "X:besar") == 200);
}

BOOST_AUTO_TEST_CASE(mkcalendar_refuses_a_property_past_max_property_bytes_and_creates_nothing) {
  const auto answer = call(bupati, "MKCALENDAR", kHome + "besar/",
                           "<C:mkcalendar " + kNamespaces + "><D:set><D:prop><D:displayname>Besar</D:displayname>" +
                               "<X:besar>" + std::string(70000, 'b') + "</X:besar></D:prop></D:set></C:mkcalendar>");
  BOOST_TEST(answer.status == 507, answer.body);
  BOOST_TEST(contains(answer.body, "mkcalendar-response"), answer.body);
  BOOST_TEST(statusOf(answer.body, "X:besar") == 507, answer.body);
  BOOST_TEST(statusOf(answer.body, "D:displayname") == 424, answer.body);
  BOOST_TEST(contains(answer.body, "65536"), answer.body);
  BOOST_TEST(!store->findCalendar("bupati", "besar"));
}

BOOST_AUTO_TEST_SUITE_END()
