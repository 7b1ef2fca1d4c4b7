#pragma once
// The Store backends: the one list the contract tests (store_test.cpp) run
// against. Each opens an empty store of its kind for one test case; a new
// backend (MySQL) adds a struct here and its block in
// store_backends_run.inc.

#include <memory>

#include "sql/store.h"
#include "temp_database.h"

namespace jadwal::testing {

struct SqliteBackend {
  static std::unique_ptr<sql::Store> open(const TempDatabase& db) {
    return sql::openStore("sqlite:" + db.path.string());
  }
};

}  // namespace jadwal::testing
