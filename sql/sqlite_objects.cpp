// The calendar objects of SqliteStore: reads, time-range queries and the
// change log behind sync tokens. Writes follow the backend-neutral rules of
// sql/object_writes.h on SqliteObjectRows.
#include "sql/sqlite_store.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "sql/object_writes.h"
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

// Enough placeholders per statement to be quick, well under SQLite's limit.
constexpr std::size_t kNamesPerQuery = 200;

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
    StoredObjectRows rows;
    Statement st(lease.session());
    st << StoredObjectRows::select() << "WHERE calendar_id = ? AND name = ?";
    rows.into(st);
    st, bind(calendarId), bind(std::string(name));
    st.execute();
    return first(rows.take());
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
    std::map<std::string, StoredObject, std::less<>> found;
    for (std::size_t begin = 0; begin < names.size(); begin += kNamesPerQuery) {
      const std::size_t end = std::min(names.size(), begin + kNamesPerQuery);
      StoredObjectRows rows;
      Statement st(snapshot.session());
      st << StoredObjectRows::select() << "WHERE calendar_id = ? AND name IN (?";
      for (std::size_t i = begin + 1; i < end; ++i) st << ", ?";
      st << ")";
      rows.into(st);
      st, bind(calendarId);
      for (std::size_t i = begin; i < end; ++i) st, useRef(names[i]);
      st.execute();
      for (StoredObject& object : rows.take()) {
        std::string key = object.name;
        found.emplace(std::move(key), std::move(object));
      }
    }
    // In the order asked for, each name once.
    std::vector<StoredObject> objects;
    objects.reserve(found.size());
    for (const std::string& name : names) {
      auto it = found.find(name);
      if (it == found.end()) continue;
      objects.push_back(std::move(it->second));
      found.erase(it);
    }
    return objects;
  });
}

std::vector<ObjectMeta> SqliteStore::listObjects(std::int64_t calendarId) {
  return guarded("listObjects", [&] {
    auto lease = pool_.acquire();
    ObjectMetaRows rows;
    Statement st(lease.session());
    st << "SELECT " << ObjectMetaRows::kColumns << " FROM objects WHERE calendar_id = ? ORDER BY name";
    rows.into(st);
    st, bind(calendarId);
    st.execute();
    return rows.take();
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

std::vector<ObjectMeta> SqliteStore::objectMetasOverlapping(std::int64_t calendarId, std::string_view component,
                                                            Instant start, Instant end) {
  return guarded("objectMetasOverlapping", [&] {
    auto lease = pool_.acquire();
    ObjectMetaRows rows;
    Statement st(lease.session());
    st << "SELECT " << ObjectMetaRows::kColumns << " FROM objects ";
    whereOverlapping(st, calendarId, component, start, end);
    rows.into(st);
    st.execute();
    return rows.take();
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
    std::vector<std::string> names;
    std::vector<std::int64_t> seqs;
    std::vector<int> deleted, live;
    ObjectMetaRows rows;
    Statement st(snapshot.session());
    // The objects' columns come from objects_listing (calendar_id, name)
    // alone; a deletion's are NULL and read as empty.
    st << "SELECT c.name, c.seq, c.deleted, o.id IS NOT NULL, o.name, o.uid, o.etag, o.component, o.size, "
          "o.modified_at, o.recurring FROM changes c LEFT JOIN objects o ON o.calendar_id = c.calendar_id AND "
          "o.name = c.name "
       << changesWhere(since),
        into(names), into(seqs), into(deleted), into(live);
    rows.into(st);
    bindSince(st, calendarId, since);
    st.execute();
    set.changes.resize(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      Change& change = set.changes[i];
      change.deleted = deleted[i] != 0;
      change.seq = seqs[i];
      if (!change.deleted && live[i] != 0) rows.fill(i, change.meta.emplace());
      change.name = std::move(names[i]);
    }
    return set;
  });
}

}  // namespace jadwal::sql
