// What the SQLite request store keeps in its own rows and schema: the
// tables a refused write leaves untouched, one blob row per content, audit
// rows the file itself refuses to rewrite, and the upgrade of older files.
// The RequestStore and SessionStore contracts are tested on every backend
// (request_store_test.cpp, session_store_test.cpp, calendar_step_test.cpp).
#define BOOST_TEST_MODULE sqlite_request_store
#include "sqlite_request_store_fixture.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(CalendarStep)

// --- rows a refused write leaves ---

BOOST_FIXTURE_TEST_CASE(a_create_with_a_missing_blob_leaves_no_row_in_any_table, Fixture) {
  const FileRef stored = fileWith("%PDF-1.4 letter");
  const FileRef missing{"pendukung", "foto.png", "image/png", std::string(64, 'a')};
  BOOST_CHECK_THROW(requests.createRequest(sampleRequest("NOBLOB"), {stored, missing}, auditAt(1)), StoreError);
  BOOST_TEST(countRows(db.path, "requests") == 0);
  BOOST_TEST(countRows(db.path, "request_files") == 0);
  BOOST_TEST(countRows(db.path, "audit") == 0);
  BOOST_TEST(countRows(db.path, "request_leaders") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_refused_update_or_disposition_leaves_no_audit_row, Fixture) {
  const RequestRow created = create("CAS-2");
  RequestRow first = created;
  first.state = "diverifikasi";
  BOOST_TEST(requests.updateRequest(first, auditAt(2000, "verify", 1)));
  RequestRow stale = created;  // still version 1
  stale.state = "ditolak";
  BOOST_TEST(!requests.updateRequest(stale, auditAt(3000, "reject", 2), {fileWith("a revised letter")}));
  RequestRow unknown = created;
  unknown.id = created.id + 100;
  BOOST_TEST(!requests.updateRequest(unknown, auditAt(3000)));
  BOOST_TEST(countRows(db.path, "audit") == 2);
  BOOST_TEST(countRows(db.path, "request_files") == 0);

  requests.setDisposition({created.id, 11, "hadir", "", "", std::nullopt, 100}, auditAt(100, "disposition"));
  requests.setDisposition({created.id, 11, "diwakilkan", "Asisten I", "", 31, 120}, auditAt(120, "disposition", 31));
  BOOST_CHECK_THROW(requests.setDisposition({999999, 11, "hadir", "", "", std::nullopt, 1}, auditAt(1)), StoreError);
  BOOST_TEST(countRows(db.path, "audit") == 4);
}

BOOST_FIXTURE_TEST_CASE(expired_and_ended_sessions_leave_no_row, Fixture) {
  const User user = addUser("petugas");
  SessionStore& sessions = store.sessions();
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-a", user.id, "csrf-a", 100, 200}) == CreateStatus::Created));
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-b", user.id, "csrf-b", 100, 500}) == CreateStatus::Created));
  BOOST_TEST((sessions.createSession({"hash-a", user.id, "other", 100, 900}) == CreateStatus::Exists));
  BOOST_CHECK_THROW(sessions.createSession({"hash-c", user.id + 99, "csrf", 100, 900}), StoreError);  // no user
  sessions.deleteExpiredSessions(300);
  BOOST_TEST(countRows(db.path, "sessions") == 1);
  sessions.deleteSession("hash-b");
  BOOST_TEST(countRows(db.path, "sessions") == 0);
}

// --- blobs ---

BOOST_FIXTURE_TEST_CASE(blobs_are_one_row_per_content, Fixture) {
  const std::string hash = requests.putBlob("abc", 1);
  BOOST_TEST(requests.putBlob("abc", 1) == hash);
  BOOST_TEST(countRows(db.path, "blobs") == 1);
  requests.putBlob(std::string("%PDF\0\x01\xff\r\n tail", 14), 1);
  requests.putBlob("", 1);
  BOOST_TEST(countRows(db.path, "blobs") == 3);
}

BOOST_FIXTURE_TEST_CASE(files_of_the_same_content_share_one_blob_row, Fixture) {
  const std::string letter = std::string(3000, 'L');
  const FileRef surat = fileWith(letter, "surat.pdf");
  const FileRef foto{"pendukung", "foto.jpg", "image/jpeg", requests.putBlob("jpeg bytes", 1)};
  const FileRef again = fileWith(letter, "copy.pdf", "pendukung");
  requests.createRequest(sampleRequest("FILES"), {surat, foto, again}, auditAt(77)).value();
  requests.createRequest(sampleRequest("FILES-2"), {fileWith("x")}, auditAt(78)).value();
  BOOST_TEST(countRows(db.path, "blobs") == 3);
  BOOST_TEST(countRows(db.path, "request_files") == 4);
}

// --- audit ---

BOOST_FIXTURE_TEST_CASE(the_file_refuses_to_rewrite_audit_rows, Fixture) {
  const RequestRow created = create("AUDIT", 10);
  RequestRow row = created;
  AuditRow audit = auditAt(11, "step-1", 1);
  BOOST_REQUIRE(requests.updateRequest(row, audit));

  auto session = rawSession(db.path);
  BOOST_CHECK_THROW((session << "UPDATE audit SET note = 'forged'", now), Poco::Exception);
  BOOST_CHECK_THROW((session << "DELETE FROM audit", now), Poco::Exception);
  BOOST_TEST(requests.auditOf(created.id).size() == 2u);
  BOOST_TEST(requests.auditOf(created.id)[1].note == "note of step-1");
}

// --- schema ---

BOOST_AUTO_TEST_CASE(a_version_1_database_is_upgraded_and_keeps_its_data) {
  TempDatabase db;
  {
    auto session = rawSession(db.path);
    session << "BEGIN IMMEDIATE", now;
    migrateSqliteSchema(session, 1);
    session << "INSERT INTO users (name, role, created_at) VALUES ('lama', 'admin', 1)", now;
    session << "COMMIT", now;
    bool hasRequests = true;
    session << "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'requests'", into(hasRequests), now;
    BOOST_TEST(!hasRequests);
  }
  SqliteStore store(db.path.string());
  store.migrate();
  store.migrate();  // a second start changes nothing

  BOOST_TEST(store.findUser("lama").has_value());
  const RequestRow created = store.requests().createRequest(sampleRequest("MIGRATED"), {}, auditAt(5)).value();
  BOOST_TEST(store.requests().findRequestByCode("MIGRATED")->id == created.id);
  BOOST_TEST_REQUIRE(
      (store.sessions().createSession({"h", store.findUser("lama")->id, "c", 1, 10}) == CreateStatus::Created));
  BOOST_TEST(store.sessions().findSession("h", 2).has_value());

  auto session = rawSession(db.path);
  std::vector<int> versions;
  session << "SELECT version FROM schema_version ORDER BY version", into(versions), now;
  BOOST_TEST(versions == (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}),
             boost::test_tools::per_element());
  BOOST_TEST(latestSqliteSchemaVersion() == 14);
}

BOOST_AUTO_TEST_CASE(requests_of_an_older_file_are_taken_to_be_in_step) {
  TempDatabase db;
  {
    auto session = rawSession(db.path);
    session << "BEGIN IMMEDIATE", now;
    migrateSqliteSchema(session, 3);
    session << "INSERT INTO requests (code, state, version, start_at, created_at, updated_at) "
               "VALUES ('JDW-LAMA', 'disetujui', 4, 1, 1, 1)",
        now;
    session << "COMMIT", now;
  }
  SqliteStore store(db.path.string());
  store.migrate();
  const auto old = store.requests().findRequestByCode("JDW-LAMA");
  BOOST_TEST_REQUIRE(old.has_value());
  BOOST_TEST(store.requests().calendarStep(old->id) == CalendarStep::InStep);
  BOOST_TEST(store.requests().requestsOutOfStep(0, 10).empty());
  // Requests from before staff chose per request follow their leader's calendar.
  BOOST_TEST(!old->published.has_value());
}
