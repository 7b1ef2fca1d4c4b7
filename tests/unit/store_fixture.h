#pragma once
// What the tests of the Store contract share, whatever the backend: a fresh
// store per test case (BackendFixture, over the backends of
// store_backends.h) and helpers to add users, calendars and objects.

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <thread>

#include "sql/store.h"
#include "temp_database.h"

using namespace jadwal::sql;
namespace fs = std::filesystem;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<User>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<Calendar>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<StoredObject>)

// Not anonymous: each test file uses only some of these helpers.
inline namespace test_support {

using jadwal::testing::TempDatabase;

User addUserTo(Store& store, const std::string& name, Role role = Role::ProtocolStaff) {
  User user;
  user.name = name;
  user.role = role;
  user.displayName = "Display " + name;
  user.passwordHash = "$argon2id$hash-of-" + name;
  return store.createUser(user).value();
}

Calendar addCalendarTo(Store& store, std::int64_t ownerId, const std::string& slug) {
  Calendar calendar;
  calendar.ownerId = ownerId;
  calendar.slug = slug;
  calendar.displayName = "Agenda " + slug;
  return store.createCalendar(calendar).value();
}

// A migrated, empty store of `Backend` (store_backends.h) per test case,
// on a scratch name of its own.
template <typename Backend>
struct BackendFixture {
  TempDatabase db;
  std::unique_ptr<Store> owned = Backend::open(db);
  Store& store = *owned;
  BackendFixture() { store.migrate(); }

  User addUser(const std::string& name, Role role = Role::ProtocolStaff) { return addUserTo(store, name, role); }
  Calendar addCalendar(std::int64_t ownerId, const std::string& slug) { return addCalendarTo(store, ownerId, slug); }
};

ObjectIndex eventIndex(const std::string& uid, Instant start, Instant end, const std::string& component = "VEVENT") {
  ObjectIndex index;
  index.uid = uid;
  index.component = component;
  index.firstStart = start;
  index.lastEnd = end;
  return index;
}

std::string icalFor(const std::string& uid) {
  return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

WriteResult put(Store& store, std::int64_t calendarId, const std::string& name, const std::string& uid,
                const std::string& etag, Precondition pre = {}, Instant start = 1000, Instant end = 2000) {
  return store.putObject(calendarId, name, icalFor(uid), etag, eventIndex(uid, start, end), pre);
}

std::string quotedEtag(int version) {
  std::string etag = "\"";
  etag += std::to_string(version);
  etag += '"';
  return etag;
}

std::set<std::string> namesOf(const std::vector<StoredObject>& objects) {
  std::set<std::string> names;
  for (const auto& o : objects) names.insert(o.name);
  return names;
}

template <typename Fn>
double millisecondsOf(Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace test_support
