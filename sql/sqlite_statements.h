#pragma once
// Prepared statements kept with one SQLite connection: the reads every
// request makes (a user, a calendar, an object by name) are compiled once
// per connection instead of once per call, which was most of the cost of a
// small answer. Used by one thread at a time, like its connection.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace jadwal::sql {

class SqliteStatements {
 public:
  explicit SqliteStatements(sqlite3* db) : db_(db) {}
  SqliteStatements(const SqliteStatements&) = delete;
  SqliteStatements& operator=(const SqliteStatements&) = delete;
  ~SqliteStatements();  // finalizes every statement: before the connection closes

  // One use of a kept statement: bound, stepped, and reset when it ends, so
  // that no read transaction outlives the call. Throws StoreError on failure.
  class Use {
   public:
    Use(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use();

    Use& bind(std::int64_t value);
    Use& bind(std::string_view value);
    // Steps to the next row; false when there is none.
    bool step();
    std::int64_t integer(int column) const;
    std::string text(int column) const;

   private:
    sqlite3* db_;
    sqlite3_stmt* statement_;
    int next_ = 1;  // the next parameter to bind
  };

  // `sql` is a literal of the code, never built from data: the kept set is
  // then a fixed handful per connection, with no bound to configure.
  Use use(const char* sql);

 private:
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> kept_;
};

}  // namespace jadwal::sql
