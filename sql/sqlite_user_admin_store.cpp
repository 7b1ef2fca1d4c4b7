#include "sql/sqlite_user_admin_store.h"

#include <Poco/Data/Statement.h>

#include <string>
#include <utility>

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Poco::Data::Statement;

void insertAudit(Session& s, const UserAuditRow& audit) {
  s << "INSERT INTO user_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)", bind(audit.at),
      bind(audit.actor), bind(audit.action), bind(audit.target), bind(audit.detail), now;
}

std::vector<UserAuditRow> auditRowsOf(Statement& st) {
  std::vector<std::int64_t> ids, at;
  std::vector<std::string> actors, actions, targets, details;
  st, into(ids), into(at), into(actors), into(actions), into(targets), into(details);
  st.execute();
  std::vector<UserAuditRow> rows(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    rows[i] = {
        ids[i], at[i], std::move(actors[i]), std::move(actions[i]), std::move(targets[i]), std::move(details[i])};
  }
  return rows;
}

constexpr const char* kAuditColumns = "SELECT id, at, actor, action, target, detail FROM user_audit ";
constexpr const char* kListingColumns =
    "SELECT u.id, u.name, u.role, u.display_name, u.disabled, u.may_create_calendars, u.must_change_password, "
    "COALESCE(l.at, 0) FROM users u LEFT JOIN user_logins l ON l.user_id = u.id ";

std::vector<UserListing> listingsOf(Statement& st) {
  std::vector<std::int64_t> ids, lastLogin;
  std::vector<std::string> names, roles, displayNames;
  std::vector<int> disabled, mayCreate, mustChange;
  st, into(ids), into(names), into(roles), into(displayNames), into(disabled), into(mayCreate), into(mustChange),
      into(lastLogin);
  st.execute();
  std::vector<UserListing> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    User& user = out[i].user;
    user.id = ids[i];
    user.name = std::move(names[i]);
    user.role = parseRole(roles[i]).value_or(Role::Viewer);
    user.displayName = std::move(displayNames[i]);
    user.disabled = disabled[i] != 0;
    user.mayCreateCalendars = mayCreate[i] != 0;
    out[i].mustChangePassword = mustChange[i] != 0;
    out[i].lastLoginAt = lastLogin[i];
  }
  return out;
}

std::int64_t enabledAdmins(Session& s) {
  std::int64_t count = 0;
  s << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0", into(count), now;
  return count;
}

}  // namespace

CreateResult<User> SqliteUserAdminStore::createUser(const User& user, bool mustChangePassword,
                                                    const UserAuditRow& audit) {
  if (user.name.empty()) throw StoreError("a user needs a name");
  return guarded("createUser", [&]() -> CreateResult<User> {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    std::int64_t taken = 0;
    s << "SELECT COUNT(*) FROM users WHERE name = ?", into(taken), bind(user.name), now;
    if (taken > 0) return {CreateStatus::Exists, std::nullopt};
    const std::string role(roleName(user.role));
    s << "INSERT INTO users (name, role, display_name, password_hash, disabled, may_create_calendars, "
         "must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        bind(user.name), bind(role), bind(user.displayName), bind(user.passwordHash), bind(user.disabled ? 1 : 0),
        bind(user.mayCreateCalendars ? 1 : 0), bind(mustChangePassword ? 1 : 0), bind(clock_.now()), now;
    std::int64_t id = 0;
    s << "SELECT last_insert_rowid()", into(id), now;
    insertAudit(s, audit);
    tx.commit();
    User created = user;
    created.id = id;
    return {CreateStatus::Created, std::move(created)};
  });
}

UserChangeStatus SqliteUserAdminStore::changeUser(std::int64_t userId, const UserChange& change,
                                                  const UserAuditRow& audit) {
  return guarded("changeUser", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    std::int64_t found = 0;
    s << "SELECT COUNT(*) FROM users WHERE id = ?", into(found), bind(userId), now;
    if (found == 0) return UserChangeStatus::NotFound;
    const bool hadAdmin = enabledAdmins(s) > 0;
    if (change.role) {
      s << "UPDATE users SET role = ? WHERE id = ?", bind(std::string(roleName(*change.role))), bind(userId), now;
    }
    if (change.displayName) {
      s << "UPDATE users SET display_name = ? WHERE id = ?", bind(*change.displayName), bind(userId), now;
    }
    if (change.disabled) {
      s << "UPDATE users SET disabled = ? WHERE id = ?", bind(*change.disabled ? 1 : 0), bind(userId), now;
    }
    if (change.passwordHash) {
      s << "UPDATE users SET password_hash = ? WHERE id = ?", bind(*change.passwordHash), bind(userId), now;
    }
    if (change.mustChangePassword) {
      s << "UPDATE users SET must_change_password = ? WHERE id = ?", bind(*change.mustChangePassword ? 1 : 0),
          bind(userId), now;
    }
    // Counted in the transaction, so two admins demoting each other at once
    // cannot both pass. A database without an admin (the command line's
    // first steps) is not held to it.
    if (hadAdmin && enabledAdmins(s) == 0) return UserChangeStatus::LastAdmin;  // rolled back
    if (change.endSessions) s << "DELETE FROM sessions WHERE user_id = ?", bind(userId), now;
    insertAudit(s, audit);
    tx.commit();
    return UserChangeStatus::Done;
  });
}

void SqliteUserAdminStore::setAide(std::int64_t aideId, std::int64_t leaderId, bool assigned,
                                   const UserAuditRow& audit) {
  guarded("setAide", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    if (assigned) {
      tx.session() << "INSERT OR IGNORE INTO aides (aide_id, leader_id) VALUES (?, ?)", bind(aideId), bind(leaderId),
          now;
    } else {
      tx.session() << "DELETE FROM aides WHERE aide_id = ? AND leader_id = ?", bind(aideId), bind(leaderId), now;
    }
    insertAudit(tx.session(), audit);
    tx.commit();
  });
}

void SqliteUserAdminStore::setShare(std::int64_t calendarId, std::int64_t userId, std::optional<bool> write,
                                    const UserAuditRow& audit) {
  guarded("setShare", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    if (write) {
      tx.session() << "INSERT INTO shares (calendar_id, user_id, write) VALUES (?, ?, ?) "
                      "ON CONFLICT (calendar_id, user_id) DO UPDATE SET write = excluded.write",
          bind(calendarId), bind(userId), bind(*write ? 1 : 0), now;
    } else {
      tx.session() << "DELETE FROM shares WHERE calendar_id = ? AND user_id = ?", bind(calendarId), bind(userId), now;
    }
    insertAudit(tx.session(), audit);
    tx.commit();
  });
}

void SqliteUserAdminStore::addAudit(const UserAuditRow& audit) {
  guarded("addAudit", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    insertAudit(tx.session(), audit);
    tx.commit();
  });
}

std::vector<UserAuditRow> SqliteUserAdminStore::auditPage(std::int64_t offset, std::int64_t limit) {
  return guarded("auditPage", [&] {
    auto lease = pool_.acquire();
    Statement st(lease.session());
    st << kAuditColumns << "ORDER BY id DESC LIMIT ? OFFSET ?", bind(limit), bind(offset);
    return auditRowsOf(st);
  });
}

std::int64_t SqliteUserAdminStore::auditCount() {
  return guarded("auditCount", [&] {
    auto lease = pool_.acquire();
    std::int64_t count = 0;
    lease.session() << "SELECT COUNT(*) FROM user_audit", into(count), now;
    return count;
  });
}

std::vector<UserAuditRow> SqliteUserAdminStore::auditOf(std::string_view target, std::int64_t limit) {
  return guarded("auditOf", [&] {
    auto lease = pool_.acquire();
    Statement st(lease.session());
    st << kAuditColumns << "WHERE target = ? ORDER BY id DESC LIMIT ?", bind(std::string(target)), bind(limit);
    return auditRowsOf(st);
  });
}

std::vector<UserListing> SqliteUserAdminStore::usersPage(std::int64_t offset, std::int64_t limit) {
  return guarded("usersPage", [&] {
    auto lease = pool_.acquire();
    Statement st(lease.session());
    st << kListingColumns << "ORDER BY u.name LIMIT ? OFFSET ?", bind(limit), bind(offset);
    return listingsOf(st);
  });
}

std::int64_t SqliteUserAdminStore::userCount() {
  return guarded("userCount", [&] {
    auto lease = pool_.acquire();
    std::int64_t count = 0;
    lease.session() << "SELECT COUNT(*) FROM users", into(count), now;
    return count;
  });
}

std::optional<UserListing> SqliteUserAdminStore::listing(std::int64_t userId) {
  return guarded("listing", [&]() -> std::optional<UserListing> {
    auto lease = pool_.acquire();
    Statement st(lease.session());
    st << kListingColumns << "WHERE u.id = ?", bind(userId);
    auto rows = listingsOf(st);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  });
}

bool SqliteUserAdminStore::mustChangePassword(std::int64_t userId) {
  return guarded("mustChangePassword", [&] {
    auto lease = pool_.acquire();
    std::vector<int> mark;
    lease.session() << "SELECT must_change_password FROM users WHERE id = ?", into(mark), bind(userId), now;
    return !mark.empty() && mark.front() != 0;
  });
}

void SqliteUserAdminStore::recordLogin(std::int64_t userId, Instant at) {
  guarded("recordLogin", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "INSERT INTO user_logins (user_id, at) SELECT id, ? FROM users WHERE id = ? "
                    "ON CONFLICT (user_id) DO UPDATE SET at = excluded.at WHERE excluded.at > user_logins.at",
        bind(at), bind(userId), now;
    tx.commit();
  });
}

}  // namespace jadwal::sql
