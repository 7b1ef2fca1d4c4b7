#pragma once
// Request metrics in the Prometheus text format (version 0.0.4):
//   jadwal_http_requests_total{method,status}     counter
//   jadwal_http_request_duration_seconds           histogram
//   jadwal_http_active_connections                 gauge of requests in flight
//   jadwal_http_open_connections                   gauge of connections open now
//   jadwal_http_refused_connections_total{limit}   counter of connections refused
//                                                  over per_client or overall cap
// Recording costs one short mutex hold; the method label is limited to the
// known HTTP and WebDAV methods ("OTHER" for the rest) so that clients cannot
// grow the series without bound.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace jadwal::server {

// What the front end tells about its connections.
struct ConnectionCounts {
  std::size_t open = 0;
  std::uint64_t refusedPerClient = 0;  // over [http] max_connections_per_client
  std::uint64_t refusedOverall = 0;    // over [http] max_connections
};

class Metrics {
 public:
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

  void requestStarted() { active_.fetch_add(1, std::memory_order_relaxed); }
  void requestEnded() { active_.fetch_sub(1, std::memory_order_relaxed); }
  // Counts one answered request and its duration.
  void record(std::string_view method, int status, double seconds);
  std::int64_t activeRequests() const { return active_.load(std::memory_order_relaxed); }
  // Where render() reads the connection counts (the front end, which owns
  // them); none: zeros. Set before serving starts.
  void watchConnections(std::function<ConnectionCounts()> source);

  // The exposition text for GET /metrics.
  std::string render() const;

  // The label a method is counted under.
  static std::string_view methodLabel(std::string_view method);

 private:
  std::atomic<std::int64_t> active_{0};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string_view, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucketCounts_{};  // not cumulative; summed when rendered
  std::uint64_t durationCount_ = 0;
  double durationSum_ = 0;
  std::function<ConnectionCounts()> connections_;
};

// Counts a request as in flight for the lifetime of the guard.
class ActiveRequest {
 public:
  explicit ActiveRequest(Metrics& metrics) : metrics_(metrics) { metrics_.requestStarted(); }
  ActiveRequest(const ActiveRequest&) = delete;
  ActiveRequest& operator=(const ActiveRequest&) = delete;
  ~ActiveRequest() { metrics_.requestEnded(); }

 private:
  Metrics& metrics_;
};

}  // namespace jadwal::server
