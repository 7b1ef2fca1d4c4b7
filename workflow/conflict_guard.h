#pragma once
// A decision that books a leader into a slot already taken asks first: the
// one deciding sees the other confirmed events by name and confirms, and the
// audit keeps which events the double booking was confirmed over.

#include <optional>
#include <string>
#include <vector>

#include "caldav/ical/ical.h"
#include "sql/store.h"
#include "workflow/request_service.h"

namespace jadwal::workflow {

// The user whose agenda `action` books `updated` onto: the leader for an
// approval, the official standing in (a user) for a representation, the
// attending one (the representing user, if any, for a represented request)
// for a new time; "" when the action books nobody.
std::string bookedUser(Action action, const sql::RequestRow& updated);

// The confirmed events on `user`'s calendars overlapping `request`'s time
// (an open end lasting config.openEndAssumedMinutes), whether typed in a
// calendar client or made from another request. Never counted: tentative
// holds, cancelled events, and `request`'s own events.
std::vector<ConflictingEvent> confirmedOverlaps(sql::Store& store, caldav::TimeContext time,
                                                const WorkflowConfig& config, const sql::RequestRow& request,
                                                const std::string& user);

// Nothing changed: the decision waits for a confirmation of `conflicts`.
Outcome needsConfirmation(std::vector<ConflictingEvent> conflicts);

// The audit note value naming `conflicts`, one a line ("start end open
// leader summary", tab-separated, instants as decimal seconds, open "1" for
// an open end, the leader by display name), and back (etags not kept).
std::string overlapsValue(sql::Store& store, const std::vector<ConflictingEvent>& conflicts);
std::vector<ConflictingEvent> overlapsOfValue(const std::string& value);

// Appends to the request's audit that `audit`'s actor took the decision
// over `conflicts` ("conflicts-confirmed", code "conflicts_confirmed", the
// events and the leader whose agenda holds them).
// Only the audit changes; a request out of step with its events stays so.
void recordConfirmedOverlaps(sql::Store& store, const sql::RequestRow& stored, sql::AuditRow audit,
                             const std::vector<ConflictingEvent>& conflicts);

// A disposition's audit note (`note`, encoded) with the overlaps its
// "hadir" was confirmed over, as the value "conflicts".
std::string withConfirmedOverlaps(sql::Store& store, const std::string& note,
                                  const std::vector<ConflictingEvent>& conflicts);

}  // namespace jadwal::workflow
