#include "server/request_admission.h"

namespace jadwal::server {

void RequestAdmission::admit(const std::string& client, std::function<void()> start) {
  {
    std::lock_guard lock(mutex_);
    Client& entry = clients_[client];
    if (entry.running >= perClient_) {
      entry.waiting.push_back(std::move(start));
      return;
    }
    ++entry.running;
  }
  start();
}

void RequestAdmission::done(const std::string& client) {
  std::function<void()> next;
  {
    std::lock_guard lock(mutex_);
    auto found = clients_.find(client);
    if (found == clients_.end()) return;
    Client& entry = found->second;
    if (!entry.waiting.empty()) {
      next = std::move(entry.waiting.front());  // its place passes on: running stays the same
      entry.waiting.pop_front();
    } else if (--entry.running == 0) {
      clients_.erase(found);
    }
  }
  if (next) next();
}

std::size_t RequestAdmission::running(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto found = clients_.find(client);
  return found == clients_.end() ? 0 : found->second.running;
}

}  // namespace jadwal::server
