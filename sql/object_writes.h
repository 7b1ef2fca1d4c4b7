#pragma once
// The rules of a write to a calendar's objects, written once for every
// backend (Store::putObject and Store::deleteObject state them):
// - If-Match and If-None-Match (RFC 9110 13.1, strong comparison);
// - a resource keeps its UID, and a UID lives under one name per calendar
//   (RFC 4791 5.3.2.1);
// - the quotas of Precondition::limits (RFC 4331);
// - every write moves the calendar's sync sequence on by one and records
//   the change under it; a deletion prunes the oldest deletions past
//   Precondition::keptDeletions (RFC 6578 sync tokens).
// A backend opens a write transaction, runs one of these on its ObjectRows
// and commits.

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/object_rows.h"
#include "sql/store.h"

namespace jadwal::sql {

// REQUIRES: `rows` is inside a write transaction (object_rows.h); the caller
// commits it afterwards, whatever the status (a refused write wrote nothing).
WriteResult putObjectRows(ObjectRows& rows, std::int64_t calendarId, const std::string& name, const std::string& ical,
                          const std::string& etag, const ObjectIndex& index, const Precondition& pre, Instant now);
WriteResult deleteObjectRows(ObjectRows& rows, std::int64_t calendarId, const std::string& name,
                             const Precondition& pre);

// Strong comparison of `current` against an If-Match value: "*" or a list
// of entity tags. Weak tags never match; a malformed value matches nothing.
bool ifMatchAccepts(std::string_view header, std::string_view current);

}  // namespace jadwal::sql
