// Who may see a request and act on it: staff, the leaders asked and their
// aides.
#define BOOST_TEST_MODULE request_access
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"

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
