#include "workflow/request_state.h"

#include <array>
#include <utility>

namespace jadwal::workflow {

namespace {

constexpr std::array<std::pair<RequestState, std::string_view>, 10> kStateCodes{{
    {RequestState::Submitted, "diajukan"},
    {RequestState::Verified, "diverifikasi"},
    {RequestState::Returned, "dikembalikan"},
    {RequestState::Approved, "disetujui"},
    {RequestState::Represented, "diwakilkan"},
    {RequestState::Rejected, "ditolak"},
    {RequestState::Withdrawn, "ditarik"},
    {RequestState::Cancelled, "dibatalkan"},
    {RequestState::Held, "terlaksana"},
    {RequestState::NotHeld, "tidak_terlaksana"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 11> kActionCodes{{
    {Action::Verify, "verify"},
    {Action::Return, "return"},
    {Action::Resubmit, "resubmit"},
    {Action::Approve, "approve"},
    {Action::Represent, "represent"},
    {Action::Reject, "reject"},
    {Action::Withdraw, "withdraw"},
    {Action::Cancel, "cancel"},
    {Action::Reschedule, "reschedule"},
    {Action::MarkHeld, "held"},
    {Action::MarkNotHeld, "not-held"},
}};

struct Transition {
  RequestState from;
  Action action;
  RequestState to;
};

// The whole lifecycle: anything not listed here is refused.
constexpr std::array<Transition, 21> kTransitions{{
    {RequestState::Submitted, Action::Verify, RequestState::Verified},
    {RequestState::Submitted, Action::Return, RequestState::Returned},
    {RequestState::Submitted, Action::Reject, RequestState::Rejected},
    {RequestState::Submitted, Action::Withdraw, RequestState::Withdrawn},

    {RequestState::Verified, Action::Approve, RequestState::Approved},
    {RequestState::Verified, Action::Represent, RequestState::Represented},
    {RequestState::Verified, Action::Reject, RequestState::Rejected},
    {RequestState::Verified, Action::Return, RequestState::Returned},
    {RequestState::Verified, Action::Withdraw, RequestState::Withdrawn},

    {RequestState::Returned, Action::Resubmit, RequestState::Submitted},
    {RequestState::Returned, Action::Withdraw, RequestState::Withdrawn},

    {RequestState::Approved, Action::Cancel, RequestState::Cancelled},
    {RequestState::Approved, Action::Represent, RequestState::Represented},
    {RequestState::Approved, Action::Reschedule, RequestState::Approved},
    {RequestState::Approved, Action::MarkHeld, RequestState::Held},
    {RequestState::Approved, Action::MarkNotHeld, RequestState::NotHeld},

    {RequestState::Represented, Action::Cancel, RequestState::Cancelled},
    {RequestState::Represented, Action::Approve, RequestState::Approved},
    {RequestState::Represented, Action::Reschedule, RequestState::Represented},
    {RequestState::Represented, Action::MarkHeld, RequestState::Held},
    {RequestState::Represented, Action::MarkNotHeld, RequestState::NotHeld},
}};

}  // namespace

std::string_view stateCode(RequestState state) {
  for (const auto& [value, code] : kStateCodes)
    if (value == state) return code;
  return {};
}

std::optional<RequestState> parseState(std::string_view code) {
  for (const auto& [value, text] : kStateCodes)
    if (text == code) return value;
  return std::nullopt;
}

std::string_view actionCode(Action action) {
  for (const auto& [value, code] : kActionCodes)
    if (value == action) return code;
  return {};
}

std::optional<Action> parseAction(std::string_view code) {
  for (const auto& [value, text] : kActionCodes)
    if (text == code) return value;
  return std::nullopt;
}

std::optional<RequestState> nextState(RequestState from, Action action) {
  for (const auto& transition : kTransitions)
    if (transition.from == from && transition.action == action) return transition.to;
  return std::nullopt;
}

bool isPending(RequestState state) {
  return state == RequestState::Submitted || state == RequestState::Verified || state == RequestState::Returned;
}

bool isScheduled(RequestState state) { return state == RequestState::Approved || state == RequestState::Represented; }

bool isFinal(RequestState state) { return !isPending(state) && !isScheduled(state); }

}  // namespace jadwal::workflow
