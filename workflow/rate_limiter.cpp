#include "workflow/rate_limiter.h"

#include <algorithm>

namespace jadwal::workflow {

RateLimiter::RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t maxKeys)
    : limit_(limit),
      windowSeconds_(std::max<sql::Instant>(1, window.count())),
      maxKeys_(std::max<std::size_t>(1, maxKeys)) {}

void RateLimiter::expire(std::deque<sql::Instant>& events, sql::Instant now) const {
  while (!events.empty() && events.front() <= now - windowSeconds_) events.pop_front();
}

void RateLimiter::makeRoom(sql::Instant now) {
  for (auto it = events_.begin(); it != events_.end();) {
    expire(it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  while (events_.size() >= maxKeys_) {
    // Still full of live keys: forget the one whose latest event is oldest.
    auto oldest = std::min_element(events_.begin(), events_.end(),
                                   [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
    events_.erase(oldest);
  }
}

void RateLimiter::refund(const std::string& key) {
  if (limit_ == 0) return;
  std::lock_guard lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end() || found->second.empty()) return;
  found->second.pop_back();
  if (found->second.empty()) events_.erase(found);
}

bool RateLimiter::tryAcquire(const std::string& key, sql::Instant now) {
  if (limit_ == 0) return true;
  std::lock_guard lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end()) {
    if (events_.size() >= maxKeys_) makeRoom(now);
    found = events_.emplace(key, std::deque<sql::Instant>{}).first;
  }
  auto& events = found->second;
  expire(events, now);
  if (events.size() >= limit_) return false;
  events.push_back(now);
  return true;
}

bool RateLimiter::exhausted(const std::string& key, sql::Instant now) {
  if (limit_ == 0) return false;
  std::lock_guard lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end()) return false;
  expire(found->second, now);
  return found->second.size() >= limit_;
}

std::size_t RateLimiter::count(const std::string& key, sql::Instant now) {
  std::lock_guard lock(mutex_);
  auto found = events_.find(key);
  if (found == events_.end()) return 0;
  expire(found->second, now);
  return found->second.size();
}

std::size_t RateLimiter::trackedKeys() {
  std::lock_guard lock(mutex_);
  return events_.size();
}

}  // namespace jadwal::workflow
