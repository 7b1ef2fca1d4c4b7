#pragma once
// Runs one operator command against the store. Messages go to `err`,
// results to `out`; passwords are read from the first line of `in`.
// Returns the exit code: 0 done, 1 failed (unknown user, store error, ...).

#include <iosfwd>

#include "server/cli_command.h"

namespace jadwal::caldav {
class CalendarService;
}

namespace jadwal::server {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int runCommand(const Command& command, sql::Store& store, caldav::CalendarService& calendars, std::istream& in,
               std::ostream& out, std::ostream& err);

}  // namespace jadwal::server
