// The holds of pending requests on the agenda: with the tentative events
// only, under the leaders the request asks for, marked "(belum pasti)",
// never to the public nor to a reader who may not read the hold calendar.
// Real requests on a real SQLite store write the holds.
#define BOOST_TEST_MODULE agenda_holds
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "request_fixture.h"
#include "workflow/agenda.h"
#include "workflow/agenda_text.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

const std::string kJakarta = "Asia/Jakarta";
const LocalDate kFourteenthOfMarch{2025, 3, 14};

struct HoldsFixture : Fixture {
  AgendaConfig agendaConfig;
  caldav::ExpansionBudget budget;

  HoldsFixture() { agendaConfig.holdCalendar = config.holdCalendar; }

  static AgendaQuery day(bool tentative) {
    AgendaQuery query;
    query.from = dayStart(kFourteenthOfMarch, kJakarta);
    query.to = dayStart(nextDay(kFourteenthOfMarch), kJakarta);
    query.includeTentative = tentative;
    return query;
  }

  Agenda read(const std::optional<caldav::Principal>& reader, const AgendaQuery& query) {
    return readAgenda(*store, caldav::TimeContext{}, budget, agendaConfig, reader, query);
  }

  std::string etag(const std::optional<caldav::Principal>& reader, const AgendaQuery& query) {
    return planAgenda(*store, agendaConfig, reader, query).etag;
  }

  sql::RequestRow submittedFor(const std::vector<std::string>& leaders) {
    RequestForm asked = form();
    asked.leaders = leaders;
    auto outcome = service->submit(asked, letter());
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }
};

// The entries listed under a leader; none when the leader is not listed.
std::vector<AgendaEntry> entriesOf(const Agenda& agenda, const std::string& leader) {
  for (const LeaderAgenda& listed : agenda.leaders)
    if (listed.userName == leader) return listed.entries;
  return {};
}

bool listsLeader(const Agenda& agenda, const std::string& leader) {
  for (const LeaderAgenda& listed : agenda.leaders)
    if (listed.userName == leader) return true;
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(agenda_holds, HoldsFixture)

BOOST_AUTO_TEST_CASE(a_pending_requests_hold_shows_under_the_leader_asked_when_tentative_asked) {
  const auto request = reload(submitted());
  BOOST_TEST_REQUIRE(request.holdCalendarId == holdCalendar.id);

  const Agenda agenda = read(staf.user, day(true));
  const auto entries = entriesOf(agenda, "bupati");
  BOOST_TEST_REQUIRE(entries.size() == 1u);
  const AgendaEntry& hold = entries.front();
  BOOST_TEST(hold.leader == "bupati");
  BOOST_TEST(hold.activity == "Pembukaan Lomba Sekolah Sehat");  // without "[Permohonan] "
  BOOST_TEST(hold.tentative);
  BOOST_TEST(!hold.published);
  BOOST_TEST(hold.calendarPath == "staf/tentatif");
  BOOST_TEST(hold.objectName == request.holdObjectName);
  BOOST_TEST(hold.start == k14March0900Wib);
  BOOST_TEST(hold.end == k14March0900Wib + 2 * kHour);
  BOOST_TEST(hold.place == "Aula Dinas Pendidikan, Jl. Lintas Timur No. 1, Indralaya");
  BOOST_TEST(hold.dressCode == "PDH");  // the agenda lines of its description
  BOOST_TEST(hold.role == "Membuka acara");
  BOOST_TEST(hold.contact == "Sari 0813-1111-2222");
  for (const char* leader : {"wabup", "sekda", "asisten"})
    BOOST_TEST(entriesOf(agenda, leader).empty(), leader << " was not asked");

  const std::string text = whatsappText(agenda, agendaConfig, "Pemerintah Kabupaten Contoh", kJakarta);
  BOOST_TEST(text.find("(belum pasti)") != std::string::npos, text);
  BOOST_TEST(text.find("Pembukaan Lomba Sekolah Sehat") != std::string::npos, text);
  BOOST_TEST(text.find("[Permohonan]") == std::string::npos, text);

  // The admin reads every calendar, the hold calendar too.
  BOOST_TEST(entriesOf(read(admin.user, day(true)), "bupati").size() == 1u);
}

BOOST_AUTO_TEST_CASE(without_tentative_events_no_hold_shows) {
  submitted();
  for (const auto& leader : read(staf.user, day(false)).leaders) BOOST_TEST(leader.entries.empty(), leader.userName);
}

BOOST_AUTO_TEST_CASE(a_hold_shows_under_each_leader_asked) {
  submittedFor({"bupati", "wabup"});
  const Agenda agenda = read(staf.user, day(true));
  BOOST_TEST(entriesOf(agenda, "bupati").size() == 1u);
  const auto wabup = entriesOf(agenda, "wabup");
  BOOST_TEST_REQUIRE(wabup.size() == 1u);
  BOOST_TEST(wabup.front().leader == "wabup");
  BOOST_TEST(wabup.front().tentative);
  BOOST_TEST(entriesOf(agenda, "asisten").empty());

  // One leader asked for: the others' holds stay out.
  AgendaQuery onlyWabup = day(true);
  onlyWabup.leader = "wabup";
  const Agenda one = read(staf.user, onlyWabup);
  BOOST_TEST_REQUIRE(one.leaders.size() == 1u);
  BOOST_TEST(one.leaders.front().entries.size() == 1u);
}

BOOST_AUTO_TEST_CASE(holds_are_never_public) {
  submitted();
  BOOST_TEST(listsLeader(read(std::nullopt, day(true)), "bupati"));
  BOOST_TEST(entriesOf(read(std::nullopt, day(true)), "bupati").empty());

  AgendaQuery publicOnly = day(true);
  publicOnly.publicOnly = true;
  BOOST_TEST(entriesOf(read(staf.user, publicOnly), "bupati").empty());
}

BOOST_AUTO_TEST_CASE(only_readers_of_the_hold_calendar_see_holds) {
  submitted();
  // The aide sees the leader, not the staff calendar; the leader neither.
  const Agenda byAide = read(ajudan.user, day(true));
  BOOST_TEST_REQUIRE(listsLeader(byAide, "bupati"));
  BOOST_TEST(entriesOf(byAide, "bupati").empty());
  const Agenda byLeader = read(bupati.user, day(true));
  BOOST_TEST_REQUIRE(listsLeader(byLeader, "bupati"));
  BOOST_TEST(entriesOf(byLeader, "bupati").empty());

  // Shared with the aide, the hold calendar's holds show to them.
  store->setShare({holdCalendar.id, ajudan.user.id, false});
  BOOST_TEST(entriesOf(read(ajudan.user, day(true)), "bupati").size() == 1u);
  // A leader the reader does not see gets no hold through it.
  BOOST_TEST(!listsLeader(read(ajudan.user, day(true)), "wabup"));
}

BOOST_AUTO_TEST_CASE(other_events_on_the_hold_calendar_are_no_holds) {
  const std::string staffNote =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:catatan\r\n"
      "DTSTAMP:20250301T000000Z\r\nDTSTART:20250314T030000Z\r\nDTEND:20250314T040000Z\r\n"
      "SUMMARY:Catatan staf\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto written = calendars->put(holdCalendar, "catatan.ics", staffNote, sql::Precondition{});
  BOOST_TEST_REQUIRE((written.status == sql::WriteStatus::Created));
  for (const auto& leader : read(staf.user, day(true)).leaders) BOOST_TEST(leader.entries.empty(), leader.userName);
}

BOOST_AUTO_TEST_CASE(an_approved_request_shows_once_and_certain) {
  approved();
  const auto entries = entriesOf(read(staf.user, day(true)), "bupati");
  BOOST_TEST_REQUIRE(entries.size() == 1u);
  BOOST_TEST(!entries.front().tentative);
  BOOST_TEST(entries.front().calendarPath == "bupati/agenda");
}

BOOST_AUTO_TEST_CASE(a_new_hold_changes_the_etag_of_tentative_answers_only) {
  const std::string tentativeBefore = etag(staf.user, day(true));
  const std::string certainBefore = etag(staf.user, day(false));
  const std::string publicBefore = etag(std::nullopt, day(true));
  const std::string aideBefore = etag(ajudan.user, day(true));
  submitted();
  BOOST_TEST(etag(staf.user, day(true)) != tentativeBefore);
  // Answers that show no holds keep their ETag.
  BOOST_TEST(etag(staf.user, day(false)) == certainBefore);
  BOOST_TEST(etag(std::nullopt, day(true)) == publicBefore);
  BOOST_TEST(etag(ajudan.user, day(true)) == aideBefore);
}

BOOST_AUTO_TEST_SUITE_END()
