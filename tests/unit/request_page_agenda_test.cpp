// The leader's agenda on the staff request page, read for conflicts: its
// recurring events are expanded under the same bounds as a CalDAV report,
// and when a bound cut the expansion short staff are told that the list (and
// so the conflicts) may be incomplete, rather than shown a day that looks free.
#define BOOST_TEST_MODULE request_page_agenda
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

const std::string kIncomplete = "mungkin tidak lengkap";

struct Fixture : WebFixture {
  // An event on the Bupati's agenda from 00.00 WIB of the request's day, repeating by `rule`.
  void putRepeating(const sql::RequestRow& row, const std::string& uid, const std::string& rule) {
    const std::string day = workflow::isoDate(row.start, "Asia/Jakarta");
    const std::string compact = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
    const std::string ical = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
                             "\r\nDTSTAMP:20300101T000000Z\r\nDTSTART;TZID=Asia/Jakarta:" + compact +
                             "T000000\r\nDURATION:PT1S\r\nRRULE:" + rule +
                             "\r\nSUMMARY:Berulang\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto agenda = store->findCalendar("bupati", "agenda").value();
    BOOST_REQUIRE(calendars->put(agenda, uid + ".ics", ical, {}).status == sql::WriteStatus::Created);
  }

  std::string page(const sql::RequestRow& row) {
    const auto answer = getAs(sessionOf("protokol"), "/staf/permohonan/" + std::to_string(row.id));
    BOOST_REQUIRE_EQUAL(answer.status, 200);
    return answer.body;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(request_page_agenda, Fixture)

BOOST_AUTO_TEST_CASE(an_agenda_expanded_in_full_says_nothing_more) {
  const auto row = submit();
  putRepeating(row, "harian", "FREQ=DAILY;COUNT=3");
  BOOST_TEST(!contains(page(row), kIncomplete));
}

BOOST_AUTO_TEST_CASE(an_agenda_cut_short_by_a_bound_says_it_may_be_incomplete) {
  const auto row = submit();
  // Every second of the day: more instances than one expansion gives.
  putRepeating(row, "tiap-detik", "FREQ=SECONDLY");
  BOOST_TEST(contains(page(row), kIncomplete));
}

BOOST_AUTO_TEST_SUITE_END()
