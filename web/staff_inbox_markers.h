#pragma once
// What the inbox marks on each request of a page, so that staff see at a
// glance what needs care (staff_inbox_markers.cpp):
//  - a conflict: a request not yet held overlaps a confirmed event on the
//    calendar of a leader it asks for (the same check as the request page,
//    workflow/conflicts.h), only for leaders whose calendars the reader may
//    read; all the page's expansions share one budget;
//  - likely duplicates: other requests with the same requester contact or
//    letter number on the same activity day (RequestStore::likelyDuplicates),
//    for staff only (they alone see every request);
//  - near its date: a request still waiting for a decision whose activity
//    starts within the configured days ([workflow] near_date_days).

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "web/staff_views.h"

namespace jadwal::web::staff {

struct InboxMarkers {
  std::map<std::int64_t, std::vector<std::string>> conflicts;    // request id -> "09.00–11.00 Rapat (Bupati)"
  std::map<std::int64_t, std::vector<std::int64_t>> duplicates;  // request id -> the other requests' ids
  std::set<std::int64_t> nearDate;
  // The page's expansion budget ran out: some conflicts may be missing.
  bool conflictsIncomplete = false;
};

// The markers of `rows` (one page of the inbox, at most a page's size).
InboxMarkers inboxMarkers(StaffRequest& staff, const std::vector<sql::RequestRow>& rows, UserNames& names);

}  // namespace jadwal::web::staff
