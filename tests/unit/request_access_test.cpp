// Who may see a request and act on it: staff, the leaders asked and their
// aides; who may stand in for a leader; and what a tracking code opens, to
// whom, and how an action taken with it is recorded.
#define BOOST_TEST_MODULE request_access
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "workflow/request_calendar.h"
#include "workflow/request_validation.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(visibility, Fixture)

BOOST_AUTO_TEST_CASE(who_may_see_a_request_and_its_letters) {
  auto row = submitted();
  auto letterFile = store->requests().filesOf(row.id).at(0);
  struct Expectation {
    const Actor* who;
    bool sees;
  };
  for (auto [who, sees] : {Expectation{&staf, true}, Expectation{&admin, true}, Expectation{&bupati, true},
                           Expectation{&wabup, false}, Expectation{&asisten, false}, Expectation{&ajudan, true},
                           Expectation{&ajudanWabup, false}, Expectation{&viewer, false}}) {
    BOOST_TEST_CONTEXT(who->user.name) {
      BOOST_TEST(service->maySee(row, *who) == sees);
      BOOST_TEST(service->mayOpenFile(letterFile, *who) == sees);
    }
  }
  // Assigned to another leader, represented by a user: they see it too.
  auto verifiedRow = decide(row, act(Action::Verify), staf).request;
  Decision decision = act(Action::Represent);
  decision.leader = "wabup";
  decision.representativeUser = "asisten";
  auto represented = decide(verifiedRow, decision, staf).request;
  BOOST_TEST(service->maySee(represented, wabup));
  BOOST_TEST(service->maySee(represented, ajudanWabup));
  BOOST_TEST(service->maySee(represented, asisten));
  BOOST_TEST(service->mayOpenFile(letterFile, asisten));
  BOOST_TEST(!service->maySee(represented, viewer));
}

BOOST_AUTO_TEST_CASE(dispositions_by_the_leader_their_aide_or_staff) {
  auto row = submitted();
  BOOST_TEST(service->setDisposition(row.id, "bupati", "hadir", "", "Insya Allah hadir", bupati).ok());
  BOOST_TEST(service->setDisposition(row.id, "bupati", "diwakilkan", "Asisten I", "", ajudan).ok());
  BOOST_TEST(service->setDisposition(row.id, "bupati", "tidak_hadir", "", "", staf).ok());
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);  // one per leader, the latest
  BOOST_TEST(dispositions[0].choice == "tidak_hadir");
  BOOST_TEST((dispositions[0].byUserId == staf.user.id));
  BOOST_TEST(has(auditActions(row), "disposition"));

  BOOST_TEST((service->setDisposition(row.id, "bupati", "hadir", "", "", wabup).status == Outcome::Status::Forbidden));
  BOOST_TEST(
      (service->setDisposition(row.id, "bupati", "hadir", "", "", ajudanWabup).status == Outcome::Status::Forbidden));
  BOOST_TEST((service->setDisposition(row.id, "bupati", "hadir", "", "", viewer).status == Outcome::Status::Forbidden));
  BOOST_TEST(service->setDisposition(row.id, "wabup", "hadir", "", "", wabup).errors["pimpinan"] == "unknown_leader");
  BOOST_TEST(service->setDisposition(row.id, "bupati", "mungkin", "", "", bupati).errors["pilihan"] ==
             "invalid_choice");
  BOOST_TEST(service->setDisposition(row.id, "bupati", "diwakilkan", " ", "", bupati).errors["wakil"] == "required");
  BOOST_TEST(
      (service->setDisposition(row.id + 100, "bupati", "hadir", "", "", bupati).status == Outcome::Status::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- representatives: only officials, per the workflow's rule ----

BOOST_FIXTURE_TEST_SUITE(representatives, Fixture)

BOOST_AUTO_TEST_CASE(only_an_enabled_leader_other_than_the_one_represented_may_stand_in) {
  auto request = verified();
  store->setDisabled("wabup", true);
  struct Expectation {
    std::string user;
    std::string error;
  };
  for (const auto& [user, error] : {Expectation{"ajudan", "not_an_official"}, Expectation{"tamu", "not_an_official"},
                                    Expectation{"staf", "not_an_official"}, Expectation{"admin", "not_an_official"},
                                    Expectation{"wabup", "unknown_user"}, Expectation{"hantu", "unknown_user"},
                                    Expectation{"bupati", "representative_is_leader"}}) {
    BOOST_TEST_CONTEXT(user) {
      Decision decision = act(Action::Represent);
      decision.representativeUser = user;
      auto outcome = decide(request, decision, staf);
      BOOST_TEST((outcome.status == Outcome::Status::Invalid));
      BOOST_TEST(outcome.errors["wakil_user"] == error);
    }
  }
  auto unchanged = reload(request);
  BOOST_TEST(unchanged.state == "diverifikasi");
  BOOST_TEST(unchanged.representativeUser.empty());
  BOOST_TEST(unchanged.representativeCalendarId == 0);

  // Represented for another leader, the leader asked may stand in.
  Decision forAsisten = act(Action::Represent);
  forAsisten.leader = "asisten";
  forAsisten.representativeUser = "bupati";
  BOOST_TEST(decide(request, forAsisten, staf).ok());
}

BOOST_AUTO_TEST_CASE(names_and_positions_keep_the_forms_limits) {
  auto request = verified();
  Decision decision = act(Action::Represent);
  decision.representativeName = std::string(limits::kPersonName + 1, 'n');
  decision.representativePosition = std::string(limits::kPersonName + 1, 'p');
  auto outcome = decide(request, decision, staf);
  BOOST_TEST(outcome.errors["wakil_nama"] == "too_long");
  BOOST_TEST(outcome.errors["wakil_jabatan"] == "too_long");
  decision.representativeName = std::string(limits::kPersonName, 'n');
  decision.representativePosition = std::string(limits::kPersonName, 'p');
  BOOST_TEST(decide(request, decision, staf).ok());
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the tracking code: the requester's key, and nothing else's ----

struct CodeFixture : Fixture {
  sql::AuditRow auditOfAction(const sql::RequestRow& request, const std::string& action) {
    for (const auto& row : store->requests().auditOf(request.id))
      if (row.action == action) return row;
    BOOST_FAIL("no audit row " << action);
    return {};
  }
};

BOOST_FIXTURE_TEST_SUITE(tracking_code, CodeFixture)

BOOST_AUTO_TEST_CASE(no_calendar_object_carries_the_code) {
  auto request = submitted();
  BOOST_TEST(request.holdObjectName.find(request.code) == std::string::npos);
  auto hold = *store->getObject(holdCalendar.id, request.holdObjectName);
  BOOST_TEST(unfolded(hold.ical).find(request.code) == std::string::npos);
  BOOST_TEST(hold.uid.find(request.code) == std::string::npos);

  Decision decision = act(Action::Represent);
  decision.representativeUser = "asisten";
  auto row = decide(reload(request), act(Action::Verify), staf).request;
  row = decide(row, decision, staf).request;
  for (const auto& [calendarId, name] : {std::pair{row.eventCalendarId, row.eventObjectName},
                                         std::pair{row.representativeCalendarId, row.representativeObjectName}}) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(name.find(request.code) == std::string::npos);
      auto object = store->getObject(calendarId, name);
      BOOST_TEST_REQUIRE(object.has_value());
      BOOST_TEST(unfolded(object->ical).find(request.code) == std::string::npos);
      BOOST_TEST(object->uid.find(request.code) == std::string::npos);
      // The event points staff to the request by its number.
      BOOST_TEST(unfolded(object->ical).find("/staf/permohonan/" + std::to_string(row.id)) != std::string::npos);
    }
  }
  // Nor does the history a leader reads.
  for (const auto& audit : store->requests().auditOf(row.id))
    BOOST_TEST(audit.note.find(request.code) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(events_named_after_the_code_are_renamed_at_start) {
  // An event as written before events were named by number, cancelled since.
  auto row = decide(approved(), act(Action::Cancel, "Dibatalkan panitia"), staf).request;
  auto current = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  const std::string legacyName = row.code + "-acara.ics";
  std::string legacyText =
      std::regex_replace(current.ical, std::regex("permohonan-\\d+-agenda@jadwal"), row.code + "-agenda@jadwal");
  legacyText = std::regex_replace(legacyText, std::regex("X-JADWAL-REQUEST:\\d+"), "X-JADWAL-REQUEST:" + row.code);
  {
    const auto workflow = caldav::WriteOrigin::Workflow;
    BOOST_TEST_REQUIRE((calendars->remove(bupatiAgenda, row.eventObjectName, {}, std::nullopt, workflow).status ==
                        sql::WriteStatus::Deleted));
    BOOST_TEST_REQUIRE((calendars->put(bupatiAgenda, legacyName, legacyText, {}, std::nullopt, workflow).status ==
                        sql::WriteStatus::Created));
  }
  sql::RequestRow legacy = reload(row);
  legacy.eventObjectName = legacyName;
  sql::AuditRow audit;
  audit.requestId = row.id;
  audit.action = "test";
  BOOST_TEST_REQUIRE(store->requests().updateRequest(legacy, audit));

  RequestService restarted(*store, *calendars, *mailer, clock, config);
  auto renamed = reload(row);
  BOOST_TEST(renamed.eventObjectName == "permohonan-" + std::to_string(row.id) + "-acara.ics");
  BOOST_TEST(!store->getObject(bupatiAgenda.id, legacyName).has_value());
  auto event = store->getObject(bupatiAgenda.id, renamed.eventObjectName);
  BOOST_TEST_REQUIRE(event.has_value());
  BOOST_TEST(unfolded(event->ical).find(row.code) == std::string::npos);
  BOOST_TEST(event->ical.find("STATUS:CANCELLED") != std::string::npos);
  BOOST_TEST(auditActions(row).back() == "calendar-write");
  BOOST_TEST(store->requests().auditOf(row.id).back().note.find(row.code) == std::string::npos);

  // A second start finds nothing to do.
  const auto version = reload(row).version;
  RequestService again(*store, *calendars, *mailer, clock, config);
  BOOST_TEST(reload(row).version == version);
}

BOOST_AUTO_TEST_CASE(a_withdrawal_by_a_logged_in_user_is_recorded_as_that_user) {
  auto request = submitted();
  auto outcome = service->withdraw(request.code, "Ditarik atas permintaan", ajudan.user);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "ditarik");
  auto withdrawn = auditOfAction(request, "withdraw");
  BOOST_TEST((withdrawn.actorId == ajudan.user.id));
  BOOST_TEST(withdrawn.actorName.find("Ajudan Bupati") == 0u);
  BOOST_TEST(withdrawn.actorName.find("kode") != std::string::npos);
  BOOST_TEST(withdrawn.note == "Ditarik atas permintaan");

  // Without a login it is the requester, as before.
  auto other = submitted();
  BOOST_TEST_REQUIRE(service->withdraw(other.code, "").ok());
  auto anonymous = auditOfAction(other, "withdraw");
  BOOST_TEST(anonymous.actorName == "Pemohon");
  BOOST_TEST(!anonymous.actorId.has_value());
}

BOOST_AUTO_TEST_CASE(a_revision_by_a_logged_in_user_is_recorded_as_that_user) {
  auto request = submitted();
  BOOST_TEST_REQUIRE(decide(request, act(Action::Return, "Surat belum ditandatangani"), staf).ok());
  auto outcome = service->resubmit(request.code, {"surat", "revisi.pdf", pdfBytes("revisi")}, "", staf.user);
  BOOST_TEST_REQUIRE(outcome.ok());
  auto resubmitted = auditOfAction(request, "resubmit");
  BOOST_TEST((resubmitted.actorId == staf.user.id));
  BOOST_TEST(resubmitted.actorName.find("Staf Protokol") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
