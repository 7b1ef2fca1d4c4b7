#include "workflow/request_state.h"

#include <array>
#include <utility>

namespace jadwal::workflow {

namespace {

constexpr std::array<std::pair<RequestState, std::string_view>, 10> kStateCodes{{
    {RequestState::Diajukan, "diajukan"},
    {RequestState::Diverifikasi, "diverifikasi"},
    {RequestState::Dikembalikan, "dikembalikan"},
    {RequestState::Disetujui, "disetujui"},
    {RequestState::Diwakilkan, "diwakilkan"},
    {RequestState::Ditolak, "ditolak"},
    {RequestState::Ditarik, "ditarik"},
    {RequestState::Dibatalkan, "dibatalkan"},
    {RequestState::Terlaksana, "terlaksana"},
    {RequestState::TidakTerlaksana, "tidak_terlaksana"},
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
    {RequestState::Diajukan, Action::Verify, RequestState::Diverifikasi},
    {RequestState::Diajukan, Action::Return, RequestState::Dikembalikan},
    {RequestState::Diajukan, Action::Reject, RequestState::Ditolak},
    {RequestState::Diajukan, Action::Withdraw, RequestState::Ditarik},

    {RequestState::Diverifikasi, Action::Approve, RequestState::Disetujui},
    {RequestState::Diverifikasi, Action::Represent, RequestState::Diwakilkan},
    {RequestState::Diverifikasi, Action::Reject, RequestState::Ditolak},
    {RequestState::Diverifikasi, Action::Return, RequestState::Dikembalikan},
    {RequestState::Diverifikasi, Action::Withdraw, RequestState::Ditarik},

    {RequestState::Dikembalikan, Action::Resubmit, RequestState::Diajukan},
    {RequestState::Dikembalikan, Action::Withdraw, RequestState::Ditarik},

    {RequestState::Disetujui, Action::Cancel, RequestState::Dibatalkan},
    {RequestState::Disetujui, Action::Represent, RequestState::Diwakilkan},
    {RequestState::Disetujui, Action::Reschedule, RequestState::Disetujui},
    {RequestState::Disetujui, Action::MarkHeld, RequestState::Terlaksana},
    {RequestState::Disetujui, Action::MarkNotHeld, RequestState::TidakTerlaksana},

    {RequestState::Diwakilkan, Action::Cancel, RequestState::Dibatalkan},
    {RequestState::Diwakilkan, Action::Approve, RequestState::Disetujui},
    {RequestState::Diwakilkan, Action::Reschedule, RequestState::Diwakilkan},
    {RequestState::Diwakilkan, Action::MarkHeld, RequestState::Terlaksana},
    {RequestState::Diwakilkan, Action::MarkNotHeld, RequestState::TidakTerlaksana},
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
  return state == RequestState::Diajukan || state == RequestState::Diverifikasi || state == RequestState::Dikembalikan;
}

bool isScheduled(RequestState state) { return state == RequestState::Disetujui || state == RequestState::Diwakilkan; }

bool isFinal(RequestState state) { return !isPending(state) && !isScheduled(state); }

}  // namespace jadwal::workflow
