#pragma once
// Appending to the audit trail inside a write transaction of the SQLite
// request store, for every file of it that records a change.

#include <Poco/Data/Session.h>

#include <cstdint>

#include "sql/request_store.h"

namespace jadwal::sql {

// REQUIRES: the caller holds a write transaction on `session`.
void insertAudit(Poco::Data::Session& session, std::int64_t requestId, const AuditRow& audit);

}  // namespace jadwal::sql
