#pragma once
// The request page's desk (staff_request_desk.cpp): the decisions staff take
// most, at the top of the page with the conflicts beside them, and the
// event's text for the agenda's WhatsApp group once it is on a calendar.

#include <string>

#include "web/staff_views.h"

namespace jadwal::web::staff {

// The decisions open to staff on `row` among verify (a button that decides
// at once: it needs no field), approve, represent, return and reject (links
// that open their form below with its fields filled and focused: the second
// click or Enter decides), and `conflicts` (a list of {time, summary,
// leader}) beside them. False when no such decision is open.
kainjow::mustache::data deskDecisions(StaffRequest& staff, const sql::RequestRow& row,
                                      const kainjow::mustache::data& conflicts);

// Which decision form the page was opened for (?aksi=approve): its form is
// shown open and its first field to fill (or its button) takes the focus.
// Empty when none.
std::string openedDecision(const StaffRequest& staff);

// The event of an approved or represented request as the day's agenda text
// shows it (workflow/agenda_text.h), ready for WhatsApp; empty when it is
// on no calendar the reader may read.
std::string eventAgendaText(StaffRequest& staff, const sql::RequestRow& row);

}  // namespace jadwal::web::staff
