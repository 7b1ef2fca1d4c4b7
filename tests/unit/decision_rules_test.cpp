// The rules of a staff decision that the staff page asks the workflow
// rather than checking again: which decisions need a note, and which are
// open on a request now (held or not held only once the activity has begun,
// by the workflow's clock).
#define BOOST_TEST_MODULE decision_rules
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(decision_rules, Fixture)

BOOST_AUTO_TEST_CASE(return_reject_and_cancel_need_a_note_the_others_do_not) {
  for (const Action action : {Action::Return, Action::Reject, Action::Cancel})
    BOOST_TEST(RequestService::noteRequired(action), actionCode(action));
  for (const Action action :
       {Action::Verify, Action::Approve, Action::Represent, Action::Reschedule, Action::MarkHeld, Action::MarkNotHeld})
    BOOST_TEST(!RequestService::noteRequired(action), actionCode(action));
}

BOOST_AUTO_TEST_CASE(a_decision_that_needs_a_note_is_refused_without_one) {
  auto row = verified();
  for (const Action action : {Action::Return, Action::Reject}) {
    auto outcome = decide(row, act(action, "   "), staf);
    BOOST_TEST((outcome.status == Outcome::Status::Invalid));
    BOOST_TEST(outcome.errors["catatan"] == "required");
  }
  BOOST_TEST(decide(row, act(Action::Return, "Surat belum lengkap"), staf).ok());
}

BOOST_AUTO_TEST_CASE(held_and_not_held_open_only_from_the_start_by_the_workflow_clock) {
  auto row = reload(approved());
  BOOST_TEST(!service->actionOpen(row, Action::MarkHeld));
  BOOST_TEST(!service->actionOpen(row, Action::MarkNotHeld));
  BOOST_TEST(service->actionOpen(row, Action::Cancel));
  clock.set(row.start - 1);
  BOOST_TEST(!service->actionOpen(row, Action::MarkHeld));
  clock.set(row.start);
  BOOST_TEST(service->actionOpen(row, Action::MarkHeld));
  BOOST_TEST(service->actionOpen(row, Action::MarkNotHeld));
}

BOOST_AUTO_TEST_CASE(an_action_the_state_machine_refuses_is_not_open) {
  auto row = reload(submitted());
  BOOST_TEST(service->actionOpen(row, Action::Verify));
  BOOST_TEST(!service->actionOpen(row, Action::MarkHeld));
  clock.set(row.start + kHour);  // the time rule does not open what the state machine refuses
  BOOST_TEST(!service->actionOpen(row, Action::MarkHeld));
  BOOST_TEST(!service->actionOpen(row, Action::Resubmit));
}

BOOST_AUTO_TEST_SUITE_END()
