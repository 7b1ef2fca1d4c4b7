// The calendar objects of SqliteStore: reads, time-range queries and the
// change log behind sync tokens. Writes follow the backend-neutral rules of
// sql/object_writes.h on SqliteObjectRows.
#include "sql/sqlite_store.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "sql/object_writes.h"
#include "sql/sqlite_instances.h"
#include "sql/sqlite_object_rows.h"
#include "sql/sqlite_rows.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

// The columns of ObjectMeta; listObjects reads only these, never the text.
struct ObjectMetaRows {
  std::vector<std::string> name, uid, etag, component;
  std::vector<std::int64_t> size, modifiedAt;
  std::vector<int> recurring;

  static constexpr const char* kColumns = "name, uid, etag, component, size, modified_at, recurring";

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(name), into(uid), into(etag), into(component), into(size), into(modifiedAt), into(recurring);
  }
  void fill(std::size_t i, ObjectMeta& meta) {
    meta.name = std::move(name[i]);
    meta.uid = std::move(uid[i]);
    meta.etag = std::move(etag[i]);
    meta.component = std::move(component[i]);
    meta.size = size[i];
    meta.modifiedAt = modifiedAt[i];
    meta.recurring = recurring[i] != 0;
  }
  std::vector<ObjectMeta> take() {
    std::vector<ObjectMeta> objects(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) fill(i, objects[i]);
    return objects;
  }
};

struct StoredObjectRows {
  ObjectMetaRows meta;
  std::vector<std::int64_t> firstStart, lastEnd;
  std::vector<std::string> ical;

  static std::string select() {
    return std::string("SELECT ") + ObjectMetaRows::kColumns + ", first_start, last_end, ical FROM objects ";
  }

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    meta.into(st);
    st, into(firstStart), into(lastEnd), into(ical);
  }
  std::vector<StoredObject> take() {
    std::vector<StoredObject> objects(ical.size());
    for (std::size_t i = 0; i < ical.size(); ++i) {
      StoredObject& o = objects[i];
      meta.fill(i, o);
      o.ical = std::move(ical[i]);
      o.index.uid = o.uid;
      o.index.component = o.component;
      o.index.firstStart = firstStart[i];
      o.index.lastEnd = lastEnd[i];
      o.index.recurring = o.recurring;
    }
    return objects;
  }
};

// One object by name, from a kept statement (a GET reads one per request):
// the columns of StoredObjectRows.
constexpr const char* kObjectByName =
    "SELECT name, uid, etag, component, size, modified_at, recurring, first_start, last_end, ical FROM objects "
    "WHERE calendar_id = ? AND name = ?";

std::optional<StoredObject> nextObject(SqliteStatements::Use& use) {
  if (!use.step()) return std::nullopt;
  StoredObject o;
  o.name = use.text(0);
  o.uid = use.text(1);
  o.etag = use.text(2);
  o.component = use.text(3);
  o.size = use.integer(4);
  o.modifiedAt = use.integer(5);
  o.recurring = use.integer(6) != 0;
  o.index.firstStart = use.integer(7);
  o.index.lastEnd = use.integer(8);
  o.ical = use.text(9);
  o.index.uid = o.uid;
  o.index.component = o.component;
  o.index.recurring = o.recurring;
  return o;
}

constexpr const char* kListing =
    "SELECT name, uid, etag, component, size, modified_at, recurring FROM objects WHERE calendar_id = ? ORDER BY "
    "name";

// The columns of ObjectMetaRows::kColumns from `first` on.
void readMeta(const SqliteStatements::Use& use, int first, ObjectMeta& meta) {
  meta.name = use.text(first);
  meta.uid = use.text(first + 1);
  meta.etag = use.text(first + 2);
  meta.component = use.text(first + 3);
  meta.size = use.integer(first + 4);
  meta.modifiedAt = use.integer(first + 5);
  meta.recurring = use.integer(first + 6) != 0;
}

// The condition and order of an overlap query, bound: a range scan of
// objects_by_start (or objects_by_end) that tests the other bound inside the
// index. Objects and their metadata are selected by the same rule.
void whereOverlapping(Statement& st, std::int64_t calendarId, std::string_view component, Instant start, Instant end) {
  st << "WHERE calendar_id = ? AND first_start < ? AND last_end > ?";
  if (!component.empty()) st << " AND component = ?";
  st << " ORDER BY first_start, name";
  st, bind(calendarId), bind(end), bind(start);
  if (!component.empty()) st, bind(std::string(component));
}

}  // namespace

// --- calendar objects ---

WriteResult SqliteStore::putObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                                   const std::string& etag, const ObjectIndex& index, const Precondition& pre) {
  return guarded("putObject", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    SqliteObjectRows rows(tx.session());
    const WriteResult result = putObjectRows(rows, calendarId, name, ical, etag, index, pre, clock_.now());
    tx.commit();  // a refused write wrote nothing
    return result;
  });
}

WriteResult SqliteStore::deleteObject(std::int64_t calendarId, const std::string& name, const Precondition& pre) {
  return guarded("deleteObject", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    SqliteObjectRows rows(tx.session());
    const WriteResult result = deleteObjectRows(rows, calendarId, name, pre);
    tx.commit();
    return result;
  });
}

std::optional<StoredObject> SqliteStore::getObject(std::int64_t calendarId, std::string_view name) {
  return guarded("getObject", [&] {
    auto lease = pool_.acquire();
    auto use = lease.statements().use(kObjectByName);
    use.bind(calendarId).bind(name);
    return nextObject(use);
  });
}

std::optional<StoredObject> SqliteStore::findObjectByUid(std::int64_t calendarId, std::string_view uid) {
  return guarded("findObjectByUid", [&] {
    auto lease = pool_.acquire();
    StoredObjectRows rows;
    Statement st(lease.session());
    st << StoredObjectRows::select() << "WHERE calendar_id = ? AND uid = ?";
    rows.into(st);
    st, bind(calendarId), bind(std::string(uid));
    st.execute();
    return first(rows.take());
  });
}

std::vector<StoredObject> SqliteStore::getObjects(std::int64_t calendarId, const std::vector<std::string>& names) {
  return guarded("getObjects", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    // One kept statement per name, in one snapshot: cheaper than compiling
    // an IN list for every batch, and in the order asked for.
    std::set<std::string_view> seen;
    std::vector<StoredObject> objects;
    objects.reserve(names.size());
    for (const std::string& name : names) {
      if (!seen.insert(name).second) continue;  // each name once
      auto use = lease.statements().use(kObjectByName);
      use.bind(calendarId).bind(name);
      if (auto object = nextObject(use)) objects.push_back(std::move(*object));
    }
    return objects;
  });
}

std::vector<ObjectMeta> SqliteStore::listObjects(std::int64_t calendarId) {
  return guarded("listObjects", [&] {
    auto lease = pool_.acquire();
    // A kept statement read row by row: a listing of thousands of objects
    // spent most of its time in Poco's per-value extraction.
    auto use = lease.statements().use(kListing);
    use.bind(calendarId);
    std::vector<ObjectMeta> objects;
    while (use.step()) readMeta(use, 0, objects.emplace_back());
    return objects;
  });
}

std::vector<StoredObject> SqliteStore::allObjects(std::int64_t calendarId) {
  return guarded("allObjects", [&] {
    auto lease = pool_.acquire();
    StoredObjectRows rows;
    Statement st(lease.session());
    st << StoredObjectRows::select() << "WHERE calendar_id = ? ORDER BY name";
    rows.into(st);
    st, bind(calendarId);
    st.execute();
    return rows.take();
  });
}

std::vector<StoredObject> SqliteStore::objectsOverlapping(std::int64_t calendarId, std::string_view component,
                                                          Instant start, Instant end) {
  return guarded("objectsOverlapping", [&] {
    auto lease = pool_.acquire();
    StoredObjectRows rows;
    Statement st(lease.session());
    st << StoredObjectRows::select();
    whereOverlapping(st, calendarId, component, start, end);
    rows.into(st);
    st.execute();
    return rows.take();
  });
}

std::vector<ObjectMeta> unindexedObjects(Session& session, std::int64_t calendarId, std::string_view component,
                                         Instant start, Instant end, std::vector<std::int64_t>& ids,
                                         std::vector<Instant>& firstStarts) {
  ObjectMetaRows rows;
  Statement st(session);
  st << "SELECT " << ObjectMetaRows::kColumns << ", id, first_start FROM objects WHERE calendar_id = ? "
     << "AND instances_until < ? AND first_start < ? AND last_end > ?";
  st, bind(calendarId), bind(end), bind(end), bind(start);
  if (!component.empty()) {
    st << " AND component = ?";
    st, bind(std::string(component));
  }
  rows.into(st);
  st, into(ids), into(firstStarts);
  st.execute();
  return rows.take();
}

std::vector<ObjectMeta> SqliteStore::objectMetasOverlapping(std::int64_t calendarId, std::string_view component,
                                                            Instant start, Instant end) {
  return guarded("objectMetasOverlapping", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    // Objects whose kept instances overlap, read by the rows of the range
    // alone; those kept up to past `end` overlap exactly.
    ObjectMetaRows rows;
    std::vector<Instant> firstStarts, until;
    Statement st(snapshot.session());
    st << "SELECT " << ObjectMetaRows::kColumns << ", first_start, instances_until FROM objects WHERE id IN (";
    selectInstancesOverlapping(st, "object_id", "", calendarId, start, end);
    st << ")";
    if (!component.empty()) {
      st << " AND component = ?";
      st, bind(std::string(component));
    }
    rows.into(st);
    st, into(firstStarts), into(until);
    st.execute();
    std::vector<ObjectMeta> found = rows.take();
    for (std::size_t i = 0; i < found.size(); ++i) found[i].recurring = until[i] < end;
    // And those the table does not hold that far, which the caller checks.
    std::vector<std::int64_t> ids;
    std::vector<Instant> unindexedStarts;
    std::vector<ObjectMeta> unindexed =
        unindexedObjects(snapshot.session(), calendarId, component, start, end, ids, unindexedStarts);
    for (std::size_t i = 0; i < unindexed.size(); ++i) {
      const auto& name = unindexed[i].name;
      if (std::any_of(found.begin(), found.end(), [&](const ObjectMeta& m) { return m.recurring && m.name == name; }))
        continue;
      unindexed[i].recurring = true;
      found.push_back(std::move(unindexed[i]));
      firstStarts.push_back(unindexedStarts[i]);
    }
    // By first start, then name, as the span index listed them.
    std::vector<std::size_t> order(found.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return firstStarts[a] != firstStarts[b] ? firstStarts[a] < firstStarts[b] : found[a].name < found[b].name;
    });
    std::vector<ObjectMeta> answer;
    answer.reserve(found.size());
    for (std::size_t i : order) answer.push_back(std::move(found[i]));
    return answer;
  });
}

namespace {

// The head of a change set: the calendar's sequence, and whether `since` is
// one of its tokens. False when there is nothing more to read.
bool readChangeHead(Session& s, std::int64_t calendarId, std::int64_t since, ChangeSet& set) {
  std::vector<std::int64_t> seq, floor;
  s << "SELECT sync_seq, sync_floor FROM calendars WHERE id = ?", into(seq), into(floor), bind(calendarId), now;
  if (seq.empty()) return false;
  set.current = seq.front();
  if (since < 0 || since > set.current) return false;
  // 0 asks for everything there is, which needs no deletion.
  if (since != 0 && since < floor.front()) {
    set.expired = true;
    return false;
  }
  set.valid = true;
  return true;
}

// Initial sync (0): every live object, and no deletions the client never saw.
const char* changesWhere(std::int64_t since) {
  return since == 0 ? "WHERE c.calendar_id = ? AND c.deleted = 0 ORDER BY c.seq"
                    : "WHERE c.calendar_id = ? AND c.seq > ? ORDER BY c.seq";
}

#define JADWAL_CHANGED_OBJECTS                                                                                     \
  "SELECT c.name, c.seq, c.deleted, o.id IS NOT NULL, o.name, o.uid, o.etag, o.component, o.size, o.modified_at, " \
  "o.recurring FROM changes c LEFT JOIN objects o ON o.calendar_id = c.calendar_id AND o.name = c.name "
constexpr const char* kInitialChangedObjects =
    JADWAL_CHANGED_OBJECTS "WHERE c.calendar_id = ? AND c.deleted = 0 ORDER BY c.seq";
constexpr const char* kChangedObjectsSince =
    JADWAL_CHANGED_OBJECTS "WHERE c.calendar_id = ? AND c.seq > ? ORDER BY c.seq";
#undef JADWAL_CHANGED_OBJECTS

void bindSince(Statement& st, std::int64_t calendarId, std::int64_t since) {
  st, bind(calendarId);
  if (since != 0) st, bind(since);
}

}  // namespace

ChangeSet SqliteStore::changesSince(std::int64_t calendarId, std::int64_t since) {
  return guarded("changesSince", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    ChangeSet set;
    if (!readChangeHead(snapshot.session(), calendarId, since, set)) return set;
    std::vector<std::string> names;
    std::vector<std::int64_t> seqs;
    std::vector<int> deleted;
    Statement st(snapshot.session());
    st << "SELECT c.name, c.seq, c.deleted FROM changes c " << changesWhere(since), into(names), into(seqs),
        into(deleted);
    bindSince(st, calendarId, since);
    st.execute();
    set.changes.resize(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      set.changes[i] = Change{std::move(names[i]), deleted[i] != 0, seqs[i], std::nullopt};
    }
    return set;
  });
}

ChangeSet SqliteStore::changedObjectsSince(std::int64_t calendarId, std::int64_t since) {
  return guarded("changedObjectsSince", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    ChangeSet set;
    if (!readChangeHead(snapshot.session(), calendarId, since, set)) return set;
    // The objects' columns come from objects_listing (calendar_id, name)
    // alone; a deletion's are NULL.
    auto use = lease.statements().use(since == 0 ? kInitialChangedObjects : kChangedObjectsSince);
    use.bind(calendarId);
    if (since != 0) use.bind(since);
    while (use.step()) {
      Change& change = set.changes.emplace_back();
      change.name = use.text(0);
      change.seq = use.integer(1);
      change.deleted = use.integer(2) != 0;
      if (!change.deleted && use.integer(3) != 0) readMeta(use, 4, change.meta.emplace());
    }
    return set;
  });
}

}  // namespace jadwal::sql
