// The request workflow on a real SQLite store and the real calendar service:
// submission, every decision's effect on the calendars, the calendar
// follower (edits and deletions made as a CalDAV client would make them),
// dispositions and who may see what. Mail is off (no SMTP host).
#define BOOST_TEST_MODULE request_service
#include <boost/test/unit_test.hpp>

#include <Poco/SHA2Engine.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <regex>

#include "caldav/calendar_service.h"
#include "smtp_sink.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "workflow/request_service.h"

using namespace jadwal;
using namespace jadwal::workflow;

namespace {

class FixedClock final : public Clock {
 public:
  sql::Instant now() const override { return now_; }
  void set(sql::Instant instant) { now_ = instant; }

 private:
  sql::Instant now_ = 1740798000;  // 2025-03-01 10:00 WIB
};

constexpr sql::Instant k14March0900Wib = 1741917600;  // 2025-03-14 02:00 UTC
constexpr sql::Instant kHour = 3600;

std::string pdfBytes(const std::string& marker = "surat") {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + marker + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string pngBytes() {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += std::string("\0\0\0\x0DIHDR", 8);
  png += std::string(13, '\x01');
  png += std::string(4, '\x02');
  png += "IEND";
  return png;
}

Decision act(Action action, std::string note = "");

struct Fixture {
  Poco::TemporaryFile file;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<Mailer> mailer;
  FixedClock clock;
  WorkflowConfig config;
  std::unique_ptr<RequestService> service;
  Actor staf, admin, bupati, wabup, sekda, asisten, ajudan, ajudanWabup, viewer;
  sql::Calendar holdCalendar, bupatiAgenda, wabupAgenda, asistenAgenda;

  Fixture() {
    store = sql::openStore("sqlite:" + file.path());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<Mailer>(SmtpConfig{});
    config.publicUrl = "https://jadwal.example.go.id";
    config.holdCalendar = "staf/tentatif";
    staf = add("staf", sql::Role::Protokol, "Staf Protokol");
    admin = add("admin", sql::Role::Admin, "Admin");
    bupati = add("bupati", sql::Role::Pimpinan, "Bupati");
    wabup = add("wabup", sql::Role::Pimpinan, "Wakil Bupati");
    sekda = add("sekda", sql::Role::Pimpinan, "Sekretaris Daerah");  // no agenda calendar
    asisten = add("asisten", sql::Role::Pimpinan, "Asisten I");
    ajudan = add("ajudan", sql::Role::Ajudan, "Ajudan Bupati");
    ajudanWabup = add("ajudan2", sql::Role::Ajudan, "Ajudan Wabup");
    viewer = add("tamu", sql::Role::Viewer, "Tamu");
    store->assignAide(ajudan.user.id, bupati.user.id);
    store->assignAide(ajudanWabup.user.id, wabup.user.id);
    holdCalendar = calendar(staf, "tentatif");
    bupatiAgenda = calendar(bupati, "agenda");
    wabupAgenda = calendar(wabup, "agenda");
    asistenAgenda = calendar(asisten, "agenda");
    service = std::make_unique<RequestService>(*store, *calendars, *mailer, clock, config);
    calendars->addObserver(service->calendarObserver());
  }

  Actor add(const std::string& name, sql::Role role, const std::string& displayName) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = displayName;
    user = store->createUser(user);
    return Actor{{user.id, user.name, user.role, user.displayName}};
  }

  sql::Calendar calendar(const Actor& owner, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = owner.user.id;
    calendar.slug = slug;
    calendar.displayName = slug;
    store->createCalendar(calendar);
    return *store->findCalendar(owner.user.name, slug);
  }

  static RequestForm form() {
    RequestForm form;
    form.requesterName = "Budi Santoso";
    form.requesterPosition = "Kepala Dinas";
    form.institution = "Dinas Pendidikan";
    form.whatsapp = "0812-3456-7890";
    form.email = "budi@example.org";
    form.letterNumber = "005/123/DISDIK/2025";
    form.letterDate = "2025-02-20";
    form.subject = "Undangan pembukaan";
    form.letterType = "undangan";
    form.eventName = "Pembukaan Lomba Sekolah Sehat";
    form.date = "2025-03-14";
    form.startTime = "09:00";
    form.endTime = "11:00";
    form.venue = "Aula Dinas Pendidikan";
    form.address = "Jl. Lintas Timur No. 1, Indralaya";
    form.dressCode = "PDH";
    form.leaderRole = "membuka";
    form.contactPerson = "Sari 0813-1111-2222";
    form.leaders = {"bupati"};
    return form;
  }

  static std::vector<UploadedFile> letter() { return {{"surat", "surat undangan.pdf", pdfBytes()}}; }

  sql::RequestRow submitted() {
    auto outcome = service->submit(form(), letter());
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }

  sql::RequestRow reload(const sql::RequestRow& request) { return *store->requests().findRequest(request.id); }

  Outcome decide(const sql::RequestRow& request, Decision decision, const Actor& who) {
    return service->decide(request.id, reload(request).version, decision, who);
  }

  sql::RequestRow verified() {
    auto request = submitted();
    auto outcome = decide(request, act(Action::Verify), staf);
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }

  sql::RequestRow approved() {
    auto outcome = decide(verified(), act(Action::Approve), staf);
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }

  std::vector<std::string> auditActions(const sql::RequestRow& request) {
    std::vector<std::string> actions;
    for (const auto& row : store->requests().auditOf(request.id)) actions.push_back(row.action);
    return actions;
  }

  std::string objectText(std::int64_t calendarId, const std::string& name) {
    auto object = store->getObject(calendarId, name);
    return object ? object->ical : "";
  }
};

Decision act(Action action, std::string note) {
  Decision decision;
  decision.action = action;
  decision.note = std::move(note);
  return decision;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

int sequenceIn(const std::string& ical) {
  std::smatch match;
  if (!std::regex_search(ical, match, std::regex("SEQUENCE:(\\d+)"))) return -1;
  return std::stoi(match[1]);
}

// Unfolded iCalendar text, so that searches see whole property lines.
std::string unfolded(std::string ical) { return std::regex_replace(ical, std::regex("\r\n[ \t]"), ""); }

}  // namespace

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
      {"jam_selesai", "required", [](RequestForm& f) { f.endTime.clear(); }},
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
  BOOST_TEST(event.find("DTEND") == std::string::npos);
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

BOOST_FIXTURE_TEST_SUITE(mail, Fixture)

BOOST_AUTO_TEST_CASE(the_requester_is_mailed_on_receipt_and_on_decisions_that_concern_them,
                     *boost::unit_test::precondition(jadwal::testing::AiosmtpdInstalled())) {
  jadwal::testing::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  Mailer sending(smtp);
  RequestService mailing(*store, *calendars, sending, clock, config);

  auto request = mailing.submit(form(), letter()).request;
  auto step = [&](Decision decision) {
    auto outcome = mailing.decide(request.id, reload(request).version, decision, staf);
    BOOST_TEST_REQUIRE(outcome.ok());
  };
  step(act(Action::Verify));  // no mail: nothing the requester must know yet
  step(act(Action::Approve));
  Decision later = act(Action::Reschedule);
  later.startTime = "10:00";
  step(later);
  step(act(Action::Cancel, "Dibatalkan panitia"));
  RequestForm silent = form();
  silent.email.clear();
  BOOST_TEST_REQUIRE(mailing.submit(silent, letter()).ok());  // no address, no mail
  sending.flush();

  auto received = sink.waitFor(4);
  BOOST_TEST_REQUIRE(received.size() == 4u);  // receipt, approval, new time, cancellation
  for (const auto& message : received) {
    BOOST_TEST(message.find("To: budi@example.org") != std::string::npos);
    BOOST_TEST(message.find(request.code) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_requester_is_mailed_when_staff_move_or_delete_the_event_in_a_client,
                     *boost::unit_test::precondition(jadwal::testing::AiosmtpdInstalled())) {
  jadwal::testing::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  Mailer sending(smtp);
  // A calendar service of its own, so that only this service follows its calendars.
  caldav::CalendarService clientCalendars(*store, caldav::TimeContext{});
  RequestService mailing(*store, clientCalendars, sending, clock, config);
  clientCalendars.addObserver(mailing.calendarObserver());

  auto request = mailing.submit(form(), letter()).request;
  BOOST_TEST_REQUIRE(mailing.decide(request.id, reload(request).version, act(Action::Verify), staf).ok());
  auto row = mailing.decide(request.id, reload(request).version, act(Action::Approve), staf).request;
  sending.flush();
  const std::size_t before = sink.waitFor(2).size();  // receipt and approval
  BOOST_TEST_REQUIRE(before == 2u);

  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string moved = std::regex_replace(object.ical, std::regex("20250314T"), "20250315T");
  BOOST_TEST_REQUIRE((clientCalendars.put(bupatiAgenda, row.eventObjectName, moved, {}, staf.user.id).status ==
                      sql::WriteStatus::Updated));
  BOOST_TEST_REQUIRE((clientCalendars.remove(bupatiAgenda, row.eventObjectName, {}, staf.user.id).status ==
                      sql::WriteStatus::Deleted));
  BOOST_TEST(reload(row).state == "dibatalkan");
  sending.flush();

  auto received = sink.waitFor(4);
  BOOST_TEST_REQUIRE(received.size() == 4u);  // receipt, approval, the new time, the cancellation
  for (const auto& message : received) BOOST_TEST(message.find(request.code) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(calendar_follower, Fixture)

BOOST_AUTO_TEST_CASE(moving_the_event_in_a_client_moves_the_request) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("20250314T090000"), "20250314T130000");
  edited = std::regex_replace(edited, std::regex("20250314T110000"), "20250314T150000");
  auto result = calendars->put(bupatiAgenda, row.eventObjectName, edited, {false, object.etag}, staf.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Updated));

  auto moved = reload(row);
  BOOST_TEST(moved.start == k14March0900Wib + 4 * kHour);
  BOOST_TEST(*moved.end == k14March0900Wib + 6 * kHour);
  BOOST_TEST(moved.version > row.version);
  BOOST_TEST(moved.state == "disetujui");
  auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-edit");
  BOOST_TEST((audit.actorId == staf.user.id));
  BOOST_TEST(audit.actorName == "Staf Protokol");
  // The client's text stays as written: the follower does not rewrite it.
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName)->ical == edited);
}

BOOST_AUTO_TEST_CASE(a_new_location_becomes_the_venue) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited =
      std::regex_replace(unfolded(object.ical), std::regex("LOCATION:[^\r\n]*"), "LOCATION:Gedung Serbaguna");
  BOOST_TEST_REQUIRE((calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id).status ==
                      sql::WriteStatus::Updated));
  auto moved = reload(row);
  BOOST_TEST(moved.venue == "Gedung Serbaguna");
  BOOST_TEST(moved.start == row.start);
  // Unchanged text written again is not an edit.
  auto audits = store->requests().auditOf(row.id).size();
  calendars->put(bupatiAgenda, row.eventObjectName, edited + "", {}, staf.user.id);
  BOOST_TEST(store->requests().auditOf(row.id).size() == audits);
}

BOOST_AUTO_TEST_CASE(moving_the_leader_event_moves_the_representative_event_too) {
  auto request = verified();
  Decision decision = act(Action::Represent);
  decision.representativeUser = "asisten";
  auto row = decide(request, decision, staf).request;
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("20250314T"), "20250321T");
  calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id);
  BOOST_TEST(reload(row).start == k14March0900Wib + 7 * 24 * kHour);
  std::string theirs = objectText(asistenAgenda.id, row.representativeObjectName);
  BOOST_TEST(theirs.find("DTSTART;TZID=Asia/Jakarta:20250321T090000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deleting_the_event_in_a_client_cancels_the_request) {
  auto row = approved();
  auto result = calendars->remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Deleted));
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName.empty());  // it no longer claims the deleted event
  auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-delete");
  BOOST_TEST(audit.note == "Dihapus melalui aplikasi kalender");
  BOOST_TEST((audit.actorId == bupati.user.id));
  BOOST_TEST(audit.fromState == "disetujui");
  BOOST_TEST(audit.toState == "dibatalkan");
}

BOOST_AUTO_TEST_CASE(cancelling_the_event_in_a_client_cancels_the_request) {
  auto row = approved();
  auto object = *store->getObject(bupatiAgenda.id, row.eventObjectName);
  std::string edited = std::regex_replace(object.ical, std::regex("STATUS:CONFIRMED"), "STATUS:CANCELLED");
  calendars->put(bupatiAgenda, row.eventObjectName, edited, {}, staf.user.id);
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName == row.eventObjectName);
  BOOST_TEST(store->requests().auditOf(row.id).back().action == "calendar-cancel");
}

BOOST_AUTO_TEST_CASE(deleting_the_hold_only_unlinks_it) {
  auto request = submitted();
  calendars->remove(holdCalendar, request.holdObjectName, {}, staf.user.id);
  auto row = reload(request);
  BOOST_TEST(row.state == "diajukan");
  BOOST_TEST(row.holdObjectName.empty());
}

BOOST_AUTO_TEST_CASE(unrelated_events_are_ignored) {
  auto row = approved();
  auto version = reload(row).version;
  std::string other =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:lain@test\r\n"
      "DTSTAMP:20250101T000000Z\r\nDTSTART:20250314T020000Z\r\nDTEND:20250314T030000Z\r\nSUMMARY:Rapat\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  calendars->put(bupatiAgenda, "lain.ics", other, {}, bupati.user.id);
  calendars->remove(bupatiAgenda, "lain.ics", {}, bupati.user.id);
  BOOST_TEST(reload(row).version == version);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(visibility, Fixture)

BOOST_AUTO_TEST_CASE(who_may_see_a_request_and_its_letters) {
  auto row = submitted();
  auto letterFile = store->requests().filesOf(row.id).at(0);
  struct Expectation {
    const Actor* who;
    bool sees;
  };
  for (auto [who, sees] : {Expectation{&staf, true}, Expectation{&admin, true}, Expectation{&bupati, true},
                           Expectation{&wabup, false}, Expectation{&asisten, false}, Expectation{&ajudan, true},
                           Expectation{&ajudanWabup, false}, Expectation{&viewer, false}}) {
    BOOST_TEST_CONTEXT(who->user.name) {
      BOOST_TEST(service->maySee(row, *who) == sees);
      BOOST_TEST(service->mayOpenFile(letterFile, *who) == sees);
    }
  }
  // Assigned to another leader, represented by a user: they see it too.
  auto verifiedRow = decide(row, act(Action::Verify), staf).request;
  Decision decision = act(Action::Represent);
  decision.leader = "wabup";
  decision.representativeUser = "asisten";
  auto represented = decide(verifiedRow, decision, staf).request;
  BOOST_TEST(service->maySee(represented, wabup));
  BOOST_TEST(service->maySee(represented, ajudanWabup));
  BOOST_TEST(service->maySee(represented, asisten));
  BOOST_TEST(service->mayOpenFile(letterFile, asisten));
  BOOST_TEST(!service->maySee(represented, viewer));
}

BOOST_AUTO_TEST_CASE(dispositions_by_the_leader_their_aide_or_staff) {
  auto row = submitted();
  BOOST_TEST(service->setDisposition(row.id, "bupati", "hadir", "", "Insya Allah hadir", bupati).ok());
  BOOST_TEST(service->setDisposition(row.id, "bupati", "diwakilkan", "Asisten I", "", ajudan).ok());
  BOOST_TEST(service->setDisposition(row.id, "bupati", "tidak_hadir", "", "", staf).ok());
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);  // one per leader, the latest
  BOOST_TEST(dispositions[0].choice == "tidak_hadir");
  BOOST_TEST((dispositions[0].byUserId == staf.user.id));
  BOOST_TEST(has(auditActions(row), "disposition"));

  BOOST_TEST((service->setDisposition(row.id, "bupati", "hadir", "", "", wabup).status == Outcome::Status::Forbidden));
  BOOST_TEST(
      (service->setDisposition(row.id, "bupati", "hadir", "", "", ajudanWabup).status == Outcome::Status::Forbidden));
  BOOST_TEST((service->setDisposition(row.id, "bupati", "hadir", "", "", viewer).status == Outcome::Status::Forbidden));
  BOOST_TEST(service->setDisposition(row.id, "wabup", "hadir", "", "", wabup).errors["pimpinan"] == "unknown_leader");
  BOOST_TEST(service->setDisposition(row.id, "bupati", "mungkin", "", "", bupati).errors["pilihan"] ==
             "invalid_choice");
  BOOST_TEST(service->setDisposition(row.id, "bupati", "diwakilkan", " ", "", bupati).errors["wakil"] == "required");
  BOOST_TEST(
      (service->setDisposition(row.id + 100, "bupati", "hadir", "", "", bupati).status == Outcome::Status::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()
