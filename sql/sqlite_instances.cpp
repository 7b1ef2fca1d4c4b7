// The instance table of SqliteStore: an object's instances as rows, written
// in the object's transaction, and read a range at a time (schema 13 says
// why the rows are classed by length).
#include "sql/sqlite_instances.h"

#include <algorithm>
#include <vector>

#include "sql/sqlite_store.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

constexpr Instant kDay = 86400;
// The longest span of each class but the last (open, or longer).
constexpr Instant kClassSpan[] = {kDay, 32 * kDay};

int spanClassOf(const InstanceSpan& span) {
  if (span.start == kOpenStart || span.end == kOpenEnd) return 2;
  const Instant length = span.end - span.start;  // both finite: no overflow within 1900..2100
  if (length <= kClassSpan[0]) return 0;
  if (length <= kClassSpan[1]) return 1;
  return 2;
}

// a - b without passing kOpenStart.
Instant earlier(Instant a, Instant b) { return a < kOpenStart + b ? kOpenStart : a - b; }

}  // namespace

void writeInstanceRows(Poco::Data::Session& session, std::int64_t objectId, std::int64_t calendarId,
                       const ObjectIndex& index, bool setUntil) {
  session << "DELETE FROM object_instances WHERE object_id = ?", bind(objectId), now;
  if (setUntil)
    session << "UPDATE objects SET instances_until = ? WHERE id = ?", bind(index.instancesUntil), bind(objectId), now;
  if (index.instances.empty()) return;
  // One statement executed once per row (Poco binds the vectors row by row).
  const std::size_t n = index.instances.size();
  std::vector<std::int64_t> objects(n, objectId), calendars(n, calendarId), starts(n), ends(n), ids(n);
  std::vector<int> classes(n), busy(n);
  for (std::size_t i = 0; i < n; ++i) {
    const InstanceSpan& span = index.instances[i];
    classes[i] = spanClassOf(span);
    starts[i] = span.start;
    ends[i] = span.end;
    ids[i] = span.recurrenceId;
    busy[i] = static_cast<int>(span.busy);
  }
  session << "INSERT INTO object_instances (object_id, calendar_id, span_class, starts_at, ends_at, recurrence_id, "
             "busy) VALUES (?, ?, ?, ?, ?, ?, ?)",
      use(objects), use(calendars), use(classes), use(starts), use(ends), use(ids), use(busy), now;
}

void selectInstancesOverlapping(Statement& st, std::string_view columns, std::string_view extra,
                                std::int64_t calendarId, Instant start, Instant end) {
  for (int spanClass = 0; spanClass < 2; ++spanClass) {
    st << "SELECT " << columns << " FROM object_instances WHERE calendar_id = ? AND span_class = " << spanClass
       << " AND starts_at >= ? AND starts_at < ? AND ends_at > ? " << extra << " UNION ";
    st, bind(calendarId), bind(earlier(start, kClassSpan[spanClass])), bind(end), bind(start);
  }
  st << "SELECT " << columns << " FROM object_instances INDEXED BY object_instances_long WHERE calendar_id = ? "
     << "AND span_class = 2"
     << " AND ends_at > ? AND starts_at < ? " << extra;
  st, bind(calendarId), bind(start), bind(end);
}

std::vector<Store::InstanceWork> SqliteStore::objectsWithInstancesBefore(Instant before, std::int64_t afterId,
                                                                         std::size_t limit) {
  return guarded("objectsWithInstancesBefore", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> ids, calendars;
    std::vector<std::string> etags, icals;
    const auto count = static_cast<std::int64_t>(limit);
    lease.session() << "SELECT id, calendar_id, etag, ical FROM objects WHERE id > ? AND instances_until < ? AND "
                       "instances_until != ? ORDER BY id LIMIT ?",
        into(ids), into(calendars), into(etags), into(icals), bind(afterId), bind(before), bind(kInstancesRefused),
        bind(count), now;
    std::vector<InstanceWork> work(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
      work[i] = InstanceWork{ids[i], calendars[i], std::move(etags[i]), std::move(icals[i])};
    return work;
  });
}

std::size_t SqliteStore::writeInstances(const std::vector<InstanceUpdate>& updates) {
  return guarded("writeInstances", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    std::size_t written = 0;
    for (const InstanceUpdate& update : updates) {
      std::vector<std::int64_t> calendar;
      tx.session() << "SELECT calendar_id FROM objects WHERE id = ? AND etag = ?", into(calendar), bind(update.id),
          useRef(update.etag), now;
      if (calendar.empty()) continue;
      writeInstanceRows(tx.session(), update.id, calendar.front(), update.index, true);
      ++written;
    }
    tx.commit();
    return written;
  });
}

Store::BusyInstances SqliteStore::busyInstances(std::int64_t calendarId, Instant start, Instant end) {
  return guarded("busyInstances", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    BusyInstances answer;
    // The objects the table cannot answer for this range are read whole.
    std::vector<std::int64_t> unindexedIds;
    std::vector<Instant> firstStarts;
    answer.unindexed =
        unindexedObjects(snapshot.session(), calendarId, "VEVENT", start, end, unindexedIds, firstStarts);
    std::sort(unindexedIds.begin(), unindexedIds.end());
    std::vector<std::int64_t> objects, starts, ends, busy;
    Statement st(snapshot.session());
    selectInstancesOverlapping(st, "object_id, starts_at, ends_at, busy", "AND busy != 0", calendarId, start, end);
    st, into(objects), into(starts), into(ends), into(busy);
    st.execute();
    for (std::size_t i = 0; i < objects.size(); ++i) {
      if (std::binary_search(unindexedIds.begin(), unindexedIds.end(), objects[i])) continue;
      answer.spans.push_back(InstanceSpan{starts[i], ends[i], 0, static_cast<InstanceSpan::Busy>(busy[i])});
    }
    return answer;
  });
}

}  // namespace jadwal::sql
