#pragma once
// The process's open-file limit and what the server needs of it: one
// descriptor per connection, and its own besides (the database, logs and
// mail, and the refusals of connections over a limit being written).
//
// jadwald raises its soft limit to the hard one at start and refuses to
// start when [http] max_connections and its own needs do not fit: a server
// that ran out of descriptors under load would fail accepts and database
// opens alike, long after the operator could have been told.

#include <cstddef>
#include <cstdint>
#include <string>

namespace jadwal::server {

// Descriptors the server keeps besides connections: three for each pooled
// database connection (the file, its WAL and its shared memory), some for
// the logs, mail and standard streams, and up to 256 refusals being written.
constexpr std::size_t reservedDescriptors(std::size_t databaseConnections) {
  return 3 * databaseConnections + 16 + 256;
}
// With the default pool of database connections ([db] pool_size).
inline constexpr std::size_t kDefaultDatabaseConnections = 16;
inline constexpr std::size_t kReservedDescriptors = reservedDescriptors(kDefaultDatabaseConnections);

struct OpenFileLimit {
  std::uint64_t soft = 0;  // UINT64_MAX: unlimited
  std::uint64_t hard = 0;
};

// Raises the soft limit on open files to the hard one (any process may) and
// returns the limit in force afterwards.
OpenFileLimit raiseOpenFileLimit();

// Empty when `maxConnections` and the reserved descriptors (for a pool of
// `databaseConnections`) fit under `limit.soft`; else one line for the
// operator saying what to change.
std::string openFileShortfall(std::size_t maxConnections, std::size_t databaseConnections, const OpenFileLimit& limit);

}  // namespace jadwal::server
