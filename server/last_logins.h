#pragma once
// Records when users last logged in without writing the database on every
// CalDAV request: clients send Basic credentials with each one, so a user's
// login is written at most once per `interval`. What was written when is
// remembered in memory for at most `capacity` users; past that the memory
// is emptied, which costs at most one more write per user. Thread-safe; the
// database write runs outside the lock.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "base/clock.h"
#include "sql/user_admin_store.h"

namespace jadwal::server {

class LastLogins {
 public:
  // `store` and `clock` must outlive this.
  LastLogins(sql::UserAdminStore& store, const base::Clock& clock, std::chrono::seconds interval, std::size_t capacity);

  // A successful login of `userId` now. Returns whether it was written. A
  // failed write is logged and never refuses the login.
  bool seen(std::int64_t userId);
  std::size_t remembered() const;

 private:
  sql::UserAdminStore& store_;
  const base::Clock& clock_;
  const std::int64_t interval_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::int64_t> written_;  // user id -> when last written
};

}  // namespace jadwal::server
