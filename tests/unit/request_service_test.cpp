// The request workflow on a real SQLite store and the real calendar service:
// submission, every decision's effect on the calendars, and the requester's
// own actions. Mail is off (no SMTP host). Mail to the requester, who may see
// and act on a request, and the calendar follower have their own tests
// (request_mail_test, request_access_test, calendar_follower_test).
#define BOOST_TEST_MODULE request_service
#include <boost/test/unit_test.hpp>

#include <Poco/SHA2Engine.h>

#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(submission, Fixture)

BOOST_AUTO_TEST_CASE(a_valid_submission_is_stored_audited_and_holds_its_slot) {
  auto seqBefore = holdCalendar.syncSeq;
  auto outcome = service->submit(form(), letter());
  BOOST_TEST_REQUIRE(outcome.ok());
  const auto& request = outcome.request;
  BOOST_TEST(request.code.rfind("JDW-", 0) == 0);
  BOOST_TEST(request.state == "diajukan");
  BOOST_TEST(request.requesterName == "Budi Santoso");
  BOOST_TEST(request.institution == "Dinas Pendidikan");
  BOOST_TEST(request.start == k14March0900Wib);
  BOOST_TEST_REQUIRE(request.end.has_value());
  BOOST_TEST(*request.end == k14March0900Wib + 2 * kHour);
  BOOST_TEST(request.leadersAsked == std::vector<std::string>{"bupati"});
  BOOST_TEST(request.leaderRole == "membuka");

  auto files = store->requests().filesOf(request.id);
  BOOST_TEST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].kind == "surat");
  BOOST_TEST(files[0].contentType == "application/pdf");
  BOOST_TEST(*store->requests().blobBytes(files[0].sha256) == pdfBytes());

  auto audit = store->requests().auditOf(request.id);
  BOOST_TEST_REQUIRE(!audit.empty());
  BOOST_TEST(audit[0].action == "submit");
  BOOST_TEST(audit[0].actorName == "Pemohon");
  BOOST_TEST(!audit[0].actorId.has_value());
  BOOST_TEST(audit[0].toState == "diajukan");

  BOOST_TEST(request.holdCalendarId == holdCalendar.id);
  std::string hold = objectText(holdCalendar.id, request.holdObjectName);
  BOOST_TEST(hold.find("STATUS:TENTATIVE") != std::string::npos);
  BOOST_TEST(unfolded(hold).find("Pembukaan Lomba Sekolah Sehat") != std::string::npos);
  auto changes = store->changesSince(holdCalendar.id, seqBefore);
  BOOST_TEST_REQUIRE(changes.changes.size() == 1u);
  BOOST_TEST(changes.changes[0].name == request.holdObjectName);
}

BOOST_AUTO_TEST_CASE(codes_differ_between_submissions) {
  auto first = submitted();
  auto second = submitted();
  BOOST_TEST(first.code != second.code);
  BOOST_TEST(store->requests().findRequestByCode(second.code)->id == second.id);
}

BOOST_AUTO_TEST_CASE(no_hold_without_a_hold_calendar) {
  WorkflowConfig noHold = config;
  noHold.holdCalendar = "";
  RequestService other(*store, *calendars, *mailer, clock, noHold);
  auto outcome = other.submit(form(), letter());
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.holdCalendarId == 0);
  BOOST_TEST(outcome.request.holdObjectName.empty());
  noHold.holdCalendar = "staf/missing";
  RequestService missing(*store, *calendars, *mailer, clock, noHold);
  BOOST_TEST(missing.submit(form(), letter()).request.holdCalendarId == 0);
}

BOOST_AUTO_TEST_CASE(each_invalid_field_is_reported_by_name) {
  struct Case {
    std::string field, message;
    std::function<void(RequestForm&)> spoil;
  };
  const std::vector<Case> cases = {
      {"nama", "required", [](RequestForm& f) { f.requesterName = "  "; }},
      {"nama", "too_long", [](RequestForm& f) { f.requesterName = std::string(201, 'a'); }},
      {"instansi", "required", [](RequestForm& f) { f.institution.clear(); }},
      {"whatsapp", "required", [](RequestForm& f) { f.whatsapp.clear(); }},
      {"whatsapp", "invalid_phone", [](RequestForm& f) { f.whatsapp = "021-555-1234"; }},
      {"whatsapp", "invalid_phone", [](RequestForm& f) { f.whatsapp = "+1 812 3456 7890"; }},
      {"email", "invalid_email", [](RequestForm& f) { f.email = "budi@"; }},
      {"email", "invalid_email", [](RequestForm& f) { f.email = "budi example.org"; }},
      {"perihal", "required", [](RequestForm& f) { f.subject.clear(); }},
      {"jenis_surat", "invalid_choice", [](RequestForm& f) { f.letterType = "memo"; }},
      {"tanggal_surat", "invalid_date", [](RequestForm& f) { f.letterDate = "20-02-2025"; }},
      {"nama_kegiatan", "required", [](RequestForm& f) { f.eventName.clear(); }},
      {"tanggal", "required", [](RequestForm& f) { f.date.clear(); }},
      {"tanggal", "invalid_date", [](RequestForm& f) { f.date = "2025-02-30"; }},
      {"tanggal", "date_in_past", [](RequestForm& f) { f.date = "2025-02-28"; }},
      {"jam_mulai", "required", [](RequestForm& f) { f.startTime.clear(); }},
      {"jam_mulai", "invalid_time", [](RequestForm& f) { f.startTime = "24:00"; }},
      {"jam_selesai", "invalid_time", [](RequestForm& f) { f.endTime = "11:60"; }},
      {"jam_selesai", "end_before_start", [](RequestForm& f) { f.endTime = "08:30"; }},
      {"jam_selesai", "end_before_start", [](RequestForm& f) { f.endTime = "09:00"; }},
      {"tempat", "required", [](RequestForm& f) { f.venue.clear(); }},
      {"peran", "required", [](RequestForm& f) { f.leaderRole.clear(); }},
      {"peran", "invalid_choice", [](RequestForm& f) { f.leaderRole = "menari"; }},
      {"pimpinan", "required", [](RequestForm& f) { f.leaders.clear(); }},
      {"pimpinan", "unknown_leader", [](RequestForm& f) { f.leaders = {"nobody"}; }},
      {"pimpinan", "unknown_leader", [](RequestForm& f) { f.leaders = {"staf"}; }},
      {"pimpinan", "unknown_leader",
       [](RequestForm& f) {
         f.leaders = {"bupati", "ajudan"};
       }},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.field << " " << c.message) {
      RequestForm spoiled = form();
      c.spoil(spoiled);
      auto outcome = service->submit(spoiled, letter());
      BOOST_TEST((outcome.status == Outcome::Status::Invalid));
      BOOST_TEST(outcome.errors.size() == 1u);
      BOOST_TEST(outcome.errors[c.field] == c.message);
    }
  }
  BOOST_TEST(store->requests().countRequests({}) == 0);
}

BOOST_AUTO_TEST_CASE(a_disabled_leader_cannot_be_asked) {
  store->setDisabled("wabup", true);
  RequestForm f = form();
  f.leaders = {"wabup"};
  auto outcome = service->submit(f, letter());
  BOOST_TEST(outcome.errors["pimpinan"] == "unknown_leader");
}

// "Jam selesai (opsional)" left empty without ticking "s.d. selesai" is an
// open end, not a missing field.
BOOST_AUTO_TEST_CASE(an_empty_end_time_is_an_open_end) {
  RequestForm f = form();
  f.endTime = "  ";
  f.untilDone = false;
  auto outcome = service->submit(f, letter());
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.errors.empty());
  BOOST_TEST(!outcome.request.end.has_value());
}

BOOST_AUTO_TEST_CASE(optional_fields_and_open_end_are_accepted) {
  RequestForm f = form();
  f.email.clear();
  f.letterType.clear();
  f.letterDate.clear();
  f.endTime = "garbage ignored";
  f.untilDone = true;
  f.whatsapp = "+62 812 3456 7890";
  f.date = "2025-03-01";  // today is allowed
  f.leaders = {"bupati", "wabup", "bupati"};
  auto outcome = service->submit(f, letter());
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(!outcome.request.end.has_value());
  BOOST_TEST(outcome.request.leadersAsked == (std::vector<std::string>{"bupati", "wabup"}));
}

BOOST_AUTO_TEST_CASE(several_errors_are_reported_together) {
  RequestForm f = form();
  f.requesterName.clear();
  f.date = "kemarin";
  auto outcome = service->submit(f, {});
  BOOST_TEST(outcome.errors.size() == 3u);
  BOOST_TEST(outcome.errors["nama"] == "required");
  BOOST_TEST(outcome.errors["tanggal"] == "invalid_date");
  BOOST_TEST(outcome.errors["surat"] == "file_required");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(files, Fixture)

BOOST_AUTO_TEST_CASE(files_are_judged_by_content_not_by_name) {
  auto outcome = service->submit(form(), {{"surat", "surat.pdf", pngBytes()}});
  BOOST_TEST(outcome.errors["surat"] == "file_type_pdf");
  outcome = service->submit(form(), {{"surat", "surat.pdf", "%PDF-1.4 but cut short"}});
  BOOST_TEST(outcome.errors["surat"] == "file_type_pdf");
  outcome = service->submit(form(), {letter()[0], {"pendukung", "foto.png", "not an image"}});
  BOOST_TEST(outcome.errors["pendukung"] == "file_type_document");
  outcome = service->submit(form(), {letter()[0], {"pendukung", "denah.txt", pngBytes()}});
  BOOST_TEST_REQUIRE(outcome.ok());
  auto files = store->requests().filesOf(outcome.request.id);
  BOOST_TEST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].kind == "pendukung");
  BOOST_TEST(files[1].contentType == "image/png");
  BOOST_TEST(files[1].name.find(".png") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(size_and_count_limits) {
  WorkflowConfig small = config;
  small.maxFileBytes = 200;
  small.maxSupportingFiles = 2;
  RequestService limited(*store, *calendars, *mailer, clock, small);
  auto outcome = limited.submit(form(), {{"surat", "besar.pdf", "%PDF-1.4\n" + std::string(300, 'x') + "\n%%EOF\n"}});
  BOOST_TEST(outcome.errors["surat"] == "file_too_large");
  std::vector<UploadedFile> many = letter();
  for (int i = 0; i < 3; ++i) many.push_back({"pendukung", "foto.png", pngBytes() + std::string(i + 1, '\0')});
  outcome = limited.submit(form(), many);
  BOOST_TEST(outcome.errors["pendukung"] == "too_many_files");
  BOOST_TEST(outcome.keptFiles.size() == 3u);  // the letter and the two allowed
  // The file over the limit was refused before it was stored.
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(many.back().bytes);
  BOOST_TEST(!store->requests().blobBytes(Poco::DigestEngine::digestToHex(sha.digest())));
}

BOOST_AUTO_TEST_CASE(files_that_passed_are_kept_for_the_reshown_form) {
  RequestForm f = form();
  f.requesterName.clear();
  auto outcome = service->submit(f, {letter()[0], {"pendukung", "foto.png", pngBytes()}});
  BOOST_TEST((outcome.status == Outcome::Status::Invalid));
  BOOST_TEST_REQUIRE(outcome.keptFiles.size() == 2u);
  BOOST_TEST(outcome.keptFiles[0].field == "surat");
  BOOST_TEST(outcome.keptFiles[0].contentType == "application/pdf");
  BOOST_TEST(outcome.keptFiles[1].field == "pendukung");
  BOOST_TEST(!outcome.errors.count("surat"));

  // The second attempt uploads nothing: the kept files are enough.
  auto second = service->submit(form(), {}, outcome.keptFiles);
  BOOST_TEST_REQUIRE(second.ok());
  auto files = store->requests().filesOf(second.request.id);
  BOOST_TEST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[0].sha256 == outcome.keptFiles[0].sha256);
  BOOST_TEST(files[0].kind == "surat");
}

BOOST_AUTO_TEST_CASE(kept_files_are_rechecked_from_their_bytes) {
  // A hidden field claiming a PDF letter whose blob is a PNG.
  std::string pngSha = store->requests().putBlob(pngBytes(), clock.now());
  auto outcome = service->submit(form(), {}, {{"surat", "surat.pdf", "application/pdf", pngSha}});
  BOOST_TEST(outcome.errors["surat"] == "file_type_pdf");
  BOOST_TEST(outcome.keptFiles.empty());
  // A blob that does not exist is as if nothing were kept.
  outcome = service->submit(form(), {}, {{"surat", "surat.pdf", "application/pdf", std::string(64, 'a')}});
  BOOST_TEST(outcome.errors["surat"] == "file_required");
  // A kept PNG claimed as "image/jpeg" is stored with the type its bytes show.
  outcome = service->submit(form(), letter(), {{"pendukung", "x.jpg", "image/jpeg", pngSha}});
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(store->requests().filesOf(outcome.request.id)[1].contentType == "image/png");
  // A new letter replaces a kept one.
  std::string oldSha = store->requests().putBlob(pdfBytes("old"), clock.now());
  outcome = service->submit(form(), {{"surat", "baru.pdf", pdfBytes("new")}}, {{"surat", "lama.pdf", "", oldSha}});
  BOOST_TEST_REQUIRE(outcome.ok());
  auto files = store->requests().filesOf(outcome.request.id);
  BOOST_TEST_REQUIRE(files.size() == 1u);
  BOOST_TEST(*store->requests().blobBytes(files[0].sha256) == pdfBytes("new"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(decisions, Fixture)

BOOST_AUTO_TEST_CASE(only_staff_decide) {
  auto request = submitted();
  for (const Actor* who : {&bupati, &ajudan, &viewer}) {
    auto outcome = decide(request, act(Action::Verify), *who);
    BOOST_TEST((outcome.status == Outcome::Status::Forbidden));
  }
  BOOST_TEST(decide(request, act(Action::Verify), admin).ok());
  BOOST_TEST(reload(request).state == "diverifikasi");
}

BOOST_AUTO_TEST_CASE(unknown_request_stale_version_and_refused_transition) {
  auto request = submitted();
  BOOST_TEST((service->decide(request.id + 100, 1, act(Action::Verify), staf).status == Outcome::Status::NotFound));
  auto stale = service->decide(request.id, request.version - 1, act(Action::Verify), staf);
  BOOST_TEST((stale.status == Outcome::Status::Conflict));
  BOOST_TEST(stale.message == "changed_meanwhile");
  BOOST_TEST(reload(request).state == "diajukan");

  auto refused = decide(request, act(Action::Approve), staf);
  BOOST_TEST((refused.status == Outcome::Status::NotAllowed));
  BOOST_TEST(refused.message == "transition_not_allowed");
  BOOST_TEST((decide(request, act(Action::Resubmit), staf).status == Outcome::Status::NotAllowed));
  BOOST_TEST((decide(request, act(Action::Withdraw), staf).status == Outcome::Status::NotAllowed));

  // Two staff members on the same page: the second one is told.
  auto version = reload(request).version;
  BOOST_TEST(service->decide(request.id, version, act(Action::Verify), staf).ok());
  Decision reject = act(Action::Reject, "Jadwal penuh");
  BOOST_TEST((service->decide(request.id, version, reject, admin).status == Outcome::Status::Conflict));
  BOOST_TEST(reload(request).state == "diverifikasi");
}

BOOST_AUTO_TEST_CASE(approving_a_submitted_request_may_verify_it_on_the_way) {
  auto request = submitted();
  Decision approve = act(Action::Approve);
  approve.verifyFirst = true;
  BOOST_TEST(!service->actionOpen(request, Action::Approve));
  BOOST_TEST(service->openVerifyingFirst(request, Action::Approve));
  BOOST_TEST(!service->openVerifyingFirst(request, Action::Reject));  // a refusal needs no verification
  auto outcome = decide(request, approve, staf);
  BOOST_TEST(outcome.ok());
  BOOST_TEST(reload(request).state == "disetujui");
  sql::AuditRow audit;
  for (const auto& row : store->requests().auditOf(request.id))
    if (row.action == "approve") audit = row;
  BOOST_TEST(audit.action == "approve");
  BOOST_TEST(audit.fromState == "diajukan");  // the history says it was approved straight from submission
  BOOST_TEST(!service->openVerifyingFirst(reload(request), Action::Approve));
}

BOOST_AUTO_TEST_CASE(return_reject_and_cancel_need_a_note) {
  auto request = submitted();
  for (Action action : {Action::Return, Action::Reject}) {
    auto outcome = decide(request, act(action, "   "), staf);
    BOOST_TEST((outcome.status == Outcome::Status::Invalid));
    BOOST_TEST(outcome.errors["catatan"] == "required");
  }
  auto scheduled = approved();
  auto outcome = decide(scheduled, act(Action::Cancel), staf);
  BOOST_TEST(outcome.errors["catatan"] == "required");
  BOOST_TEST(reload(scheduled).state == "disetujui");
}

BOOST_AUTO_TEST_CASE(return_keeps_the_hold_reject_deletes_it) {
  auto request = submitted();
  auto returned = decide(request, act(Action::Return, "Lampirkan surat bertanda tangan"), staf);
  BOOST_TEST_REQUIRE(returned.ok());
  BOOST_TEST(returned.request.state == "dikembalikan");
  BOOST_TEST(returned.request.decisionNote == "Lampirkan surat bertanda tangan");
  BOOST_TEST(store->getObject(holdCalendar.id, request.holdObjectName).has_value());

  auto audit = store->requests().auditOf(request.id).back();
  BOOST_TEST(audit.action == "return");
  BOOST_TEST(audit.actorName == "Staf Protokol");
  BOOST_TEST((audit.actorId == staf.user.id));
  BOOST_TEST(audit.fromState == "diajukan");
  BOOST_TEST(audit.toState == "dikembalikan");
  BOOST_TEST(audit.note == "Lampirkan surat bertanda tangan");

  auto other = submitted();
  BOOST_TEST_REQUIRE(decide(other, act(Action::Reject, "Bentrok dengan kunjungan kerja"), staf).ok());
  auto rejected = reload(other);
  BOOST_TEST(rejected.state == "ditolak");
  BOOST_TEST(rejected.holdObjectName.empty());
  BOOST_TEST(!store->getObject(holdCalendar.id, other.holdObjectName).has_value());
}

BOOST_AUTO_TEST_CASE(approve_writes_the_leader_event_with_letters_and_moves_the_sync_token) {
  auto request = verified();
  auto agendaSeq = store->findCalendarById(bupatiAgenda.id)->syncSeq;
  auto outcome = decide(request, act(Action::Approve), staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  const auto& row = outcome.request;
  BOOST_TEST(row.state == "disetujui");
  BOOST_TEST(row.assignedLeader == "bupati");
  BOOST_TEST(row.eventCalendarId == bupatiAgenda.id);
  BOOST_TEST(row.holdObjectName.empty());
  BOOST_TEST(!store->getObject(holdCalendar.id, request.holdObjectName).has_value());

  std::string event = unfolded(objectText(bupatiAgenda.id, row.eventObjectName));
  BOOST_TEST(event.find("STATUS:CONFIRMED") != std::string::npos);
  BOOST_TEST(event.find("SUMMARY:Pembukaan Lomba Sekolah Sehat") != std::string::npos);
  BOOST_TEST(event.find("DTSTART;TZID=Asia/Jakarta:20250314T090000") != std::string::npos);
  auto files = store->requests().filesOf(row.id);
  BOOST_TEST(std::regex_search(event, std::regex("ATTACH;[^\r\n]*FMTTYPE=application/pdf[^\r\n]*:https://"
                                                 "jadwal\\.example\\.go\\.id/lampiran/" +
                                                 std::to_string(files[0].id) + "/")));

  auto changes = store->changesSince(bupatiAgenda.id, agendaSeq);
  BOOST_TEST(changes.valid);
  BOOST_TEST_REQUIRE(changes.changes.size() == 1u);
  BOOST_TEST(changes.changes[0].name == row.eventObjectName);
  BOOST_TEST(!changes.changes[0].deleted);

  auto actions = auditActions(row);
  BOOST_TEST(has(actions, "approve"));
  BOOST_TEST(has(actions, "calendar-write"));
  BOOST_TEST(!has(actions, "calendar-edit"));  // the service's own write is not taken for a client's
}

BOOST_AUTO_TEST_CASE(approve_with_adjusted_time_and_venue_for_another_leader) {
  auto request = verified();
  Decision decision = act(Action::Approve);
  decision.leader = "wabup";
  decision.date = "2025-03-15";
  decision.startTime = "13:30";
  decision.untilDone = true;
  decision.venue = "Pendopo Kabupaten";
  auto outcome = decide(request, decision, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.assignedLeader == "wabup");
  BOOST_TEST(outcome.request.start == k14March0900Wib + 24 * kHour + 4 * kHour + 30 * 60);
  BOOST_TEST(!outcome.request.end.has_value());
  BOOST_TEST(outcome.request.venue == "Pendopo Kabupaten");
  BOOST_TEST(outcome.request.eventCalendarId == wabupAgenda.id);
  std::string event = unfolded(objectText(wabupAgenda.id, outcome.request.eventObjectName));
  BOOST_TEST(event.find("DTSTART;TZID=Asia/Jakarta:20250315T133000") != std::string::npos);
  // Open-ended: the assumed two hours on the calendar, "s.d. selesai" in the description.
  BOOST_TEST(event.find("DTEND;TZID=Asia/Jakarta:20250315T153000") != std::string::npos);
  BOOST_TEST(event.find("s.d. selesai") != std::string::npos);
  BOOST_TEST(event.find("LOCATION:Pendopo Kabupaten") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(approve_refuses_bad_leader_and_bad_times) {
  auto request = verified();
  Decision decision = act(Action::Approve);
  decision.leader = "staf";
  BOOST_TEST(decide(request, decision, staf).errors["pimpinan"] == "unknown_leader");
  decision.leader = "";
  decision.startTime = "9 pagi";
  BOOST_TEST(decide(request, decision, staf).errors["jam_mulai"] == "invalid_time");
  decision.startTime = "12:00";  // after the kept end, 11:00
  BOOST_TEST(decide(request, decision, staf).errors["jam_selesai"] == "end_before_start");
  decision.startTime = "";
  decision.date = "2025-13-01";
  BOOST_TEST(decide(request, decision, staf).errors["tanggal"] == "invalid_date");
  BOOST_TEST(reload(request).state == "diverifikasi");
}

BOOST_AUTO_TEST_CASE(a_leader_without_an_agenda_gets_no_claimed_event) {
  auto request = verified();
  Decision decision = act(Action::Approve);
  decision.leader = "sekda";
  auto outcome = decide(request, decision, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "disetujui");
  BOOST_TEST(outcome.request.eventCalendarId == 0);
  BOOST_TEST(outcome.request.eventObjectName.empty());
  auto audit = store->requests().auditOf(request.id).back();
  BOOST_TEST(audit.action == "calendar-error");
  BOOST_TEST(audit.note.find("sekda") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(represent_by_a_user_puts_the_event_on_their_agenda) {
  auto request = verified();
  Decision decision = act(Action::Represent, "Bupati dinas luar");
  decision.representativeUser = "asisten";
  auto outcome = decide(request, decision, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  const auto& row = outcome.request;
  BOOST_TEST(row.state == "diwakilkan");
  BOOST_TEST(row.representativeUser == "asisten");
  BOOST_TEST(row.representativeName == "Asisten I");
  BOOST_TEST(row.representativeCalendarId == asistenAgenda.id);
  std::string theirs = unfolded(objectText(asistenAgenda.id, row.representativeObjectName));
  BOOST_TEST(theirs.find("STATUS:CONFIRMED") != std::string::npos);
  std::string leaders = unfolded(objectText(bupatiAgenda.id, row.eventObjectName));
  BOOST_TEST(leaders.find("Diwakili oleh: Asisten I") != std::string::npos);

  // The leader attends after all: the representative's event goes.
  auto attends = decide(row, act(Action::Approve), staf);
  BOOST_TEST_REQUIRE(attends.ok());
  BOOST_TEST(attends.request.representativeObjectName.empty());
  BOOST_TEST(!store->getObject(asistenAgenda.id, row.representativeObjectName).has_value());
  BOOST_TEST(objectText(bupatiAgenda.id, row.eventObjectName).find("Diwakili") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(represent_by_a_named_person_or_refused_without_one) {
  auto request = verified();
  Decision nobody = act(Action::Represent);
  BOOST_TEST(decide(request, nobody, staf).errors["wakil_nama"] == "required");
  Decision unknown = act(Action::Represent);
  unknown.representativeUser = "hantu";
  BOOST_TEST(decide(request, unknown, staf).errors["wakil_user"] == "unknown_user");

  Decision named = act(Action::Represent);
  named.representativeName = "Drs. H. Ahmad";
  named.representativePosition = "Kepala Bappeda";
  auto outcome = decide(request, named, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.representativeCalendarId == 0);
  std::string leaders = unfolded(objectText(bupatiAgenda.id, outcome.request.eventObjectName));
  BOOST_TEST(leaders.find("Diwakili oleh: Drs. H. Ahmad\\, Kepala Bappeda") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reschedule_rewrites_the_same_event_with_a_higher_sequence) {
  auto row = approved();
  std::string before = objectText(bupatiAgenda.id, row.eventObjectName);
  auto uid = store->getObject(bupatiAgenda.id, row.eventObjectName)->uid;
  Decision nothing = act(Action::Reschedule);
  BOOST_TEST(decide(row, nothing, staf).errors["tanggal"] == "nothing_changed");

  Decision later = act(Action::Reschedule, "Diundur atas permintaan panitia");
  later.startTime = "10:00";
  later.endTime = "12:00";
  auto outcome = decide(row, later, staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "disetujui");
  BOOST_TEST(outcome.request.start == k14March0900Wib + kHour);
  BOOST_TEST(outcome.request.eventObjectName == row.eventObjectName);
  auto after = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  BOOST_TEST(after.uid == uid);
  BOOST_TEST(sequenceIn(after.ical) == sequenceIn(before) + 1);
  BOOST_TEST(after.ical.find("DTSTART;TZID=Asia/Jakarta:20250314T100000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cancel_keeps_the_events_as_cancelled) {
  auto request = verified();
  Decision decision = act(Action::Represent);
  decision.representativeUser = "asisten";
  auto row = decide(request, decision, staf).request;
  int sequence = sequenceIn(objectText(bupatiAgenda.id, row.eventObjectName));
  auto outcome = decide(row, act(Action::Cancel, "Acara dibatalkan panitia"), staf);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "dibatalkan");
  std::string leaders = objectText(bupatiAgenda.id, row.eventObjectName);
  std::string theirs = objectText(asistenAgenda.id, row.representativeObjectName);
  BOOST_TEST(leaders.find("STATUS:CANCELLED") != std::string::npos);
  BOOST_TEST(theirs.find("STATUS:CANCELLED") != std::string::npos);
  BOOST_TEST(sequenceIn(leaders) == sequence + 1);
  BOOST_TEST(outcome.request.eventObjectName == row.eventObjectName);  // still linked: the record is kept
  BOOST_TEST((decide(outcome.request, act(Action::Approve), staf).status == Outcome::Status::NotAllowed));
}

BOOST_AUTO_TEST_CASE(held_only_after_the_start) {
  auto row = approved();
  auto early = decide(row, act(Action::MarkHeld), staf);
  BOOST_TEST((early.status == Outcome::Status::Invalid));
  BOOST_TEST(early.errors["aksi"] == "not_yet_held");
  BOOST_TEST((decide(row, act(Action::MarkNotHeld), staf).errors["aksi"] == "not_yet_held"));
  clock.set(row.start + 60);
  auto held = decide(row, act(Action::MarkHeld), staf);
  BOOST_TEST_REQUIRE(held.ok());
  BOOST_TEST(held.request.state == "terlaksana");
  BOOST_TEST(objectText(bupatiAgenda.id, row.eventObjectName).find("STATUS:CONFIRMED") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(requester, Fixture)

BOOST_AUTO_TEST_CASE(withdraw_while_pending_deletes_the_hold) {
  auto request = submitted();
  BOOST_TEST((service->withdraw("JDW-NONE-XXXX", "").status == Outcome::Status::NotFound));
  auto outcome = service->withdraw(request.code, "Acara ditunda");
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "ditarik");
  BOOST_TEST(outcome.request.holdObjectName.empty());
  BOOST_TEST(!store->getObject(holdCalendar.id, request.holdObjectName).has_value());
  auto audit = store->requests().auditOf(request.id);
  auto withdrawn = std::find_if(audit.begin(), audit.end(), [](const auto& a) { return a.action == "withdraw"; });
  BOOST_TEST_REQUIRE((withdrawn != audit.end()));
  BOOST_TEST(withdrawn->actorName == "Pemohon");
  BOOST_TEST(withdrawn->note == "Acara ditunda");
  BOOST_TEST((service->withdraw(request.code, "").status == Outcome::Status::NotAllowed));

  auto scheduled = approved();
  BOOST_TEST((service->withdraw(scheduled.code, "").status == Outcome::Status::NotAllowed));
}

BOOST_AUTO_TEST_CASE(resubmit_a_returned_request_with_a_revised_letter) {
  auto request = submitted();
  UploadedFile revised{"surat", "revisi.pdf", pdfBytes("revisi")};
  BOOST_TEST((service->resubmit(request.code, revised, "").status == Outcome::Status::NotAllowed));
  BOOST_TEST_REQUIRE(decide(request, act(Action::Return, "Surat belum ditandatangani"), staf).ok());

  auto bad = service->resubmit(request.code, {"surat", "revisi.pdf", pngBytes()}, "");
  BOOST_TEST(bad.errors["surat"] == "file_type_pdf");
  BOOST_TEST(service->resubmit(request.code, {"surat", "", ""}, "").errors["surat"] == "file_required");

  auto outcome = service->resubmit(request.code, revised, "Sudah ditandatangani");
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(outcome.request.state == "diajukan");
  auto files = store->requests().filesOf(request.id);
  BOOST_TEST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].kind == "revisi");
  // The hold now links the revised letter too.
  std::string hold = unfolded(objectText(holdCalendar.id, outcome.request.holdObjectName));
  BOOST_TEST(hold.find("/lampiran/" + std::to_string(files[1].id) + "/") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
