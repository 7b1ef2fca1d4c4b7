#include "sql/sqlite_statements.h"

#include "sql/store.h"

namespace jadwal::sql {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

SqliteStatements::~SqliteStatements() {
  for (auto& [sql, statement] : kept_) sqlite3_finalize(statement);
}

SqliteStatements::Use SqliteStatements::use(const char* sql) {
  auto it = kept_.find(std::string_view(sql));
  if (it == kept_.end()) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
      fail(db_, "prepare");
    it = kept_.emplace(sql, statement).first;
  }
  return Use(db_, it->second);
}

SqliteStatements::Use::~Use() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

SqliteStatements::Use& SqliteStatements::Use::bind(std::int64_t value) {
  if (sqlite3_bind_int64(statement_, next_++, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

SqliteStatements::Use& SqliteStatements::Use::bind(std::string_view value) {
  if (sqlite3_bind_text(statement_, next_++, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

bool SqliteStatements::Use::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

std::int64_t SqliteStatements::Use::integer(int column) const { return sqlite3_column_int64(statement_, column); }

std::string SqliteStatements::Use::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
}

}  // namespace jadwal::sql
