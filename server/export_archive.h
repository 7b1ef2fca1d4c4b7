#pragma once
// jadwald export: the whole database as one archive file (README "Export
// and import"), read inside one read transaction so that it is a consistent
// snapshot while the server goes on serving and writing.

#include <iosfwd>
#include <string>
#include <vector>

namespace jadwal::server {

// Writes the archive of the SQLite database at `databasePath` to `out`,
// through `out`.tmp and a rename, so that `out` is either whole or absent.
// Refuses an existing `out` unless `force`. Prints what it wrote to
// `report`. Throws std::runtime_error (or sql::StoreError) with a message.
void exportArchive(const std::string& databasePath, const std::string& out, bool force, std::ostream& report);

// One calendar as a single iCalendar file any calendar program opens: the
// objects' components, each time zone once.
std::string combinedCalendar(const std::string& displayName, const std::string& timezone,
                             const std::vector<std::string>& objects);

}  // namespace jadwal::server
