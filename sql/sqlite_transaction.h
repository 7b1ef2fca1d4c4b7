#pragma once
// The transaction helpers every part of the SQLite store shares, so that
// calendars, requests and sessions all queue behind the same writer mutex and
// take SQLite's write lock the same way.

#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "sql/sqlite_connection_pool.h"
#include "sql/store.h"

namespace jadwal::sql {

// Database failures leave the store as StoreError naming the operation, a
// full disk (SQLITE_FULL) told apart so that callers can answer 507;
// StoreError thrown on purpose passes through unchanged.
template <typename Fn>
auto guarded(std::string_view operation, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Poco::Data::SQLite::DatabaseFullException& e) {
    throw StoreError("store: " + std::string(operation) + " failed: " + e.displayText(),
                     StoreError::Cause::StorageFull);
  } catch (const Poco::Exception& e) {
    throw StoreError("store: " + std::string(operation) + " failed: " + e.displayText());
  }
}

// The writers of this process, served in arrival order. A plain std::mutex
// lets the thread that just released it take it again, and under a burst of
// PUTs some writers waited seconds while others went through.
class WriterQueue {
 public:
  void lock() {
    std::unique_lock guard(mutex_);
    const std::uint64_t ticket = next_++;
    turn_.wait(guard, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      std::lock_guard guard(mutex_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ = 0;
  std::uint64_t serving_ = 0;
};

// One write: waits for the other writers of this process, takes SQLite's
// write lock at once (so it never fails half way with SQLITE_BUSY), and rolls
// back unless committed.
class SqliteWriteTransaction {
 public:
  // The turn comes before the connection, so queued writers do not hold
  // connections that readers need.
  SqliteWriteTransaction(SqliteConnectionPool& pool, WriterQueue& writers) : lock_(writers), lease_(pool.acquire()) {
    session() << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
  }
  SqliteWriteTransaction(const SqliteWriteTransaction&) = delete;
  SqliteWriteTransaction& operator=(const SqliteWriteTransaction&) = delete;
  ~SqliteWriteTransaction() {
    if (committed_) return;
    try {
      session() << "ROLLBACK", Poco::Data::Keywords::now;
    } catch (...) {
      lease_.discard();
    }
  }

  Poco::Data::Session& session() { return lease_.session(); }
  void commit() {
    session() << "COMMIT", Poco::Data::Keywords::now;
    committed_ = true;
  }

 private:
  std::unique_lock<WriterQueue> lock_;
  SqliteConnectionPool::Lease lease_;
  bool committed_ = false;
};

// A consistent view over several SELECTs, so that for instance a sync token
// and the changes listed under it come from the same moment.
class SqliteReadSnapshot {
 public:
  explicit SqliteReadSnapshot(SqliteConnectionPool::Lease& lease) : lease_(lease) {
    session() << "BEGIN", Poco::Data::Keywords::now;
  }
  SqliteReadSnapshot(const SqliteReadSnapshot&) = delete;
  SqliteReadSnapshot& operator=(const SqliteReadSnapshot&) = delete;
  ~SqliteReadSnapshot() {
    try {
      session() << "COMMIT", Poco::Data::Keywords::now;
    } catch (...) {
      lease_.discard();
    }
  }
  Poco::Data::Session& session() { return lease_.session(); }

 private:
  SqliteConnectionPool::Lease& lease_;
};

}  // namespace jadwal::sql
