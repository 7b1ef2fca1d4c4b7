#pragma once
// The morning mail subscriptions on the SQLite store's connections; part of
// SqliteStore, which owns the pool and the writer mutex it shares.

#include "sql/agenda_mail_store.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

class SqliteAgendaMailStore final : public AgendaMailStore {
 public:
  // REQUIRES: `pool` and `writers` outlive this store.
  SqliteAgendaMailStore(SqliteConnectionPool& pool, WriterQueue& writers) : pool_(pool), writers_(writers) {}

  std::optional<AgendaMailSubscription> findAgendaMail(std::int64_t userId) override;
  void saveAgendaMail(std::int64_t userId, const std::string& address, bool enabled) override;
  std::vector<AgendaMailSubscription> agendaMailsDue(const std::string& day) override;
  bool claimAgendaMailDay(std::int64_t userId, const std::string& day, int maxFailedAttempts) override;
  void releaseAgendaMailDay(std::int64_t userId, const std::string& day, const std::string& previousDay) override;

 private:
  SqliteConnectionPool& pool_;
  WriterQueue& writers_;
};

}  // namespace jadwal::sql
