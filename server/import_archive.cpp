#include "server/import_archive.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>

#include "server/archive_format.h"
#include "server/archive_tar.h"

namespace jadwal::server {
namespace {

[[noreturn]] void refuse(const std::string& in, const std::string& why) {
  throw std::runtime_error(printableText("refusing " + in + ": " + why) + "; the database was not changed");
}

Poco::JSON::Object::Ptr readManifest(TarReader& tar, const std::string& in) {
  auto text = tar.read(std::string(kManifestName));
  if (!text) refuse(in, "it has no manifest.json, so it is not a Jadwal archive");
  try {
    Poco::JSON::Parser parser;
    auto manifest = parser.parse(*text).extract<Poco::JSON::Object::Ptr>();
    if (!manifest) throw std::runtime_error("not an object");
    return manifest;
  } catch (const Poco::Exception& e) {
    refuse(in, "its manifest.json is not readable JSON (" + e.displayText() + ")");
  } catch (const std::exception&) {
    refuse(in, "its manifest.json is not readable JSON");
  }
}

// Every member the manifest names is there with its size and sum, and
// nothing else is.
void checkMembers(TarReader& tar, const Poco::JSON::Object::Ptr& manifest, const std::string& in) {
  auto listed = manifest->getArray("members");
  if (!listed) refuse(in, "its manifest lists no members");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < listed->size(); ++i) {
    auto entry = listed->getObject(static_cast<unsigned>(i));
    if (!entry) refuse(in, "its manifest has a malformed member entry");
    const std::string name = entry->optValue<std::string>("name", "");
    auto found = tar.members().find(name);
    if (found == tar.members().end()) refuse(in, "member " + name + " is missing");
    if (found->second.size != entry->optValue<std::uint64_t>("size", UINT64_MAX)) {
      refuse(in, "member " + name + " has the wrong size");
    }
    if (found->second.sha256 != entry->optValue<std::string>("sha256", "")) {
      refuse(in, "member " + name + " does not match its SHA-256 sum (the archive is damaged)");
    }
    seen.insert(name);
  }
  for (const auto& [name, member] : tar.members()) {
    if (name != kManifestName && !seen.count(name)) refuse(in, "member " + name + " is not in the manifest");
  }
}

std::int64_t countOf(const Poco::JSON::Object::Ptr& manifest, const std::string& name) {
  auto counts = manifest->getObject("counts");
  return counts ? counts->optValue<std::int64_t>(name, -1) : -1;
}

std::vector<sql::SqlRow> rowsOf(TarReader& tar, const std::string& table, const std::string& in) {
  const std::string name = table + ".jsonl";
  auto text = tar.read(name);
  if (!text) refuse(in, "member " + name + " is missing");
  std::vector<sql::SqlRow> rows;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) refuse(in, name + " ends inside a line (truncated)");
    try {
      rows.push_back(rowFromJson(std::string_view(*text).substr(start, end - start)));
    } catch (const std::exception& e) {
      refuse(in, name + " line " + std::to_string(rows.size() + 1) + ": " + e.what());
    }
    start = end + 1;
  }
  return rows;
}

void restoreArchive(const std::string& databasePath, const std::string& in, bool replaceAll, std::ostream& report) {
  std::unique_ptr<TarReader> tar;
  try {
    tar = std::make_unique<TarReader>(in);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(e.what()) + "; the database was not changed");
  }
  const auto manifest = readManifest(*tar, in);
  if (manifest->optValue<std::string>("format", "") != kArchiveFormat) refuse(in, "it is not a Jadwal archive");
  const int version = manifest->optValue<int>("format_version", -1);
  if (version != kArchiveFormatVersion) {
    refuse(in, "its format version " + std::to_string(version) + " is not known to this jadwald (it reads version " +
                   std::to_string(kArchiveFormatVersion) + ")");
  }
  checkMembers(*tar, manifest, in);

  auto tableList = manifest->getArray("tables");
  std::vector<std::string> tables;
  for (std::size_t i = 0; tableList && i < tableList->size(); ++i) {
    tables.push_back(tableList->getElement<std::string>(static_cast<unsigned>(i)));
  }
  if (tables != archivedTables()) refuse(in, "it carries other tables than this jadwald restores");

  std::map<std::string, std::vector<sql::SqlRow>> rows;
  for (const auto& table : tables) {
    rows[table] = rowsOf(*tar, table, in);
    if (static_cast<std::int64_t>(rows[table].size()) != countOf(manifest, table)) {
      refuse(in, table + ".jsonl holds " + std::to_string(rows[table].size()) + " rows, the manifest counts " +
                     std::to_string(countOf(manifest, table)));
    }
  }
  if (countOf(manifest, "files") != static_cast<std::int64_t>(rows["blobs"].size())) {
    refuse(in, "the manifest's count of files does not match blobs.jsonl");
  }
  for (const auto& blob : rows["blobs"]) {
    const std::string sha = textOf(blob, "sha256");
    auto member = tar->members().find("files/" + sha);
    if (member == tar->members().end()) refuse(in, "the letter files/" + sha + " is missing");
    if (member->second.sha256 != sha) refuse(in, "the letter files/" + sha + " does not match its name's SHA-256");
    if (blob.columns.end() != std::find(blob.columns.begin(), blob.columns.end(), "size") &&
        static_cast<std::uint64_t>(integerOf(blob, "size")) != member->second.size) {
      refuse(in, "the letter files/" + sha + " does not have the size blobs.jsonl gives");
    }
  }

  sql::SqliteRestore restore(databasePath);
  const int schema = manifest->optValue<int>("schema_version", -1);
  if (schema != restore.schemaVersion()) {
    refuse(in, "it was written at schema version " + std::to_string(schema) + ", the database is at " +
                   std::to_string(restore.schemaVersion()) + " (restore it with the jadwald release that wrote it)");
  }
  std::vector<std::string> holding;
  for (const auto& table : tables) {
    // id_high_water starts with a row in a new database.
    if (table != "id_high_water" && restore.rowCount(table) > 0) {
      holding.push_back(table + " " + std::to_string(restore.rowCount(table)));
    }
  }
  if (!holding.empty() && !replaceAll) {
    std::string list;
    for (const auto& entry : holding) list += (list.empty() ? "" : ", ") + entry;
    throw std::runtime_error("the database is not empty (" + list +
                             "); import restores into an empty database, or give --replace-all to delete "
                             "everything in it first; the database was not changed");
  }
  for (const auto& table : tables) {
    const auto known = restore.columns(table);
    for (const auto& row : rows[table]) {
      for (const auto& column : row.columns) {
        if (std::find(known.begin(), known.end(), column) == known.end()) {
          refuse(in, table + ".jsonl has a column " + column + " the database does not know");
        }
      }
    }
  }

  if (replaceAll) {
    std::vector<std::string> clearing = {"sessions"};
    clearing.insert(clearing.end(), tables.rbegin(), tables.rend());
    restore.clear(clearing);
  }
  for (const auto& table : tables) {
    for (auto& row : rows[table]) {
      if (table == "blobs") {
        sql::SqlValue bytes;
        bytes.kind = sql::SqlValue::Kind::Blob;
        bytes.bytes = *tar->read("files/" + textOf(row, "sha256"));
        row.columns.push_back("bytes");
        row.values.push_back(std::move(bytes));
        restore.insert(table, row);
        row.values.back().bytes.clear();
        row.values.back().bytes.shrink_to_fit();
      } else {
        restore.insert(table, row, table == "id_high_water");
      }
    }
  }
  restore.commit();
  report << "restored " << in << " (written " << manifest->optValue<std::string>("created_at", "?") << " by jadwal "
         << manifest->optValue<std::string>("jadwal_version", "?") << ")" << (replaceAll ? ", replacing all data" : "")
         << "\n";
  for (const auto& table : tables) report << "  " << table << ": " << rows[table].size() << "\n";
  report << "  files: " << rows["blobs"].size() << "\n";
}

}  // namespace

void importArchive(const std::string& databasePath, const std::string& in, bool replaceAll, std::ostream& report) {
  try {
    restoreArchive(databasePath, in, replaceAll, report);
  } catch (const Poco::Exception& e) {
    // A value of the wrong type in the manifest or a row (a hostile or
    // hand-edited archive); the restore's transaction was not committed.
    refuse(in, "a value in it has the wrong type (" + e.displayText() + ")");
  }
}

}  // namespace jadwal::server
