#pragma once
// The Jadwal archive format (README "Export and import"): which tables it
// carries, in the order a restore writes them, and a row as one JSON line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/sqlite_archive.h"

namespace jadwal::server {

inline constexpr std::string_view kArchiveFormat = "jadwal-archive";
inline constexpr int kArchiveFormatVersion = 1;
inline constexpr std::string_view kManifestName = "manifest.json";

// Every table the archive carries, parents before children: a restore
// inserts in this order, and clears in the reverse one.
const std::vector<std::string>& archivedTables();
// Tables left out on purpose: web sessions and the server's secrets (a
// restored server makes new ones), and the schema's own bookkeeping.
const std::vector<std::string>& excludedTables();

// A row as one line of JSON: {"column": value, ...} in column order;
// integers as numbers, text as strings, NULL as null, bytes as
// {"base64": "..."}.
std::string rowToJson(const sql::SqlRow& row);
// A row's value by column name; 0 or empty when the row has no such column.
std::int64_t integerOf(const sql::SqlRow& row, const std::string& column);
std::string textOf(const sql::SqlRow& row, const std::string& column);
// The reverse; throws std::runtime_error on anything but such an object.
sql::SqlRow rowFromJson(std::string_view line);

// Text as a JSON string literal, quotes included.
std::string jsonString(std::string_view text);

}  // namespace jadwal::server
