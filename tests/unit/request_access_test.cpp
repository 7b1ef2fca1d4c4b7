// Who may see a request and act on it: staff, the leaders asked and their
// aides; and who may stand in for a leader.
#define BOOST_TEST_MODULE request_access
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
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
