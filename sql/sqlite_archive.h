#pragma once
// Whole-database access for the archive (jadwald export / import), table by
// table and row by row, below the Store interface: the archive copies rows
// as they are, ids included, so that a restore is the database it came from.
//
// Both classes hold their own connection to the SQLite file, apart from the
// store's pool, so that an export can run beside a serving jadwald.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace jadwal::sql {

// One column's value as SQLite stores it.
struct SqlValue {
  enum class Kind { Null, Integer, Real, Text, Blob };
  Kind kind = Kind::Null;
  std::int64_t integer = 0;
  double real = 0;
  std::string bytes;  // Text and Blob
};

struct SqlRow {
  std::vector<std::string> columns;
  std::vector<SqlValue> values;
};

class SqliteHandle;

// A read transaction over the whole file: every read sees the database as
// it was when the snapshot was taken (SQLite WAL keeps that state for a
// reader while writers go on). Throws StoreError if the file cannot be read.
class SqliteSnapshot {
 public:
  explicit SqliteSnapshot(const std::string& path);
  ~SqliteSnapshot();
  SqliteSnapshot(const SqliteSnapshot&) = delete;
  SqliteSnapshot& operator=(const SqliteSnapshot&) = delete;

  int schemaVersion();
  // The names of the ordinary tables, sorted.
  std::vector<std::string> tables();
  // Every row of `table` in rowid order, without the columns in `leaveOut`.
  void forEachRow(const std::string& table, const std::vector<std::string>& leaveOut,
                  const std::function<void(const SqlRow&)>& visit);
  // The bytes of one blob (blobs.bytes), or an empty value if there is none.
  std::string blobBytes(const std::string& sha256);

 private:
  std::unique_ptr<SqliteHandle> db_;
};

// A write transaction for a restore: nothing is visible to others, or left
// behind, until commit(); destroying it uncommitted rolls everything back.
class SqliteRestore {
 public:
  explicit SqliteRestore(const std::string& path);
  ~SqliteRestore();
  SqliteRestore(const SqliteRestore&) = delete;
  SqliteRestore& operator=(const SqliteRestore&) = delete;

  int schemaVersion();
  std::int64_t rowCount(const std::string& table);
  std::vector<std::string> columns(const std::string& table);
  // Deletes every row of `tables`, in the order given (children first). The
  // audit trail's guard against deletion is lifted for this one transaction
  // and restored before it commits.
  void clear(const std::vector<std::string>& tables);
  // Inserts one row; `replace` overwrites a row with the same key.
  void insert(const std::string& table, const SqlRow& row, bool replace = false);
  void commit();

 private:
  std::unique_ptr<SqliteHandle> db_;
  bool committed_ = false;
};

}  // namespace jadwal::sql
