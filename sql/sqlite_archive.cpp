// The archive's table-level reads and writes, straight on SQLite's C API:
// rows are copied with the types SQLite holds, whatever the columns.

#include "sql/sqlite_archive.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "sql/store.h"

namespace jadwal::sql {

namespace {

constexpr int kArchiveBusyTimeoutMs = 10000;  // as the store's own connections

// Table names come from sqlite_master or the archive's own list; quoted all
// the same so that no name is ever read as SQL.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace

class SqliteHandle {
 public:
  SqliteHandle(const std::string& path, bool write) {
    const int flags = write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError("cannot open " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, kArchiveBusyTimeoutMs);
    exec("PRAGMA foreign_keys = ON");
  }
  ~SqliteHandle() {
    for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  SqliteHandle(const SqliteHandle&) = delete;
  SqliteHandle& operator=(const SqliteHandle&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw StoreError("archive: " + text);
    }
  }

  // A prepared statement kept for the life of the connection, reset for reuse.
  sqlite3_stmt* statement(const std::string& sql) {
    auto found = cache_.find(sql);
    if (found != cache_.end()) {
      sqlite3_reset(found->second);
      sqlite3_clear_bindings(found->second);
      return found->second;
    }
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &prepared, nullptr) != SQLITE_OK) fail();
    cache_.emplace(sql, prepared);
    return prepared;
  }

  // Steps once: true while there is a row.
  bool step(sqlite3_stmt* statement) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }

  [[noreturn]] void fail() {
    const int code = sqlite3_errcode(db_);
    throw StoreError(std::string("archive: ") + sqlite3_errmsg(db_),
                     code == SQLITE_FULL ? StoreError::Cause::StorageFull : StoreError::Cause::Failure);
  }

  std::int64_t single(const std::string& sql) {
    sqlite3_stmt* query = statement(sql);
    const std::int64_t value = step(query) ? sqlite3_column_int64(query, 0) : 0;
    sqlite3_reset(query);
    return value;
  }

  std::vector<std::string> columns(const std::string& table) {
    std::vector<std::string> out;
    sqlite3_stmt* query = statement("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    sqlite3_bind_text(query, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    while (step(query)) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> cache_;
};

namespace {

SqlValue valueAt(sqlite3_stmt* query, int column) {
  SqlValue value;
  switch (sqlite3_column_type(query, column)) {
    case SQLITE_INTEGER:
      value.kind = SqlValue::Kind::Integer;
      value.integer = sqlite3_column_int64(query, column);
      break;
    case SQLITE_FLOAT:
      value.kind = SqlValue::Kind::Real;
      value.real = sqlite3_column_double(query, column);
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
      value.kind = sqlite3_column_type(query, column) == SQLITE_TEXT ? SqlValue::Kind::Text : SqlValue::Kind::Blob;
      const void* data = sqlite3_column_blob(query, column);
      const int size = sqlite3_column_bytes(query, column);
      if (data) value.bytes.assign(static_cast<const char*>(data), static_cast<std::size_t>(size));
      break;
    }
    default:
      break;
  }
  return value;
}

void bindValue(sqlite3_stmt* statement, int index, const SqlValue& value) {
  switch (value.kind) {
    case SqlValue::Kind::Null:
      sqlite3_bind_null(statement, index);
      break;
    case SqlValue::Kind::Integer:
      sqlite3_bind_int64(statement, index, value.integer);
      break;
    case SqlValue::Kind::Real:
      sqlite3_bind_double(statement, index, value.real);
      break;
    case SqlValue::Kind::Text:
      sqlite3_bind_text64(statement, index, value.bytes.data(), value.bytes.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case SqlValue::Kind::Blob:
      sqlite3_bind_blob64(statement, index, value.bytes.data(), value.bytes.size(), SQLITE_TRANSIENT);
      break;
  }
}

int versionOf(SqliteHandle& db) {
  if (db.single("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == 0) return 0;
  return static_cast<int>(db.single("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
}

}  // namespace

SqliteSnapshot::SqliteSnapshot(const std::string& path) : db_(std::make_unique<SqliteHandle>(path, false)) {
  db_->exec("BEGIN");
  // A read transaction takes its snapshot at its first read, so read now.
  db_->single("SELECT COUNT(*) FROM sqlite_master");
}

SqliteSnapshot::~SqliteSnapshot() {
  try {
    db_->exec("COMMIT");
  } catch (const StoreError&) {  // nothing was written; the connection closes anyway
  }
}

int SqliteSnapshot::schemaVersion() { return versionOf(*db_); }

std::vector<std::string> SqliteSnapshot::tables() {
  std::vector<std::string> out;
  sqlite3_stmt* query = db_->statement(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (db_->step(query)) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
  return out;
}

void SqliteSnapshot::forEachRow(const std::string& table, const std::vector<std::string>& leaveOut,
                                const std::function<void(const SqlRow&)>& visit) {
  SqlRow row;
  for (auto& column : db_->columns(table)) {
    if (std::find(leaveOut.begin(), leaveOut.end(), column) == leaveOut.end()) row.columns.push_back(column);
  }
  if (row.columns.empty()) throw StoreError("archive: no table " + table);
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < row.columns.size(); ++i) sql += (i ? ", " : "") + quoted(row.columns[i]);
  sql += " FROM " + quoted(table) + " ORDER BY rowid";
  sqlite3_stmt* query = db_->statement(sql);
  row.values.resize(row.columns.size());
  while (db_->step(query)) {
    for (std::size_t i = 0; i < row.columns.size(); ++i) row.values[i] = valueAt(query, static_cast<int>(i));
    visit(row);
  }
}

std::string SqliteSnapshot::blobBytes(const std::string& sha256) {
  sqlite3_stmt* query = db_->statement("SELECT bytes FROM blobs WHERE sha256 = ?");
  sqlite3_bind_text(query, 1, sha256.c_str(), -1, SQLITE_TRANSIENT);
  if (!db_->step(query)) return {};
  SqlValue value = valueAt(query, 0);
  sqlite3_reset(query);
  return value.bytes;
}

SqliteRestore::SqliteRestore(const std::string& path) : db_(std::make_unique<SqliteHandle>(path, true)) {
  // Take the write lock now: a writer that came between the checks and the
  // inserts would make the emptiness check a lie.
  db_->exec("BEGIN IMMEDIATE");
}

SqliteRestore::~SqliteRestore() {
  if (committed_) return;
  try {
    db_->exec("ROLLBACK");
  } catch (const StoreError&) {  // closing the connection rolls back as well
  }
}

int SqliteRestore::schemaVersion() { return versionOf(*db_); }

std::int64_t SqliteRestore::rowCount(const std::string& table) {
  return db_->single("SELECT COUNT(*) FROM " + quoted(table));
}

std::vector<std::string> SqliteRestore::columns(const std::string& table) { return db_->columns(table); }

void SqliteRestore::clear(const std::vector<std::string>& tables) {
  sqlite3_stmt* query =
      db_->statement("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_delete'");
  std::string guard;
  if (db_->step(query)) guard = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
  sqlite3_reset(query);
  if (!guard.empty()) db_->exec("DROP TRIGGER audit_no_delete");
  for (const auto& table : tables) db_->exec("DELETE FROM " + quoted(table));
  if (!guard.empty()) db_->exec(guard);
}

void SqliteRestore::insert(const std::string& table, const SqlRow& row, bool replace) {
  std::string sql = std::string(replace ? "INSERT OR REPLACE" : "INSERT") + " INTO " + quoted(table) + " (";
  std::string marks;
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    sql += (i ? ", " : "") + quoted(row.columns[i]);
    marks += i ? ", ?" : "?";
  }
  sql += ") VALUES (" + marks + ")";
  sqlite3_stmt* statement = db_->statement(sql);
  for (std::size_t i = 0; i < row.values.size(); ++i) bindValue(statement, static_cast<int>(i + 1), row.values[i]);
  db_->step(statement);
  sqlite3_reset(statement);
}

void SqliteRestore::commit() {
  db_->exec("COMMIT");
  committed_ = true;
}

}  // namespace jadwal::sql
