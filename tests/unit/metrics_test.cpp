#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "server/access_log.h"
#include "server/metrics.h"
#include "server/version.h"

using namespace jadwal::server;

namespace {

bool hasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string each; std::getline(in, each);) {
    if (each == line) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_metrics_render_all_families) {
  Metrics metrics;
  const std::string text = metrics.render();
  BOOST_TEST(hasLine(text, "# TYPE jadwal_http_requests_total counter"));
  BOOST_TEST(hasLine(text, "# TYPE jadwal_http_request_duration_seconds histogram"));
  BOOST_TEST(hasLine(text, "# TYPE jadwal_http_active_connections gauge"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"+Inf\"} 0"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_count 0"));
  BOOST_TEST(hasLine(text, "jadwal_http_active_connections 0"));
  BOOST_TEST(text.back() == '\n');
}

BOOST_AUTO_TEST_CASE(build_info_names_the_project_version) {
  // CMake's project(VERSION) reaches version.cpp only; here its shape is enough.
  const std::string version(jadwalVersion());
  BOOST_TEST(std::regex_match(version, std::regex(R"(\d+\.\d+\.\d+)")), version);
  BOOST_TEST(hasLine(Metrics().render(), "jadwal_build_info{version=\"" + version + "\"} 1"));
}

BOOST_AUTO_TEST_CASE(connections_open_and_refused_are_shown) {
  Metrics metrics;
  // Before a front end is watched: the families are there, at zero.
  std::string text = metrics.render();
  BOOST_TEST(hasLine(text, "# TYPE jadwal_http_open_connections gauge"));
  BOOST_TEST(hasLine(text, "jadwal_http_open_connections 0"));
  BOOST_TEST(hasLine(text, "# TYPE jadwal_http_refused_connections_total counter"));
  BOOST_TEST(hasLine(text, "jadwal_http_refused_connections_total{limit=\"per_client\"} 0"));
  BOOST_TEST(hasLine(text, "jadwal_http_refused_connections_total{limit=\"overall\"} 0"));
  // Read from the front end at each scrape.
  ConnectionCounts counts{42, 7, 3};
  metrics.watchConnections([&] { return counts; });
  text = metrics.render();
  BOOST_TEST(hasLine(text, "jadwal_http_open_connections 42"));
  BOOST_TEST(hasLine(text, "jadwal_http_refused_connections_total{limit=\"per_client\"} 7"));
  BOOST_TEST(hasLine(text, "jadwal_http_refused_connections_total{limit=\"overall\"} 3"));
  counts.open = 40;
  BOOST_TEST(hasLine(metrics.render(), "jadwal_http_open_connections 40"));
}

BOOST_AUTO_TEST_CASE(counters_by_method_and_status) {
  Metrics metrics;
  metrics.record("PROPFIND", 207, 0.01);
  metrics.record("PROPFIND", 207, 0.01);
  metrics.record("GET", 404, 0.01);
  metrics.record("BREW", 405, 0.01);  // unknown methods share one label
  metrics.record("FROB", 405, 0.01);
  const std::string text = metrics.render();
  BOOST_TEST(hasLine(text, "jadwal_http_requests_total{method=\"PROPFIND\",status=\"207\"} 2"), text);
  BOOST_TEST(hasLine(text, "jadwal_http_requests_total{method=\"GET\",status=\"404\"} 1"));
  BOOST_TEST(hasLine(text, "jadwal_http_requests_total{method=\"OTHER\",status=\"405\"} 2"));
  BOOST_TEST(text.find("BREW") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(histogram_buckets_are_cumulative) {
  Metrics metrics;
  metrics.record("GET", 200, 0.0005);  // <= 0.001
  metrics.record("GET", 200, 0.001);   // on the bound: counted in le="0.001"
  metrics.record("GET", 200, 0.2);     // <= 0.25
  metrics.record("GET", 200, 3.0);     // <= 5
  metrics.record("GET", 200, 60.0);    // only +Inf
  const std::string text = metrics.render();
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"0.001\"} 2"), text);
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"0.1\"} 2"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"0.25\"} 3"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"2.5\"} 3"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"5\"} 4"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"10\"} 4"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"+Inf\"} 5"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_count 5"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_sum 63.2015"));
  // Buckets appear in increasing order, 0.001 first and 10 last.
  BOOST_TEST(text.find("le=\"0.001\"") < text.find("le=\"0.0025\""));
  BOOST_TEST(text.find("le=\"10\"") < text.find("le=\"+Inf\""));
}

BOOST_AUTO_TEST_CASE(gauge_counts_requests_in_flight) {
  Metrics metrics;
  {
    ActiveRequest first(metrics);
    ActiveRequest second(metrics);
    BOOST_TEST(metrics.activeRequests() == 2);
    BOOST_TEST(hasLine(metrics.render(), "jadwal_http_active_connections 2"));
  }
  BOOST_TEST(metrics.activeRequests() == 0);
}

BOOST_AUTO_TEST_CASE(recording_from_many_threads_loses_nothing) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 1000; ++i) {
        ActiveRequest active(metrics);
        metrics.record("REPORT", 207, 0.002);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.render();
  BOOST_TEST(hasLine(text, "jadwal_http_requests_total{method=\"REPORT\",status=\"207\"} 4000"));
  BOOST_TEST(hasLine(text, "jadwal_http_request_duration_seconds_bucket{le=\"0.0025\"} 4000"));
  BOOST_TEST(metrics.activeRequests() == 0);
}

BOOST_AUTO_TEST_CASE(access_line_has_the_common_format) {
  AccessRecord record;
  record.remoteAddress = "10.0.0.7";
  record.user = "bupati";
  record.method = "PROPFIND";
  record.path = "/dav/calendars/bupati/";
  record.status = 207;
  record.bytes = 1234;
  record.milliseconds = 5.4;
  record.unixTime = 1700640000;  // 2023-11-22 08:00:00 UTC
  BOOST_TEST(
      formatAccessLine(record) ==
      "10.0.0.7 - bupati [22/Nov/2023:08:00:00 +0000] \"PROPFIND /dav/calendars/bupati/ HTTP/1.1\" 207 1234 5ms");
}

BOOST_AUTO_TEST_CASE(access_line_escapes_client_text) {
  AccessRecord record;
  record.remoteAddress = "::1";
  record.method = "GET";
  record.path = "/x\"y\n127.0.0.1 - admin";
  record.status = 404;
  const std::string line = formatAccessLine(record);
  BOOST_TEST(line.find('\n') == std::string::npos);
  BOOST_TEST(line.find("::1 - - [") == 0u);  // no user: a dash
  BOOST_TEST(line.find("/x\\\"y\\x0A127.0.0.1") != std::string::npos, line);
}

// A feed's token is its only credential: the log keeps it out, in every
// spelling that reaches the feed.
BOOST_AUTO_TEST_CASE(access_line_masks_a_feeds_token) {
  const std::string token(64, 'a');
  for (const std::string& path : {"/ics/" + token + ".ics", "/ICS/" + token + ".ics", "/%69cs/" + token + ".ics",
                                  "//ics/" + token + ".ics", "/x/../ics/" + token}) {
    AccessRecord record;
    record.method = "GET";
    record.path = path;
    record.status = 200;
    const std::string line = formatAccessLine(record);
    BOOST_TEST(line.find(token) == std::string::npos, line);
    BOOST_TEST(line.find("/***") != std::string::npos, line);
  }
  AccessRecord other;
  other.method = "GET";
  other.path = "/staf/akun";
  BOOST_TEST(formatAccessLine(other).find("\"GET /staf/akun HTTP/1.1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(access_log_appends_lines_to_its_file) {
  const auto path = std::filesystem::temp_directory_path() / ("jadwal-access-" + std::to_string(::getpid()) + ".log");
  std::filesystem::remove(path);
  {
    AccessLog log(path.string());
    BOOST_TEST(log.enabled());
    AccessRecord record;
    record.method = "GET";
    record.path = "/healthz";
    record.status = 200;
    log.write(record);
    log.write(record);
  }
  std::ifstream in(path);
  std::string first, second, third;
  std::getline(in, first);
  std::getline(in, second);
  BOOST_TEST(!std::getline(in, third));
  BOOST_TEST(first.find("\"GET /healthz HTTP/1.1\" 200 0") != std::string::npos, first);
  BOOST_TEST(first.substr(first.find('"')) == second.substr(second.find('"')));
  std::filesystem::remove(path);

  BOOST_TEST(!AccessLog("").enabled());
  BOOST_CHECK_THROW(AccessLog("/nonexistent-directory/access.log"), std::runtime_error);
}
