#include "server/connection_limits.h"

namespace jadwal::server {

ConnectionLimits::Slot& ConnectionLimits::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    limits_ = other.limits_;
    client_ = std::move(other.client_);
    other.limits_ = nullptr;
  }
  return *this;
}

void ConnectionLimits::Slot::release() {
  if (limits_ == nullptr) return;
  limits_->close(client_);
  limits_ = nullptr;
}

ConnectionLimits::Slot ConnectionLimits::open(const std::string& client, bool trustedProxy, Refusal& refusal) {
  refusal = Refusal::None;
  std::lock_guard lock(mutex_);
  if (open_.load(std::memory_order_relaxed) >= maxConnections_) {
    refusal = Refusal::TooManyConnections;
    refusedInAll_.fetch_add(1, std::memory_order_relaxed);
    return {};
  }
  if (!trustedProxy) {
    std::size_t& count = perClient_[client];
    if (count >= maxPerClient_) {
      if (count == 0) perClient_.erase(client);
      refusal = Refusal::TooManyFromClient;
      refusedFromClients_.fetch_add(1, std::memory_order_relaxed);
      return {};
    }
    ++count;
  }
  open_.fetch_add(1, std::memory_order_relaxed);
  return Slot(this, trustedProxy ? std::string() : client);
}

void ConnectionLimits::close(const std::string& client) {
  std::lock_guard lock(mutex_);
  open_.fetch_sub(1, std::memory_order_relaxed);
  if (client.empty()) return;
  auto found = perClient_.find(client);
  if (found != perClient_.end() && --found->second == 0) perClient_.erase(found);
}

bool ConnectionLimits::reserveBody(std::size_t bytes) {
  std::size_t current = pendingBody_.load(std::memory_order_relaxed);
  do {
    if (bytes > maxPendingBodyBytes_ || current > maxPendingBodyBytes_ - bytes) return false;
  } while (!pendingBody_.compare_exchange_weak(current, current + bytes, std::memory_order_relaxed));
  return true;
}

void ConnectionLimits::releaseBody(std::size_t bytes) { pendingBody_.fetch_sub(bytes, std::memory_order_relaxed); }

}  // namespace jadwal::server
