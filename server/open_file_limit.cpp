#include "server/open_file_limit.h"

#include <sys/resource.h>

#include <limits>

namespace jadwal::server {

namespace {

std::uint64_t plain(rlim_t value) {
  return value == RLIM_INFINITY ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(value);
}

}  // namespace

OpenFileLimit raiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return {std::numeric_limits<std::uint64_t>::max(), std::numeric_limits<std::uint64_t>::max()};
  }
  if (limit.rlim_cur != limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return {plain(limit.rlim_cur), plain(limit.rlim_max)};
}

std::string openFileShortfall(std::size_t maxConnections, std::size_t databaseConnections, const OpenFileLimit& limit) {
  const std::size_t reserved = reservedDescriptors(databaseConnections);
  const std::uint64_t needed = static_cast<std::uint64_t>(maxConnections) + reserved;
  if (needed <= limit.soft) return {};
  return "http.max_connections " + std::to_string(maxConnections) + " needs " + std::to_string(needed) +
         " open files (one per connection and " + std::to_string(reserved) +
         " for the server itself), but this process may open only " + std::to_string(limit.soft) +
         ": raise the limit (LimitNOFILE= in the systemd unit, ulimit -n) or lower http.max_connections";
}

}  // namespace jadwal::server
