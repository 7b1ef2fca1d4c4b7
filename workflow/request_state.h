#pragma once
// The lifecycle of an activity request, as one table of allowed transitions.
//
//   diajukan --verify--> diverifikasi --approve--> disetujui
//      |  ^                   |        \--represent--> diwakilkan
//      |  +--resubmit-- dikembalikan <--return--+     \--reject--> ditolak
//      +--return/reject/withdraw (ditarik)
//   disetujui/diwakilkan --cancel--> dibatalkan
//   disetujui/diwakilkan --held--> terlaksana | --not-held--> tidak_terlaksana
//   disetujui <--approve/represent--> diwakilkan, and reschedule keeps the state.

#include <optional>
#include <string>
#include <string_view>

namespace jadwal::workflow {

// Named in English in code; stored and shown by their Indonesian codes
// (stateCode: "diajukan", "disetujui", ...).
enum class RequestState {
  Submitted,    // diajukan
  Verified,     // diverifikasi: verified by staff, waiting for a decision
  Returned,     // dikembalikan: returned to the requester for revision
  Approved,     // disetujui: on the leader's agenda
  Represented,  // diwakilkan: the leader is represented
  Rejected,     // ditolak
  Withdrawn,    // ditarik: withdrawn by the requester
  Cancelled,    // dibatalkan: cancelled after approval
  Held,         // terlaksana
  NotHeld       // tidak_terlaksana
};

enum class Action {
  Verify,
  Return,      // note required
  Resubmit,    // by the requester, with a revised letter
  Approve,     // for a leader, optionally with adjusted time or venue
  Represent,   // by a user or a named person
  Reject,      // reason required
  Withdraw,    // by the requester
  Cancel,      // reason required
  Reschedule,  // new time or venue for an approved activity
  MarkHeld,
  MarkNotHeld
};

// "diajukan", "diverifikasi", ... as stored; parse returns nullopt for others.
std::string_view stateCode(RequestState state);
std::optional<RequestState> parseState(std::string_view code);
// "verify", "return", ... as in audit rows and form fields.
std::string_view actionCode(Action action);
std::optional<Action> parseAction(std::string_view code);

// The state after `action`, or nullopt when the action is not allowed from `from`.
std::optional<RequestState> nextState(RequestState from, Action action);

// Whether the request still waits for a decision (it holds a tentative slot).
bool isPending(RequestState state);
// Whether the request has an event on a leader's agenda.
bool isScheduled(RequestState state);
// Whether nothing more can happen to the request.
bool isFinal(RequestState state);

}  // namespace jadwal::workflow
