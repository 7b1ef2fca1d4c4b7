#define BOOST_TEST_MODULE sqlite_request_store
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include "temp_database.h"

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "sql/request_store.h"
#include "sql/sqlite_schema.h"
#include "sql/sqlite_store.h"

using namespace jadwal::sql;
using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<RequestRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<FileRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<SessionRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<std::string>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<Instant>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::string>)

namespace {

using jadwal::testing::TempDatabase;

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

RequestRow sampleRequest(const std::string& code, Instant start = 1'800'000'000) {
  RequestRow row;
  row.code = code;
  row.state = "diajukan";
  row.requesterName = "Siti Rahma";
  row.requesterPosition = "Kepala Bagian Umum";
  row.institution = "Dinas Pendidikan";
  row.whatsapp = "6281234567890";
  row.email = "siti@example.org";
  row.language = "en";
  row.letterNumber = "005/123/DISDIK";
  row.letterDate = "2027-01-02";
  row.subject = "Undangan peresmian";
  row.letterType = "undangan";
  row.eventName = "Peresmian Sekolah";
  row.start = start;
  row.end = start + 7200;
  row.venue = "Aula Utama";
  row.address = "Jl. Merdeka 1";
  row.dressCode = "PDH";
  row.leaderRole = "sambutan";
  row.otherInvitees = "Camat";
  row.contactPerson = "Budi 0812";
  row.leadersAsked = {"gubernur", "wagub"};
  row.representativeAccepted = true;
  return row;
}

AuditRow auditAt(Instant at, const std::string& action = "submit", std::optional<std::int64_t> actor = std::nullopt) {
  AuditRow audit;
  audit.at = at;
  audit.actorId = actor;
  audit.actorName = actor ? "Petugas" : "Pemohon";
  audit.action = action;
  audit.toState = "diajukan";
  audit.note = "note of " + action;
  return audit;
}

struct Fixture {
  TempDatabase db;
  SqliteStore store{db.path.string()};
  RequestStore& requests = store.requests();
  Fixture() { store.migrate(); }

  RequestRow create(const std::string& code, Instant createdAt = 1000, Instant start = 1'800'000'000) {
    return requests.createRequest(sampleRequest(code, start), {}, auditAt(createdAt));
  }
  FileRef fileWith(const std::string& bytes, const std::string& name = "surat.pdf", const std::string& kind = "surat") {
    return FileRef{kind, name, "application/pdf", requests.putBlob(bytes, 1)};
  }
  std::vector<std::string> codesOf(const RequestQuery& query) {
    std::vector<std::string> codes;
    for (const RequestRow& row : requests.listRequests(query)) codes.push_back(row.code);
    return codes;
  }
};

void checkSameContent(const RequestRow& a, const RequestRow& b) {
  BOOST_TEST(a.code == b.code);
  BOOST_TEST(a.state == b.state);
  BOOST_TEST(a.requesterName == b.requesterName);
  BOOST_TEST(a.requesterPosition == b.requesterPosition);
  BOOST_TEST(a.institution == b.institution);
  BOOST_TEST(a.whatsapp == b.whatsapp);
  BOOST_TEST(a.email == b.email);
  BOOST_TEST(a.language == b.language);
  BOOST_TEST(a.letterNumber == b.letterNumber);
  BOOST_TEST(a.letterDate == b.letterDate);
  BOOST_TEST(a.subject == b.subject);
  BOOST_TEST(a.letterType == b.letterType);
  BOOST_TEST(a.eventName == b.eventName);
  BOOST_TEST(a.start == b.start);
  BOOST_TEST(a.end == b.end);
  BOOST_TEST(a.venue == b.venue);
  BOOST_TEST(a.address == b.address);
  BOOST_TEST(a.dressCode == b.dressCode);
  BOOST_TEST(a.leaderRole == b.leaderRole);
  BOOST_TEST(a.otherInvitees == b.otherInvitees);
  BOOST_TEST(a.contactPerson == b.contactPerson);
  BOOST_TEST(a.leadersAsked == b.leadersAsked);
  BOOST_TEST(a.representativeAccepted == b.representativeAccepted);
  BOOST_TEST(a.assignedLeader == b.assignedLeader);
  BOOST_TEST(a.representativeUser == b.representativeUser);
  BOOST_TEST(a.representativeName == b.representativeName);
  BOOST_TEST(a.representativePosition == b.representativePosition);
  BOOST_TEST(a.decisionNote == b.decisionNote);
  BOOST_TEST(a.holdCalendarId == b.holdCalendarId);
  BOOST_TEST(a.holdObjectName == b.holdObjectName);
  BOOST_TEST(a.eventCalendarId == b.eventCalendarId);
  BOOST_TEST(a.eventObjectName == b.eventObjectName);
  BOOST_TEST(a.representativeCalendarId == b.representativeCalendarId);
  BOOST_TEST(a.representativeObjectName == b.representativeObjectName);
}

}  // namespace

// --- requests ---

BOOST_FIXTURE_TEST_CASE(created_request_is_found_by_id_and_code_with_every_field, Fixture) {
  const RequestRow asked = sampleRequest("JDW-ABCD-1234");
  const RequestRow created = requests.createRequest(asked, {}, auditAt(4242));
  BOOST_TEST(created.id > 0);
  BOOST_TEST(created.version == 1);
  BOOST_TEST(created.createdAt == 4242);
  BOOST_TEST(created.updatedAt == 4242);

  const auto byId = requests.findRequest(created.id);
  BOOST_REQUIRE(byId);
  checkSameContent(*byId, asked);
  BOOST_TEST(byId->id == created.id);
  BOOST_TEST(byId->version == 1);
  BOOST_TEST(byId->createdAt == 4242);
  BOOST_TEST(byId->updatedAt == 4242);

  const auto byCode = requests.findRequestByCode("JDW-ABCD-1234");
  BOOST_REQUIRE(byCode);
  BOOST_TEST(byCode->id == created.id);

  BOOST_TEST(!requests.findRequestByCode("JDW-ZZZZ-0000"));
  BOOST_TEST(!requests.findRequestByCode(""));
  BOOST_TEST(!requests.findRequest(created.id + 1));
}

BOOST_FIXTURE_TEST_CASE(open_end_and_missing_leaders_round_trip, Fixture) {
  RequestRow asked = sampleRequest("OPEN-END");
  asked.end.reset();                                        // "s.d. selesai"
  asked.leadersAsked = {"wagub", "gubernur", "wagub", ""};  // order kept, duplicates and blanks dropped
  asked.representativeAccepted = false;
  const RequestRow created = requests.createRequest(asked, {}, auditAt(1));
  const auto found = requests.findRequest(created.id);
  BOOST_REQUIRE(found);
  BOOST_TEST(!found->end.has_value());
  BOOST_TEST(found->leadersAsked == (std::vector<std::string>{"wagub", "gubernur"}));
  BOOST_TEST(!found->representativeAccepted);
}

BOOST_FIXTURE_TEST_CASE(duplicate_code_is_refused_and_changes_nothing, Fixture) {
  const RequestRow first = create("DUP-1");
  RequestRow second = sampleRequest("DUP-1");
  second.requesterName = "Someone Else";
  BOOST_CHECK_THROW(requests.createRequest(second, {}, auditAt(2000)), StoreError);
  BOOST_TEST(requests.countRequests({}) == 1);
  BOOST_TEST(requests.findRequestByCode("DUP-1")->requesterName == "Siti Rahma");
  BOOST_TEST(requests.auditOf(first.id).size() == 1u);
  BOOST_CHECK_THROW(requests.createRequest(sampleRequest(""), {}, auditAt(1)), StoreError);
}

BOOST_FIXTURE_TEST_CASE(create_with_a_missing_blob_is_refused_whole, Fixture) {
  const FileRef stored = fileWith("%PDF-1.4 letter");
  const FileRef missing{"pendukung", "foto.png", "image/png", std::string(64, 'a')};
  BOOST_CHECK_THROW(requests.createRequest(sampleRequest("NOBLOB"), {stored, missing}, auditAt(1)), StoreError);
  BOOST_TEST(!requests.findRequestByCode("NOBLOB"));
  BOOST_TEST(countRows(db.path, "requests") == 0);
  BOOST_TEST(countRows(db.path, "request_files") == 0);
  BOOST_TEST(countRows(db.path, "audit") == 0);
  BOOST_TEST(countRows(db.path, "request_leaders") == 0);
}

BOOST_FIXTURE_TEST_CASE(request_is_found_by_its_hold_event_or_representative_object, Fixture) {
  RequestRow row = sampleRequest("OBJ-1");
  row.holdCalendarId = 7;
  row.holdObjectName = "hold.ics";
  row.eventCalendarId = 8;
  row.eventObjectName = "event.ics";
  row.representativeCalendarId = 9;
  row.representativeObjectName = "wakil.ics";
  const RequestRow created = requests.createRequest(row, {}, auditAt(1));
  create("OBJ-OTHER");  // no objects: calendar 0, empty names

  BOOST_TEST(requests.findRequestByObject(7, "hold.ics")->id == created.id);
  BOOST_TEST(requests.findRequestByObject(8, "event.ics")->id == created.id);
  BOOST_TEST(requests.findRequestByObject(9, "wakil.ics")->id == created.id);
  BOOST_TEST(!requests.findRequestByObject(7, "event.ics"));  // name of another calendar's object
  BOOST_TEST(!requests.findRequestByObject(8, "hold.ics"));
  BOOST_TEST(!requests.findRequestByObject(7, "other.ics"));
  BOOST_TEST(!requests.findRequestByObject(0, ""));  // "none" finds nothing, not the request without objects
  BOOST_TEST(!requests.findRequestByObject(7, ""));
}

// --- compare-and-set updates ---

BOOST_FIXTURE_TEST_CASE(update_writes_the_row_bumps_the_version_and_appends_audit, Fixture) {
  const RequestRow created = create("CAS-1", 1000);
  RequestRow changed = *requests.findRequest(created.id);
  changed.state = "disetujui";
  changed.assignedLeader = "gubernur";
  changed.decisionNote = "Hadir langsung";
  changed.end.reset();
  changed.leadersAsked = {"sekda"};
  changed.eventCalendarId = 3;
  changed.eventObjectName = "jadwal-cas-1.ics";
  changed.code = "SHOULD-NOT-CHANGE";
  changed.createdAt = 1;

  BOOST_TEST(requests.updateRequest(changed, auditAt(2000, "approve", 5)));
  const auto stored = requests.findRequest(created.id);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->version == 2);
  BOOST_TEST(stored->updatedAt == 2000);
  BOOST_TEST(stored->createdAt == 1000);
  BOOST_TEST(stored->code == "CAS-1");
  BOOST_TEST(stored->state == "disetujui");
  BOOST_TEST(stored->assignedLeader == "gubernur");
  BOOST_TEST(stored->decisionNote == "Hadir langsung");
  BOOST_TEST(!stored->end.has_value());
  BOOST_TEST(stored->leadersAsked == (std::vector<std::string>{"sekda"}));
  BOOST_TEST(requests.findRequestByObject(3, "jadwal-cas-1.ics")->id == created.id);

  const auto audit = requests.auditOf(created.id);
  BOOST_REQUIRE(audit.size() == 2u);
  BOOST_TEST(audit[1].action == "approve");
  BOOST_TEST(audit[1].actorId == std::optional<std::int64_t>(5));
  BOOST_TEST(audit[1].requestId == created.id);
}

BOOST_FIXTURE_TEST_CASE(stale_version_is_refused_and_changes_nothing, Fixture) {
  const RequestRow created = create("CAS-2");
  RequestRow first = created;
  first.state = "diverifikasi";
  BOOST_TEST(requests.updateRequest(first, auditAt(2000, "verify", 1)));

  RequestRow stale = created;  // still version 1
  stale.state = "ditolak";
  stale.decisionNote = "too late";
  const FileRef file = fileWith("a revised letter");
  BOOST_TEST(!requests.updateRequest(stale, auditAt(3000, "reject", 2), {file}));

  const auto stored = requests.findRequest(created.id);
  BOOST_TEST(stored->state == "diverifikasi");
  BOOST_TEST(stored->decisionNote == "");
  BOOST_TEST(stored->version == 2);
  BOOST_TEST(stored->updatedAt == 2000);
  BOOST_TEST(requests.auditOf(created.id).size() == 2u);
  BOOST_TEST(requests.filesOf(created.id).empty());

  RequestRow unknown = created;
  unknown.id = created.id + 100;
  BOOST_TEST(!requests.updateRequest(unknown, auditAt(3000)));
  BOOST_TEST(countRows(db.path, "audit") == 2);
}

BOOST_FIXTURE_TEST_CASE(update_attaches_files_and_a_missing_blob_rolls_it_all_back, Fixture) {
  const RequestRow created = requests.createRequest(sampleRequest("CAS-3"), {fileWith("v1", "surat.pdf")}, auditAt(1));
  RequestRow next = created;
  next.state = "diajukan";
  BOOST_TEST(requests.updateRequest(next, auditAt(50, "resubmit"), {fileWith("v2", "surat-v2.pdf", "revisi")}));
  auto files = requests.filesOf(created.id);
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].kind == "revisi");
  BOOST_TEST(files[1].uploadedAt == 50);

  RequestRow broken = *requests.findRequest(created.id);
  broken.state = "dibatalkan";
  const FileRef missing{"revisi", "x.pdf", "application/pdf", std::string(64, 'b')};
  BOOST_CHECK_THROW(requests.updateRequest(broken, auditAt(60, "cancel"), {missing}), StoreError);
  const auto stored = requests.findRequest(created.id);
  BOOST_TEST(stored->state == "diajukan");
  BOOST_TEST(stored->version == 2);
  BOOST_TEST(requests.auditOf(created.id).size() == 2u);
  BOOST_TEST(requests.filesOf(created.id).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(concurrent_updates_of_one_version_let_exactly_one_win, Fixture) {
  const RequestRow created = create("RACE");
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      RequestRow mine = created;
      mine.decisionNote = "by " + std::to_string(i);
      if (requests.updateRequest(mine, auditAt(100 + i, "decide"))) ++wins;
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(wins.load() == 1);
  BOOST_TEST(requests.findRequest(created.id)->version == 2);
  BOOST_TEST(requests.auditOf(created.id).size() == 2u);
}

// --- blobs and files ---

BOOST_FIXTURE_TEST_CASE(blobs_are_stored_once_per_content_and_keep_every_byte, Fixture) {
  const std::string hash = requests.putBlob("abc", 1);
  BOOST_TEST(hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(requests.putBlob("abc", 1) == hash);
  BOOST_TEST(countRows(db.path, "blobs") == 1);

  std::string binary("%PDF\0\x01\xff\r\n tail", 14);
  const std::string binaryHash = requests.putBlob(binary, 1);
  BOOST_TEST(binaryHash != hash);
  BOOST_TEST(requests.blobBytes(binaryHash) == std::optional<std::string>(binary));
  BOOST_TEST(requests.blobBytes(hash) == std::optional<std::string>("abc"));

  const std::string emptyHash = requests.putBlob("", 1);
  BOOST_TEST(emptyHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(requests.blobBytes(emptyHash) == std::optional<std::string>(""));

  BOOST_TEST(!requests.blobBytes(std::string(64, 'c')));
  BOOST_TEST(!requests.blobBytes("not a hash"));
  BOOST_TEST(countRows(db.path, "blobs") == 3);
}

BOOST_FIXTURE_TEST_CASE(files_are_listed_in_upload_order_and_found_by_id, Fixture) {
  const std::string letter = std::string(3000, 'L');
  const FileRef surat = fileWith(letter, "surat.pdf");
  const FileRef foto{"pendukung", "foto.jpg", "image/jpeg", requests.putBlob("jpeg bytes", 1)};
  const FileRef again = fileWith(letter, "copy.pdf", "pendukung");  // same content, second file
  const RequestRow created = requests.createRequest(sampleRequest("FILES"), {surat, foto, again}, auditAt(77));
  const RequestRow other = requests.createRequest(sampleRequest("FILES-2"), {fileWith("x")}, auditAt(78));

  const auto files = requests.filesOf(created.id);
  BOOST_REQUIRE(files.size() == 3u);
  BOOST_TEST(files[0].name == "surat.pdf");
  BOOST_TEST(files[0].kind == "surat");
  BOOST_TEST(files[0].contentType == "application/pdf");
  BOOST_TEST(files[0].size == 3000);
  BOOST_TEST(files[0].sha256 == surat.sha256);
  BOOST_TEST(files[0].uploadedAt == 77);
  BOOST_TEST(files[0].requestId == created.id);
  BOOST_TEST(files[1].name == "foto.jpg");
  BOOST_TEST(files[1].contentType == "image/jpeg");
  BOOST_TEST(files[2].sha256 == files[0].sha256);
  BOOST_TEST(countRows(db.path, "blobs") == 3);

  const auto found = requests.findFile(files[1].id);
  BOOST_REQUIRE(found);
  BOOST_TEST(found->name == "foto.jpg");
  BOOST_TEST(found->requestId == created.id);
  BOOST_TEST(requests.blobBytes(found->sha256) == std::optional<std::string>("jpeg bytes"));
  BOOST_TEST(!requests.findFile(999999));
  BOOST_TEST(requests.filesOf(other.id).size() == 1u);
  BOOST_TEST(requests.filesOf(999999).empty());
}

// --- audit ---

BOOST_FIXTURE_TEST_CASE(audit_is_returned_oldest_first_and_cannot_be_rewritten, Fixture) {
  const RequestRow created = create("AUDIT", 10);
  RequestRow row = created;
  for (int i = 1; i <= 3; ++i) {
    AuditRow audit =
        auditAt(10 + i, "step-" + std::to_string(i), i % 2 == 1 ? std::optional<std::int64_t>(i) : std::nullopt);
    audit.fromState = "s" + std::to_string(i - 1);
    audit.toState = "s" + std::to_string(i);
    BOOST_REQUIRE(requests.updateRequest(row, audit));
    ++row.version;
  }
  const auto audit = requests.auditOf(created.id);
  BOOST_REQUIRE(audit.size() == 4u);
  BOOST_TEST(audit[0].action == "submit");
  BOOST_TEST(audit[0].actorName == "Pemohon");
  BOOST_TEST(!audit[0].actorId.has_value());
  BOOST_TEST(audit[0].at == 10);
  for (int i = 1; i <= 3; ++i) {
    BOOST_TEST(audit[i].action == "step-" + std::to_string(i));
    BOOST_TEST(audit[i].at == 10 + i);
    BOOST_TEST(audit[i].fromState == "s" + std::to_string(i - 1));
    BOOST_TEST(audit[i].toState == "s" + std::to_string(i));
    BOOST_TEST(audit[i].id > audit[i - 1].id);
  }
  BOOST_TEST(audit[1].actorId == std::optional<std::int64_t>(1));
  BOOST_TEST(!audit[2].actorId.has_value());
  BOOST_TEST(audit[3].note == "note of step-3");
  BOOST_TEST(requests.auditOf(999999).empty());

  auto session = rawSession(db.path);
  BOOST_CHECK_THROW((session << "UPDATE audit SET note = 'forged'", now), Poco::Exception);
  BOOST_CHECK_THROW((session << "DELETE FROM audit", now), Poco::Exception);
  BOOST_TEST(requests.auditOf(created.id).size() == 4u);
  BOOST_TEST(requests.auditOf(created.id)[3].note == "note of step-3");
}

// --- dispositions ---

BOOST_FIXTURE_TEST_CASE(a_new_disposition_replaces_the_leaders_old_one, Fixture) {
  const RequestRow created = create("DISPO");
  DispositionRow first{created.id, 11, "hadir", "", "akan hadir", std::nullopt, 100};
  requests.setDisposition(first, auditAt(100, "disposition"));
  DispositionRow other{created.id, 12, "tidak_hadir", "", "", 30, 110};
  requests.setDisposition(other, auditAt(110, "disposition", 30));
  DispositionRow replaced{created.id, 11, "diwakilkan", "Asisten I", "diwakili", 31, 120};
  requests.setDisposition(replaced, auditAt(120, "disposition", 31));

  const auto dispositions = requests.dispositionsOf(created.id);
  BOOST_REQUIRE(dispositions.size() == 2u);
  BOOST_TEST(dispositions[0].leaderId == 11);
  BOOST_TEST(dispositions[0].choice == "diwakilkan");
  BOOST_TEST(dispositions[0].representative == "Asisten I");
  BOOST_TEST(dispositions[0].note == "diwakili");
  BOOST_TEST(dispositions[0].byUserId == std::optional<std::int64_t>(31));
  BOOST_TEST(dispositions[0].at == 120);
  BOOST_TEST(dispositions[0].requestId == created.id);
  BOOST_TEST(dispositions[1].leaderId == 12);
  BOOST_TEST(dispositions[1].choice == "tidak_hadir");
  BOOST_TEST(requests.auditOf(created.id).size() == 4u);
  BOOST_TEST(requests.dispositionsOf(999999).empty());

  // A disposition for no request is refused, with no audit row left behind.
  BOOST_CHECK_THROW(requests.setDisposition({999999, 11, "hadir", "", "", std::nullopt, 1}, auditAt(1)), StoreError);
  BOOST_TEST(countRows(db.path, "audit") == 4);
}

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
    requests.createRequest(row, {}, auditAt(at));
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
  requests.createRequest(asked, {}, auditAt(1));
  RequestRow assigned = sampleRequest("L-ASSIGNED");
  assigned.leadersAsked = {"gubernur"};
  assigned.assignedLeader = "sekda";
  requests.createRequest(assigned, {}, auditAt(2));
  RequestRow both = sampleRequest("L-BOTH");
  both.leadersAsked = {"sekda", "wagub"};
  both.assignedLeader = "sekda";
  requests.createRequest(both, {}, auditAt(3));

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
  user.role = Role::Protokol;
  const User created = store.createUser(user);
  SessionStore& sessions = store.sessions();

  sessions.createSession({"hash-a", created.id, "csrf-a", 100, 200});
  sessions.createSession({"hash-b", created.id, "csrf-b", 100, 500});
  BOOST_CHECK_THROW(sessions.createSession({"hash-a", created.id, "other", 100, 900}), StoreError);
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
  other.role = Role::Protokol;
  const User second = store.createUser(other);
  sessions.createSession({"hash-d", created.id, "csrf-d", 100, 900});
  sessions.createSession({"hash-e", created.id, "csrf-e", 100, 900});
  sessions.createSession({"hash-f", second.id, "csrf-f", 100, 900});
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
  const RequestRow created = store.requests().createRequest(sampleRequest("MIGRATED"), {}, auditAt(5));
  BOOST_TEST(store.requests().findRequestByCode("MIGRATED")->id == created.id);
  store.sessions().createSession({"h", store.findUser("lama")->id, "c", 1, 10});
  BOOST_TEST(store.sessions().findSession("h", 2).has_value());

  auto session = rawSession(db.path);
  std::vector<int> versions;
  session << "SELECT version FROM schema_version ORDER BY version", into(versions), now;
  BOOST_TEST(versions == (std::vector<int>{1, 2, 3, 4, 5, 6}), boost::test_tools::per_element());
  BOOST_TEST(latestSqliteSchemaVersion() == 6);
}
