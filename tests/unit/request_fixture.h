#pragma once
// The request workflow on a real SQLite store and the real calendar service,
// with users of every role, their calendars and a clock the test sets: the
// fixture of the request-service and calendar-follower tests. Mail is off
// (no SMTP host).

#include <boost/test/unit_test.hpp>

#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "caldav/calendar_service.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "workflow/request_service.h"

namespace jadwal::testing {

using namespace jadwal::workflow;

class FixedClock final : public Clock {
 public:
  sql::Instant now() const override { return now_; }
  void set(sql::Instant instant) { now_ = instant; }

 private:
  sql::Instant now_ = 1740798000;  // 2025-03-01 10:00 WIB
};

constexpr sql::Instant k14March0900Wib = 1741917600;  // 2025-03-14 02:00 UTC
constexpr sql::Instant kHour = 3600;

inline std::string pdfBytes(const std::string& marker = "surat") {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + marker + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

inline std::string pngBytes() {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += std::string("\0\0\0\x0DIHDR", 8);
  png += std::string(13, '\x01');
  png += std::string(4, '\x02');
  png += "IEND";
  return png;
}

inline Decision act(Action action, std::string note = "");

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
    staf = add("staf", sql::Role::ProtocolStaff, "Staf Protokol");
    admin = add("admin", sql::Role::Admin, "Admin");
    bupati = add("bupati", sql::Role::Leader, "Bupati");
    wabup = add("wabup", sql::Role::Leader, "Wakil Bupati");
    sekda = add("sekda", sql::Role::Leader, "Sekretaris Daerah");  // no agenda calendar
    asisten = add("asisten", sql::Role::Leader, "Asisten I");
    ajudan = add("ajudan", sql::Role::Aide, "Ajudan Bupati");
    ajudanWabup = add("ajudan2", sql::Role::Aide, "Ajudan Wabup");
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
    user = store->createUser(user).value();
    return Actor{{user.id, user.name, user.role, user.displayName}};
  }

  sql::Calendar calendar(const Actor& owner, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = owner.user.id;
    calendar.slug = slug;
    calendar.displayName = slug;
    store->createCalendar(calendar).value();
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

  // Verified, then represented by the Asisten I.
  sql::RequestRow represented() {
    Decision decision = act(Action::Represent, "Bupati dinas luar");
    decision.representativeUser = "asisten";
    auto outcome = decide(verified(), decision, staf);
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

inline Decision act(Action action, std::string note) {
  Decision decision;
  decision.action = action;
  decision.note = std::move(note);
  return decision;
}

inline bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

inline int sequenceIn(const std::string& ical) {
  std::smatch match;
  if (!std::regex_search(ical, match, std::regex("SEQUENCE:(\\d+)"))) return -1;
  return std::stoi(match[1]);
}

// Unfolded iCalendar text, so that searches see whole property lines.
inline std::string unfolded(std::string ical) { return std::regex_replace(ical, std::regex("\r\n[ \t]"), ""); }

}  // namespace jadwal::testing
