#include "server/last_logins.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace jadwal::server {

LastLogins::LastLogins(sql::UserAdminStore& store, const base::Clock& clock, std::chrono::seconds interval,
                       std::size_t capacity)
    : store_(store), clock_(clock), interval_(interval.count()), capacity_(capacity) {}

bool LastLogins::seen(std::int64_t userId) {
  const std::int64_t now = clock_.now();
  {
    std::lock_guard guard(mutex_);
    const auto found = written_.find(userId);
    if (found != written_.end() && now - found->second < interval_ && now >= found->second) return false;
    if (found == written_.end() && written_.size() >= capacity_) {
      std::erase_if(written_, [&](const auto& entry) { return now - entry.second >= interval_; });
      if (written_.size() >= capacity_) written_.clear();
    }
    written_[userId] = now;
  }
  try {
    store_.recordLogin(userId, now);
    return true;
  } catch (const std::exception& e) {
    // Knowing the last login is worth less than letting the user in.
    Poco::Logger::get("jadwal.auth").warning(std::string("recording a login failed: ") + e.what());
    return false;
  }
}

std::size_t LastLogins::remembered() const {
  std::lock_guard guard(mutex_);
  return written_.size();
}

}  // namespace jadwal::server
