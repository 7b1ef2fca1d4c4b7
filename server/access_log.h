#pragma once
// One line per answered request, in the Common Log Format followed by the
// duration:
//   127.0.0.1 - bupati [22/Nov/2023:08:00:00 +0000] "PROPFIND /dav/ HTTP/1.1" 207 1234 5ms
// Writes from many threads go through one mutex, a line at a time.

#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace jadwal::server {

struct AccessRecord {
  std::string remoteAddress;
  std::string user;  // empty when not authenticated
  std::string method;
  std::string path;  // as requested, without the query
  std::string version = "HTTP/1.1";
  int status = 0;
  std::uint64_t bytes = 0;
  double milliseconds = 0;
  std::int64_t unixTime = 0;
};

// The log line for one record, without the newline. Quotes and control
// characters in client-supplied fields are escaped so a line stays one line.
std::string formatAccessLine(const AccessRecord& record);

class AccessLog {
 public:
  // A log that writes nothing.
  AccessLog() = default;
  // `target` is a path (appended to), "-" for stdout, or "" for none.
  // Throws std::runtime_error if the file cannot be opened.
  explicit AccessLog(const std::string& target);

  bool enabled() const { return out_ != nullptr; }
  void write(const AccessRecord& record);

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_ = nullptr;
  std::mutex mutex_;
};

}  // namespace jadwal::server
