#pragma once
// Web sessions and server secrets on the SQLite store's connections; part of
// SqliteStore, which owns the pool and the writer mutex it shares.

#include "base/clock.h"
#include "sql/session_store.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

class SqliteSessionStore final : public SessionStore {
 public:
  // REQUIRES: `pool` and `writers` outlive this store.
  SqliteSessionStore(SqliteConnectionPool& pool, WriterQueue& writers, const base::Clock& clock)
      : pool_(pool), writers_(writers), clock_(clock) {}

  CreateStatus createSession(const SessionRow& session) override;
  std::optional<SessionRow> findSession(std::string_view tokenHash, Instant now) override;
  void deleteSession(std::string_view tokenHash) override;
  void deleteSessionsOf(std::int64_t userId) override;
  void deleteExpiredSessions(Instant now) override;
  std::string secret(std::string_view name) override;

 private:
  SqliteConnectionPool& pool_;
  WriterQueue& writers_;
  const base::Clock& clock_;  // stamps secrets when first made
};

}  // namespace jadwal::sql
