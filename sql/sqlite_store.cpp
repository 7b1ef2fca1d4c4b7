#include "sql/sqlite_store.h"

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

#include "sql/sqlite_schema.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Database failures leave the store as StoreError naming the operation;
// StoreError thrown on purpose passes through unchanged.
template <typename Fn>
auto guarded(std::string_view operation, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Poco::Exception& e) {
    throw StoreError("store: " + std::string(operation) + " failed: " + e.displayText());
  }
}

// A consistent view over several SELECTs, so that for instance a sync token
// and the changes listed under it come from the same moment.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SqliteSessionPool::Lease& lease) : lease_(lease) { session() << "BEGIN", now; }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    try {
      session() << "COMMIT", now;
    } catch (...) {
      lease_.discard();
    }
  }
  Session& session() { return lease_.session(); }

 private:
  SqliteSessionPool::Lease& lease_;
};

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

// --- rows ---

struct UserRows {
  std::vector<std::int64_t> id;
  std::vector<std::string> name, role, displayName, passwordHash;
  std::vector<int> disabled;

  static constexpr const char* kSelect = "SELECT id, name, role, display_name, password_hash, disabled FROM users ";

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(id), into(name), into(role), into(displayName), into(passwordHash), into(disabled);
  }
  std::vector<User> take() {
    std::vector<User> users(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      users[i].id = id[i];
      users[i].name = std::move(name[i]);
      // An unknown role in the file grants the least.
      users[i].role = parseRole(role[i]).value_or(Role::Viewer);
      users[i].displayName = std::move(displayName[i]);
      users[i].passwordHash = std::move(passwordHash[i]);
      users[i].disabled = disabled[i] != 0;
    }
    return users;
  }
};

struct CalendarRows {
  std::vector<std::int64_t> id, ownerId, syncSeq, createdAt;
  std::vector<std::string> ownerName, slug, displayName, description, color, timezone, components;

  static constexpr const char* kSelect =
      "SELECT c.id, c.owner_id, u.name, c.slug, c.display_name, c.description, c.color, c.timezone, "
      "c.components, c.sync_seq, c.created_at FROM calendars c JOIN users u ON u.id = c.owner_id ";

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(id), into(ownerId), into(ownerName), into(slug), into(displayName), into(description), into(color),
        into(timezone), into(components), into(syncSeq), into(createdAt);
  }
  std::vector<Calendar> take() {
    std::vector<Calendar> calendars(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      Calendar& c = calendars[i];
      c.id = id[i];
      c.ownerId = ownerId[i];
      c.ownerName = std::move(ownerName[i]);
      c.slug = std::move(slug[i]);
      c.displayName = std::move(displayName[i]);
      c.description = std::move(description[i]);
      c.color = std::move(color[i]);
      c.timezone = std::move(timezone[i]);
      c.components = std::move(components[i]);
      c.syncSeq = syncSeq[i];
      c.createdAt = createdAt[i];
    }
    return calendars;
  }
};

// The columns of ObjectMeta; listObjects reads only these, never the text.
struct ObjectMetaRows {
  std::vector<std::string> name, uid, etag, component;
  std::vector<std::int64_t> size, modifiedAt;

  static constexpr const char* kColumns = "name, uid, etag, component, size, modified_at";

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(name), into(uid), into(etag), into(component), into(size), into(modifiedAt);
  }
  void fill(std::size_t i, ObjectMeta& meta) {
    meta.name = std::move(name[i]);
    meta.uid = std::move(uid[i]);
    meta.etag = std::move(etag[i]);
    meta.component = std::move(component[i]);
    meta.size = size[i];
    meta.modifiedAt = modifiedAt[i];
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
  std::vector<int> recurring;
  std::vector<std::string> ical;

  static std::string select() {
    return std::string("SELECT ") + ObjectMetaRows::kColumns + ", first_start, last_end, recurring, ical FROM objects ";
  }

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    meta.into(st);
    st, into(firstStart), into(lastEnd), into(recurring), into(ical);
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
      o.index.recurring = recurring[i] != 0;
    }
    return objects;
  }
};

template <typename T>
std::optional<T> first(std::vector<T> rows) {
  std::optional<T> result;
  if (!rows.empty()) result = std::move(rows.front());
  return result;
}

// --- statements shared by several operations ---

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

std::optional<Calendar> calendarById(Session& s, std::int64_t id) {
  CalendarRows rows;
  Statement st(s);
  st << CalendarRows::kSelect << "WHERE c.id = ?";
  rows.into(st);
  st, bind(id);
  st.execute();
  return first(rows.take());
}

std::optional<User> userWhere(Session& s, const std::string& condition, Poco::Data::AbstractBinding::Ptr value) {
  UserRows rows;
  Statement st(s);
  st << UserRows::kSelect << condition;
  rows.into(st);
  st, value;
  st.execute();
  return first(rows.take());
}

// Enough placeholders per statement to be quick, well under SQLite's limit.
constexpr std::size_t kNamesPerQuery = 200;

}  // namespace

// --- transactions ---

// One write: waits for the other writers of this process, takes SQLite's
// write lock at once (so it never fails half way with SQLITE_BUSY), and rolls
// back unless committed.
class SqliteStore::WriteTransaction {
 public:
  explicit WriteTransaction(SqliteStore& store) : lease_(store.pool_.acquire()), lock_(store.writers_) {
    session() << "BEGIN IMMEDIATE", now;
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (committed_) return;
    try {
      session() << "ROLLBACK", now;
    } catch (...) {
      lease_.discard();
    }
  }

  Session& session() { return lease_.session(); }
  void commit() {
    session() << "COMMIT", now;
    committed_ = true;
  }

 private:
  SqliteSessionPool::Lease lease_;
  std::unique_lock<std::mutex> lock_;
  bool committed_ = false;
};

// --- lifecycle ---

SqliteStore::SqliteStore(const std::string& path, std::size_t maxConnections) try : pool_(path, maxConnections) {
} catch (const Poco::Exception& e) {
  throw StoreError("cannot open SQLite database \"" + path + "\": " + e.displayText());
}

void SqliteStore::migrate() {
  guarded("migrate", [&] {
    WriteTransaction tx(*this);
    migrateSqliteSchema(tx.session());
    tx.commit();
  });
}

bool SqliteStore::ping() {
  try {
    auto lease = pool_.acquire();
    int one = 0;
    lease.session() << "SELECT 1", into(one), now;
    return one == 1;
  } catch (const Poco::Exception&) {
    return false;
  }
}

// --- users ---

User SqliteStore::createUser(const User& user) {
  if (user.name.empty()) throw StoreError("a user needs a name");
  return guarded("createUser", [&] {
    WriteTransaction tx(*this);
    Session& s = tx.session();
    if (userWhere(s, "WHERE name = ?", useRef(user.name))) {
      throw StoreError("the user name \"" + user.name + "\" is already taken");
    }
    const std::string role(roleName(user.role));
    s << "INSERT INTO users (name, role, display_name, password_hash, disabled, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?)",
        useRef(user.name), useRef(role), useRef(user.displayName), useRef(user.passwordHash),
        bind(user.disabled ? 1 : 0), bind(nowSeconds()), now;
    std::int64_t id = 0;
    s << "SELECT last_insert_rowid()", into(id), now;
    tx.commit();
    User created = user;
    created.id = id;
    return created;
  });
}

std::optional<User> SqliteStore::findUser(std::string_view name) {
  return guarded("findUser", [&] {
    auto lease = pool_.acquire();
    return userWhere(lease.session(), "WHERE name = ?", bind(std::string(name)));
  });
}

std::optional<User> SqliteStore::findUserById(std::int64_t id) {
  return guarded("findUserById", [&] {
    auto lease = pool_.acquire();
    return userWhere(lease.session(), "WHERE id = ?", bind(id));
  });
}

std::vector<User> SqliteStore::listUsers() {
  return guarded("listUsers", [&] {
    auto lease = pool_.acquire();
    UserRows rows;
    Statement st(lease.session());
    st << UserRows::kSelect << "ORDER BY name";
    rows.into(st);
    st.execute();
    return rows.take();
  });
}

bool SqliteStore::setPasswordHash(std::string_view name, const std::string& hash) {
  return guarded("setPasswordHash", [&] {
    WriteTransaction tx(*this);
    Statement st(tx.session());
    st << "UPDATE users SET password_hash = ? WHERE name = ?", useRef(hash), bind(std::string(name));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

bool SqliteStore::setDisabled(std::string_view name, bool disabled) {
  return guarded("setDisabled", [&] {
    WriteTransaction tx(*this);
    Statement st(tx.session());
    st << "UPDATE users SET disabled = ? WHERE name = ?", bind(disabled ? 1 : 0), bind(std::string(name));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

void SqliteStore::assignAide(std::int64_t aideId, std::int64_t leaderId) {
  guarded("assignAide", [&] {
    WriteTransaction tx(*this);
    tx.session() << "INSERT OR IGNORE INTO aides (aide_id, leader_id) VALUES (?, ?)", bind(aideId), bind(leaderId), now;
    tx.commit();
  });
}

void SqliteStore::unassignAide(std::int64_t aideId, std::int64_t leaderId) {
  guarded("unassignAide", [&] {
    WriteTransaction tx(*this);
    tx.session() << "DELETE FROM aides WHERE aide_id = ? AND leader_id = ?", bind(aideId), bind(leaderId), now;
    tx.commit();
  });
}

std::vector<std::int64_t> SqliteStore::leadersOfAide(std::int64_t aideId) {
  return guarded("leadersOfAide", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> leaders;
    lease.session() << "SELECT leader_id FROM aides WHERE aide_id = ? ORDER BY leader_id", into(leaders), bind(aideId),
        now;
    return leaders;
  });
}

// --- calendars ---

Calendar SqliteStore::createCalendar(const Calendar& calendar) {
  if (calendar.slug.empty()) throw StoreError("a calendar needs a slug");
  return guarded("createCalendar", [&] {
    WriteTransaction tx(*this);
    Session& s = tx.session();
    const auto owner = userWhere(s, "WHERE id = ?", bind(calendar.ownerId));
    if (!owner) throw StoreError("no user with id " + std::to_string(calendar.ownerId) + " to own a calendar");
    int taken = 0;
    s << "SELECT COUNT(*) FROM calendars WHERE owner_id = ? AND slug = ?", into(taken), bind(calendar.ownerId),
        useRef(calendar.slug), now;
    if (taken > 0) {
      throw StoreError("user \"" + owner->name + "\" already has a calendar \"" + calendar.slug + "\"");
    }
    s << "INSERT INTO calendars (owner_id, slug, display_name, description, color, timezone, components, "
         "sync_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        bind(calendar.ownerId), useRef(calendar.slug), useRef(calendar.displayName), useRef(calendar.description),
        useRef(calendar.color), useRef(calendar.timezone), useRef(calendar.components), bind(nowSeconds()), now;
    std::int64_t id = 0;
    s << "SELECT last_insert_rowid()", into(id), now;
    auto created = calendarById(s, id);
    tx.commit();
    return std::move(*created);
  });
}

std::optional<Calendar> SqliteStore::findCalendar(std::string_view ownerName, std::string_view slug) {
  return guarded("findCalendar", [&] {
    auto lease = pool_.acquire();
    CalendarRows rows;
    Statement st(lease.session());
    st << CalendarRows::kSelect << "WHERE u.name = ? AND c.slug = ?";
    rows.into(st);
    st, bind(std::string(ownerName)), bind(std::string(slug));
    st.execute();
    return first(rows.take());
  });
}

std::optional<Calendar> SqliteStore::findCalendarById(std::int64_t id) {
  return guarded("findCalendarById", [&] {
    auto lease = pool_.acquire();
    return calendarById(lease.session(), id);
  });
}

std::vector<Calendar> SqliteStore::calendarsOwnedBy(std::int64_t userId) {
  return guarded("calendarsOwnedBy", [&] {
    auto lease = pool_.acquire();
    CalendarRows rows;
    Statement st(lease.session());
    st << CalendarRows::kSelect << "WHERE c.owner_id = ? ORDER BY c.slug";
    rows.into(st);
    st, bind(userId);
    st.execute();
    return rows.take();
  });
}

std::vector<Calendar> SqliteStore::allCalendars() {
  return guarded("allCalendars", [&] {
    auto lease = pool_.acquire();
    CalendarRows rows;
    Statement st(lease.session());
    st << CalendarRows::kSelect << "ORDER BY u.name, c.slug";
    rows.into(st);
    st.execute();
    return rows.take();
  });
}

void SqliteStore::updateCalendarProperties(const Calendar& calendar) {
  guarded("updateCalendarProperties", [&] {
    WriteTransaction tx(*this);
    tx.session() << "UPDATE calendars SET display_name = ?, description = ?, color = ?, timezone = ? WHERE id = ?",
        useRef(calendar.displayName), useRef(calendar.description), useRef(calendar.color), useRef(calendar.timezone),
        bind(calendar.id), now;
    tx.commit();
  });
}

bool SqliteStore::deleteCalendar(std::int64_t calendarId) {
  return guarded("deleteCalendar", [&] {
    WriteTransaction tx(*this);
    // Objects, changes, shares and dead properties go by ON DELETE CASCADE.
    Statement st(tx.session());
    st << "DELETE FROM calendars WHERE id = ?", bind(calendarId);
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

// --- shares ---

namespace {

std::vector<Share> sharesWhere(Session& s, const char* condition, std::int64_t id) {
  std::vector<std::int64_t> calendarIds, userIds;
  std::vector<int> writes;
  Statement st(s);
  st << "SELECT calendar_id, user_id, write FROM shares " << condition << " ORDER BY calendar_id, user_id",
      into(calendarIds), into(userIds), into(writes), bind(id);
  st.execute();
  std::vector<Share> shares(calendarIds.size());
  for (std::size_t i = 0; i < shares.size(); ++i) {
    shares[i] = Share{calendarIds[i], userIds[i], writes[i] != 0};
  }
  return shares;
}

}  // namespace

void SqliteStore::setShare(const Share& share) {
  guarded("setShare", [&] {
    WriteTransaction tx(*this);
    tx.session() << "INSERT INTO shares (calendar_id, user_id, write) VALUES (?, ?, ?) "
                    "ON CONFLICT (calendar_id, user_id) DO UPDATE SET write = excluded.write",
        bind(share.calendarId), bind(share.userId), bind(share.write ? 1 : 0), now;
    tx.commit();
  });
}

void SqliteStore::removeShare(std::int64_t calendarId, std::int64_t userId) {
  guarded("removeShare", [&] {
    WriteTransaction tx(*this);
    tx.session() << "DELETE FROM shares WHERE calendar_id = ? AND user_id = ?", bind(calendarId), bind(userId), now;
    tx.commit();
  });
}

std::vector<Share> SqliteStore::sharesOfUser(std::int64_t userId) {
  return guarded("sharesOfUser", [&] {
    auto lease = pool_.acquire();
    return sharesWhere(lease.session(), "WHERE user_id = ?", userId);
  });
}

std::vector<Share> SqliteStore::sharesOfCalendar(std::int64_t calendarId) {
  return guarded("sharesOfCalendar", [&] {
    auto lease = pool_.acquire();
    return sharesWhere(lease.session(), "WHERE calendar_id = ?", calendarId);
  });
}

// --- calendar objects ---

WriteResult SqliteStore::putObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                                   const std::string& etag, const ObjectIndex& index, const Precondition& pre) {
  return guarded("putObject", [&] {
    WriteTransaction tx(*this);
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
    WriteTransaction tx(*this);
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
    ReadSnapshot snapshot(lease);
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
    // A range scan of objects_by_start (or objects_by_end) that tests the
    // other bound inside the index.
    st << ObjectRows::select() << "WHERE calendar_id = ? AND first_start < ? AND last_end > ?";
    if (!component.empty()) st << " AND component = ?";
    st << " ORDER BY first_start, name";
    rows.into(st);
    st, bind(calendarId), bind(end), bind(start);
    if (!component.empty()) st, bind(std::string(component));
    st.execute();
    return rows.take();
  });
}

ChangeSet SqliteStore::changesSince(std::int64_t calendarId, std::int64_t since) {
  return guarded("changesSince", [&] {
    auto lease = pool_.acquire();
    ReadSnapshot snapshot(lease);
    Session& s = snapshot.session();
    ChangeSet set;
    const auto seq = syncSeqOf(s, calendarId);
    if (!seq) return set;
    set.current = *seq;
    if (since < 0 || since > *seq) return set;
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

// --- dead properties ---

std::vector<Store::DeadProperty> SqliteStore::deadProperties(std::int64_t calendarId, std::string_view resource) {
  return guarded("deadProperties", [&] {
    auto lease = pool_.acquire();
    std::vector<std::string> namespaces, names, xmls;
    lease.session() << "SELECT ns, name, xml FROM dead_props WHERE calendar_id = ? AND resource = ? "
                       "ORDER BY ns, name",
        into(namespaces), into(names), into(xmls), bind(calendarId), bind(std::string(resource)), now;
    std::vector<DeadProperty> props(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      props[i] = DeadProperty{std::move(namespaces[i]), std::move(names[i]), std::move(xmls[i])};
    }
    return props;
  });
}

void SqliteStore::setDeadProperty(std::int64_t calendarId, std::string_view resource, const DeadProperty& prop) {
  guarded("setDeadProperty", [&] {
    WriteTransaction tx(*this);
    tx.session() << "INSERT INTO dead_props (calendar_id, resource, ns, name, xml) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (calendar_id, resource, ns, name) DO UPDATE SET xml = excluded.xml",
        bind(calendarId), bind(std::string(resource)), useRef(prop.ns), useRef(prop.name), useRef(prop.xml), now;
    tx.commit();
  });
}

void SqliteStore::removeDeadProperty(std::int64_t calendarId, std::string_view resource, std::string_view ns,
                                     std::string_view name) {
  guarded("removeDeadProperty", [&] {
    WriteTransaction tx(*this);
    tx.session() << "DELETE FROM dead_props WHERE calendar_id = ? AND resource = ? AND ns = ? AND name = ?",
        bind(calendarId), bind(std::string(resource)), bind(std::string(ns)), bind(std::string(name)), now;
    tx.commit();
  });
}

}  // namespace jadwal::sql
