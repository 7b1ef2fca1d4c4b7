#pragma once
// User administration's records on the SQLite store's connections; part of
// SqliteStore, which owns the pool and the writer queue it shares.

#include "base/clock.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_transaction.h"
#include "sql/user_admin_store.h"

namespace jadwal::sql {

class SqliteUserAdminStore final : public UserAdminStore {
 public:
  // REQUIRES: `pool`, `writers` and `clock` outlive this store.
  SqliteUserAdminStore(SqliteConnectionPool& pool, WriterQueue& writers, const base::Clock& clock)
      : pool_(pool), writers_(writers), clock_(clock) {}

  CreateResult<User> createUser(const User& user, bool mustChangePassword, const UserAuditRow& audit) override;
  UserChangeStatus changeUser(std::int64_t userId, const UserChange& change, const UserAuditRow& audit) override;
  void setAide(std::int64_t aideId, std::int64_t leaderId, bool assigned, const UserAuditRow& audit) override;
  void setShare(std::int64_t calendarId, std::int64_t userId, std::optional<bool> write,
                const UserAuditRow& audit) override;
  void addAudit(const UserAuditRow& audit) override;

  std::vector<UserAuditRow> auditPage(std::int64_t offset, std::int64_t limit) override;
  std::int64_t auditCount() override;
  std::vector<UserAuditRow> auditOf(std::string_view target, std::int64_t limit) override;

  std::vector<UserListing> usersPage(std::int64_t offset, std::int64_t limit) override;
  std::int64_t userCount() override;
  std::optional<UserListing> listing(std::int64_t userId) override;

  bool mustChangePassword(std::int64_t userId) override;
  void recordLogin(std::int64_t userId, Instant at) override;

 private:
  SqliteConnectionPool& pool_;
  WriterQueue& writers_;
  const base::Clock& clock_;  // stamps created users
};

}  // namespace jadwal::sql
