#pragma once
// What a user stores, as the SQLite store counts it for quotas (RFC 4331):
// shared by usageOf, the rows object writes check quotas on, and property
// writes.

#include <Poco/Data/Session.h>

#include <cstdint>

#include "sql/store.h"

namespace jadwal::sql {

// Usage::bytes of `userId`, read on the caller's session (inside its
// transaction when it has one).
std::int64_t bytesStoredBy(Poco::Data::Session& session, std::int64_t userId);

}  // namespace jadwal::sql
