#include "server/access_log.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/Exception.h>
#include <Poco/FileChannel.h>
#include <Poco/Message.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <stdexcept>

#include "base/secret_paths.h"

namespace jadwal::server {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string orDash(std::string_view text) { return text.empty() ? "-" : escaped(text); }

}  // namespace

std::string formatAccessLine(const AccessRecord& record) {
  std::time_t when = static_cast<std::time_t>(record.unixTime);
  std::tm utc{};
  gmtime_r(&when, &utc);
  char stamp[40];
  std::strftime(stamp, sizeof stamp, "%d/%b/%Y:%H:%M:%S +0000", &utc);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.0fms", record.milliseconds);
  return orDash(record.remoteAddress) + " - " + orDash(record.user) + " [" + stamp + "] \"" + escaped(record.method) +
         " " + escaped(base::loggablePath(record.path)) + " " + escaped(record.version) + "\" " +
         std::to_string(record.status) + " " + std::to_string(record.bytes) + " " + duration;
}

AccessLog::AccessLog(const std::string& target) {
  if (target.empty()) return;
  if (target == "-") {
    channel_ = new Poco::ConsoleChannel(std::cout);
    return;
  }
  Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(target));
  try {
    file->open();  // now, so that a path nobody can write stops the start
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("access log " + target + " cannot be opened for writing: " + e.displayText());
  }
  channel_ = file;
}

AccessLog::~AccessLog() {
  if (channel_) channel_->close();
}

void AccessLog::write(const AccessRecord& record) {
  if (!channel_) return;
  // The channel writes the text as it is: the line carries its own time.
  channel_->log(Poco::Message("jadwal.access", formatAccessLine(record), Poco::Message::PRIO_INFORMATION));
}

}  // namespace jadwal::server
