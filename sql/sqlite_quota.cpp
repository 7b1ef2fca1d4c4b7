// Quotas of the SQLite store: what a user stores.
#include "sql/sqlite_quota.h"

#include <Poco/Data/Statement.h>

#include <vector>

#include "sql/sqlite_rows.h"
#include "sql/sqlite_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

// Properties are counted in bytes of their UTF-8 text, as they are stored.
constexpr const char* kBytesStoredBy =
    "SELECT (SELECT COALESCE(SUM(o.size), 0) FROM objects o JOIN calendars c ON c.id = o.calendar_id "
    "        WHERE c.owner_id = ?)"
    " + (SELECT COALESCE(SUM(LENGTH(CAST(d.xml AS BLOB))), 0) FROM dead_props d "
    "    JOIN calendars c ON c.id = d.calendar_id WHERE c.owner_id = ?)"
    " + (SELECT COALESCE(SUM(LENGTH(CAST(p.xml AS BLOB))), 0) FROM user_props p WHERE p.user_id = ?)";

}  // namespace

std::int64_t bytesStoredBy(Poco::Data::Session& session, std::int64_t userId) {
  std::int64_t bytes = 0;
  session << kBytesStoredBy, into(bytes), bind(userId), bind(userId), bind(userId), now;
  return bytes;
}

Usage SqliteStore::usageOf(std::int64_t userId) {
  return guarded("usageOf", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    Poco::Data::Session& s = snapshot.session();
    Usage usage;
    s << "SELECT COUNT(*) FROM calendars WHERE owner_id = ?", into(usage.calendars), bind(userId), now;
    s << "SELECT COUNT(*) FROM objects o JOIN calendars c ON c.id = o.calendar_id WHERE c.owner_id = ?",
        into(usage.objects), bind(userId), now;
    usage.bytes = bytesStoredBy(s, userId);
    return usage;
  });
}

}  // namespace jadwal::sql
