#pragma once
// One line per answered request, in the Common Log Format followed by the
// duration:
//   127.0.0.1 - bupati [22/Nov/2023:08:00:00 +0000] "PROPFIND /dav/ HTTP/1.1" 207 1234 5ms
// It is a Poco channel of its own beside the server log (server/logging.h):
// its own file or standard output, no level, the line as formatted here.
// Poco's channels take lines from many threads one at a time.

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace jadwal::server {

struct AccessRecord {
  std::string remoteAddress;
  std::string user;  // empty when not authenticated
  std::string method;
  std::string path;  // as requested, without the query; a feed's token is masked when written
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
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const { return !channel_.isNull(); }
  void write(const AccessRecord& record);

 private:
  Poco::AutoPtr<Poco::Channel> channel_;
};

}  // namespace jadwal::server
