#pragma once
// Counts events per key (a client address, a mail recipient) in a sliding
// window and refuses those beyond a limit: the public form's "submissions
// per hour", wrong passwords, receipts mailed to one address.
//
// The counts live in this process's memory: several servers behind one load
// balancer each count their own, so the effective limit is the configured
// one times the number of servers; a restart forgets the counts.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "sql/store.h"

namespace jadwal::workflow {

class RateLimiter {
 public:
  // At most `limit` events per key within any `window`; a limit of 0 refuses
  // nothing (the limit is off). Keeps at most `maxKeys` keys: beyond that the
  // keys whose events have all expired are dropped, then the oldest ones.
  RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t maxKeys = 100000);

  // Records an event for `key` at `now` and returns true, or returns false
  // (recording nothing) when `key` already reached the limit in the window.
  bool tryAcquire(const std::string& key, sql::Instant now);
  // Whether `key` has reached the limit at `now` (records nothing).
  bool exhausted(const std::string& key, sql::Instant now);
  // The events of `key` within the window at `now` (records nothing).
  std::size_t count(const std::string& key, sql::Instant now);
  // Takes back the latest event of `key` (an attempt that did not count
  // after all, e.g. a form sent back with errors).
  void refund(const std::string& key);

  std::size_t limit() const { return limit_; }
  std::size_t trackedKeys();

 private:
  void expire(std::deque<sql::Instant>& events, sql::Instant now) const;
  void makeRoom(sql::Instant now);

  const std::size_t limit_;
  const sql::Instant windowSeconds_;
  const std::size_t maxKeys_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<sql::Instant>> events_;
};

}  // namespace jadwal::workflow
