#pragma once
// What user administration (/staf/admin and the command line) keeps beside
// the users themselves: the audit of every change to a user, an aide's
// leaders or a calendar's shares (who, when, what, on whom); the mark that a
// user must choose a new password at the next login; and when each user
// last logged in.
//
// Contract: the same as Store (thread-safe; each write one transaction, the
// change and its audit row together; database failures thrown as StoreError).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

// The actor of changes made with the command line (jadwald user ...).
inline constexpr std::string_view kCommandLineActor = "command line";

struct UserAuditRow {
  std::int64_t id = 0;  // filled on read; later rows have higher ids
  Instant at = 0;
  std::string actor;   // the admin's user name, or kCommandLineActor
  std::string action;  // a stable English code: "create", "reset_password", "disable", ...
  std::string target;  // the user acted on
  std::string detail;  // what else the action needs to be read: "bupati/agenda", "pimpinan", ...
};

// One user as the admin pages show them (the password hash left empty).
struct UserListing {
  User user;
  bool mustChangePassword = false;
  Instant lastLoginAt = 0;  // 0: never logged in (since this was recorded)
};

// The parts of a user that changeUser writes; unset parts stay.
struct UserChange {
  std::optional<Role> role;
  std::optional<std::string> displayName;
  std::optional<bool> disabled;
  std::optional<std::string> passwordHash;
  std::optional<bool> mustChangePassword;
  bool endSessions = false;  // ends the user's web sessions in the same transaction
};

enum class UserChangeStatus {
  Done,
  NotFound,
  LastAdmin,  // the change would leave no enabled admin: nothing written
};

class UserAdminStore {
 public:
  virtual ~UserAdminStore() = default;

  // Creates `user` (as Store::createUser) with the must-change mark, and
  // writes `audit`, in one transaction. Exists: nothing written.
  virtual CreateResult<User> createUser(const User& user, bool mustChangePassword, const UserAuditRow& audit) = 0;
  // Applies `change` to the user and writes `audit`, in one transaction.
  // LastAdmin when the database had an enabled admin and would have none.
  virtual UserChangeStatus changeUser(std::int64_t userId, const UserChange& change, const UserAuditRow& audit) = 0;
  // Assigns (or unassigns) an aide to a leader, with its audit row.
  virtual void setAide(std::int64_t aideId, std::int64_t leaderId, bool assigned, const UserAuditRow& audit) = 0;
  // Shares a calendar with a user, read only or with write (insert or
  // replace), or ends the share when `write` is unset; with its audit row.
  virtual void setShare(std::int64_t calendarId, std::int64_t userId, std::optional<bool> write,
                        const UserAuditRow& audit) = 0;
  // An audit row alone: for changes written through the Store's own methods.
  virtual void addAudit(const UserAuditRow& audit) = 0;

  // Latest first: at most `limit` rows after skipping `offset`.
  virtual std::vector<UserAuditRow> auditPage(std::int64_t offset, std::int64_t limit) = 0;
  virtual std::int64_t auditCount() = 0;
  // Latest first, the rows whose target is `target`, at most `limit`.
  virtual std::vector<UserAuditRow> auditOf(std::string_view target, std::int64_t limit) = 0;

  // Users by name: at most `limit` after skipping `offset`.
  virtual std::vector<UserListing> usersPage(std::int64_t offset, std::int64_t limit) = 0;
  virtual std::int64_t userCount() = 0;
  virtual std::optional<UserListing> listing(std::int64_t userId) = 0;

  virtual bool mustChangePassword(std::int64_t userId) = 0;
  // Records a login at `at`; never moves the time back.
  virtual void recordLogin(std::int64_t userId, Instant at) = 0;
};

}  // namespace jadwal::sql
