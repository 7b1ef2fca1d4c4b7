#pragma once
// Runs one operator command against the store. Messages go to `err`,
// results to `out`; passwords are read from the first line of `in`.
// Returns the exit code: 0 done, 1 failed (unknown user, store error, ...).

#include <iosfwd>
#include <string>

#include "server/cli_command.h"

namespace jadwal::caldav {
class CalendarService;
}

namespace jadwal::server {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// `databaseUrl` is the config's db.url: export and import (of an archive)
// work on the database file below the store.
int runCommand(const Command& command, sql::Store& store, caldav::CalendarService& calendars, std::istream& in,
               std::ostream& out, std::ostream& err, const std::string& databaseUrl = {});

}  // namespace jadwal::server
