#include "server/export_archive.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>

#include "server/archive_format.h"
#include "server/archive_tar.h"
#include "server/version.h"

namespace jadwal::server {
namespace {

struct CalendarRow {
  std::int64_t ownerId = 0;
  std::string slug, displayName, timezone;
};

std::string isoTime(std::time_t at) {
  std::tm parts{};
  gmtime_r(&at, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// The tables a snapshot holds that are neither archived nor left out by
// name: the archive search's full-text index and its shadow tables, which
// its triggers rebuild from the archived rows, and the instance table. Any other table would be
// data this build does not know how to carry: the export refuses it rather
// than leave it out unseen.
std::vector<std::string> derivedTables(const std::vector<std::string>& present) {
  std::vector<std::string> out;
  const auto& archived = archivedTables();
  const auto& excluded = excludedTables();
  for (const auto& table : present) {
    if (std::find(archived.begin(), archived.end(), table) != archived.end() ||
        std::find(excluded.begin(), excluded.end(), table) != excluded.end()) {
      continue;
    }
    // object_instances: each object's instances, made again from its text
    // (objects.instances_until is left out, so a restore starts without).
    if (table != "archive_search" && !table.starts_with("archive_search_") && table != "object_instances") {
      throw std::runtime_error("the database has a table this build does not know how to export: " + table);
    }
    out.push_back(table);
  }
  return out;
}

// Text for a property value (RFC 5545 TEXT): a display name with a line
// break or a comma must not start another property.
std::string icalText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// The member of a calendar's iCalendar file: by owner and slug for people
// to find, by id when that name would not fit a tar header (100 bytes).
std::string calendarMemberName(const std::string& owner, const std::string& slug, std::int64_t id) {
  std::string name = "calendars/" + owner + "/" + slug + ".ics";
  if (name.size() < 100) return name;
  return "calendars/" + std::to_string(id) + ".ics";
}

}  // namespace

std::string combinedCalendar(const std::string& displayName, const std::string& timezone,
                             const std::vector<std::string>& objects) {
  std::map<std::string, std::string> zones;  // TZID -> VTIMEZONE block
  std::string components;
  for (const auto& object : objects) {
    std::size_t depth = 0;
    std::string block, tzid;
    bool isZone = false;
    std::size_t start = 0;
    while (start < object.size()) {
      std::size_t end = object.find('\n', start);
      if (end == std::string::npos) end = object.size();
      std::string line = object.substr(start, end - start);
      start = end + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.starts_with("BEGIN:")) ++depth;
      if (depth >= 2) {
        if (depth == 2 && line.starts_with("BEGIN:")) isZone = line == "BEGIN:VTIMEZONE";
        if (isZone && depth == 2 && line.starts_with("TZID:")) tzid = line.substr(5);
        block += line + "\r\n";
      }
      if (line.starts_with("END:")) {
        if (depth == 2) {
          if (isZone) {
            zones.emplace(tzid, block);
          } else {
            components += block;
          }
          block.clear();
          tzid.clear();
        }
        if (depth > 0) --depth;
      }
    }
  }
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Export//EN\r\nCALSCALE:GREGORIAN\r\n";
  if (!displayName.empty()) out += "X-WR-CALNAME:" + icalText(displayName) + "\r\n";
  if (!timezone.empty() && timezone.find('\n') == std::string::npos) out += "X-WR-TIMEZONE:" + timezone + "\r\n";
  for (const auto& [tzid, block] : zones) out += block;
  return out + components + "END:VCALENDAR\r\n";
}

void exportArchive(const std::string& databasePath, const std::string& out, bool force, std::ostream& report) {
  namespace fs = std::filesystem;
  std::error_code ignored;
  if (fs::exists(out, ignored) && !force) {
    throw std::runtime_error(out + " exists; give --force to overwrite it");
  }
  const std::string temporary = out + ".tmp";
  // A previous export that died midway left it; another file of that name
  // is not ours to delete without being told.
  if (fs::exists(temporary, ignored)) {
    if (!force)
      throw std::runtime_error(temporary + " exists (an export that stopped midway?); remove it or give --force");
    fs::remove(temporary, ignored);
  }
  const std::time_t createdAt = std::time(nullptr);

  sql::SqliteSnapshot snapshot(databasePath);
  const int schema = snapshot.schemaVersion();
  const auto present = snapshot.tables();
  const auto derived = derivedTables(present);

  TarWriter tar(temporary, createdAt);
  std::map<std::string, std::pair<std::uint64_t, std::string>> members;  // name -> size, sha256
  std::map<std::string, std::int64_t> counts;
  auto add = [&](const std::string& name, const std::string& bytes) {
    members[name] = {bytes.size(), tar.add(name, bytes)};
  };

  std::map<std::int64_t, std::string> userNames;
  std::map<std::int64_t, CalendarRow> calendars;
  std::map<std::int64_t, std::vector<std::string>> objectsOf;
  std::vector<std::string> blobs;
  try {
    for (const auto& table : archivedTables()) {
      if (std::find(present.begin(), present.end(), table) == present.end()) {
        throw std::runtime_error("the database has no table " + table + " (schema version " + std::to_string(schema) +
                                 ")");
      }
      std::string lines;
      std::int64_t rows = 0;
      std::vector<std::string> leaveOut;
      if (table == "blobs") leaveOut = {"bytes"};
      if (table == "objects") leaveOut = {"instances_until"};
      snapshot.forEachRow(table, leaveOut, [&](const sql::SqlRow& row) {
        lines += rowToJson(row) + "\n";
        ++rows;
        if (table == "users") userNames[integerOf(row, "id")] = textOf(row, "name");
        if (table == "calendars") {
          calendars[integerOf(row, "id")] = {integerOf(row, "owner_id"), textOf(row, "slug"),
                                             textOf(row, "display_name"), textOf(row, "timezone")};
        }
        if (table == "objects") objectsOf[integerOf(row, "calendar_id")].push_back(textOf(row, "ical"));
        if (table == "blobs") blobs.push_back(textOf(row, "sha256"));
      });
      add(table + ".jsonl", lines);
      counts[table] = rows;
    }
    for (const auto& sha : blobs) add("files/" + sha, snapshot.blobBytes(sha));
    counts["files"] = static_cast<std::int64_t>(blobs.size());
    for (const auto& [id, calendar] : calendars) {
      const std::string name = calendarMemberName(userNames[calendar.ownerId], calendar.slug, id);
      add(name, combinedCalendar(calendar.displayName, calendar.timezone, objectsOf[id]));
    }
    counts["calendar_files"] = static_cast<std::int64_t>(calendars.size());

    std::string manifest = "{\n  \"format\": " + jsonString(kArchiveFormat) +
                           ",\n  \"format_version\": " + std::to_string(kArchiveFormatVersion) +
                           ",\n  \"created_at\": " + jsonString(isoTime(createdAt)) +
                           ",\n  \"jadwal_version\": " + jsonString(jadwalVersion()) +
                           ",\n  \"schema_version\": " + std::to_string(schema) + ",\n  \"tables\": [";
    for (std::size_t i = 0; i < archivedTables().size(); ++i) {
      manifest += (i ? ", " : "") + jsonString(archivedTables()[i]);
    }
    manifest += "],\n  \"excluded_tables\": [";
    for (std::size_t i = 0; i < excludedTables().size(); ++i) {
      manifest += (i ? ", " : "") + jsonString(excludedTables()[i]);
    }
    manifest += "],\n  \"derived_tables\": [";
    for (std::size_t i = 0; i < derived.size(); ++i) manifest += (i ? ", " : "") + jsonString(derived[i]);
    manifest += "],\n  \"counts\": {";
    bool first = true;
    for (const auto& [name, count] : counts) {
      manifest += std::string(first ? "\n" : ",\n") + "    " + jsonString(name) + ": " + std::to_string(count);
      first = false;
    }
    manifest += "\n  },\n  \"members\": [";
    first = true;
    for (const auto& [name, entry] : members) {
      manifest += std::string(first ? "\n" : ",\n") + "    {\"name\": " + jsonString(name) +
                  ", \"size\": " + std::to_string(entry.first) + ", \"sha256\": " + jsonString(entry.second) + "}";
      first = false;
    }
    manifest += "\n  ]\n}\n";
    tar.add(std::string(kManifestName), manifest);
    tar.finish();
    fs::rename(temporary, out);
  } catch (...) {
    fs::remove(temporary, ignored);
    throw;
  }
  report << "exported " << out << " (schema version " << schema << ", snapshot of " << isoTime(createdAt) << ")\n";
  for (const auto& [name, count] : counts) report << "  " << name << ": " << count << "\n";
}

}  // namespace jadwal::server
