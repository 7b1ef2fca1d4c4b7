// The SQLite store: sync changes, time ranges, dead properties, concurrency and scale, opening and migrating.
#define BOOST_TEST_MODULE sqlite_store_sync
#include "sqlite_store_fixture.h"

// --- sync ---

BOOST_FIXTURE_TEST_CASE(changes_since_answers_initial_and_delta_syncs, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  auto initial = store.changesSince(c.id, 0);
  BOOST_TEST(initial.valid);
  BOOST_TEST(initial.current == 0);
  BOOST_TEST(initial.changes.empty());

  put(store, c.id, "a.ics", "uid-a", "\"1\"");  // 1
  put(store, c.id, "b.ics", "uid-b", "\"1\"");  // 2
  put(store, c.id, "c.ics", "uid-c", "\"1\"");  // 3
  store.deleteObject(c.id, "b.ics", {});        // 4
  put(store, c.id, "a.ics", "uid-a", "\"2\"");  // 5

  initial = store.changesSince(c.id, 0);
  BOOST_TEST(initial.valid);
  BOOST_TEST(initial.current == 5);
  BOOST_REQUIRE(initial.changes.size() == 2u);  // live objects only
  BOOST_TEST(initial.changes[0].name == "c.ics");
  BOOST_TEST(initial.changes[0].seq == 3);
  BOOST_TEST(initial.changes[1].name == "a.ics");
  BOOST_TEST(initial.changes[1].seq == 5);
  BOOST_TEST(!initial.changes[1].deleted);

  const auto delta = store.changesSince(c.id, 2);
  BOOST_TEST(delta.valid);
  BOOST_REQUIRE(delta.changes.size() == 3u);
  BOOST_TEST(delta.changes[0].name == "c.ics");
  BOOST_TEST(delta.changes[1].name == "b.ics");
  BOOST_TEST(delta.changes[1].deleted);
  BOOST_TEST(delta.changes[1].seq == 4);
  BOOST_TEST(delta.changes[2].name == "a.ics");  // once, at its latest change

  const auto upToDate = store.changesSince(c.id, 5);
  BOOST_TEST(upToDate.valid);
  BOOST_TEST(upToDate.changes.empty());

  const auto future = store.changesSince(c.id, 6);
  BOOST_TEST(!future.valid);
  BOOST_TEST(future.current == 5);
  BOOST_TEST(!store.changesSince(c.id, -1).valid);
  BOOST_TEST(!store.changesSince(9999, 0).valid);

  // A deleted name written again is live again.
  put(store, c.id, "b.ics", "uid-b", "\"2\"");
  const auto again = store.changesSince(c.id, 5);
  BOOST_REQUIRE(again.changes.size() == 1u);
  BOOST_TEST(!again.changes[0].deleted);
  BOOST_TEST(again.changes[0].seq == 6);
}

// --- time ranges ---

BOOST_FIXTURE_TEST_CASE(objects_overlapping_a_range_are_found_by_their_span, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  auto putSpan = [&](const std::string& name, Instant start, Instant end, const std::string& component = "VEVENT") {
    const auto r = store.putObject(c.id, name, "x", "\"1\"", eventIndex("uid-" + name, start, end, component), {});
    BOOST_REQUIRE((r.status == WriteStatus::Created));
  };
  putSpan("early", 100, 200);
  putSpan("middle", 300, 400);
  putSpan("late", 500, 600);
  putSpan("forever", 350, kOpenEnd);
  putSpan("always", kOpenStart, kOpenEnd);
  putSpan("todo", 300, 400, "VTODO");

  auto names = [&](std::string_view component, Instant start, Instant end) {
    return namesOf(store.objectsOverlapping(c.id, component, start, end));
  };
  using Names = std::set<std::string>;
  BOOST_TEST((names("", 250, 450) == Names{"middle", "forever", "always", "todo"}));
  BOOST_TEST((names("VEVENT", 250, 450) == Names{"middle", "forever", "always"}));
  BOOST_TEST((names("VTODO", 250, 450) == Names{"todo"}));
  BOOST_TEST((names("VJOURNAL", 250, 450) == Names{}));
  // Touching ends do not overlap: spans are half open.
  BOOST_TEST((names("VEVENT", 200, 300) == Names{"always"}));
  BOOST_TEST((names("VEVENT", kOpenStart, 150) == Names{"early", "always"}));
  BOOST_TEST((names("VEVENT", 550, kOpenEnd) == Names{"late", "forever", "always"}));
  BOOST_TEST(names("", kOpenStart, kOpenEnd).size() == 6u);

  // The sentinels come back as they went in.
  const auto always = store.getObject(c.id, "always");
  BOOST_REQUIRE(always);
  BOOST_TEST(always->index.firstStart == kOpenStart);
  BOOST_TEST(always->index.lastEnd == kOpenEnd);
  BOOST_TEST(store.objectsOverlapping(9999, "", kOpenStart, kOpenEnd).empty());
}

// --- dead properties ---

BOOST_FIXTURE_TEST_CASE(dead_properties_are_kept_per_resource, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  put(store, c.id, "a.ics", "uid-a", "\"1\"");
  store.setDeadProperty(c.id, "", {"http://apple.com/ns/ical/", "calendar-order", "<A:calendar-order>1</...>"});
  store.setDeadProperty(c.id, "", {"urn:b", "z", "<b:z/>"});
  store.setDeadProperty(c.id, "a.ics", {"urn:b", "z", "<b:z>object</b:z>"});

  auto props = store.deadProperties(c.id, "");
  BOOST_REQUIRE(props.size() == 2u);
  BOOST_TEST(props[0].ns == "http://apple.com/ns/ical/");
  BOOST_TEST(props[0].name == "calendar-order");
  BOOST_TEST(props[1].xml == "<b:z/>");

  store.setDeadProperty(c.id, "", {"urn:b", "z", "<b:z>2</b:z>"});  // replaces
  props = store.deadProperties(c.id, "");
  BOOST_REQUIRE(props.size() == 2u);
  BOOST_TEST(props[1].xml == "<b:z>2</b:z>");

  store.removeDeadProperty(c.id, "", "urn:b", "z");
  BOOST_TEST(store.deadProperties(c.id, "").size() == 1u);
  BOOST_CHECK_NO_THROW(store.removeDeadProperty(c.id, "", "urn:b", "z"));
  BOOST_TEST(store.deadProperties(c.id, "a.ics").size() == 1u);
  BOOST_TEST(store.deadProperties(c.id, "other.ics").empty());
}

// --- concurrency and scale ---

BOOST_FIXTURE_TEST_CASE(concurrent_writers_each_count_once, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kWritesPerThread; ++i) {
          const std::string name = std::to_string(t) + "-" + std::to_string(i % 10) + ".ics";
          // Readers run alongside the writers.
          if (i % 3 == 0) store.changesSince(c.id, 0);
          if (i % 5 == 0) store.listObjects(c.id);
          const auto r = put(store, c.id, name, "uid-" + name, quotedEtag(i));
          if (r.status != WriteStatus::Created && r.status != WriteStatus::Updated) ++failures;
        }
      } catch (const std::exception& e) {
        std::cerr << "writer failed: " << e.what() << "\n";
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  BOOST_TEST(failures.load() == 0);
  const auto calendar = store.findCalendarById(c.id);
  BOOST_TEST(calendar->syncSeq == kThreads * kWritesPerThread);
  const auto changes = store.changesSince(c.id, 0);
  BOOST_TEST(changes.current == kThreads * kWritesPerThread);
  BOOST_TEST(changes.changes.size() == static_cast<std::size_t>(kThreads * 10));
  // Every sequence number was handed out once.
  std::set<std::int64_t> seqs;
  for (const auto& change : changes.changes) seqs.insert(change.seq);
  BOOST_TEST(seqs.size() == changes.changes.size());
  BOOST_TEST(store.listObjects(c.id).size() == static_cast<std::size_t>(kThreads * 10));
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
