#include "sql/sqlite_connection_pool.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>

#include <mutex>
#include <utility>

namespace jadwal::sql {

namespace {

// Long enough to ride out another process's write (a backup, a CLI tool);
// writers inside this process never wait on SQLite because they queue on a
// mutex first.
constexpr int kBusyTimeoutMs = 10000;
// Poco retries a failed open until this many seconds have passed (60 by
// default); a file that cannot be opened at once will not open later.
constexpr std::size_t kOpenTimeoutSeconds = 1;

void registerConnectorOnce() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

}  // namespace

SqliteConnectionPool::Lease::Lease(SqliteConnectionPool& pool, Poco::Data::Session session,
                                   SqliteStatements& statements)
    : pool_(pool), session_(std::move(session)), statements_(statements) {}

SqliteConnectionPool::Lease::~Lease() { pool_.release(std::move(*session_), discarded_); }

SqliteConnectionPool::SqliteConnectionPool(std::string path, std::size_t maxConnections, std::size_t cacheKib)
    : path_(std::move(path)), maxConnections_(maxConnections == 0 ? 1 : maxConnections), cacheKib_(cacheKib) {
  registerConnectorOnce();
  idle_.push_back(open());
  open_ = 1;
}

Poco::Data::Session SqliteConnectionPool::open() const {
  using namespace Poco::Data::Keywords;
  Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, path_, kOpenTimeoutSeconds);
  // journal_mode answers with a row; read it so the statement has a target.
  std::string journalMode;
  session << "PRAGMA journal_mode = WAL", into(journalMode), now;
  session << "PRAGMA foreign_keys = ON", now;
  // Negative: a size in KiB, whatever the page size.
  session << "PRAGMA cache_size = -" + std::to_string(cacheKib_), now;
  session << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), into(journalMode), now;
  return session;
}

SqliteConnectionPool::Lease SqliteConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || open_ < maxConnections_; });
  if (!idle_.empty()) {
    Poco::Data::Session session = std::move(idle_.back());
    idle_.pop_back();
    SqliteStatements& statements = statementsOf(session);
    return Lease(*this, std::move(session), statements);
  }
  ++open_;
  lock.unlock();
  try {
    Poco::Data::Session session = open();
    lock.lock();
    SqliteStatements& statements = statementsOf(session);
    lock.unlock();
    return Lease(*this, std::move(session), statements);
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void SqliteConnectionPool::release(Poco::Data::Session session, bool discarded) {
  {
    std::lock_guard lock(mutex_);
    if (discarded) {
      --open_;
      statements_.erase(Poco::Data::SQLite::Utility::dbHandle(session));  // finalized before it closes
    } else {
      idle_.push_back(std::move(session));
    }
  }
  available_.notify_one();
  // A discarded session closes here, outside the lock, as its last handle goes.
}

SqliteStatements& SqliteConnectionPool::statementsOf(Poco::Data::Session& session) {
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
  auto& statements = statements_[db];
  if (!statements) statements = std::make_unique<SqliteStatements>(db);
  return *statements;
}

}  // namespace jadwal::sql
