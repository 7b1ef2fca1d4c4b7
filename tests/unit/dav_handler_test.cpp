// The DAV handler driven directly (no HTTP), on a real SQLite store: access
// rules, the write path, sync tokens, and that the index fast path of
// calendar-query answers exactly what parsing every object answers.
#define BOOST_TEST_MODULE dav_handler
#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "dav_fixture.h"
#include "sql/store.h"

using namespace jadwal;
using caldav::DavRequest;
using caldav::DavResponse;

namespace {

struct Fixture : testing::DavWorld {
  caldav::Principal bupati, staf, ajudan, viewer, other;

  Fixture() {
    bupati = add("bupati", sql::Role::Leader);
    staf = add("staf", sql::Role::ProtocolStaff);
    ajudan = add("ajudan", sql::Role::Aide);
    viewer = add("viewer", sql::Role::Viewer);
    other = add("wabup", sql::Role::Leader);
    sql::Calendar agenda;
    agenda.ownerId = bupati.id;
    agenda.slug = "agenda";
    agenda.displayName = "Agenda Bupati";
    auto created = store->createCalendar(agenda).value();
    agenda.ownerId = other.id;
    store->createCalendar(agenda).value();
    store->assignAide(ajudan.id, bupati.id);
    store->setShare({created.id, viewer.id, false});
  }
};

std::string event(const std::string& uid, const std::string& start, const std::string& end,
                  const std::string& extra = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:" + start + "\r\nDTEND:" + end + "\r\nSUMMARY:Rapat " + uid + "\r\n" +
         extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

std::set<std::string> hrefsIn(const std::string& body) {
  std::set<std::string> out;
  std::regex href("<D:href>([^<]*\\.ics)</D:href>");
  for (std::sregex_iterator it(body.begin(), body.end(), href), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

const std::string kCal = "/dav/calendars/bupati/agenda/";

std::string weekQuery(const std::string& extraFilter = "") {
  return "<?xml version=\"1.0\"?><C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
         "<D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">"
         "<C:time-range start=\"20250106T000000Z\" end=\"20250113T000000Z\"/>" +
         extraFilter + "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dav_handler, Fixture)

BOOST_AUTO_TEST_CASE(put_get_and_preconditions) {
  auto put = call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T020000Z"),
                  {{"Content-Type", "text/calendar"}, {"If-None-Match", "*"}});
  BOOST_TEST(put.status == 201);
  std::string etag = testing::headerOf(put, "ETag");
  BOOST_TEST(!etag.empty());

  auto get = call(bupati, "GET", kCal + "a.ics");
  BOOST_TEST(get.status == 200);
  BOOST_TEST(testing::headerOf(get, "ETag") == etag);
  BOOST_TEST(get.body.find("UID:a") != std::string::npos);

  BOOST_TEST(
      call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T030000Z"), {{"If-None-Match", "*"}})
          .status == 412);
  BOOST_TEST(call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T030000Z"),
                  {{"If-Match", "\"stale\""}})
                 .status == 412);
  auto update =
      call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T030000Z"), {{"If-Match", etag}});
  BOOST_TEST(update.status == 204);
  BOOST_TEST(testing::headerOf(update, "ETag") != etag);

  auto conflict = call(bupati, "PUT", kCal + "b.ics", event("a", "20250107T010000Z", "20250107T020000Z"));
  BOOST_TEST(conflict.status == 403);
  BOOST_TEST(conflict.body.find("no-uid-conflict") != std::string::npos);
  BOOST_TEST(conflict.body.find(kCal + "a.ics") != std::string::npos);

  auto invalid = call(bupati, "PUT", kCal + "c.ics", "BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n");
  BOOST_TEST(invalid.status == 400);
  BOOST_TEST(invalid.body.find("valid-calendar-data") != std::string::npos);

  BOOST_TEST(call(bupati, "PUT", kCal + "d.ics", "hello", {{"Content-Type", "text/plain"}}).status == 415);
  BOOST_TEST(call(bupati, "DELETE", kCal + "a.ics", "", {{"If-Match", etag}}).status == 412);
  BOOST_TEST(call(bupati, "DELETE", kCal + "a.ics").status == 204);
  BOOST_TEST(call(bupati, "GET", kCal + "a.ics").status == 404);
}

BOOST_AUTO_TEST_CASE(access_by_role_and_share) {
  BOOST_TEST(call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T020000Z")).status == 201);
  // Staff write every leader's agenda, reached through their own home too.
  BOOST_TEST(
      call(staf, "PUT", "/dav/calendars/staf/bupati~agenda/s.ics", event("s", "20250108T010000Z", "20250108T020000Z"))
          .status == 201);
  // The aide and the viewer read, and may not write.
  BOOST_TEST(call(ajudan, "GET", kCal + "a.ics").status == 200);
  BOOST_TEST(call(viewer, "GET", "/dav/calendars/viewer/bupati~agenda/a.ics").status == 200);
  BOOST_TEST(call(ajudan, "PUT", kCal + "x.ics", event("x", "20250107T010000Z", "20250107T020000Z")).status == 403);
  BOOST_TEST(call(viewer, "DELETE", kCal + "a.ics").status == 403);
  // Another leader sees nothing of this agenda, and nobody opens another's alias.
  BOOST_TEST(call(other, "GET", kCal + "a.ics").status == 403);
  BOOST_TEST(call(other, "GET", "/dav/calendars/viewer/bupati~agenda/a.ics").status == 404);
  // Only the owner deletes a calendar.
  BOOST_TEST(call(staf, "DELETE", kCal).status == 403);

  auto home = call(viewer, "PROPFIND", "/dav/calendars/viewer/",
                   "<propfind xmlns=\"DAV:\"><prop><displayname/><current-user-privilege-set/></prop></propfind>",
                   {{"Depth", "1"}});
  BOOST_TEST(home.status == 207);
  BOOST_TEST(home.body.find("/dav/calendars/viewer/bupati~agenda/") != std::string::npos);
  BOOST_TEST(home.body.find("wabup") == std::string::npos);
  // The viewer may write their own home (to make calendars), not the shared agenda.
  auto shared = home.body.substr(home.body.find("/dav/calendars/viewer/bupati~agenda/"));
  BOOST_TEST(shared.find("<D:read/>") != std::string::npos);
  BOOST_TEST(shared.find("<D:write/>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(discovery_and_depth) {
  auto root = call(bupati, "PROPFIND", "/",
                   "<propfind xmlns=\"DAV:\"><prop><current-user-principal/></prop></propfind>", {{"Depth", "0"}});
  BOOST_TEST(root.status == 207);
  BOOST_TEST(root.body.find("<D:href>/dav/principals/bupati/</D:href>") != std::string::npos);
  auto principal = call(bupati, "PROPFIND", "/dav/principals/bupati/",
                        "<propfind xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><prop>"
                        "<C:calendar-home-set/><x:unknown xmlns:x=\"urn:x\"/></prop></propfind>",
                        {{"Depth", "0"}});
  BOOST_TEST(principal.body.find("<D:href>/dav/calendars/bupati/</D:href>") != std::string::npos);
  BOOST_TEST(principal.body.find("404 Not Found") != std::string::npos);
  auto infinite = call(bupati, "PROPFIND", kCal, "", {{"Depth", "infinity"}});
  BOOST_TEST(infinite.status == 403);
  BOOST_TEST(infinite.body.find("propfind-finite-depth") != std::string::npos);
  BOOST_TEST(call(bupati, "PROPFIND", kCal, "<!DOCTYPE x [<!ENTITY a \"b\">]><propfind xmlns=\"DAV:\"/>").status ==
             400);
}

BOOST_AUTO_TEST_CASE(sync_collection_reports_changes_and_deletions) {
  auto syncBody = [](const std::string& token) {
    return "<sync-collection xmlns=\"DAV:\"><sync-token>" + token +
           "</sync-token><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>";
  };
  std::regex tokenPattern("<D:sync-token>([^<]*)</D:sync-token>");
  auto tokenOf = [&](const std::string& body) {
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(body, m, tokenPattern));
    return m[1].str();
  };
  call(bupati, "PUT", kCal + "a.ics", event("a", "20250107T010000Z", "20250107T020000Z"));
  call(bupati, "PUT", kCal + "b.ics", event("b", "20250107T010000Z", "20250107T020000Z"));
  auto initial = call(bupati, "REPORT", kCal, syncBody(""));
  BOOST_TEST(initial.status == 207);
  BOOST_TEST((hrefsIn(initial.body) == std::set<std::string>{kCal + "a.ics", kCal + "b.ics"}));
  std::string token = tokenOf(initial.body);

  call(bupati, "DELETE", kCal + "a.ics");
  call(staf, "PUT", kCal + "c.ics", event("c", "20250107T010000Z", "20250107T020000Z"));
  auto delta = call(bupati, "REPORT", kCal, syncBody(token));
  BOOST_TEST((hrefsIn(delta.body) == std::set<std::string>{kCal + "a.ics", kCal + "c.ics"}));
  BOOST_TEST(delta.body.find("404 Not Found") != std::string::npos);
  BOOST_TEST(tokenOf(delta.body) != token);

  auto bad = call(bupati, "REPORT", kCal, syncBody("urn:jadwal:sync:999:1"));
  BOOST_TEST(bad.status == 403);
  BOOST_TEST(bad.body.find("valid-sync-token") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(index_fast_path_agrees_with_full_parse) {
  // Events around the week of 2025-01-06, some recurring, some in WIB.
  call(bupati, "PUT", kCal + "in.ics", event("in", "20250107T010000Z", "20250107T020000Z"));
  call(bupati, "PUT", kCal + "before.ics", event("before", "20250101T010000Z", "20250101T020000Z"));
  call(bupati, "PUT", kCal + "edge.ics", event("edge", "20250105T230000Z", "20250106T000000Z"));
  call(bupati, "PUT", kCal + "across.ics", event("across", "20250105T230000Z", "20250106T010000Z"));
  call(bupati, "PUT", kCal + "weekly.ics",
       event("weekly", "20241202T010000Z", "20241202T020000Z", "RRULE:FREQ=WEEKLY\r\n"));
  call(bupati, "PUT", kCal + "ended.ics",
       event("ended", "20241202T010000Z", "20241202T020000Z", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"));
  call(bupati, "PUT", kCal + "wib.ics",
       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:wib\r\nDTSTAMP:20250101T000000Z\r\n"
       "DTSTART;TZID=Asia/Jakarta:20250113T060000\r\nDTEND;TZID=Asia/Jakarta:20250113T070000\r\nSUMMARY:Apel\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n");

  auto fast = call(bupati, "REPORT", kCal, weekQuery(), {{"Depth", "1"}});
  BOOST_TEST(fast.status == 207);
  // A SUMMARY prop-filter that every event passes forces the parsing path.
  auto parsed = call(bupati, "REPORT", kCal,
                     weekQuery("<C:prop-filter name=\"SUMMARY\"><C:text-match>a</C:text-match></C:prop-filter>"),
                     {{"Depth", "1"}});
  std::set<std::string> expected{kCal + "in.ics", kCal + "across.ics", kCal + "weekly.ics", kCal + "wib.ics"};
  BOOST_TEST((hrefsIn(fast.body) == expected));
  BOOST_TEST((hrefsIn(parsed.body) == expected));
}

BOOST_AUTO_TEST_CASE(conditional_get_and_exact_hrefs) {
  auto put = call(bupati, "PUT", kCal + "a+b;c.ics", event("a", "20250107T010000Z", "20250107T020000Z"));
  BOOST_TEST(put.status == 201);
  std::string etag = testing::headerOf(put, "ETag");
  BOOST_TEST(call(bupati, "GET", kCal + "a+b;c.ics", "", {{"If-None-Match", etag}}).status == 304);
  BOOST_TEST(call(bupati, "GET", kCal + "a+b;c.ics", "", {{"If-None-Match", "\"other\""}}).status == 200);
  // The whole calendar, as a subscription client polls it.
  auto whole = call(bupati, "GET", kCal);
  BOOST_TEST(whole.status == 200);
  BOOST_TEST(call(bupati, "GET", kCal, "", {{"If-None-Match", testing::headerOf(whole, "ETag")}}).status == 304);
  // Reserved characters come back escaped, as a client that escaped them expects.
  auto listing =
      call(bupati, "PROPFIND", kCal, "<propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>", {{"Depth", "1"}});
  BOOST_TEST(listing.body.find(kCal + "a%2Bb%3Bc.ics") != std::string::npos);
  // An empty <prop/> still answers with a propstat.
  auto empty = call(bupati, "PROPFIND", kCal, "<propfind xmlns=\"DAV:\"><prop/></propfind>", {{"Depth", "0"}});
  BOOST_TEST(empty.body.find("<D:propstat>") != std::string::npos);
  // Calendar user addresses are absolute URIs.
  auto principal = call(bupati, "PROPFIND", "/dav/principals/bupati/",
                        "<propfind xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><prop>"
                        "<C:calendar-user-address-set/></prop></propfind>",
                        {{"Depth", "0"}});
  BOOST_TEST(principal.body.find("<D:href>http://localhost:8080/dav/principals/bupati/</D:href>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_user_keeps_their_own_view_settings) {
  const std::string alias = "/dav/calendars/viewer/bupati~agenda/";
  auto patch = [](const std::string& props) {
    return "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:A=\"http://apple.com/ns/ical/\" "
           "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop>" +
           props + "</D:prop></D:set></D:propertyupdate>";
  };
  auto colourOf = [&](const caldav::Principal& who, const std::string& path) {
    return call(who, "PROPFIND", path,
                "<propfind xmlns=\"DAV:\" xmlns:A=\"http://apple.com/ns/ical/\"><prop><A:calendar-color/>"
                "<A:calendar-order/></prop></propfind>",
                {{"Depth", "0"}})
        .body;
  };
  // A reader orders and colours a shared calendar in their own clients...
  auto ordered = call(viewer, "PROPPATCH", alias,
                      patch("<A:calendar-order>2</A:calendar-order><A:calendar-color>#FF0000</A:calendar-color>"));
  BOOST_TEST(ordered.status == 207);
  BOOST_TEST(ordered.body.find("200 OK") != std::string::npos);
  BOOST_TEST(ordered.body.find("403") == std::string::npos);
  BOOST_TEST(colourOf(viewer, alias).find("#FF0000") != std::string::npos);
  // ...without changing it for anyone else,
  BOOST_TEST(colourOf(bupati, kCal).find("#FF0000") == std::string::npos);
  // and may still not rename it.
  auto renamed = call(viewer, "PROPPATCH", alias, patch("<D:displayname>Milik saya</D:displayname>"));
  BOOST_TEST(renamed.body.find("403 Forbidden") != std::string::npos);

  // The calendar home keeps a client's settings (macOS writes default alarms there).
  auto home = call(bupati, "PROPPATCH", "/dav/calendars/bupati/",
                   patch("<C:default-alarm-vevent-date>BEGIN:VALARM</C:default-alarm-vevent-date>"));
  BOOST_TEST(home.status == 207);
  BOOST_TEST(home.body.find("200 OK") != std::string::npos);
  auto read = call(bupati, "PROPFIND", "/dav/calendars/bupati/",
                   "<propfind xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><prop>"
                   "<C:default-alarm-vevent-date/></prop></propfind>",
                   {{"Depth", "0"}});
  BOOST_TEST(read.body.find("BEGIN:VALARM") != std::string::npos);
  BOOST_TEST(call(viewer, "PROPPATCH", "/dav/calendars/bupati/", patch("<A:x/>")).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
