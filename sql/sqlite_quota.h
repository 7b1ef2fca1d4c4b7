#pragma once
// What a user stores, as the SQLite store counts it for quotas (RFC 4331):
// shared by usageOf and the checks inside object writes.

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>

#include "sql/store.h"

namespace jadwal::sql {

// Usage::bytes of `userId`, read on the caller's session (inside its
// transaction when it has one).
std::int64_t bytesStoredBy(Poco::Data::Session& session, std::int64_t userId);

// Whether writing `newSize` bytes over an object of `oldSize` bytes (none:
// a new object) in `calendarId` would pass one of `limits`. Fills
// result.exceeded and result.used when it would.
bool writeExceedsLimits(Poco::Data::Session& session, std::int64_t calendarId, const WriteLimits& limits,
                        std::optional<std::int64_t> oldSize, std::int64_t newSize, WriteResult& result);

}  // namespace jadwal::sql
