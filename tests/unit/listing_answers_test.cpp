// Answers written from listing rows (PROPFIND Depth 1 and sync-collection
// asking for ETags): a large one is streamed complete and well-formed, and
// every answer follows the writes before it, never a stale ETag or a
// deleted object.
#define BOOST_TEST_MODULE listing_answers
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

#include "caldav/dav.h"
#include "caldav/resource.h"
#include "caldav/xml.h"
#include "dav_fixture.h"

using namespace jadwal;

namespace {

constexpr int kObjects = 120;
const std::string kCalendar = "/dav/calendars/bupati/agenda/";
const std::string kEtags =
    R"(<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:getcontenttype/></D:prop></D:propfind>)";

std::string eventOf(const std::string& uid, const std::string& summary) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T080000Z\r\nDTEND:20250301T090000Z\r\nSUMMARY:" + summary +
         "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

struct Fixture : testing::DavWorld {
  caldav::Principal bupati;
  std::map<std::string, std::string> etags;  // href -> ETag the last PUT gave

  Fixture() {
    bupati = add("bupati", sql::Role::Leader);
    sql::Calendar agenda;
    agenda.ownerId = bupati.id;
    agenda.slug = "agenda";
    store->createCalendar(agenda).value();
    // Answers longer than a few objects are streamed.
    caldav::DavConfig config;
    config.answers.streamAfterBytes = 2048;
    dav = std::make_unique<caldav::DavHandler>(*store, *service, config);
    for (int i = 0; i < kObjects; ++i) put(i == 7 ? "rapat & kerja.ics" : "ev-" + std::to_string(i) + ".ics", "v1");
  }

  void put(const std::string& name, const std::string& summary) {
    const std::string uid = "uid-" + name;
    auto response = call(bupati, "PUT", kCalendar + name, eventOf(uid, summary));
    BOOST_REQUIRE(response.status == 201 || response.status == 204);
    etags[kCalendar + caldav::encodeSegment(name)] = testing::headerOf(response, "ETag");
  }

  // The whole body, streamed parts included.
  std::string bodyOf(caldav::DavResponse& response) {
    std::string body = response.body;
    if (response.stream)
      while (response.stream->next(body)) {
      }
    return body;
  }

  // href -> ETag (or "404" for a response without one) of a multistatus.
  std::map<std::string, std::string> answered(const std::string& body, std::size_t& responses) {
    caldav::XmlLimits limits;
    limits.maxBytes = 64 << 20;
    const caldav::XmlElement root = caldav::parseXml(body, limits);
    BOOST_REQUIRE(root.is(caldav::ns::kDav, "multistatus"));
    std::map<std::string, std::string> out;
    const auto list = root.childrenNamed(caldav::ns::kDav, "response");
    responses = list.size();
    for (const auto* response : list) {
      const std::string href = response->child(caldav::ns::kDav, "href")->text;
      const auto* propstat = response->child(caldav::ns::kDav, "propstat");
      const auto* etag =
          propstat ? propstat->child(caldav::ns::kDav, "prop")->child(caldav::ns::kDav, "getetag") : nullptr;
      BOOST_TEST(!out.count(href));  // each href once
      out[href] = etag ? etag->text : "404";
    }
    return out;
  }

  std::string syncBody(const std::string& token) {
    return R"(<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>)" + token +
           R"(</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>)";
  }
};

std::string tokenOf(const std::string& body) {
  const auto root = caldav::parseXml(body, caldav::XmlLimits{64 << 20, 64, 1000000});
  return root.child(caldav::ns::kDav, "sync-token")->text;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_streamed_propfind_is_complete_and_well_formed, Fixture) {
  auto response = call(bupati, "PROPFIND", kCalendar, kEtags, {{"Depth", "1"}});
  BOOST_TEST(response.status == 207);
  BOOST_TEST(response.stream != nullptr);  // past streamAfterBytes
  const std::string body = bodyOf(response);
  BOOST_TEST(body.substr(body.size() - 17) == "</D:multistatus>\n");
  std::size_t responses = 0;
  auto got = answered(body, responses);
  BOOST_TEST(responses == static_cast<std::size_t>(kObjects + 1));  // the calendar and its objects
  for (const auto& [href, etag] : etags) BOOST_TEST(got[href] == etag, href);
  BOOST_TEST(body.find("<D:getcontenttype>text/calendar; charset=utf-8; component=vevent</D:getcontenttype>") !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_streamed_initial_sync_is_complete_and_well_formed, Fixture) {
  auto response = call(bupati, "REPORT", kCalendar, syncBody(""), {{"Depth", "0"}});
  BOOST_TEST(response.status == 207);
  BOOST_TEST(response.stream != nullptr);
  const std::string body = bodyOf(response);
  std::size_t responses = 0;
  auto got = answered(body, responses);
  BOOST_TEST(responses == static_cast<std::size_t>(kObjects));
  for (const auto& [href, etag] : etags) BOOST_TEST(got[href] == etag, href);
  BOOST_TEST(!tokenOf(body).empty());
}

BOOST_FIXTURE_TEST_CASE(answers_follow_every_write, Fixture) {
  auto initial = call(bupati, "REPORT", kCalendar, syncBody(""), {{"Depth", "0"}});
  const std::string token = tokenOf(bodyOf(initial));

  put("ev-3.ics", "v2");                                                     // changed
  BOOST_TEST(call(bupati, "DELETE", kCalendar + "ev-4.ics").status == 204);  // deleted
  put("baru.ics", "v1");                                                     // new

  std::size_t responses = 0;
  auto delta = call(bupati, "REPORT", kCalendar, syncBody(token), {{"Depth", "0"}});
  auto got = answered(bodyOf(delta), responses);
  BOOST_TEST(got[kCalendar + "ev-3.ics"] == etags[kCalendar + "ev-3.ics"]);
  BOOST_TEST(got[kCalendar + "ev-4.ics"] == "404");
  BOOST_TEST(got[kCalendar + "baru.ics"] == etags[kCalendar + "baru.ics"]);
  BOOST_TEST(got.count(kCalendar + "ev-6.ics") == 0u);  // unchanged: not in a delta

  auto listing = call(bupati, "PROPFIND", kCalendar, kEtags, {{"Depth", "1"}});
  auto now = answered(bodyOf(listing), responses);
  BOOST_TEST(now[kCalendar + "ev-3.ics"] == etags[kCalendar + "ev-3.ics"]);
  BOOST_TEST(now.count(kCalendar + "ev-4.ics") == 0u);
  BOOST_TEST(now.count(kCalendar + "baru.ics") == 1u);
}
