#pragma once
// The staff pages on the shared web world (web_world.h) with a test clock.

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/percent.h"
#include "caldav/calendar_service.h"
#include "server/authenticator.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "web/public_csrf.h"
#include "web/web.h"
#include "web/web_session_internal.h"
#include "web_world.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

using namespace jadwal;
using web::WebRequest;
using web::WebResponse;

// Not anonymous: each test file uses only some of these helpers.
inline namespace test_support {

// "Now" for the workflow, moved by the tests (held / not held need a past
// date); it starts on 2031-03-01 08:00 WIB, before the world is built.
struct TestClock final : workflow::Clock {
  std::atomic<sql::Instant> at{workflow::fromLocal("2031-03-01", "08:00", "Asia/Jakarta").value()};
  sql::Instant now() const override { return at.load(); }
};

using testing::contains;
using testing::headerOf;
using testing::kPdf;

// A real SQLite store, a real calendar service and request service, and the
// staff pages on top, driven with WebRequests.
struct Fixture : testing::ClockHolder<TestClock>, testing::WebWorld {
  sql::Instant activityStart = workflow::fromLocal("2031-03-05", "09:00", "Asia/Jakarta").value();  // 09:00 WIB

  Fixture() : WebWorld(clock, /*secureCookies=*/false) {
    addUser("staf", sql::Role::ProtocolStaff, "Staf Protokol");
    const auto bupati = addUser("bupati", sql::Role::Leader, "Bupati Ogan Ilir");
    const auto wabup = addUser("wabup", sql::Role::Leader, "Wakil Bupati");
    const auto ajudan = addUser("ajudan", sql::Role::Aide, "Ajudan Bupati");
    const auto ajudanBoth = addUser("ajudan2", sql::Role::Aide, "Ajudan Bersama");
    addUser("tamu", sql::Role::Viewer, "Pembaca");
    store->assignAide(ajudan.id, bupati.id);
    store->assignAide(ajudanBoth.id, bupati.id);
    store->assignAide(ajudanBoth.id, wabup.id);
    for (const auto& leader : {bupati, wabup}) addAgenda(leader, "Agenda " + leader.displayName);
  }

  sql::RequestRow submit(const std::vector<std::string>& leaders, const std::string& eventName,
                         const std::string& institution = "Dinas Pendidikan") {
    workflow::RequestForm form;
    form.requesterName = "Siti Aminah";
    form.requesterPosition = "Kepala Bidang";
    form.institution = institution;
    form.whatsapp = "0812 3456 7890";
    form.email = "siti@example.org";
    form.letterNumber = "005/123/2031";
    form.letterDate = "2031-02-20";
    form.subject = "Undangan " + eventName;
    form.letterType = "undangan";
    form.eventName = eventName;
    form.date = "2031-03-05";
    form.startTime = "09:00";
    form.endTime = "11:00";
    form.venue = "Aula Dinas";
    form.address = "Jl. Lintas Timur, Indralaya";
    form.dressCode = "PDH";
    form.leaderRole = "sambutan";
    form.contactPerson = "Budi 0813 1111 2222";
    form.leaders = leaders;
    form.representativeAccepted = true;
    const auto outcome = service->submit(form, {{"surat", "surat undangan.pdf", kPdf}});
    BOOST_REQUIRE_MESSAGE(outcome.ok(), "submit failed");
    return outcome.request;
  }

  WebResponse send(WebRequest request) {
    auto answer = web::staffPages(*context, request);
    BOOST_REQUIRE_MESSAGE(answer, "staffPages did not answer " + request.path);
    return *answer;
  }

  static WebRequest get(const std::string& path, const std::string& cookie = "",
                        std::multimap<std::string, std::string> query = {}) {
    WebRequest request;
    request.method = "GET";
    request.path = path;
    request.query = std::move(query);
    request.remoteAddress = "192.0.2.10";
    request.clientKey = request.remoteAddress;  // an IPv4 client is its address
    if (!cookie.empty()) request.headers["Cookie"] = "jadwal_sesi=" + cookie;
    return request;
  }

  static WebRequest post(const std::string& path, const std::string& cookie,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
    WebRequest request = get(path, cookie);
    request.method = "POST";
    request.headers["Content-Type"] = "application/x-www-form-urlencoded";
    for (const auto& [name, value] : fields) {
      if (!request.body.empty()) request.body += '&';
      request.body += base::percentEncoded(name) + "=" + base::percentEncoded(value);
    }
    return request;
  }

  // A POST of the login form as the login page makes it: with the pre-session
  // CSRF token in a hidden field and in its cookie.
  WebRequest loginForm(std::vector<std::pair<std::string, std::string>> fields) {
    const std::string token = web::newPublicCsrfToken(store->sessions(), base::systemClock().now());
    fields.emplace_back("csrf", token);
    WebRequest request = post("/staf/masuk", "", fields);
    request.headers["Cookie"] = std::string(web::kPublicCsrfCookie) + "=" + token;
    return request;
  }

  // Logs in through the page and returns the session cookie's value.
  std::string login(const std::string& name) {
    const auto response = send(loginForm({{"nama", name}, {"sandi", "sandi-" + name}}));
    BOOST_REQUIRE_EQUAL(response.status, 303);
    const std::string cookie = headerOf(response, "Set-Cookie");
    BOOST_REQUIRE(cookie.starts_with("jadwal_sesi="));
    return cookie.substr(12, cookie.find(';') - 12);
  }

  std::string csrfOf(const std::string& cookie) { return web::csrfTokenOf(*context, get("/staf", cookie)); }

  WebResponse decide(const std::string& cookie, std::int64_t id,
                     std::vector<std::pair<std::string, std::string>> fields,
                     std::optional<std::int64_t> version = {}) {
    const auto row = store->requests().findRequest(id).value();
    fields.emplace_back("csrf", csrfOf(cookie));
    fields.emplace_back("versi", std::to_string(version.value_or(row.version)));
    return send(post("/staf/permohonan/" + std::to_string(id) + "/keputusan", cookie, fields));
  }

  std::string stateOf(std::int64_t id) { return store->requests().findRequest(id).value().state; }

  void putAgendaEvent(const std::string& owner, const std::string& uid, const std::string& summary,
                      const std::string& startUtc, const std::string& endUtc) {
    const auto calendar = store->findCalendar(owner, "agenda").value();
    const std::string ical = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
                             "\r\nDTSTAMP:20310101T000000Z\r\nDTSTART:" + startUtc + "\r\nDTEND:" + endUtc +
                             "\r\nSUMMARY:" + summary + "\r\nLOCATION:Kantor Bupati\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto result = calendars->put(calendar, uid + ".ics", ical, sql::Precondition{});
    BOOST_REQUIRE(result.status == sql::WriteStatus::Created);
  }
};

}  // namespace test_support
