#include "server/metrics.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "server/version.h"

namespace jadwal::server {
namespace {

constexpr std::array<std::string_view, 16> kKnownMethods = {
    "GET",   "HEAD",       "POST",   "PUT",  "DELETE", "OPTIONS", "PROPFIND", "PROPPATCH",
    "MKCOL", "MKCALENDAR", "REPORT", "COPY", "MOVE",   "LOCK",    "UNLOCK",   "ACL"};

// "0.001", "2.5", "10": the bucket labels read as configured.
std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

}  // namespace

std::string_view Metrics::methodLabel(std::string_view method) {
  auto it = std::find(kKnownMethods.begin(), kKnownMethods.end(), method);
  return it == kKnownMethods.end() ? std::string_view("OTHER") : *it;
}

void Metrics::record(std::string_view method, int status, double seconds) {
  const std::string_view label = methodLabel(method);  // points into kKnownMethods: lives forever
  const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  std::lock_guard lock(mutex_);
  ++requests_[{label, status}];
  if (bucket < static_cast<long>(kBuckets.size())) ++bucketCounts_[bucket];
  ++durationCount_;
  durationSum_ += seconds;
}

void Metrics::watchConnections(std::function<ConnectionCounts()> source) {
  std::lock_guard lock(mutex_);
  connections_ = std::move(source);
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP jadwal_http_requests_total HTTP requests answered, by method and status.\n"
      << "# TYPE jadwal_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "jadwal_http_requests_total{method=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
        << "\n";
  }
  out << "# HELP jadwal_http_request_duration_seconds Time from request start to the last byte of the answer.\n"
      << "# TYPE jadwal_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += bucketCounts_[i];
    out << "jadwal_http_request_duration_seconds_bucket{le=\"" << formatNumber(kBuckets[i]) << "\"} " << cumulative
        << "\n";
  }
  out << "jadwal_http_request_duration_seconds_bucket{le=\"+Inf\"} " << durationCount_ << "\n"
      << "jadwal_http_request_duration_seconds_sum " << formatNumber(durationSum_) << "\n"
      << "jadwal_http_request_duration_seconds_count " << durationCount_ << "\n";
  out << "# HELP jadwal_http_active_connections Requests being served now.\n"
      << "# TYPE jadwal_http_active_connections gauge\n"
      << "jadwal_http_active_connections " << active_.load(std::memory_order_relaxed) << "\n";
  const ConnectionCounts connections = connections_ ? connections_() : ConnectionCounts{};
  out << "# HELP jadwal_http_open_connections Connections open now, idle ones included.\n"
      << "# TYPE jadwal_http_open_connections gauge\n"
      << "jadwal_http_open_connections " << connections.open << "\n"
      << "# HELP jadwal_http_refused_connections_total Connections refused with 503 over a connection cap, by cap.\n"
      << "# TYPE jadwal_http_refused_connections_total counter\n"
      << "jadwal_http_refused_connections_total{limit=\"per_client\"} " << connections.refusedPerClient << "\n"
      << "jadwal_http_refused_connections_total{limit=\"overall\"} " << connections.refusedOverall << "\n";
  // The version running, as Prometheus' *_build_info convention has it.
  out << "# HELP jadwal_build_info The running jadwald's version.\n"
      << "# TYPE jadwal_build_info gauge\n"
      << "jadwal_build_info{version=\"" << jadwalVersion() << "\"} 1\n";
  return out.str();
}

}  // namespace jadwal::server
