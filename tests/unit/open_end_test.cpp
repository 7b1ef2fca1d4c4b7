// An open-ended ("s.d. selesai") request (issue 10, finding 3): its event
// lasts the assumed duration on the leader's calendar, so that phones show a
// span and later requests meet it, while every text still says "s.d.
// selesai" and a staff member moving it in a calendar app keeps it open.
#define BOOST_TEST_MODULE open_end
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "workflow/agenda.h"
#include "workflow/agenda_text.h"
#include "workflow/event_mapping.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

struct OpenEndFixture : Fixture {
  sql::RequestRow approvedOpenEnded() {
    RequestForm open = form();
    open.endTime.clear();
    open.untilDone = true;
    auto outcome = service->submit(open, letter());
    BOOST_TEST_REQUIRE(outcome.ok());
    BOOST_TEST_REQUIRE(decide(outcome.request, act(Action::Verify), staf).ok());
    auto approvedOutcome = decide(outcome.request, act(Action::Approve), staf);
    BOOST_TEST_REQUIRE(approvedOutcome.ok());
    BOOST_TEST_REQUIRE(!approvedOutcome.request.end.has_value());
    return approvedOutcome.request;
  }

  // The leader's agenda of 14 March 2025 as the agenda pages read it.
  Agenda agendaOfTheDay() {
    caldav::ExpansionBudget budget;
    AgendaQuery query;
    query.from = dayStart({2025, 3, 14}, "Asia/Jakarta");
    query.to = query.from + 24 * kHour;
    query.leader = "bupati";
    return readAgenda(*store, caldav::TimeContext{}, budget, AgendaConfig{}, bupati.user, query);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(open_end, OpenEndFixture)

BOOST_AUTO_TEST_CASE(the_event_lasts_the_assumed_duration_and_says_so) {
  const auto row = approvedOpenEnded();
  const auto edit = readEventEdit(objectText(bupatiAgenda.id, row.eventObjectName), config);
  BOOST_REQUIRE(edit.has_value());
  const std::string ical = unfolded(objectText(bupatiAgenda.id, row.eventObjectName));
  BOOST_TEST(ical.find("DTEND;TZID=Asia/Jakarta:20250314T110000") != std::string::npos, ical);
  BOOST_TEST(ical.find("s.d. selesai") != std::string::npos);
  // Read back, the end stays open: the assumed one is nobody's choice.
  BOOST_TEST(!edit->end.has_value());
}

BOOST_AUTO_TEST_CASE(the_agenda_text_still_says_until_done) {
  approvedOpenEnded();
  const Agenda agenda = agendaOfTheDay();
  BOOST_REQUIRE(agenda.leaders.size() == 1u);
  BOOST_REQUIRE(agenda.leaders[0].entries.size() == 1u);
  const AgendaEntry& entry = agenda.leaders[0].entries[0];
  BOOST_TEST(entry.openEnd);
  BOOST_TEST(entryTimeText(entry, {2025, 3, 14}, "Asia/Jakarta") == "09.00 WIB s.d. selesai");
  const std::string text = whatsappText(agenda, AgendaConfig{}, "Prokompim", "Asia/Jakarta");
  BOOST_TEST(text.find("09.00 WIB s.d. selesai") != std::string::npos, text);
  BOOST_TEST(text.find("09.00–11.00") == std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_staff_move_in_a_calendar_app_keeps_the_end_open) {
  const auto row = approvedOpenEnded();
  // Dragged one hour later in Thunderbird: DTSTART and DTEND move together.
  std::string text = unfolded(objectText(bupatiAgenda.id, row.eventObjectName));
  text = std::regex_replace(text, std::regex("DTSTART;TZID=Asia/Jakarta:20250314T090000"),
                            "DTSTART;TZID=Asia/Jakarta:20250314T100000");
  text = std::regex_replace(text, std::regex("DTEND;TZID=Asia/Jakarta:20250314T110000"),
                            "DTEND;TZID=Asia/Jakarta:20250314T120000");
  const auto result = calendars->put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Updated));
  const auto moved = reload(row);
  BOOST_TEST(moved.start == k14March0900Wib + kHour);
  BOOST_TEST(!moved.end.has_value());
  // The client's text stays as written, still saying so.
  const std::string rewritten = unfolded(objectText(bupatiAgenda.id, moved.eventObjectName));
  BOOST_TEST(rewritten.find("s.d. selesai") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_configured_duration_is_used) {
  config.openEndAssumedMinutes = 45;
  service = std::make_unique<RequestService>(*store, *calendars, *mailer, clock, config);
  const auto row = approvedOpenEnded();
  const std::string ical = unfolded(objectText(bupatiAgenda.id, row.eventObjectName));
  BOOST_TEST(ical.find("DTEND;TZID=Asia/Jakarta:20250314T094500") != std::string::npos, ical);
}

BOOST_AUTO_TEST_SUITE_END()
