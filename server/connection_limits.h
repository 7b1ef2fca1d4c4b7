#pragma once
// Bounds on open connections: in all, and per client (its clientKey(): an
// IPv6 client's whole prefix is one client), so that one client (or one
// careless script) cannot take every connection the server can hold. A
// trusted reverse proxy's connections count in the total only: the proxy
// carries many clients, and limits them itself.
//
// Also bounds the bytes of request bodies being received at once, since an
// event-driven server holds every body in memory until it is complete.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jadwal::server {

class ConnectionLimits {
 public:
  ConnectionLimits(std::size_t maxConnections, std::size_t maxPerClient, std::size_t maxPendingBodyBytes)
      : maxConnections_(maxConnections), maxPerClient_(maxPerClient), maxPendingBodyBytes_(maxPendingBodyBytes) {}

  // An open connection, counted until the slot is destroyed.
  class Slot {
   public:
    Slot() = default;
    Slot(ConnectionLimits* limits, std::string client) : limits_(limits), client_(std::move(client)) {}
    Slot(Slot&& other) noexcept : limits_(other.limits_), client_(std::move(other.client_)) { other.limits_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    explicit operator bool() const { return limits_ != nullptr; }

   private:
    void release();
    ConnectionLimits* limits_ = nullptr;
    std::string client_;  // empty for a trusted proxy's connection
  };

  enum class Refusal { None, TooManyConnections, TooManyFromClient };

  // A slot for a new connection from `client` (per-client counting skipped
  // when `trustedProxy`), or an empty slot with the reason in `refusal`.
  Slot open(const std::string& client, bool trustedProxy, Refusal& refusal);

  // Reserves `bytes` of body buffering; false (nothing reserved) when that
  // would pass the bound.
  bool reserveBody(std::size_t bytes);
  void releaseBody(std::size_t bytes);

  std::size_t openConnections() const { return open_.load(std::memory_order_relaxed); }
  // Connections refused so far over the per-client and the overall cap.
  std::uint64_t refusedFromClients() const { return refusedFromClients_.load(std::memory_order_relaxed); }
  std::uint64_t refusedInAll() const { return refusedInAll_.load(std::memory_order_relaxed); }
  std::size_t pendingBodyBytes() const { return pendingBody_.load(std::memory_order_relaxed); }

 private:
  void close(const std::string& client);

  const std::size_t maxConnections_;
  const std::size_t maxPerClient_;
  const std::size_t maxPendingBodyBytes_;
  std::atomic<std::size_t> open_{0};
  std::atomic<std::size_t> pendingBody_{0};
  std::atomic<std::uint64_t> refusedFromClients_{0};
  std::atomic<std::uint64_t> refusedInAll_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> perClient_;
};

}  // namespace jadwal::server
