#pragma once
// A decision or disposition that would book a leader into a slot other
// confirmed events take is asked first (workflow/conflict_guard.h): the page
// names those events and sends the same form again with konfirmasi_bentrok=1
// and the fingerprint of the events it showed. A confirmation counts only
// for the events it named: one more event since, or one changed, asks again.

#include <string>
#include <vector>

#include "web/staff_views.h"
#include "web/web.h"
#include "workflow/request_service.h"

namespace jadwal::web::staff {

// A fingerprint of `conflicts` (leader, times, summary, etag), in hex.
std::string overlapsFingerprint(const std::vector<workflow::ConflictingEvent>& conflicts);

// Whether `form` confirms the overlaps `outcome` asks about: `outcome` needs
// a confirmation, the form says konfirmasi_bentrok=1, and its fingerprint
// is that of `outcome.conflicts`.
bool confirmsOverlaps(const FormData& form, const workflow::Outcome& outcome);

// The page asking to confirm (409): the other events by activity, leader,
// day and time, a button that posts `form` again to the decision's URL
// with the confirmation, and a way back to the request.
WebResponse conflictConfirmPage(StaffRequest& staff, const sql::RequestRow& row, const FormData& form, bool disposition,
                                const std::vector<workflow::ConflictingEvent>& conflicts);

}  // namespace jadwal::web::staff
