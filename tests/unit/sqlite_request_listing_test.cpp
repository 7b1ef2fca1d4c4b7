// The SQLite request store: listing and searching requests, sessions and secrets, and the schema.
#define BOOST_TEST_MODULE sqlite_request_listing
#include "sqlite_request_store_fixture.h"

// --- listing ---

BOOST_FIXTURE_TEST_CASE(list_is_newest_first_and_pages, Fixture) {
  for (int i = 0; i < 7; ++i) create("P-" + std::to_string(i), 1000 + i);
  create("P-SAME-A", 2000);
  create("P-SAME-B", 2000);  // same instant: the later id first

  RequestQuery query;
  query.limit = 4;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"P-SAME-B", "P-SAME-A", "P-6", "P-5"}));
  query.offset = 4;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"P-4", "P-3", "P-2", "P-1"}));
  query.offset = 8;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"P-0"}));
  query.offset = 20;
  BOOST_TEST(codesOf(query).empty());
  query.offset = -3;  // treated as 0
  BOOST_TEST(codesOf(query).size() == 4u);
  BOOST_TEST(requests.countRequests(query) == 9);

  const auto listed = requests.listRequests({});
  BOOST_REQUIRE(listed.size() == 9u);
  BOOST_TEST(listed[0].leadersAsked == (std::vector<std::string>{"gubernur", "wagub"}));
}

BOOST_FIXTURE_TEST_CASE(list_filters_by_state, Fixture) {
  create("S-1", 1);
  const RequestRow two = create("S-2", 2);
  create("S-3", 3);
  RequestRow approved = two;
  approved.state = "disetujui";
  BOOST_REQUIRE(requests.updateRequest(approved, auditAt(4, "approve")));

  RequestQuery query;
  query.states = {"disetujui"};
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"S-2"}));
  BOOST_TEST(requests.countRequests(query) == 1);
  query.states = {"diajukan", "disetujui"};
  BOOST_TEST(requests.countRequests(query) == 3);
  query.states = {"ditolak"};
  BOOST_TEST(codesOf(query).empty());
  BOOST_TEST(requests.countRequests(query) == 0);
}

BOOST_FIXTURE_TEST_CASE(list_searches_text_case_insensitively_and_literally, Fixture) {
  auto add = [&](const std::string& code, const std::string& institution, const std::string& subject, Instant at) {
    RequestRow row = sampleRequest(code);
    row.institution = institution;
    row.subject = subject;
    row.requesterName = "Pemohon " + code;
    requests.createRequest(row, {}, auditAt(at)).value();
  };
  add("T-1", "Koperasi 100% Maju", "Rapat tahunan", 1);
  add("T-2", "Koperasi 1000 Maju", "Rapat", 2);
  add("T-3", "Dinas A_B", "Kunjungan", 3);
  add("T-4", "Dinas AxB", "Kunjungan", 4);
  add("T-5", "Back\\slash", "Audiensi", 5);

  RequestQuery query;
  query.text = "100%";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-1"}));
  query.text = "a_b";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-3"}));
  query.text = "\\";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-5"}));
  query.text = "KOPERASI";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-2", "T-1"}));
  BOOST_TEST(requests.countRequests(query) == 2);
  query.text = "tahunan";  // subject
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-1"}));
  query.text = "t-4";  // code, and the requester's name
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-4"}));
  query.text = "pemohon t-3";  // requester name
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-3"}));
  query.text = "005/123";  // letter number, shared by all
  BOOST_TEST(requests.countRequests(query) == 5);
  query.text = "peresmian sekolah";  // event name
  BOOST_TEST(requests.countRequests(query) == 5);
  query.text = "%";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"T-1"}));
  query.text = "nowhere";
  BOOST_TEST(requests.countRequests(query) == 0);
  query.text = "' OR 1=1 --";
  BOOST_TEST(requests.countRequests(query) == 0);
}

BOOST_FIXTURE_TEST_CASE(list_filters_by_leader_asked_or_assigned, Fixture) {
  RequestRow asked = sampleRequest("L-ASKED");
  asked.leadersAsked = {"wagub"};
  requests.createRequest(asked, {}, auditAt(1)).value();
  RequestRow assigned = sampleRequest("L-ASSIGNED");
  assigned.leadersAsked = {"gubernur"};
  assigned.assignedLeader = "sekda";
  requests.createRequest(assigned, {}, auditAt(2)).value();
  RequestRow both = sampleRequest("L-BOTH");
  both.leadersAsked = {"sekda", "wagub"};
  both.assignedLeader = "sekda";
  requests.createRequest(both, {}, auditAt(3)).value();

  RequestQuery query;
  query.leader = "sekda";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"L-BOTH", "L-ASSIGNED"}));
  BOOST_TEST(requests.countRequests(query) == 2);
  query.leader = "wagub";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"L-BOTH", "L-ASKED"}));
  query.leader = "gubernur";
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"L-ASSIGNED"}));
  query.leader = "wag";  // a name, not a pattern
  BOOST_TEST(requests.countRequests(query) == 0);
  query.leader = "wagub";
  query.text = "l-asked";
  query.matchCode = true;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"L-ASKED"}));
}

BOOST_FIXTURE_TEST_CASE(list_filters_by_start_within_from_to, Fixture) {
  create("D-1", 1, 1000);
  create("D-2", 2, 2000);
  create("D-3", 3, 3000);

  RequestQuery query;
  query.from = 2000;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"D-3", "D-2"}));
  query.to = 3000;  // exclusive
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"D-2"}));
  BOOST_TEST(requests.countRequests(query) == 1);
  query.from.reset();
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"D-2", "D-1"}));
  query.from = 3001;
  query.to.reset();
  BOOST_TEST(codesOf(query).empty());
}

// --- sessions and secrets ---

BOOST_FIXTURE_TEST_CASE(sessions_are_found_until_they_expire_and_can_be_deleted, Fixture) {
  User user;
  user.name = "petugas";
  user.role = Role::ProtocolStaff;
  const User created = store.createUser(user).value();
  SessionStore& sessions = store.sessions();

  BOOST_TEST_REQUIRE((sessions.createSession({"hash-a", created.id, "csrf-a", 100, 200}) == CreateStatus::Created));
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-b", created.id, "csrf-b", 100, 500}) == CreateStatus::Created));
  BOOST_TEST((sessions.createSession({"hash-a", created.id, "other", 100, 900}) == CreateStatus::Exists));
  BOOST_CHECK_THROW(sessions.createSession({"hash-c", created.id + 99, "csrf", 100, 900}), StoreError);  // no user

  const auto found = sessions.findSession("hash-a", 150);
  BOOST_REQUIRE(found);
  BOOST_TEST(found->tokenHash == "hash-a");
  BOOST_TEST(found->userId == created.id);
  BOOST_TEST(found->csrfToken == "csrf-a");
  BOOST_TEST(found->createdAt == 100);
  BOOST_TEST(found->expiresAt == 200);
  BOOST_TEST(!sessions.findSession("hash-a", 200));  // expired at its expiry
  BOOST_TEST(!sessions.findSession("hash-unknown", 150));

  sessions.deleteExpiredSessions(300);
  BOOST_TEST(countRows(db.path, "sessions") == 1);
  BOOST_TEST(sessions.findSession("hash-b", 300));
  sessions.deleteSession("hash-b");
  BOOST_TEST(!sessions.findSession("hash-b", 300));
  BOOST_TEST(countRows(db.path, "sessions") == 0);
  sessions.deleteSession("hash-b");  // already gone: nothing to do

  // A user's sessions end together; another user's stay.
  User other;
  other.name = "lain";
  other.role = Role::ProtocolStaff;
  const User second = store.createUser(other).value();
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-d", created.id, "csrf-d", 100, 900}) == CreateStatus::Created));
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-e", created.id, "csrf-e", 100, 900}) == CreateStatus::Created));
  BOOST_TEST_REQUIRE((sessions.createSession({"hash-f", second.id, "csrf-f", 100, 900}) == CreateStatus::Created));
  sessions.deleteSessionsOf(created.id);
  BOOST_TEST(!sessions.findSession("hash-d", 300));
  BOOST_TEST(!sessions.findSession("hash-e", 300));
  BOOST_TEST(sessions.findSession("hash-f", 300));
}

BOOST_AUTO_TEST_CASE(a_secret_is_created_once_and_shared_by_every_store_on_the_file) {
  TempDatabase db;
  SqliteStore first(db.path.string());
  first.migrate();
  SqliteStore second(db.path.string());
  second.migrate();

  const std::string secret = first.sessions().secret("csrf");
  BOOST_TEST(secret.size() == 64u);
  BOOST_TEST(secret.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(second.sessions().secret("csrf") == secret);
  BOOST_TEST(first.sessions().secret("csrf") == secret);
  const std::string other = second.sessions().secret("tracking");
  BOOST_TEST(other != secret);
  BOOST_TEST(first.sessions().secret("tracking") == other);
  BOOST_CHECK_THROW(first.sessions().secret(""), StoreError);

  // Two servers asking at once for a new name still agree.
  std::string a, b;
  std::thread one([&] { a = first.sessions().secret("race"); });
  std::thread two([&] { b = second.sessions().secret("race"); });
  one.join();
  two.join();
  BOOST_TEST(a == b);
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
  BOOST_TEST(versions == (std::vector<int>{1, 2, 3, 4, 5, 6}), boost::test_tools::per_element());
  BOOST_TEST(latestSqliteSchemaVersion() == 6);
}
