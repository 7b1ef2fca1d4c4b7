#pragma once
// The request store on a SQLite file of its own per test case, with a plain
// connection to the file to look under the store: for the tests of what is
// SQLite's own (its rows, its schema, its upgrades). The RequestStore and
// SessionStore contracts are tested on every backend (request_store_test.cpp,
// session_store_test.cpp).

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "request_store_fixture.h"
#include "sql/sqlite_schema.h"
#include "sql/sqlite_store.h"
#include "store_backends.h"

using namespace Poco::Data::Keywords;

inline namespace test_support {

using Fixture = RequestBackendFixture<jadwal::testing::SqliteBackend>;

// A plain connection to the file, to look under the store.
Poco::Data::Session rawSession(const fs::path& path) {
  Poco::Data::SQLite::Connector::registerConnector();
  return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, path.string());
}

std::int64_t countRows(const fs::path& path, const std::string& table) {
  auto session = rawSession(path);
  std::int64_t count = 0;
  session << "SELECT COUNT(*) FROM " + table, into(count), now;
  return count;
}

}  // namespace test_support
