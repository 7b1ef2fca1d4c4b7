// The request lifecycle: every (state, action) pair, allowed or refused,
// against the table written out independently of the implementation.
#define BOOST_TEST_MODULE request_state
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <utility>

#include "workflow/request_state.h"

using namespace jadwal::workflow;

namespace {

const RequestState kStates[] = {RequestState::Submitted, RequestState::Verified,    RequestState::Returned,
                                RequestState::Approved,  RequestState::Represented, RequestState::Rejected,
                                RequestState::Withdrawn, RequestState::Cancelled,   RequestState::Held,
                                RequestState::NotHeld};
const Action kActions[] = {Action::Verify,     Action::Return,   Action::Resubmit,   Action::Approve,
                           Action::Represent,  Action::Reject,   Action::Withdraw,   Action::Cancel,
                           Action::Reschedule, Action::MarkHeld, Action::MarkNotHeld};

// The lifecycle by its stored codes, exactly as specified.
const std::map<std::pair<std::string, std::string>, std::string> kAllowed = {
    {{"diajukan", "verify"}, "diverifikasi"},
    {{"diajukan", "return"}, "dikembalikan"},
    {{"diajukan", "reject"}, "ditolak"},
    {{"diajukan", "withdraw"}, "ditarik"},
    {{"diverifikasi", "approve"}, "disetujui"},
    {{"diverifikasi", "represent"}, "diwakilkan"},
    {{"diverifikasi", "reject"}, "ditolak"},
    {{"diverifikasi", "return"}, "dikembalikan"},
    {{"diverifikasi", "withdraw"}, "ditarik"},
    {{"dikembalikan", "resubmit"}, "diajukan"},
    {{"dikembalikan", "withdraw"}, "ditarik"},
    {{"disetujui", "cancel"}, "dibatalkan"},
    {{"disetujui", "represent"}, "diwakilkan"},
    {{"disetujui", "reschedule"}, "disetujui"},
    {{"disetujui", "held"}, "terlaksana"},
    {{"disetujui", "not-held"}, "tidak_terlaksana"},
    {{"diwakilkan", "cancel"}, "dibatalkan"},
    {{"diwakilkan", "approve"}, "disetujui"},
    {{"diwakilkan", "reschedule"}, "diwakilkan"},
    {{"diwakilkan", "held"}, "terlaksana"},
    {{"diwakilkan", "not-held"}, "tidak_terlaksana"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_state_and_action_pair_follows_the_table) {
  int allowed = 0, refused = 0;
  for (RequestState state : kStates) {
    for (Action action : kActions) {
      std::string from(stateCode(state)), act(actionCode(action));
      BOOST_TEST_CONTEXT(from << " --" << act << "-->") {
        auto next = nextState(state, action);
        auto expected = kAllowed.find({from, act});
        if (expected == kAllowed.end()) {
          BOOST_TEST(!next.has_value());
          ++refused;
        } else {
          BOOST_TEST_REQUIRE(next.has_value());
          BOOST_TEST(std::string(stateCode(*next)) == expected->second);
          ++allowed;
        }
      }
    }
  }
  BOOST_TEST(allowed == 21);
  BOOST_TEST(refused == 10 * 11 - 21);
}

BOOST_AUTO_TEST_CASE(final_states_refuse_every_action) {
  for (RequestState state : kStates) {
    if (!isFinal(state)) continue;
    for (Action action : kActions) BOOST_TEST(!nextState(state, action).has_value());
  }
  BOOST_TEST(isFinal(RequestState::Rejected));
  BOOST_TEST(isFinal(RequestState::Withdrawn));
  BOOST_TEST(isFinal(RequestState::Cancelled));
  BOOST_TEST(isFinal(RequestState::Held));
  BOOST_TEST(isFinal(RequestState::NotHeld));
}

BOOST_AUTO_TEST_CASE(pending_scheduled_and_final_partition_the_states) {
  for (RequestState state : kStates) {
    int kinds = int(isPending(state)) + int(isScheduled(state)) + int(isFinal(state));
    BOOST_TEST(kinds == 1, stateCode(state));
  }
  BOOST_TEST(isPending(RequestState::Submitted));
  BOOST_TEST(isPending(RequestState::Verified));
  BOOST_TEST(isPending(RequestState::Returned));
  BOOST_TEST(isScheduled(RequestState::Approved));
  BOOST_TEST(isScheduled(RequestState::Represented));
}

BOOST_AUTO_TEST_CASE(codes_round_trip_and_unknown_codes_are_refused) {
  for (RequestState state : kStates) BOOST_TEST((parseState(stateCode(state)) == state));
  for (Action action : kActions) BOOST_TEST((parseAction(actionCode(action)) == action));
  BOOST_TEST(std::string(actionCode(Action::MarkHeld)) == "held");
  BOOST_TEST(std::string(actionCode(Action::MarkNotHeld)) == "not-held");
  BOOST_TEST(std::string(stateCode(RequestState::NotHeld)) == "tidak_terlaksana");
  BOOST_TEST(!parseState("").has_value());
  BOOST_TEST(!parseState("Diajukan").has_value());
  BOOST_TEST(!parseState("approved").has_value());
  BOOST_TEST(!parseAction("").has_value());
  BOOST_TEST(!parseAction("not_held").has_value());
  BOOST_TEST(!parseAction("VERIFY").has_value());
}
