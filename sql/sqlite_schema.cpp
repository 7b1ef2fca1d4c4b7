#include "sql/sqlite_schema.h"

#include <Poco/Data/Statement.h>

#include <chrono>
#include <string>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

struct Migration {
  int version;
  std::vector<const char*> statements;  // one SQL statement each, run in order
};

// Append new versions at the end; never edit one that has shipped.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       {
           R"(CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL DEFAULT '',
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL))",
           R"(CREATE TABLE aides (
                aide_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                leader_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (aide_id, leader_id)))",
           R"(CREATE TABLE calendars (
                id INTEGER PRIMARY KEY,
                owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                slug TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                color TEXT NOT NULL DEFAULT '',
                timezone TEXT NOT NULL DEFAULT '',
                components TEXT NOT NULL DEFAULT 'VEVENT,VTODO',
                sync_seq INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                UNIQUE (owner_id, slug)))",
           R"(CREATE TABLE shares (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                write INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (calendar_id, user_id)))",
           "CREATE INDEX shares_by_user ON shares (user_id)",
           // ical is the last column so that reading the index columns of a
           // row never touches its overflow pages.
           R"(CREATE TABLE objects (
                id INTEGER PRIMARY KEY,
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                uid TEXT NOT NULL,
                etag TEXT NOT NULL,
                component TEXT NOT NULL,
                size INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                first_start INTEGER NOT NULL,
                last_end INTEGER NOT NULL,
                recurring INTEGER NOT NULL DEFAULT 0,
                ical TEXT NOT NULL,
                UNIQUE (calendar_id, name),
                UNIQUE (calendar_id, uid)))",
           // Covers listObjects, so listing a calendar reads the index alone
           // and never the rows with their text.
           "CREATE INDEX objects_listing ON objects (calendar_id, name, uid, etag, component, size, modified_at)",
           // Each span index carries the other bound, so a time-range query
           // filters inside the index and reads only the rows that match.
           "CREATE INDEX objects_by_start ON objects (calendar_id, first_start, last_end)",
           "CREATE INDEX objects_by_end ON objects (calendar_id, last_end, first_start)",
           // One row per name with its latest change: enough to answer any
           // sync token, since a client only needs each name's final state.
           R"(CREATE TABLE changes (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (calendar_id, name)))",
           "CREATE INDEX changes_by_seq ON changes (calendar_id, seq)",
           R"(CREATE TABLE dead_props (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                resource TEXT NOT NULL,
                ns TEXT NOT NULL,
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                PRIMARY KEY (calendar_id, resource, ns, name)))",
       }},
  };
  return all;
}

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int latestSqliteSchemaVersion() { return migrations().back().version; }

void migrateSqliteSchema(Poco::Data::Session& session) {
  session << R"(CREATE TABLE IF NOT EXISTS schema_version (
                  version INTEGER PRIMARY KEY,
                  applied_at INTEGER NOT NULL))",
      now;
  int current = 0;
  session << "SELECT COALESCE(MAX(version), 0) FROM schema_version", into(current), now;
  if (current > latestSqliteSchemaVersion()) {
    throw StoreError("the database has schema version " + std::to_string(current) + ", newer than this build knows (" +
                     std::to_string(latestSqliteSchemaVersion()) + ")");
  }
  for (const Migration& migration : migrations()) {
    if (migration.version <= current) continue;
    for (const char* statement : migration.statements) {
      session << statement, now;
    }
    session << "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", bind(migration.version),
        bind(nowSeconds()), now;
  }
}

}  // namespace jadwal::sql
