#pragma once
// What the tests of the RequestStore and SessionStore contracts share,
// whatever the backend: a fresh store per test case (RequestBackendFixture,
// over the backends of store_backends.h) and helpers to add requests, files
// and users.

#include "sql/request_store.h"
#include "store_fixture.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<RequestRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<FileRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<SessionRow>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<std::string>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<Instant>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::string>)

// Not anonymous: each test file uses only some of these helpers.
inline namespace test_support {

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

// A migrated, empty store of `Backend` per test case, seen through its
// request store.
template <typename Backend>
struct RequestBackendFixture : BackendFixture<Backend> {
  RequestStore& requests = this->store.requests();

  RequestRow create(const std::string& code, Instant createdAt = 1000, Instant start = 1'800'000'000) {
    return requests.createRequest(sampleRequest(code, start), {}, auditAt(createdAt)).value();
  }
  FileRef fileWith(const std::string& bytes, const std::string& name = "surat.pdf", const std::string& kind = "surat") {
    return FileRef{kind, name, "application/pdf", requests.putBlob(bytes, 1)};
  }
  std::vector<std::string> codesOf(const RequestQuery& query) {
    std::vector<std::string> codes;
    for (const RequestRow& row : requests.listRequests(query)) codes.push_back(row.code);
    return codes;
  }
  // A second store on the same database, as a second server would open it.
  std::unique_ptr<Store> openAnother() { return Backend::open(this->db); }
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
  BOOST_TEST((a.published == b.published));
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

}  // namespace test_support
