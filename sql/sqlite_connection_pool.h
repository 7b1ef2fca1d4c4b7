#pragma once
// A bounded set of SQLite connections (Poco::Data sessions, not web
// sessions: see sql/session_store.h) to one database file, each set up the
// same way (WAL, foreign keys, busy timeout). A connection serves one thread
// at a time; when all are busy a caller waits for one instead of failing,
// because callers hold a connection only for the span of one store call.
// Each connection keeps its own page cache, bounded by `cacheKib`: the pool's
// memory for cached pages is at most maxConnections times that.

#include <Poco/Data/Session.h>

#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sql/sqlite_statements.h"

namespace jadwal::sql {

class SqliteConnectionPool {
 public:
  // Exclusive use of one connection; gives it back when destroyed.
  class Lease {
   public:
    Lease(SqliteConnectionPool& pool, Poco::Data::Session session, SqliteStatements& statements);
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Poco::Data::Session& session() { return *session_; }
    // The statements kept with this connection (sql/sqlite_statements.h).
    SqliteStatements& statements() { return statements_; }
    // The connection is in an unknown state (e.g. a failed rollback): close
    // it instead of handing it to the next caller.
    void discard() { discarded_ = true; }

   private:
    SqliteConnectionPool& pool_;
    std::optional<Poco::Data::Session> session_;
    SqliteStatements& statements_;
    bool discarded_ = false;
  };

  // Opens one connection at once so that a bad path fails here, not later.
  // Throws Poco::Exception if the file cannot be opened.
  SqliteConnectionPool(std::string path, std::size_t maxConnections, std::size_t cacheKib = kDefaultCacheKib);

  static constexpr std::size_t kDefaultCacheKib = 2048;

  Lease acquire();

 private:
  Poco::Data::Session open() const;
  void release(Poco::Data::Session session, bool discarded);
  SqliteStatements& statementsOf(Poco::Data::Session& session);  // REQUIRES: mutex_ held

  const std::string path_;
  const std::size_t maxConnections_;
  const std::size_t cacheKib_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Poco::Data::Session> idle_;
  std::size_t open_ = 0;  // idle plus leased
  // Per open connection; declared after idle_ so that the statements are
  // finalized before their connections close.
  std::map<sqlite3*, std::unique_ptr<SqliteStatements>> statements_;
};

}  // namespace jadwal::sql
