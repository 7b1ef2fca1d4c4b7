#pragma once
// A SQLite store of its own per test case, for the tests of what is
// SQLite's own (the file, its schema, raw rows); the Store contract's tests
// run on every backend (store_test.cpp).

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "sql/sqlite_store.h"
#include "store_fixture.h"

inline namespace test_support {

struct Fixture {
  TempDatabase db;
  SqliteStore store{db.path.string()};
  Fixture() { store.migrate(); }

  User addUser(const std::string& name, Role role = Role::ProtocolStaff) { return addUserTo(store, name, role); }
  Calendar addCalendar(std::int64_t ownerId, const std::string& slug) { return addCalendarTo(store, ownerId, slug); }
};

}  // namespace test_support
