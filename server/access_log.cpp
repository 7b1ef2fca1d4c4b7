#include "server/access_log.h"

#include <cstdio>
#include <ctime>
#include <iostream>
#include <stdexcept>

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
         " " + escaped(record.path) + " " + escaped(record.version) + "\" " + std::to_string(record.status) + " " +
         std::to_string(record.bytes) + " " + duration;
}

AccessLog::AccessLog(const std::string& target) {
  if (target.empty()) return;
  if (target == "-") {
    out_ = &std::cout;
    return;
  }
  file_ = std::make_unique<std::ofstream>(target, std::ios::app);
  if (!*file_) throw std::runtime_error("access log " + target + " cannot be opened for writing");
  out_ = file_.get();
}

void AccessLog::write(const AccessRecord& record) {
  if (!out_) return;
  const std::string line = formatAccessLine(record) + "\n";
  std::lock_guard lock(mutex_);
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
  out_->flush();
}

}  // namespace jadwal::server
