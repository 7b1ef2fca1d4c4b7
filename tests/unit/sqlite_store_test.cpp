// What is SQLite's own in the SQLite store: its errors, the file (shared by
// several stores, migrated, refused from a newer build), raw rows at scale,
// and a failure half way through a write. The Store contract itself is
// tested on every backend by store_test.cpp.
#define BOOST_TEST_MODULE sqlite_store
#include "sqlite_store_fixture.h"

BOOST_AUTO_TEST_CASE(a_full_database_is_told_apart_from_other_failures) {
  try {
    guarded("putObject", []() -> int { throw Poco::Data::SQLite::DatabaseFullException("database or disk is full"); });
    BOOST_FAIL("nothing was thrown");
  } catch (const StoreError& e) {
    BOOST_TEST((e.cause() == StoreError::Cause::StorageFull));
  }
  try {
    guarded("putObject", []() -> int { throw Poco::Data::SQLite::IOErrorException("disk I/O error"); });
    BOOST_FAIL("nothing was thrown");
  } catch (const StoreError& e) {
    BOOST_TEST((e.cause() == StoreError::Cause::Failure));
  }
}

BOOST_FIXTURE_TEST_CASE(ten_thousand_objects_list_and_overlap_quickly, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  constexpr int kObjects = 10000;
  const Instant day = 86400;
  // Loaded in one transaction beside the store: ten thousand separate
  // durable commits would time the disk's fsync, not the queries.
  {
    std::vector<std::string> names, uids;
    std::vector<Instant> starts, ends;
    for (int i = 0; i < kObjects; ++i) {
      uids.push_back("uid" + std::to_string(i));
      names.push_back(uids.back() + ".ics");
      starts.push_back(i * day);
      ends.push_back(i * day + 3600);
    }
    using namespace Poco::Data::Keywords;
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "BEGIN", now;
    // 1500 characters of text: the size of an ordinary event.
    raw << "INSERT INTO objects (calendar_id, name, uid, etag, component, size, modified_at, first_start, last_end, "
           "recurring, ical) VALUES (" +
               std::to_string(c.id) + ", ?, ?, '\"1\"', 'VEVENT', 1500, 0, ?, ?, 0, printf('%.1500c', 'x'))",
        use(names), use(uids), use(starts), use(ends), now;
    raw << "COMMIT", now;
  }
  std::vector<ObjectMeta> listed;
  const double listMs = millisecondsOf([&] { listed = store.listObjects(c.id); });
  std::vector<StoredObject> week;
  const double overlapMs =
      millisecondsOf([&] { week = store.objectsOverlapping(c.id, "VEVENT", 5000 * day, 5007 * day); });
  std::vector<StoredObject> openEnded;
  const double openEndedMs =
      millisecondsOf([&] { openEnded = store.objectsOverlapping(c.id, "", (kObjects - 3) * day, kOpenEnd); });
  const double putMs = millisecondsOf([&] { put(store, c.id, "new.ics", "uid-new", "\"1\""); });
  std::cout << kObjects << " objects: listObjects " << listMs << " ms, objectsOverlapping one week " << overlapMs
            << " ms, open-ended " << openEndedMs << " ms, putObject " << putMs << " ms\n";
  BOOST_TEST(listed.size() == static_cast<std::size_t>(kObjects));
  BOOST_TEST(listed.front().name == "uid0.ics");
  BOOST_TEST(week.size() == 7u);
  BOOST_TEST(openEnded.size() == 3u);
  BOOST_TEST(store.listObjects(c.id).size() == static_cast<std::size_t>(kObjects + 1));
  BOOST_TEST((put(store, c.id, "dup.ics", "uid5000", "\"1\"").status == WriteStatus::UidConflict));
}

// --- opening and migrating ---

BOOST_AUTO_TEST_CASE(open_store_accepts_sqlite_urls_only) {
  TempDatabase db;
  auto store = openStore("sqlite:" + db.path.string());
  BOOST_REQUIRE(store);
  store->migrate();
  BOOST_TEST(store->ping());

  auto messageOf = [](const std::string& url) {
    try {
      openStore(url);
    } catch (const StoreError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string mysql = messageOf("mysql://jadwal:secret@localhost/jadwal");
  BOOST_TEST(mysql.find("MySQL") != std::string::npos);
  BOOST_TEST(mysql.find("secret") == std::string::npos);
  const std::string unknown = messageOf("postgres://jadwal:secret@localhost/jadwal");
  BOOST_TEST(unknown.find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(unknown.find("secret") == std::string::npos);
  BOOST_TEST(messageOf("").find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(messageOf("jadwal.db").find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(messageOf("sqlite:") != "no error");
  BOOST_TEST(messageOf("sqlite:/nonexistent-dir/sub/jadwal.db").find("cannot open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_state_lives_in_the_file_and_migrate_is_repeatable) {
  TempDatabase db;
  std::int64_t calendarId = 0;
  {
    SqliteStore first(db.path.string());
    first.migrate();
    User user;
    user.name = "bupati";
    Calendar calendar;
    calendar.ownerId = first.createUser(user).value().id;
    calendar.slug = "agenda";
    calendarId = first.createCalendar(calendar).value().id;
    put(first, calendarId, "a.ics", "uid-a", "\"1\"");
  }
  SqliteStore second(db.path.string());
  second.migrate();  // already current: changes nothing
  second.migrate();
  BOOST_TEST(second.findUser("bupati"));
  BOOST_TEST(second.findCalendarById(calendarId)->syncSeq == 1);
  BOOST_TEST(second.getObject(calendarId, "a.ics")->etag == "\"1\"");

  // Two stores on one file see each other's writes at once.
  SqliteStore third(db.path.string());
  put(third, calendarId, "b.ics", "uid-b", "\"1\"");
  BOOST_TEST(second.changesSince(calendarId, 1).changes.size() == 1u);
  BOOST_TEST((put(second, calendarId, "c.ics", "uid-b", "\"1\"").status == WriteStatus::UidConflict));
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_build_is_refused) {
  TempDatabase db;
  {
    SqliteStore store(db.path.string());
    store.migrate();
  }
  {
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "INSERT INTO schema_version (version, applied_at) VALUES (999, 0)", Poco::Data::Keywords::now;
  }
  SqliteStore store(db.path.string());
  try {
    store.migrate();
    BOOST_FAIL("a newer schema was accepted");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("999") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(a_write_that_fails_half_way_leaves_no_trace, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  put(store, c.id, "a.ics", "uid-a", "\"1\"");
  {
    // Makes the last statement of a put fail, after the object row is written.
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "CREATE TRIGGER refuse_boom BEFORE INSERT ON changes WHEN NEW.name = 'boom.ics' "
           "BEGIN SELECT RAISE(ABORT, 'refused by test'); END",
        Poco::Data::Keywords::now;
  }
  try {
    put(store, c.id, "boom.ics", "uid-boom", "\"1\"");
    BOOST_FAIL("the failing write reported success");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("refused by test") != std::string::npos);
  }
  BOOST_TEST(!store.getObject(c.id, "boom.ics"));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 1);
  BOOST_TEST(store.changesSince(c.id, 1).changes.empty());
  // The store goes on working after the failure.
  BOOST_TEST((put(store, c.id, "b.ics", "uid-b", "\"1\"").status == WriteStatus::Created));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 2);
}
