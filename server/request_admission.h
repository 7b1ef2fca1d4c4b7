#pragma once
// How many requests of one client the application works on at once. Past
// the bound a request waits, holding no thread, until one of that client's
// finishes: one client (the clientKey() of its address, or of what a
// trusted proxy says its address is) cannot take every worker, however slow its requests
// are. Each connection has at most one request in flight, so the waiting
// line of a client is bounded by its connections.

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jadwal::server {

class RequestAdmission {
 public:
  explicit RequestAdmission(std::size_t perClient) : perClient_(perClient == 0 ? 1 : perClient) {}

  // Calls `start` now (on this thread) if `client` runs fewer than the
  // bound, else later, from the done() that makes room.
  void admit(const std::string& client, std::function<void()> start);
  // One of `client`'s admitted requests is done: the next waiting one starts.
  void done(const std::string& client);

  std::size_t running(const std::string& client);

 private:
  struct Client {
    std::size_t running = 0;
    std::deque<std::function<void()>> waiting;
  };
  const std::size_t perClient_;
  std::mutex mutex_;
  std::unordered_map<std::string, Client> clients_;
};

}  // namespace jadwal::server
