// The work report (workflow/recap.h): its arithmetic (percentiles, the
// edges of a month in WIB), what it counts of the requests submitted in a
// period, the agenda of its leaders, and who sees what.
#define BOOST_TEST_MODULE recap
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "workflow/recap.h"

namespace jadwal::testing {
namespace {

const std::string kJakarta = "Asia/Jakarta";
constexpr sql::Instant k31Oct2359Wib = 1761929940;
constexpr sql::Instant k1Nov0000Wib = 1761930000;
constexpr sql::Instant k1Oct0000Wib = 1759251600;
constexpr sql::Instant k31Dec2359Wib = 1767200340;
constexpr sql::Instant k1Jan0000Wib = 1767200400;
constexpr sql::Instant k20Oct0900Wib = 1760925600;

std::string event(const std::string& uid, const std::string& start, const std::string& extra = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20251101T000000Z\r\nDTSTART;TZID=Asia/Jakarta:" + start +
         "\r\nDURATION:PT1H\r\nSUMMARY:Rapat internal\r\n" + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

struct RecapFixture : Fixture {
  caldav::TimeContext time;
  AgendaConfig agendaConfig;

  RecapFixture() { agendaConfig.leaderOrder = {"bupati", "wabup"}; }

  // A request submitted at `at` (clock time) for an activity on `date`, asking `leaders`.
  sql::RequestRow submitAt(sql::Instant at, const std::string& date, std::vector<std::string> leaders = {"bupati"},
                           const std::string& institution = "Dinas Pendidikan", const std::string& type = "undangan") {
    clock.set(at);
    RequestForm f = form();
    f.date = date;
    f.leaders = std::move(leaders);
    f.institution = institution;
    f.letterType = type;
    auto outcome = service->submit(f, letter());
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }

  void decideAt(sql::Instant at, const sql::RequestRow& request, Decision decision) {
    clock.set(at);
    BOOST_TEST_REQUIRE(decide(request, decision, staf).ok());
  }

  Recap recap(const Actor& reader, RecapPeriod period) {
    caldav::ExpansionBudget budget;
    return readRecap(*store, time, budget, agendaConfig, reader.user, period);
  }

  static const LeaderRecap* leader(const Recap& recap, const std::string& name) {
    for (const auto& l : recap.leaders)
      if (l.userName == name) return &l;
    return nullptr;
  }
};

std::vector<std::string> codesOf(const Recap& recap) {
  std::vector<std::string> codes;
  for (const auto& item : recap.requests) codes.push_back(item.request.code);
  return codes;
}

std::vector<std::int64_t> idsOf(const Recap& recap) {
  std::vector<std::int64_t> ids;
  for (const auto& item : recap.requests) ids.push_back(item.request.id);
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(percentiles_interpolate_between_the_nearest_values) {
  BOOST_TEST(!percentileOf({}, 0.5).has_value());
  BOOST_TEST(*percentileOf({7.0}, 0.5) == 7.0);
  BOOST_TEST(*percentileOf({7.0}, 0.9) == 7.0);
  BOOST_TEST(*percentileOf({1.0, 3.0}, 0.5) == 2.0);
  BOOST_TEST(*percentileOf({5.0, 1.0, 3.0}, 0.5) == 3.0);       // odd: the middle one, whatever the order
  BOOST_TEST(*percentileOf({4.0, 1.0, 3.0, 2.0}, 0.5) == 2.5);  // even: between the middle two
  BOOST_TEST(*percentileOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9) == 9.1, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*percentileOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.0) == 1.0);
  BOOST_TEST(*percentileOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1.0) == 10.0);
}

BOOST_AUTO_TEST_CASE(periods_are_local_months_and_years) {
  BOOST_TEST(periodStart({2025, 10}, kJakarta) == k1Oct0000Wib);
  BOOST_TEST(periodEnd({2025, 10}, kJakarta) == k1Nov0000Wib);
  BOOST_TEST(periodStart({2025, 11}, kJakarta) == k1Nov0000Wib);
  BOOST_TEST(periodEnd({2025, 12}, kJakarta) == k1Jan0000Wib);   // December runs into January
  BOOST_TEST(periodStart({2026, 0}, kJakarta) == k1Jan0000Wib);  // the year
  BOOST_TEST(periodEnd({2025, 0}, kJakarta) == k1Jan0000Wib);
  BOOST_TEST(periodStart({2025, 1}, kJakarta) == periodStart({2025, 0}, kJakarta));
}

BOOST_FIXTURE_TEST_CASE(a_request_counts_in_the_local_month_it_was_submitted, RecapFixture) {
  const auto late = submitAt(k31Oct2359Wib, "2025-11-20");
  const auto early = submitAt(k1Nov0000Wib, "2025-11-20");
  const Recap october = recap(staf, {2025, 10});
  const Recap november = recap(staf, {2025, 11});
  BOOST_TEST(october.from == k1Oct0000Wib);
  BOOST_TEST(october.to == k1Nov0000Wib);
  BOOST_TEST(codesOf(october) == std::vector<std::string>{late.code});
  BOOST_TEST(codesOf(november) == std::vector<std::string>{early.code});
  BOOST_TEST(october.months.size() == 1u);
  BOOST_TEST(october.months[0].counts.received == 1);
}

BOOST_FIXTURE_TEST_CASE(a_year_has_twelve_months_and_december_ends_at_new_year, RecapFixture) {
  submitAt(k20Oct0900Wib, "2025-12-20");
  const auto lastMinute = submitAt(k31Dec2359Wib, "2026-01-20");
  const auto newYear = submitAt(k1Jan0000Wib, "2026-01-20");
  const Recap year = recap(staf, {2025, 0});
  BOOST_TEST(year.months.size() == 12u);
  BOOST_TEST(year.total.received == 2);
  BOOST_TEST(year.months[9].counts.received == 1);   // October
  BOOST_TEST(year.months[11].counts.received == 1);  // December: 23.59 WIB on the 31st
  BOOST_TEST(year.months[10].counts.received == 0);
  BOOST_TEST((year.months[11].period == RecapPeriod{2025, 12}));
  BOOST_TEST(codesOf(year).back() == lastMinute.code);
  BOOST_TEST(codesOf(recap(staf, {2026, 1})) == std::vector<std::string>{newYear.code});
}

BOOST_FIXTURE_TEST_CASE(counts_by_state_institution_type_and_leader, RecapFixture) {
  const sql::Instant day = k1Nov0000Wib + 8 * kHour;
  const auto pending = submitAt(day, "2025-11-20", {"bupati"}, "Dinas  Pendidikan ");
  const auto approved = submitAt(day + 60, "2025-11-21", {"bupati", "wabup"}, "dinas pendidikan", "audiensi");
  const auto represented = submitAt(day + 120, "2025-11-22", {"bupati"}, "Kecamatan Indralaya");
  const auto rejected = submitAt(day + 180, "2025-11-23", {"wabup"}, "Kecamatan Indralaya", "lainnya");
  decideAt(day + kHour, approved, act(Action::Verify));
  Decision toWabup = act(Action::Approve);
  toWabup.leader = "wabup";
  decideAt(day + 3 * kHour, approved, toWabup);
  decideAt(day + kHour, represented, act(Action::Verify));
  Decision byAsisten = act(Action::Represent, "Bupati dinas luar");
  byAsisten.representativeUser = "asisten";
  decideAt(day + 11 * kHour, represented, byAsisten);
  decideAt(day + 25 * kHour, rejected, act(Action::Reject, "Jadwal penuh"));

  const Recap r = recap(staf, {2025, 11});
  BOOST_TEST(r.total.received == 4);
  BOOST_TEST(r.total.pending == 1);
  BOOST_TEST(r.total.approved == 1);
  BOOST_TEST(r.total.represented == 1);
  BOOST_TEST(r.total.rejected == 1);
  BOOST_TEST(r.byInstitution.size() == 2u);  // case and spaces folded
  BOOST_TEST(r.byInstitution.at("Dinas Pendidikan").received == 2);
  BOOST_TEST(r.byInstitution.at("Kecamatan Indralaya").rejected == 1);
  BOOST_TEST(r.byLetterType.at("undangan").received == 2);
  BOOST_TEST(r.byLetterType.at("audiensi").approved == 1);
  BOOST_TEST(r.byLetterType.at("lainnya").received == 1);
  BOOST_TEST(r.decisionTimes.decided == 3);
  BOOST_TEST(*r.decisionTimes.medianHours == 11.0 - 120.0 / 3600, boost::test_tools::tolerance(1e-9));

  BOOST_TEST_REQUIRE(r.leaders.size() >= 2u);
  BOOST_TEST(r.leaders[0].userName == "bupati");  // in the configured order
  BOOST_TEST(r.leaders[1].userName == "wabup");
  const LeaderRecap& bupatiLine = *leader(r, "bupati");
  BOOST_TEST(bupatiLine.displayName == "Bupati");
  BOOST_TEST(bupatiLine.counts.received == 3);  // asked, even when assigned to another
  BOOST_TEST(bupatiLine.counts.pending == 1);
  // The request asked of both and approved for the Wakil Bupati is his
  // outcome: on the Bupati's line it is received only.
  BOOST_TEST(bupatiLine.counts.approved == 0);
  BOOST_TEST(bupatiLine.counts.represented == 1);
  BOOST_TEST(bupatiLine.representedBy.size() == 1u);
  BOOST_TEST(bupatiLine.representedBy.at("Asisten I") == 1);
  BOOST_TEST(bupatiLine.decisionTimes.decided == 1);
  const LeaderRecap& wabupLine = *leader(r, "wabup");
  BOOST_TEST(wabupLine.counts.received == 2);
  BOOST_TEST(wabupLine.counts.approved == 1);
  BOOST_TEST(wabupLine.counts.rejected == 1);
  BOOST_TEST(wabupLine.decisionTimes.decided == 2);
  BOOST_TEST(wabupLine.representedBy.empty());
  for (const auto& item : r.requests) {
    if (item.request.id == represented.id) {
      BOOST_TEST(item.representedBy == "Asisten I");
      BOOST_TEST(item.leaderDisplayName == "Bupati");
    }
    if (item.request.id == approved.id) BOOST_TEST(item.leaderDisplayName == "Wakil Bupati");
    if (item.request.id == pending.id) BOOST_TEST(!item.decidedAt.has_value());
  }
}

BOOST_FIXTURE_TEST_CASE(decision_time_runs_to_the_first_decision_only, RecapFixture) {
  const sql::Instant day = k1Nov0000Wib + 8 * kHour;
  const auto request = submitAt(day, "2025-11-20");
  decideAt(day + kHour, request, act(Action::Verify));  // verifying decides nothing
  decideAt(day + 5 * kHour, request, act(Action::Approve));
  Decision later = act(Action::Represent, "Bupati berhalangan");
  later.representativeUser = "asisten";
  decideAt(day + 30 * kHour, request, later);
  const Recap r = recap(staf, {2025, 11});
  BOOST_TEST_REQUIRE(r.requests.size() == 1u);
  BOOST_TEST(*r.requests[0].decidedAt == day + 5 * kHour);
  BOOST_TEST(*r.decisionTimes.medianHours == 5.0);
  BOOST_TEST(*r.decisionTimes.p90Hours == 5.0);
  BOOST_TEST(r.total.represented == 1);  // by the decision it has now
}

BOOST_FIXTURE_TEST_CASE(held_and_not_held_are_counted_beside_the_decision_they_followed, RecapFixture) {
  const sql::Instant day = k1Nov0000Wib + 8 * kHour;
  const auto attended = submitAt(day, "2025-11-20");
  const auto represented = submitAt(day + 60, "2025-11-21");
  const auto missed = submitAt(day + 120, "2025-11-22");
  for (const auto* request : {&attended, &represented, &missed}) decideAt(day + kHour, *request, act(Action::Verify));
  decideAt(day + 2 * kHour, attended, act(Action::Approve));
  Decision byAsisten = act(Action::Represent, "Bupati dinas luar");
  byAsisten.representativeUser = "asisten";
  decideAt(day + 2 * kHour, represented, byAsisten);
  decideAt(day + 2 * kHour, missed, act(Action::Approve));
  const sql::Instant afterwards = k1Nov0000Wib + 25 * 24 * kHour;  // held can be said once they began
  decideAt(afterwards, attended, act(Action::MarkHeld));
  decideAt(afterwards, represented, act(Action::MarkHeld));
  decideAt(afterwards, missed, act(Action::MarkNotHeld));

  const Recap r = recap(staf, {2025, 11});
  BOOST_TEST(r.total.received == 3);
  BOOST_TEST(r.total.approved == 2);
  BOOST_TEST(r.total.represented == 1);  // held since, still represented
  BOOST_TEST(r.total.held == 2);
  BOOST_TEST(r.total.notHeld == 1);
  BOOST_TEST(r.total.pending + r.total.approved + r.total.represented + r.total.rejected + r.total.withdrawn +
                 r.total.cancelled ==
             r.total.received);
  const LeaderRecap& bupatiLine = *leader(r, "bupati");
  BOOST_TEST(bupatiLine.counts.represented == 1);
  BOOST_TEST(bupatiLine.representedBy.at("Asisten I") == 1);
}

BOOST_FIXTURE_TEST_CASE(events_from_requests_and_events_entered_directly, RecapFixture) {
  const auto request = submitAt(k1Nov0000Wib + 8 * kHour, "2025-11-20");
  decideAt(k1Nov0000Wib + 9 * kHour, request, act(Action::Verify));
  decideAt(k1Nov0000Wib + 10 * kHour, request, act(Action::Approve));
  auto put = [&](const std::string& uid, const std::string& start, const std::string& extra = "") {
    const auto result = calendars->put(bupatiAgenda, uid + ".ics", event(uid, start, extra), sql::Precondition{});
    BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Created));
  };
  put("rapat", "20251121T090000");
  put("kunjungan", "20251122T090000", "DESCRIPTION:Diwakili oleh: Sekretaris Daerah\r\n");
  put("desember", "20251201T000000");  // 00.00 WIB on 1 December: the next month's

  const Recap r = recap(staf, {2025, 11});
  const LeaderRecap& bupatiLine = *leader(r, "bupati");
  BOOST_TEST(bupatiLine.eventsFromRequests == 1);
  BOOST_TEST(bupatiLine.eventsDirect == 2);
  BOOST_TEST_REQUIRE(bupatiLine.agenda.size() == 3u);
  BOOST_TEST(bupatiLine.agenda[0].fromRequest);
  BOOST_TEST(bupatiLine.agenda[0].entry.activity == "Pembukaan Lomba Sekolah Sehat");
  BOOST_TEST(!bupatiLine.agenda[1].fromRequest);
  BOOST_TEST(bupatiLine.representedBy.at("Sekretaris Daerah") == 1);
  BOOST_TEST(!r.agendaIncomplete);
  BOOST_TEST(leader(recap(staf, {2025, 12}), "bupati")->eventsDirect == 1);
}

BOOST_FIXTURE_TEST_CASE(a_spent_budget_makes_the_agenda_incomplete, RecapFixture) {
  const auto result = calendars->put(bupatiAgenda, "apel.ics", event("apel", "20251103T073000", "RRULE:FREQ=DAILY\r\n"),
                                     sql::Precondition{});
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Created));
  caldav::ExpansionBudget budget;
  budget.stepsLeft = 3;
  const Recap r = readRecap(*store, time, budget, agendaConfig, staf.user, {2025, 11});
  BOOST_TEST(r.agendaIncomplete);
}

BOOST_FIXTURE_TEST_CASE(more_requests_than_the_bound_keep_the_newest_and_say_so, RecapFixture) {
  submitAt(k1Nov0000Wib + kHour, "2025-11-20");
  const auto second = submitAt(k1Nov0000Wib + 2 * kHour, "2025-11-20");
  const auto third = submitAt(k1Nov0000Wib + 3 * kHour, "2025-11-20");
  agendaConfig.maxRecapRequests = 2;
  const Recap r = recap(staf, {2025, 11});
  BOOST_TEST(r.requestsIncomplete);
  BOOST_TEST(codesOf(r) == (std::vector<std::string>{second.code, third.code}));
  // Which events came from requests is read within the same bound.
  BOOST_TEST(r.agendaIncomplete);
  agendaConfig.maxRecapRequests = 3;
  const Recap all = recap(staf, {2025, 11});
  BOOST_TEST(!all.requestsIncomplete);
  BOOST_TEST(!all.agendaIncomplete);
}

BOOST_FIXTURE_TEST_CASE(leaders_and_aides_see_their_own_leaders_only, RecapFixture) {
  const auto forBupati = submitAt(k1Nov0000Wib + kHour, "2025-11-20", {"bupati"});
  const auto forWabup = submitAt(k1Nov0000Wib + 2 * kHour, "2025-11-20", {"wabup"});
  const auto forBoth = submitAt(k1Nov0000Wib + 3 * kHour, "2025-11-20", {"wabup", "bupati"});

  BOOST_TEST(codesOf(recap(staf, {2025, 11})) ==
             (std::vector<std::string>{forBupati.code, forWabup.code, forBoth.code}));
  BOOST_TEST(recap(admin, {2025, 11}).total.received == 3);

  for (const Actor* reader : {&bupati, &ajudan}) {
    const Recap r = recap(*reader, {2025, 11});
    BOOST_TEST(idsOf(r) == (std::vector<std::int64_t>{forBupati.id, forBoth.id}));
    BOOST_TEST(codesOf(r) == (std::vector<std::string>{"", ""}));  // the requester's key stays with staff
    BOOST_TEST(r.total.received == 2);
    BOOST_TEST_REQUIRE(r.leaders.size() == 1u);
    BOOST_TEST(r.leaders[0].userName == "bupati");
  }
  const Recap wabupView = recap(ajudanWabup, {2025, 11});
  BOOST_TEST(idsOf(wabupView) == (std::vector<std::int64_t>{forWabup.id, forBoth.id}));
  BOOST_TEST(leader(wabupView, "bupati") == nullptr);

  const Recap nothing = recap(viewer, {2025, 11});
  BOOST_TEST(nothing.requests.empty());
  BOOST_TEST(nothing.leaders.empty());
}

}  // namespace jadwal::testing
