#pragma once
// jadwald import: restores an archive written by jadwald export (README
// "Export and import") into the SQLite database at `databasePath`.
//
// Everything is checked before anything is written: the tar structure, the
// manifest's format and version, every member's size and SHA-256, the row
// counts, every row's columns, and every letter's content against its name.
// The rows are then written in one transaction, ids kept: the restore is
// whole or, on any failure, absent.

#include <iosfwd>
#include <string>

namespace jadwal::server {

// Refuses a database that already holds data unless `replaceAll`, which
// deletes everything the archive carries (and the web sessions) first, in
// the same transaction. Prints what it restored to `report`. Throws
// std::runtime_error or sql::StoreError with a message; the database is
// then untouched.
void importArchive(const std::string& databasePath, const std::string& in, bool replaceAll, std::ostream& report);

}  // namespace jadwal::server
