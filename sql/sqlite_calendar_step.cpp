// The calendar-step methods of the SQLite request store: whether a request's
// events are in step with it (CalendarStep in request_store.h). The marks
// themselves are set by updateRequest, createRequest and the triggers on
// objects (sqlite_schema.cpp).

#include <Poco/Data/Statement.h>

#include <vector>

#include "sql/sqlite_audit.h"
#include "sql/sqlite_request_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

CalendarStep SqliteRequestStore::calendarStep(std::int64_t requestId) {
  return guarded("calendarStep", [&] {
    auto lease = pool_.acquire();
    std::vector<int> pending;
    lease.session() << "SELECT calendar_pending FROM requests WHERE id = ?", into(pending), bind(requestId), now;
    if (pending.empty() || pending.front() == 0) return CalendarStep::InStep;
    return pending.front() == 2 ? CalendarStep::EventChanged : CalendarStep::RequestChanged;
  });
}

std::vector<std::int64_t> SqliteRequestStore::requestsOutOfStep(std::int64_t after, int limit) {
  return guarded("requestsOutOfStep", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> ids;
    lease.session() << "SELECT id FROM requests WHERE calendar_pending != 0 AND id > ? ORDER BY id LIMIT ?", into(ids),
        bind(after), bind(static_cast<std::int64_t>(limit)), now;
    return ids;
  });
}

bool SqliteRequestStore::recordCalendarLinks(const RequestRow& row, Instant at, bool inStep,
                                             const std::optional<AuditRow>& audit) {
  return guarded("recordCalendarLinks", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    const int clears = inStep ? 1 : 0;
    Statement st(s);
    st << "UPDATE requests SET version = version + 1, updated_at = ?, hold_calendar_id = ?, hold_object_name = ?, "
          "event_calendar_id = ?, event_object_name = ?, representative_calendar_id = ?, "
          "representative_object_name = ?, calendar_pending = CASE WHEN ? THEN 0 ELSE calendar_pending END "
          "WHERE id = ? AND version = ?",
        bind(at), useRef(row.holdCalendarId), useRef(row.holdObjectName), useRef(row.eventCalendarId),
        useRef(row.eventObjectName), useRef(row.representativeCalendarId), useRef(row.representativeObjectName),
        bind(clears), bind(row.id), bind(row.version);
    if (st.execute() == 0) return false;  // moved on, or gone: the destructor rolls back
    if (audit) insertAudit(s, row.id, *audit);
    tx.commit();
    return true;
  });
}

bool SqliteRequestStore::clearEventChanged(std::int64_t requestId, std::int64_t version) {
  return guarded("clearEventChanged", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Statement st(tx.session());
    st << "UPDATE requests SET calendar_pending = 0 WHERE id = ? AND version = ? AND calendar_pending = 2",
        bind(requestId), bind(version);
    const bool cleared = st.execute() > 0;
    tx.commit();
    return cleared;
  });
}

}  // namespace jadwal::sql
