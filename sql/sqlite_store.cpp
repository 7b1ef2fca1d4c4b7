#include "sql/sqlite_store.h"

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <utility>

#include "sql/sqlite_properties.h"
#include "sql/sqlite_rows.h"
#include "sql/sqlite_schema.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

// --- rows ---

struct UserRows {
  std::vector<std::int64_t> id;
  std::vector<std::string> name, role, displayName, passwordHash;
  std::vector<int> disabled, mayCreateCalendars;

  static constexpr const char* kSelect =
      "SELECT id, name, role, display_name, password_hash, disabled, may_create_calendars FROM users ";

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(id), into(name), into(role), into(displayName), into(passwordHash), into(disabled),
        into(mayCreateCalendars);
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
      users[i].mayCreateCalendars = mayCreateCalendars[i] != 0;
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

// --- statements shared by several operations ---

std::optional<Calendar> calendarById(Session& s, std::int64_t id) {
  CalendarRows rows;
  Statement st(s);
  st << CalendarRows::kSelect << "WHERE c.id = ?";
  rows.into(st);
  st, bind(id);
  st.execute();
  return first(rows.take());
}

// The user of the statement's next row, read from kept statements (every
// request looks its user up): the columns of UserRows::kSelect.
constexpr const char* kUserByName =
    "SELECT id, name, role, display_name, password_hash, disabled, may_create_calendars FROM users WHERE name = ?";

std::optional<User> nextUser(SqliteStatements::Use& use) {
  if (!use.step()) return std::nullopt;
  User user;
  user.id = use.integer(0);
  user.name = use.text(1);
  user.role = parseRole(use.text(2)).value_or(Role::Viewer);  // as UserRows
  user.displayName = use.text(3);
  user.passwordHash = use.text(4);
  user.disabled = use.integer(5) != 0;
  user.mayCreateCalendars = use.integer(6) != 0;
  return user;
}

// The columns of CalendarRows::kSelect.
constexpr const char* kCalendarByOwnerAndSlug =
    "SELECT c.id, c.owner_id, u.name, c.slug, c.display_name, c.description, c.color, c.timezone, "
    "c.components, c.sync_seq, c.created_at FROM calendars c JOIN users u ON u.id = c.owner_id "
    "WHERE u.name = ? AND c.slug = ?";

std::optional<Calendar> nextCalendar(SqliteStatements::Use& use) {
  if (!use.step()) return std::nullopt;
  Calendar c;
  c.id = use.integer(0);
  c.ownerId = use.integer(1);
  c.ownerName = use.text(2);
  c.slug = use.text(3);
  c.displayName = use.text(4);
  c.description = use.text(5);
  c.color = use.text(6);
  c.timezone = use.text(7);
  c.components = use.text(8);
  c.syncSeq = use.integer(9);
  c.createdAt = use.integer(10);
  return c;
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

}  // namespace

// --- lifecycle ---

SqliteStore::SqliteStore(const std::string& path, std::size_t maxConnections, const base::Clock& clock)
    : SqliteStore(path, StoreLimits{maxConnections, StoreLimits{}.cacheKib}, clock) {}

SqliteStore::SqliteStore(const std::string& path, const StoreLimits& limits, const base::Clock& clock) try
    : clock_(clock),
      pool_(path, limits.connections, limits.cacheKib),
      requests_(pool_, writers_),
      sessions_(pool_, writers_, clock),
      agendaMails_(pool_, writers_),
      feeds_(pool_, writers_),
      userAdmin_(pool_, writers_, clock) {
} catch (const Poco::Exception& e) {
  throw StoreError("cannot open SQLite database \"" + path + "\": " + e.displayText());
}

void SqliteStore::migrate() {
  guarded("migrate", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    migrateSqliteSchema(tx.session(), latestSqliteSchemaVersion(), clock_.now());
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

CreateResult<User> SqliteStore::createUser(const User& user) {
  if (user.name.empty()) throw StoreError("a user needs a name");
  return guarded("createUser", [&]() -> CreateResult<User> {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    if (userWhere(s, "WHERE name = ?", useRef(user.name))) return {CreateStatus::Exists, std::nullopt};
    const std::string role(roleName(user.role));
    s << "INSERT INTO users (name, role, display_name, password_hash, disabled, may_create_calendars, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)",
        useRef(user.name), useRef(role), useRef(user.displayName), useRef(user.passwordHash),
        bind(user.disabled ? 1 : 0), bind(user.mayCreateCalendars ? 1 : 0), bind(clock_.now()), now;
    std::int64_t id = 0;
    s << "SELECT last_insert_rowid()", into(id), now;
    tx.commit();
    User created = user;
    created.id = id;
    return {CreateStatus::Created, std::move(created)};
  });
}

std::optional<User> SqliteStore::findUser(std::string_view name) {
  return guarded("findUser", [&] {
    auto lease = pool_.acquire();
    auto use = lease.statements().use(kUserByName);
    use.bind(name);
    return nextUser(use);
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
    SqliteWriteTransaction tx(pool_, writers_);
    Statement st(tx.session());
    st << "UPDATE users SET password_hash = ? WHERE name = ?", useRef(hash), bind(std::string(name));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

bool SqliteStore::setDisabled(std::string_view name, bool disabled) {
  return guarded("setDisabled", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Statement st(tx.session());
    st << "UPDATE users SET disabled = ? WHERE name = ?", bind(disabled ? 1 : 0), bind(std::string(name));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

bool SqliteStore::setMayCreateCalendars(std::string_view name, bool allowed) {
  return guarded("setMayCreateCalendars", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Statement st(tx.session());
    st << "UPDATE users SET may_create_calendars = ? WHERE name = ?", bind(allowed ? 1 : 0), bind(std::string(name));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

void SqliteStore::assignAide(std::int64_t aideId, std::int64_t leaderId) {
  guarded("assignAide", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "INSERT OR IGNORE INTO aides (aide_id, leader_id) VALUES (?, ?)", bind(aideId), bind(leaderId), now;
    tx.commit();
  });
}

void SqliteStore::unassignAide(std::int64_t aideId, std::int64_t leaderId) {
  guarded("unassignAide", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
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

CreateResult<Calendar> SqliteStore::createCalendar(const Calendar& calendar) {
  return createCalendarIn("createCalendar", calendar, {}, {});
}

CreateResult<Calendar> SqliteStore::createCalendarWithinQuota(const Calendar& calendar,
                                                              const std::vector<DeadProperty>& properties,
                                                              const CalendarLimits& limits) {
  return createCalendarIn("createCalendarWithinQuota", calendar, properties, limits);
}

CreateResult<Calendar> SqliteStore::createCalendarIn(std::string_view operation, const Calendar& calendar,
                                                     const std::vector<DeadProperty>& properties,
                                                     const CalendarLimits& limits) {
  if (calendar.slug.empty()) throw StoreError("a calendar needs a slug");
  return guarded(operation, [&]() -> CreateResult<Calendar> {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    const auto owner = userWhere(s, "WHERE id = ?", bind(calendar.ownerId));
    if (!owner) throw StoreError("no user with id " + std::to_string(calendar.ownerId) + " to own a calendar");
    int taken = 0;
    s << "SELECT COUNT(*) FROM calendars WHERE owner_id = ? AND slug = ?", into(taken), bind(calendar.ownerId),
        useRef(calendar.slug), now;
    if (taken > 0) return {CreateStatus::Exists, std::nullopt};
    if (limits.calendars) {
      std::int64_t owned = 0;
      s << "SELECT COUNT(*) FROM calendars WHERE owner_id = ?", into(owned), bind(calendar.ownerId), now;
      if (owned >= *limits.calendars) return {CreateStatus::QuotaExceeded, std::nullopt, CreateLimit::Calendars, owned};
    }
    // Never a deleted calendar's id: its sync tokens and ctags would seem
    // to be the new calendar's, and requests that name it would follow it.
    std::int64_t id = 0;
    s << "SELECT MAX(COALESCE((SELECT MAX(id) FROM calendars), 0), "
         "COALESCE((SELECT max_id FROM id_high_water WHERE name = 'calendars'), 0)) + 1",
        into(id), now;
    s << "INSERT INTO calendars (id, owner_id, slug, display_name, description, color, timezone, components, "
         "sync_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        bind(id), bind(calendar.ownerId), useRef(calendar.slug), useRef(calendar.displayName),
        useRef(calendar.description), useRef(calendar.color), useRef(calendar.timezone), useRef(calendar.components),
        bind(clock_.now()), now;
    s << "INSERT INTO id_high_water (name, max_id) VALUES ('calendars', ?) "
         "ON CONFLICT (name) DO UPDATE SET max_id = MAX(max_id, excluded.max_id)",
        bind(id), now;
    // Its properties as a PROPPATCH writes them, in this transaction.
    std::vector<PropertyChange> changes;
    for (const auto& p : properties) changes.push_back({PropertyChange::Holder::Calendar, id, "", p.ns, p.name, p.xml});
    const PropertyWriteResult written = applyPropertyChanges(s, changes, std::nullopt, limits.ownerBytes);
    if (!written.written) return {CreateStatus::QuotaExceeded, std::nullopt, CreateLimit::OwnerBytes, written.used};
    auto created = calendarById(s, id);
    tx.commit();
    return {CreateStatus::Created, std::move(created)};
  });
}

std::optional<Calendar> SqliteStore::findCalendar(std::string_view ownerName, std::string_view slug) {
  return guarded("findCalendar", [&] {
    auto lease = pool_.acquire();
    auto use = lease.statements().use(kCalendarByOwnerAndSlug);
    use.bind(ownerName).bind(slug);
    return nextCalendar(use);
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

bool SqliteStore::deleteCalendar(std::int64_t calendarId) {
  return guarded("deleteCalendar", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    // Objects, changes, shares and dead properties go by ON DELETE CASCADE.
    Statement st(tx.session());
    st << "DELETE FROM calendars WHERE id = ?", bind(calendarId);
    const bool found = st.execute() > 0;
    // Users' own settings for the calendar name it only by text.
    tx.session() << "DELETE FROM user_props WHERE resource = ?", bind("calendar:" + std::to_string(calendarId)), now;
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
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "INSERT INTO shares (calendar_id, user_id, write) VALUES (?, ?, ?) "
                    "ON CONFLICT (calendar_id, user_id) DO UPDATE SET write = excluded.write",
        bind(share.calendarId), bind(share.userId), bind(share.write ? 1 : 0), now;
    tx.commit();
  });
}

void SqliteStore::removeShare(std::int64_t calendarId, std::int64_t userId) {
  guarded("removeShare", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
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

}  // namespace jadwal::sql
