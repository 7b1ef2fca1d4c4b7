#pragma once
// A small request workflow on a real SQLite file (upload_fixture.h): a store, the calendar
// service, a RequestService without mail, a clock the test moves, a leader
// and a staff member. For the tests of uploads, revisions and blobs.

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "caldav/calendar_service.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "temp_database.h"
#include "workflow/request_service.h"

namespace jadwal::testing {

class MovableClock final : public workflow::Clock {
 public:
  sql::Instant now() const override { return now_; }
  void set(sql::Instant instant) { now_ = instant; }
  void advance(sql::Instant seconds) { now_ += seconds; }

 private:
  sql::Instant now_ = 1740798000;  // 2025-03-01 10:00 WIB
};

inline std::string sha256Of(const std::string& bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

// A PDF the upload check accepts; `marker` makes its bytes (and blob) distinct.
inline std::string pdfBytes(const std::string& marker = "surat") {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + marker + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

struct RequestFixture {
  TempDatabase db;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<workflow::Mailer> mailer;
  MovableClock clock;
  workflow::WorkflowConfig config;
  std::unique_ptr<workflow::RequestService> service;
  workflow::Actor staf;

  explicit RequestFixture(workflow::WorkflowConfig workflowConfig = {}) : config(std::move(workflowConfig)) {
    store = sql::openStore("sqlite:" + db.path.string());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<workflow::Mailer>(workflow::SmtpConfig{});
    config.publicUrl = "https://jadwal.example.go.id";
    staf = add("staf", sql::Role::ProtocolStaff);
    add("bupati", sql::Role::Leader);
    service = std::make_unique<workflow::RequestService>(*store, *calendars, *mailer, clock, config);
  }

  workflow::Actor add(const std::string& name, sql::Role role) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = name;
    user = store->createUser(user).value();
    return workflow::Actor{{user.id, user.name, user.role, user.displayName}};
  }

  static workflow::RequestForm form() {
    workflow::RequestForm form;
    form.requesterName = "Budi Santoso";
    form.requesterPosition = "Kepala Dinas";
    form.institution = "Dinas Pendidikan";
    form.whatsapp = "0812-3456-7890";
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
    form.leaderRole = "membuka";
    form.contactPerson = "Sari 0813-1111-2222";
    form.leaders = {"bupati"};
    return form;
  }

  sql::RequestRow submitted(const std::string& marker = "surat") {
    auto outcome = service->submit(form(), {{"surat", "surat.pdf", pdfBytes(marker)}});
    if (!outcome.ok()) throw std::runtime_error("the test's submission was refused");
    return outcome.request;
  }

  // Staff return the request so that the requester may send a revision.
  void returned(const sql::RequestRow& request) {
    workflow::Decision decision;
    decision.action = workflow::Action::Return;
    decision.note = "Surat belum ditandatangani";
    const auto current = store->requests().findRequest(request.id);
    if (!service->decide(request.id, current->version, decision, staf).ok())
      throw std::runtime_error("the test's return was refused");
  }

  bool blobExists(const std::string& bytes) { return store->requests().blobBytes(sha256Of(bytes)).has_value(); }
};

}  // namespace jadwal::testing
