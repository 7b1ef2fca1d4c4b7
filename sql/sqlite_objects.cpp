// The calendar objects of SqliteStore: writes under If-Match/If-None-Match,
// reads, time-range queries and the change log behind sync tokens.
#include "sql/sqlite_store.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <utility>

#include "sql/sqlite_quota.h"
#include "sql/sqlite_rows.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// --- If-Match ---

// Strong comparison (RFC 9110 section 13.1.1) of `current` against an
// If-Match value: "*" or a list of entity tags. Weak tags never match.
bool ifMatchAccepts(std::string_view header, std::string_view current) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    const char c = header[pos];
    if (c == ' ' || c == '\t' || c == ',') {
      ++pos;
    } else if (c == '*') {
      return true;
    } else {
      const bool weak = header.substr(pos).starts_with("W/");
      if (weak) pos += 2;
      if (pos >= header.size() || header[pos] != '"') return false;  // malformed: match nothing
      const auto close = header.find('"', pos + 1);
      if (close == std::string_view::npos) return false;
      if (!weak && header.substr(pos, close - pos + 1) == current) return true;
      pos = close + 1;
    }
  }
  return false;
}

bool preconditionHolds(const Precondition& pre, const std::optional<std::string>& currentEtag) {
  if (pre.ifNoneMatchAny && currentEtag) return false;
  if (pre.ifMatch) return currentEtag && ifMatchAccepts(*pre.ifMatch, *currentEtag);
  return true;
}

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

struct ObjectRows {
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

// --- statements of the object writes ---

std::optional<std::int64_t> syncSeqOf(Session& s, std::int64_t calendarId) {
  std::vector<std::int64_t> seq;
  s << "SELECT sync_seq FROM calendars WHERE id = ?", into(seq), bind(calendarId), now;
  return first(std::move(seq));
}

std::optional<std::string> etagOf(Session& s, std::int64_t calendarId, const std::string& name) {
  std::vector<std::string> etag;
  s << "SELECT etag FROM objects WHERE calendar_id = ? AND name = ?", into(etag), bind(calendarId), useRef(name), now;
  return first(std::move(etag));
}

// The name under which another object of the calendar holds `uid`, if any.
std::optional<std::string> otherHolderOfUid(Session& s, std::int64_t calendarId, const std::string& uid,
                                            const std::string& name) {
  std::vector<std::string> holder;
  s << "SELECT name FROM objects WHERE calendar_id = ? AND uid = ? AND name <> ?", into(holder), bind(calendarId),
      useRef(uid), useRef(name), now;
  return first(std::move(holder));
}

std::int64_t sizeOf(Session& s, std::int64_t calendarId, const std::string& name) {
  std::vector<std::int64_t> size;
  s << "SELECT size FROM objects WHERE calendar_id = ? AND name = ?", into(size), bind(calendarId), useRef(name), now;
  return size.empty() ? 0 : size.front();
}

std::optional<std::string> uidAt(Session& s, std::int64_t calendarId, const std::string& name) {
  std::vector<std::string> uid;
  s << "SELECT uid FROM objects WHERE calendar_id = ? AND name = ?", into(uid), bind(calendarId), useRef(name), now;
  return first(std::move(uid));
}

// Moves the calendar to `seq` and makes `seq` the latest change of `name`.
void recordChange(Session& s, std::int64_t calendarId, const std::string& name, std::int64_t seq, bool deleted) {
  s << "UPDATE calendars SET sync_seq = ? WHERE id = ?", bind(seq), bind(calendarId), now;
  s << "INSERT INTO changes (calendar_id, name, seq, deleted) VALUES (?, ?, ?, ?) "
       "ON CONFLICT (calendar_id, name) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted",
      bind(calendarId), useRef(name), bind(seq), bind(deleted ? 1 : 0), now;
}

// Forgets the deletions of a calendar older than its newest `kept`, and
// moves its sync floor past them: a token from before one of them cannot be
// answered any more. Walks at most `kept` entries of the deletions index.
void pruneDeletions(Session& s, std::int64_t calendarId, std::int64_t kept) {
  std::vector<std::int64_t> newestPruned;
  s << "SELECT seq FROM changes WHERE calendar_id = ? AND deleted = 1 ORDER BY seq DESC LIMIT 1 OFFSET ?",
      into(newestPruned), bind(calendarId), bind(std::max<std::int64_t>(kept, 0)), now;
  if (newestPruned.empty()) return;
  s << "DELETE FROM changes WHERE calendar_id = ? AND deleted = 1 AND seq <= ?", bind(calendarId),
      bind(newestPruned.front()), now;
  s << "UPDATE calendars SET sync_floor = MAX(sync_floor, ?) WHERE id = ?", bind(newestPruned.front()),
      bind(calendarId), now;
}

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
    Session& s = tx.session();
    WriteResult result;
    const auto seq = syncSeqOf(s, calendarId);
    if (!seq) return result;  // NotFound: no such calendar
    result.syncSeq = *seq;
    const auto currentEtag = etagOf(s, calendarId, name);
    if (!preconditionHolds(pre, currentEtag)) {
      result.status = WriteStatus::PreconditionFailed;
      return result;
    }
    if (auto holder = otherHolderOfUid(s, calendarId, index.uid, name)) {
      result.status = WriteStatus::UidConflict;
      result.conflictName = std::move(*holder);
      return result;
    }
    // A resource keeps its UID (RFC 4791 5.3.2.1): another UID needs another name.
    if (currentEtag && uidAt(s, calendarId, name) != index.uid) {
      result.status = WriteStatus::UidConflict;
      result.conflictName = name;
      return result;
    }
    const std::int64_t size = static_cast<std::int64_t>(ical.size());
    if (pre.limits.ownerBytes || pre.limits.calendarObjects) {
      std::optional<std::int64_t> oldSize;
      if (currentEtag) oldSize = sizeOf(s, calendarId, name);
      if (writeExceedsLimits(s, calendarId, pre.limits, oldSize, size, result)) {
        result.status = WriteStatus::QuotaExceeded;
        return result;
      }
    }
    const int recurring = index.recurring ? 1 : 0;
    if (currentEtag) {
      s << "UPDATE objects SET uid = ?, etag = ?, component = ?, size = ?, modified_at = ?, first_start = ?, "
           "last_end = ?, recurring = ?, ical = ? WHERE calendar_id = ? AND name = ?",
          useRef(index.uid), useRef(etag), useRef(index.component), bind(size), bind(nowSeconds()),
          bind(index.firstStart), bind(index.lastEnd), bind(recurring), useRef(ical), bind(calendarId), useRef(name),
          now;
    } else {
      s << "INSERT INTO objects (calendar_id, name, uid, etag, component, size, modified_at, first_start, "
           "last_end, recurring, ical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          bind(calendarId), useRef(name), useRef(index.uid), useRef(etag), useRef(index.component), bind(size),
          bind(nowSeconds()), bind(index.firstStart), bind(index.lastEnd), bind(recurring), useRef(ical), now;
    }
    recordChange(s, calendarId, name, *seq + 1, false);
    tx.commit();
    result.status = currentEtag ? WriteStatus::Updated : WriteStatus::Created;
    result.etag = etag;
    result.syncSeq = *seq + 1;
    return result;
  });
}

WriteResult SqliteStore::deleteObject(std::int64_t calendarId, const std::string& name, const Precondition& pre) {
  return guarded("deleteObject", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    WriteResult result;
    const auto seq = syncSeqOf(s, calendarId);
    if (!seq) return result;
    result.syncSeq = *seq;
    const auto currentEtag = etagOf(s, calendarId, name);
    if (!currentEtag) return result;
    if (!preconditionHolds(pre, currentEtag)) {
      result.status = WriteStatus::PreconditionFailed;
      return result;
    }
    s << "DELETE FROM objects WHERE calendar_id = ? AND name = ?", bind(calendarId), useRef(name), now;
    s << "DELETE FROM dead_props WHERE calendar_id = ? AND resource = ?", bind(calendarId), useRef(name), now;
    recordChange(s, calendarId, name, *seq + 1, true);
    if (pre.keptDeletions) pruneDeletions(s, calendarId, *pre.keptDeletions);
    tx.commit();
    result.status = WriteStatus::Deleted;
    result.syncSeq = *seq + 1;
    return result;
  });
}

std::optional<StoredObject> SqliteStore::getObject(std::int64_t calendarId, std::string_view name) {
  return guarded("getObject", [&] {
    auto lease = pool_.acquire();
    ObjectRows rows;
    Statement st(lease.session());
    st << ObjectRows::select() << "WHERE calendar_id = ? AND name = ?";
    rows.into(st);
    st, bind(calendarId), bind(std::string(name));
    st.execute();
    return first(rows.take());
  });
}

std::optional<StoredObject> SqliteStore::findObjectByUid(std::int64_t calendarId, std::string_view uid) {
  return guarded("findObjectByUid", [&] {
    auto lease = pool_.acquire();
    ObjectRows rows;
    Statement st(lease.session());
    st << ObjectRows::select() << "WHERE calendar_id = ? AND uid = ?";
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
      ObjectRows rows;
      Statement st(snapshot.session());
      st << ObjectRows::select() << "WHERE calendar_id = ? AND name IN (?";
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
    ObjectRows rows;
    Statement st(lease.session());
    st << ObjectRows::select() << "WHERE calendar_id = ? ORDER BY name";
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
    ObjectRows rows;
    Statement st(lease.session());
    st << ObjectRows::select();
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

ChangeSet SqliteStore::changesSince(std::int64_t calendarId, std::int64_t since) {
  return guarded("changesSince", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    Session& s = snapshot.session();
    ChangeSet set;
    std::vector<std::int64_t> seq, floor;
    s << "SELECT sync_seq, sync_floor FROM calendars WHERE id = ?", into(seq), into(floor), bind(calendarId), now;
    if (seq.empty()) return set;
    set.current = seq.front();
    if (since < 0 || since > set.current) return set;
    // 0 asks for everything there is, which needs no deletion.
    if (since != 0 && since < floor.front()) {
      set.expired = true;
      return set;
    }
    set.valid = true;
    std::vector<std::string> names;
    std::vector<std::int64_t> seqs;
    std::vector<int> deleted;
    if (since == 0) {
      // Initial sync: every live object, and no deletions the client never saw.
      s << "SELECT name, seq, deleted FROM changes WHERE calendar_id = ? AND deleted = 0 ORDER BY seq", into(names),
          into(seqs), into(deleted), bind(calendarId), now;
    } else {
      s << "SELECT name, seq, deleted FROM changes WHERE calendar_id = ? AND seq > ? ORDER BY seq", into(names),
          into(seqs), into(deleted), bind(calendarId), bind(since), now;
    }
    set.changes.resize(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      set.changes[i] = Change{std::move(names[i]), deleted[i] != 0, seqs[i]};
    }
    return set;
  });
}

}  // namespace jadwal::sql
