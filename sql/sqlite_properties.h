#pragma once
// A group of property changes applied on the SQLite store's write
// transaction: PROPPATCH (writeProperties) and the properties a MKCALENDAR
// sets (createCalendarWithinQuota) go the same way, all or nothing.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

// Applies `changes` in order and the live properties of `live` when given.
// With `maxBytesPerUser`, answers written = false when they would grow what
// some user stores past it; the caller must then roll back, as the changes
// are made already.
// REQUIRES: `session` is inside a write transaction the caller commits only
// when written.
PropertyWriteResult applyPropertyChanges(Poco::Data::Session& session, const std::vector<PropertyChange>& changes,
                                         const std::optional<Calendar>& live,
                                         std::optional<std::int64_t> maxBytesPerUser);

}  // namespace jadwal::sql
