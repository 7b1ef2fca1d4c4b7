#define BOOST_TEST_MODULE sqlite_request_store
#include "sqlite_request_store_fixture.h"

// --- requests ---

BOOST_FIXTURE_TEST_CASE(created_request_is_found_by_id_and_code_with_every_field, Fixture) {
  const RequestRow asked = sampleRequest("JDW-ABCD-1234");
  const RequestRow created = requests.createRequest(asked, {}, auditAt(4242)).value();
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
  const RequestRow created = requests.createRequest(asked, {}, auditAt(1)).value();
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
  BOOST_TEST((requests.createRequest(second, {}, auditAt(2000)).status == CreateStatus::Exists));
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
  const RequestRow created = requests.createRequest(row, {}, auditAt(1)).value();
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
  const RequestRow created =
      requests.createRequest(sampleRequest("CAS-3"), {fileWith("v1", "surat.pdf")}, auditAt(1)).value();
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
  const RequestRow created = requests.createRequest(sampleRequest("FILES"), {surat, foto, again}, auditAt(77)).value();
  const RequestRow other = requests.createRequest(sampleRequest("FILES-2"), {fileWith("x")}, auditAt(78)).value();

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
