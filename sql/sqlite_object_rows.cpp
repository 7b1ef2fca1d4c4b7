#include "sql/sqlite_object_rows.h"

#include <Poco/Data/Statement.h>

#include <vector>

#include "sql/sqlite_instances.h"
#include "sql/sqlite_quota.h"
#include "sql/sqlite_rows.h"

namespace jadwal::sql {

using namespace Poco::Data::Keywords;

std::optional<std::int64_t> SqliteObjectRows::lockCalendar(std::int64_t calendarId) {
  // The transaction holds the database's write lock already.
  std::vector<std::int64_t> seq;
  s_ << "SELECT sync_seq FROM calendars WHERE id = ?", into(seq), bind(calendarId), now;
  return first(std::move(seq));
}

std::optional<ObjectRows::Row> SqliteObjectRows::findByName(std::int64_t calendarId, const std::string& name) {
  std::vector<std::string> uid, etag;
  std::vector<std::int64_t> size;
  s_ << "SELECT uid, etag, size FROM objects WHERE calendar_id = ? AND name = ?", into(uid), into(etag), into(size),
      bind(calendarId), useRef(name), now;
  if (uid.empty()) return std::nullopt;
  return Row{std::move(uid.front()), std::move(etag.front()), size.front()};
}

std::optional<std::string> SqliteObjectRows::nameHoldingUid(std::int64_t calendarId, const std::string& uid,
                                                            const std::string& exceptName) {
  std::vector<std::string> holder;
  s_ << "SELECT name FROM objects WHERE calendar_id = ? AND uid = ? AND name <> ?", into(holder), bind(calendarId),
      useRef(uid), useRef(exceptName), now;
  return first(std::move(holder));
}

void SqliteObjectRows::insertObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                                    const std::string& etag, const ObjectIndex& index, Instant modifiedAt) {
  const auto size = static_cast<std::int64_t>(ical.size());
  const int recurring = index.recurring ? 1 : 0;
  s_ << "INSERT INTO objects (calendar_id, name, uid, etag, component, size, modified_at, first_start, "
        "last_end, recurring, instances_until, ical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      bind(calendarId), useRef(name), useRef(index.uid), useRef(etag), useRef(index.component), bind(size),
      bind(modifiedAt), bind(index.firstStart), bind(index.lastEnd), bind(recurring), bind(index.instancesUntil),
      useRef(ical), now;
  if (index.instances.empty()) return;  // a new object has no rows to replace
  std::int64_t id = 0;
  s_ << "SELECT last_insert_rowid()", into(id), now;
  writeInstanceRows(s_, id, calendarId, index, false);
}

void SqliteObjectRows::updateObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                                    const std::string& etag, const ObjectIndex& index, Instant modifiedAt) {
  const auto size = static_cast<std::int64_t>(ical.size());
  const int recurring = index.recurring ? 1 : 0;
  s_ << "UPDATE objects SET uid = ?, etag = ?, component = ?, size = ?, modified_at = ?, first_start = ?, "
        "last_end = ?, recurring = ?, instances_until = ?, ical = ? WHERE calendar_id = ? AND name = ?",
      useRef(index.uid), useRef(etag), useRef(index.component), bind(size), bind(modifiedAt), bind(index.firstStart),
      bind(index.lastEnd), bind(recurring), bind(index.instancesUntil), useRef(ical), bind(calendarId), useRef(name),
      now;
  std::int64_t id = 0;
  s_ << "SELECT id FROM objects WHERE calendar_id = ? AND name = ?", into(id), bind(calendarId), useRef(name), now;
  writeInstanceRows(s_, id, calendarId, index, false);
}

void SqliteObjectRows::deleteObject(std::int64_t calendarId, const std::string& name) {
  s_ << "DELETE FROM objects WHERE calendar_id = ? AND name = ?", bind(calendarId), useRef(name), now;
  s_ << "DELETE FROM dead_props WHERE calendar_id = ? AND resource = ?", bind(calendarId), useRef(name), now;
}

void SqliteObjectRows::setSyncSeq(std::int64_t calendarId, std::int64_t seq) {
  s_ << "UPDATE calendars SET sync_seq = ? WHERE id = ?", bind(seq), bind(calendarId), now;
}

void SqliteObjectRows::recordChange(std::int64_t calendarId, const std::string& name, std::int64_t seq, bool deleted) {
  s_ << "INSERT INTO changes (calendar_id, name, seq, deleted) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (calendar_id, name) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted",
      bind(calendarId), useRef(name), bind(seq), bind(deleted ? 1 : 0), now;
}

std::optional<std::int64_t> SqliteObjectRows::deletionBehind(std::int64_t calendarId, std::int64_t newer) {
  // Walks at most `newer` entries of the deletions index.
  std::vector<std::int64_t> seq;
  s_ << "SELECT seq FROM changes WHERE calendar_id = ? AND deleted = 1 ORDER BY seq DESC LIMIT 1 OFFSET ?", into(seq),
      bind(calendarId), bind(newer), now;
  return first(std::move(seq));
}

void SqliteObjectRows::forgetDeletionsUpTo(std::int64_t calendarId, std::int64_t seq) {
  s_ << "DELETE FROM changes WHERE calendar_id = ? AND deleted = 1 AND seq <= ?", bind(calendarId), bind(seq), now;
  s_ << "UPDATE calendars SET sync_floor = MAX(sync_floor, ?) WHERE id = ?", bind(seq), bind(calendarId), now;
}

std::int64_t SqliteObjectRows::objectCount(std::int64_t calendarId) {
  std::int64_t objects = 0;
  s_ << "SELECT COUNT(*) FROM objects WHERE calendar_id = ?", into(objects), bind(calendarId), now;
  return objects;
}

std::int64_t SqliteObjectRows::bytesOfOwner(std::int64_t calendarId) {
  std::vector<std::int64_t> owner;
  s_ << "SELECT owner_id FROM calendars WHERE id = ?", into(owner), bind(calendarId), now;
  return owner.empty() ? 0 : bytesStoredBy(s_, owner.front());
}

}  // namespace jadwal::sql
