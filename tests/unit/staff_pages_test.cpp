#define BOOST_TEST_MODULE staff_pages
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "caldav/calendar_service.h"
#include "server/authenticator.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "server/public_csrf.h"
#include "server/web.h"
#include "server/web_session_internal.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

using namespace jadwal;
using server::WebRequest;
using server::WebResponse;

namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

// "Now" for the workflow, moved by the tests (held / not held need a past date).
struct TestClock final : workflow::Clock {
  std::atomic<sql::Instant> at{0};
  sql::Instant now() const override { return at.load(); }
};

std::string urlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string headerOf(const WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// A real SQLite store, a real calendar service and request service, and the
// staff pages on top, driven with WebRequests.
struct Fixture {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("jadwal-staff-pages-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<workflow::Mailer> mailer;
  TestClock clock;
  std::unique_ptr<workflow::RequestService> service;
  server::CredentialCache cache{std::chrono::seconds(60), 100};
  std::unique_ptr<server::Authenticator> authenticator;
  std::unique_ptr<server::WebContext> context;
  sql::Instant activityStart = 0;  // 2031-03-05 09:00 WIB

  Fixture() {
    std::filesystem::remove(path);
    store = sql::openStore("sqlite:" + path.string());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<workflow::Mailer>(workflow::SmtpConfig{});
    clock.at = workflow::fromLocal("2031-03-01", "08:00", "Asia/Jakarta").value();
    activityStart = workflow::fromLocal("2031-03-05", "09:00", "Asia/Jakarta").value();
    workflow::WorkflowConfig config;
    config.publicUrl = "https://agenda.example.go.id";
    service = std::make_unique<workflow::RequestService>(*store, *calendars, *mailer, clock, config);
    calendars->addObserver(service->calendarObserver());
    authenticator = std::make_unique<server::Authenticator>(*store, cache);
    context = std::make_unique<server::WebContext>(
        server::WebContext{*store, *service, *authenticator, config.publicUrl, false, 1 << 20});

    addUser("staf", sql::Role::Protokol, "Staf Protokol");
    const auto bupati = addUser("bupati", sql::Role::Pimpinan, "Bupati Ogan Ilir");
    const auto wabup = addUser("wabup", sql::Role::Pimpinan, "Wakil Bupati");
    const auto ajudan = addUser("ajudan", sql::Role::Ajudan, "Ajudan Bupati");
    const auto ajudanBoth = addUser("ajudan2", sql::Role::Ajudan, "Ajudan Bersama");
    addUser("tamu", sql::Role::Viewer, "Pembaca");
    store->assignAide(ajudan.id, bupati.id);
    store->assignAide(ajudanBoth.id, bupati.id);
    store->assignAide(ajudanBoth.id, wabup.id);
    for (const auto& leader : {bupati, wabup}) {
      sql::Calendar agenda;
      agenda.ownerId = leader.id;
      agenda.slug = "agenda";
      agenda.displayName = "Agenda " + leader.displayName;
      store->createCalendar(agenda);
    }
  }
  ~Fixture() {
    context.reset();
    service.reset();
    mailer.reset();
    calendars.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix);
  }

  sql::User addUser(const std::string& name, sql::Role role, const std::string& display) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = display;
    user.passwordHash = server::hashPassword("sandi-" + name).value();
    return store->createUser(user);
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
    auto answer = server::staffPages(*context, request);
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
      request.body += urlEncode(name) + "=" + urlEncode(value);
    }
    return request;
  }

  // A POST of the login form as the login page makes it: with the pre-session
  // CSRF token in a hidden field and in its cookie.
  WebRequest loginForm(std::vector<std::pair<std::string, std::string>> fields) {
    const std::string token = server::newPublicCsrfToken(store->sessions(), server::webNow());
    fields.emplace_back("csrf", token);
    WebRequest request = post("/staf/masuk", "", fields);
    request.headers["Cookie"] = std::string(server::kPublicCsrfCookie) + "=" + token;
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

  std::string csrfOf(const std::string& cookie) { return server::csrfTokenOf(*context, get("/staf", cookie)); }

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

}  // namespace

BOOST_FIXTURE_TEST_SUITE(staff_pages, Fixture)

BOOST_AUTO_TEST_CASE(pages_without_a_session_redirect_to_the_login) {
  auto response = send(get("/staf"));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk?lanjut=/staf");

  response = send(get("/staf/permohonan/7"));
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk?lanjut=/staf/permohonan/7");

  response = send(post("/staf/permohonan/7/keputusan", "", {{"aksi", "verify"}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location").starts_with("/staf/masuk?lanjut="));

  // A cookie that is no session is no login either.
  response = send(get("/staf", std::string(64, 'a')));
  BOOST_TEST(response.status == 303);

  // Paths outside /staf are not this module's.
  BOOST_TEST(!server::staffPages(*context, get("/stafx")));
  BOOST_TEST(!server::staffPages(*context, get("/permohonan")));

  const auto form = send(get("/staf/masuk", "", {{"lanjut", "/staf/permohonan/7"}}));
  BOOST_TEST(form.status == 200);
  BOOST_TEST(contains(form.body, "name=\"nama\""));
  BOOST_TEST(contains(form.body, "name=\"sandi\""));
  BOOST_TEST(contains(form.body, "value=\"/staf/permohonan/7\""));
}

BOOST_AUTO_TEST_CASE(wrong_credentials_all_get_the_same_401) {
  store->setDisabled("wabup", true);
  for (const auto& [name, password] : std::vector<std::pair<std::string, std::string>>{
           {"staf", "salah"}, {"tidak-ada", "sandi-tidak-ada"}, {"wabup", "sandi-wabup"}, {"", "x"}, {"a:b", "c"}}) {
    const auto response = send(loginForm({{"nama", name}, {"sandi", password}}));
    BOOST_TEST(response.status == 401, name);
    BOOST_TEST(contains(response.body, "Nama pengguna atau kata sandi salah"), name);
    BOOST_TEST(headerOf(response, "Set-Cookie").empty(), name);
    BOOST_TEST(headerOf(response, "WWW-Authenticate").empty());  // a page, not a browser dialog
  }
  // The name typed is kept.
  const auto response = send(loginForm({{"nama", "staf"}, {"sandi", "salah"}}));
  BOOST_TEST(contains(response.body, "value=\"staf\""));
  // English when asked.
  auto english = loginForm({{"nama", "staf"}, {"sandi", "salah"}});
  english.query.emplace("lang", "en");
  BOOST_TEST(contains(send(english).body, "Wrong user name or password"));
}

BOOST_AUTO_TEST_CASE(login_sets_a_hashed_session_cookie_and_follows_only_local_paths) {
  auto response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf");
  const std::string cookie = headerOf(response, "Set-Cookie");
  BOOST_TEST(contains(cookie, "HttpOnly"));
  BOOST_TEST(contains(cookie, "SameSite=Lax"));
  BOOST_TEST(contains(cookie, "Path=/"));
  BOOST_TEST(!contains(cookie, "Secure"));
  const std::string token = cookie.substr(12, cookie.find(';') - 12);
  BOOST_TEST(token.size() == 64u);
  // Only the hash is stored.
  BOOST_TEST(store->sessions().findSession(server::sessionTokenHash(token), server::webNow()).has_value());
  BOOST_TEST(!store->sessions().findSession(token, server::webNow()).has_value());
  BOOST_TEST(send(get("/staf", token)).status == 200);

  response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}, {"lanjut", "/staf/permohonan/3"}}));
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/3");
  for (const std::string evil : {"https://evil.example/staf", "//evil.example/staf", "/stafevil", "/permohonan",
                                 "/staf/\\evil", "/staf\r\nSet-Cookie: x=1"}) {
    response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}, {"lanjut", evil}}));
    BOOST_TEST(headerOf(response, "Location") == "/staf", evil);
  }

  context->secureCookies = true;
  response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}}));
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "; Secure"));
  // A logged-in user opening the login goes straight on.
  BOOST_TEST(send(get("/staf/masuk", token)).status == 303);
}

BOOST_AUTO_TEST_CASE(posts_without_the_session_csrf_token_are_refused) {
  const auto row = submit({"bupati"}, "Apel Gabungan");
  const std::string cookie = login("staf");
  auto response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                            {{"aksi", "verify"}, {"versi", std::to_string(row.version)}, {"csrf", "salah"}}));
  BOOST_TEST(response.status == 403);
  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                       {{"aksi", "verify"}, {"versi", std::to_string(row.version)}}));
  BOOST_TEST(response.status == 403);
  // Another session's token does not do either.
  const std::string other = login("staf");
  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                       {{"aksi", "verify"}, {"versi", std::to_string(row.version)}, {"csrf", csrfOf(other)}}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(stateOf(row.id) == "diajukan");

  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/disposisi", cookie,
                       {{"pimpinan", "bupati"}, {"pilihan", "hadir"}}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());

  response = send(post("/staf/keluar", cookie, {}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(send(get("/staf", cookie)).status == 200);  // still logged in
}

BOOST_AUTO_TEST_CASE(the_inbox_shows_each_role_its_own_requests) {
  const auto forBupati = submit({"bupati"}, "Apel Gabungan ASN", "Dinas Pendidikan");
  const auto forWabup = submit({"wabup"}, "Rapat Inflasi", "Dinas Perdagangan");
  const auto forBoth = submit({"bupati", "wabup"}, "Peresmian Jembatan", "Dinas PUPR");

  const auto seen = [&](const std::string& user, std::multimap<std::string, std::string> query = {}) {
    const auto response = send(get("/staf", login(user), std::move(query)));
    BOOST_REQUIRE_EQUAL(response.status, 200);
    return response.body;
  };
  auto body = seen("staf");
  BOOST_TEST(contains(body, forBupati.code));
  BOOST_TEST(contains(body, forWabup.code));
  BOOST_TEST(contains(body, forBoth.code));
  // Newest first.
  BOOST_TEST(body.find(forBoth.code) < body.find(forBupati.code));
  // Each row: time in WIB, event, institution, leaders, state.
  BOOST_TEST(contains(body, "Rabu, 5 Maret 2031, 09.00–11.00 WIB"));
  BOOST_TEST(contains(body, "Dinas PUPR"));
  BOOST_TEST(contains(body, "Bupati Ogan Ilir, Wakil Bupati"));
  BOOST_TEST(contains(body, "Diajukan (3)"));
  BOOST_TEST(contains(body, "/staf/permohonan/" + std::to_string(forBupati.id)));

  // Leaders and aides see a request by its number, never its tracking code.
  const auto listed = [](const std::string& page, const sql::RequestRow& row) {
    return contains(page, "href=\"/staf/permohonan/" + std::to_string(row.id) + "\"");
  };
  body = seen("bupati");
  BOOST_TEST(listed(body, forBupati));
  BOOST_TEST(!listed(body, forWabup));
  BOOST_TEST(listed(body, forBoth));
  BOOST_TEST(contains(body, "#" + std::to_string(forBupati.id)));

  body = seen("ajudan");
  BOOST_TEST(listed(body, forBupati));
  BOOST_TEST(!listed(body, forWabup));
  BOOST_TEST(listed(body, forBoth));
  BOOST_TEST(contains(body, "Semua (2)"));

  // An aide of two leaders sees both, each request once.
  body = seen("ajudan2");
  BOOST_TEST(listed(body, forWabup));
  BOOST_TEST(contains(body, "Semua (3)"));
  for (const std::string user : {"bupati", "wabup", "ajudan", "ajudan2"}) {
    body = seen(user);
    for (const auto* row : {&forBupati, &forWabup, &forBoth}) BOOST_TEST(!contains(body, row->code), user);
  }

  const auto viewer = send(get("/staf", login("tamu")));
  BOOST_TEST(viewer.status == 403);
  BOOST_TEST(!contains(viewer.body, forBupati.code));

  // Filter by state and search.
  const std::string staf = login("staf");
  BOOST_REQUIRE_EQUAL(decide(staf, forWabup.id, {{"aksi", "verify"}}).status, 303);
  body = seen("staf", {{"status", "diverifikasi"}});
  BOOST_TEST(contains(body, forWabup.code));
  BOOST_TEST(!contains(body, forBupati.code));
  BOOST_TEST(contains(body, "Diverifikasi (1)"));
  body = seen("staf", {{"q", "PUPR"}});
  BOOST_TEST(contains(body, forBoth.code));
  BOOST_TEST(!contains(body, forBupati.code));
  body = seen("staf", {{"q", "tidak ada yang cocok"}});
  BOOST_TEST(contains(body, "Tidak ada permohonan."));
  // An unknown state is no filter; a silly page number is the first page.
  body = seen("staf", {{"status", "bukan-status"}, {"hal", "-4"}});
  BOOST_TEST(contains(body, forBupati.code));
}

BOOST_AUTO_TEST_CASE(the_inbox_pages_by_twenty) {
  std::vector<sql::RequestRow> rows;
  for (int i = 0; i < 22; ++i) rows.push_back(submit({"bupati"}, "Kegiatan nomor " + std::to_string(i)));
  const std::string cookie = login("staf");
  auto body = send(get("/staf", cookie)).body;
  BOOST_TEST(contains(body, rows.back().code));
  BOOST_TEST(!contains(body, rows.front().code));
  BOOST_TEST(contains(body, "/staf?hal=2"));
  body = send(get("/staf", cookie, {{"hal", "2"}})).body;
  BOOST_TEST(contains(body, rows.front().code));
  BOOST_TEST(contains(body, rows[1].code));
  BOOST_TEST(!contains(body, rows.back().code));
}

BOOST_AUTO_TEST_CASE(the_request_page_shows_fields_letters_history_and_conflicts) {
  const auto row = submit({"bupati"}, "Apel Gabungan ASN");
  // 09:00-11:00 WIB is 02:00-04:00 UTC: the first overlaps, the second does not.
  putAgendaEvent("bupati", "rapat-1", "Rapat Koordinasi Inflasi", "20310305T030000Z", "20310305T050000Z");
  putAgendaEvent("bupati", "pasar-1", "Kunjungan Pasar", "20310305T070000Z", "20310305T080000Z");
  putAgendaEvent("bupati", "besok-1", "Acara Besok", "20310306T030000Z", "20310306T040000Z");

  const std::string cookie = login("staf");
  const auto response = send(get("/staf/permohonan/" + std::to_string(row.id), cookie));
  BOOST_REQUIRE_EQUAL(response.status, 200);
  const std::string& body = response.body;
  for (const std::string& field : std::vector<std::string>{
           "Apel Gabungan ASN", "Siti Aminah", "Kepala Bidang", "Dinas Pendidikan", "0812 3456 7890",
           "siti@example.org", "005/123/2031", "Kamis, 20 Februari 2031", "Aula Dinas", "Jl. Lintas Timur, Indralaya",
           "PDH", "Memberi sambutan", "Budi 0813 1111 2222", "Rabu, 5 Maret 2031, 09.00–11.00 WIB", row.code}) {
    BOOST_TEST(contains(body, field), field);
  }
  const auto files = store->requests().filesOf(row.id);
  BOOST_REQUIRE(!files.empty());
  BOOST_TEST(contains(body, "href=\"/lampiran/" + std::to_string(files.front().id) + "/"));
  BOOST_TEST(contains(body, "target=\"_blank\""));
  BOOST_TEST(contains(body, "Permohonan diajukan"));  // the audit's submit entry
  // The agenda that day, the overlapping item marked; the next day's not shown.
  BOOST_TEST(contains(body, "Rapat Koordinasi Inflasi"));
  BOOST_TEST(contains(body, "Kunjungan Pasar"));
  BOOST_TEST(!contains(body, "Acara Besok"));
  const auto conflict = body.find("Bentrok");
  BOOST_REQUIRE(conflict != std::string::npos);
  BOOST_TEST(body.rfind("Rapat Koordinasi Inflasi", conflict) != std::string::npos);
  BOOST_TEST(body.find("Bentrok", conflict + 1) == std::string::npos);  // only one conflict
  // Staff get the decisions allowed now, each with csrf and version.
  BOOST_TEST(contains(body, "value=\"verify\""));
  BOOST_TEST(contains(body, "value=\"return\""));
  BOOST_TEST(contains(body, "value=\"reject\""));
  BOOST_TEST(!contains(body, "value=\"approve\""));  // not before verification
  BOOST_TEST(!contains(body, "value=\"cancel\""));
  BOOST_TEST(contains(body, "name=\"versi\" value=\"" + std::to_string(row.version) + "\""));
  BOOST_TEST(contains(body, "name=\"csrf\" value=\"" + csrfOf(cookie) + "\""));

  // The leader asked sees it with the disposition form and without decisions.
  const auto leaderPage = send(get("/staf/permohonan/" + std::to_string(row.id), login("bupati")));
  BOOST_TEST(leaderPage.status == 200);
  BOOST_TEST(contains(leaderPage.body, "/disposisi"));
  BOOST_TEST(!contains(leaderPage.body, "/keputusan"));
  BOOST_TEST(contains(leaderPage.body, "siti@example.org"));
  // Another leader, a viewer: refused, and nothing of the request shown.
  for (const std::string other : {"wabup", "tamu"}) {
    const auto refused = send(get("/staf/permohonan/" + std::to_string(row.id), login(other)));
    BOOST_TEST(refused.status == 403, other);
    BOOST_TEST(!contains(refused.body, "siti@example.org"), other);
  }
  BOOST_TEST(send(get("/staf/permohonan/999999", cookie)).status == 404);
  BOOST_TEST(send(get("/staf/permohonan/abc", cookie)).status == 404);
  BOOST_TEST(!server::staffPages(*context, get("/staf/permohonan/" + std::to_string(row.id) + "/lain", cookie)));
}

BOOST_AUTO_TEST_CASE(a_user_who_keeps_failing_to_log_in_from_an_address_is_refused_for_a_while) {
  server::LoginLimits limits;
  limits.failuresPerAddressAndName = 3;
  server::Authenticator limited(*store, cache, limits);
  server::WebContext web = *context;
  server::WebContext* original = context.release();
  context.reset(
      new server::WebContext{web.store, web.requests, limited, web.publicUrl, web.secureCookies, web.maxFileBytes});
  auto attempt = [&](const std::string& name, const std::string& password) {
    return send(loginForm({{"nama", name}, {"sandi", password}}));
  };
  for (int i = 0; i < 3; ++i) BOOST_TEST(attempt("staf", "salah-" + std::to_string(i)).status == 401);
  // Even the right password is not checked now: a guesser learns nothing.
  const auto refused = attempt("staf", "sandi-staf");
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(contains(refused.body, "Terlalu banyak percobaan"));
  // Another user behind the same address is not locked out.
  BOOST_TEST(attempt("bupati", "sandi-bupati").status == 303);
  context.reset(original);
}

BOOST_AUTO_TEST_CASE(a_co_invited_leader_sees_only_the_agendas_their_calendar_rights_show) {
  // Anyone can name two leaders on the public form: that must not open one
  // leader's day to the other, or to the other's aide.
  const auto row = submit({"bupati", "wabup"}, "Peresmian Pasar");
  putAgendaEvent("bupati", "pribadi-1", "Pertemuan Pribadi Bupati", "20310305T030000Z", "20310305T040000Z");
  putAgendaEvent("wabup", "wabup-1", "Rapat Wakil Bupati", "20310305T030000Z", "20310305T040000Z");
  const std::string page = "/staf/permohonan/" + std::to_string(row.id);

  const auto wabup = send(get(page, login("wabup")));
  BOOST_REQUIRE_EQUAL(wabup.status, 200);
  BOOST_TEST(contains(wabup.body, "Rapat Wakil Bupati"));
  BOOST_TEST(!contains(wabup.body, "Pertemuan Pribadi Bupati"));

  const auto staf = send(get(page, login("staf")));
  BOOST_TEST(contains(staf.body, "Pertemuan Pribadi Bupati"));
  BOOST_TEST(contains(staf.body, "Rapat Wakil Bupati"));
}

BOOST_AUTO_TEST_CASE(decisions_answer_303_400_409_and_403) {
  const auto row = submit({"bupati", "wabup"}, "Peresmian Jembatan");
  const std::string staf = login("staf");

  // Return without a note: the page again, the error next to the note.
  auto response = decide(staf, row.id, {{"aksi", "return"}, {"catatan", "  "}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-catatan\""));
  BOOST_TEST(contains(response.body, "Wajib diisi."));
  BOOST_TEST(stateOf(row.id) == "diajukan");

  // Not allowed from this state.
  response = decide(staf, row.id, {{"aksi", "cancel"}, {"catatan", "batal"}});
  BOOST_TEST(response.status == 409);
  BOOST_TEST(stateOf(row.id) == "diajukan");
  // Not an action at all.
  response = decide(staf, row.id, {{"aksi", "terbang"}});
  BOOST_TEST(response.status == 400);

  // A leader may not take a staff decision.
  response = decide(login("bupati"), row.id, {{"aksi", "verify"}});
  BOOST_TEST(response.status == 403);
  BOOST_TEST(stateOf(row.id) == "diajukan");

  // Verify: back to the page with a notice.
  response = decide(staf, row.id, {{"aksi", "verify"}, {"catatan", "lengkap"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/" + std::to_string(row.id) + "?pesan=keputusan");
  BOOST_TEST(stateOf(row.id) == "diverifikasi");
  auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf, {{"pesan", "keputusan"}}));
  BOOST_TEST(contains(page.body, "Keputusan disimpan."));
  BOOST_TEST(contains(page.body, "Staf Protokol"));  // who, in the history
  BOOST_TEST(contains(page.body, "Diajukan → Diverifikasi"));
  BOOST_TEST(contains(page.body, "lengkap"));

  // Someone decided meanwhile: the version shown is stale.
  response = decide(staf, row.id, {{"aksi", "reject"}, {"catatan", "tidak sesuai"}}, row.version);
  BOOST_TEST(response.status == 409);
  BOOST_TEST(contains(response.body, "Permohonan ini sudah diubah oleh orang lain; muat ulang halaman"));
  BOOST_TEST(stateOf(row.id) == "diverifikasi");

  // Approve for the second leader asked, at another venue.
  response = decide(staf, row.id, {{"aksi", "approve"}, {"pimpinan", "wabup"}, {"tempat", "Gedung Kesenian"}});
  BOOST_TEST(response.status == 303);
  auto approved = store->requests().findRequest(row.id).value();
  BOOST_TEST(approved.state == "disetujui");
  BOOST_TEST(approved.assignedLeader == "wabup");
  BOOST_TEST(approved.venue == "Gedung Kesenian");
  // The WhatsApp message for the requester, with a click-to-chat link.
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "<textarea id=\"pesan-wa\""));
  BOOST_TEST(contains(page.body, "https://wa.me/6281234567890?text="));
  BOOST_TEST(contains(page.body, "value=\"cancel\""));
  BOOST_TEST(contains(page.body, "value=\"reschedule\""));
  BOOST_TEST(!contains(page.body, "value=\"held\""));  // not before the date

  // Represent with nobody named: 400 with the error at the name.
  response = decide(staf, row.id, {{"aksi", "represent"}, {"pimpinan", "wabup"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-wakil_nama\""));
  BOOST_TEST(contains(response.body, "<a href=\"#galat-wakil_nama\">Nama</a>: Wajib diisi."));
  response = decide(
      staf, row.id,
      {{"aksi", "represent"}, {"pimpinan", "wabup"}, {"wakil_nama", "Drs. Ahmad"}, {"wakil_jabatan", "Asisten I"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "diwakilkan");
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Drs. Ahmad, Asisten I"));

  // Held only after the date.
  response = decide(staf, row.id, {{"aksi", "held"}});
  BOOST_TEST(response.status == 400);
  clock.at = activityStart + 3600 * 5;
  response = decide(staf, row.id, {{"aksi", "held"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "terlaksana");
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Tidak ada keputusan yang dapat diambil pada status ini."));
  BOOST_TEST(!contains(page.body, "/disposisi\""));  // nothing more to say once final
}

BOOST_AUTO_TEST_CASE(reject_and_cancel_need_a_reason) {
  const auto row = submit({"bupati"}, "Audiensi");
  const std::string staf = login("staf");
  auto response = decide(staf, row.id, {{"aksi", "reject"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-catatan\""));
  response = decide(staf, row.id, {{"aksi", "reject"}, {"catatan", "Jadwal penuh"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "ditolak");
  const auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Jadwal penuh"));
  BOOST_TEST(contains(page.body, "wa.me"));
}

BOOST_AUTO_TEST_CASE(dispositions_by_the_leader_and_by_the_aide) {
  const auto row = submit({"bupati", "wabup"}, "Peresmian Jembatan");
  const auto dispose = [&](const std::string& cookie, std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf", csrfOf(cookie));
    return send(post("/staf/permohonan/" + std::to_string(row.id) + "/disposisi", cookie, fields));
  };
  const std::string bupati = login("bupati");
  auto response = dispose(bupati, {{"pilihan", "hadir"}, {"catatan", "Siapkan sambutan"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/" + std::to_string(row.id) + "?pesan=disposisi");
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_REQUIRE_EQUAL(dispositions.size(), 1u);
  BOOST_TEST(dispositions[0].choice == "hadir");
  BOOST_TEST(dispositions[0].byUserId.value_or(0) == store->findUser("bupati")->id);

  // "Represented" needs the name.
  response = dispose(bupati, {{"pilihan", "diwakilkan"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-wakil\""));
  response = dispose(bupati, {{"pilihan", "pergi"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-pilihan\""));

  // The aide answers for their leader, not for another.
  const std::string ajudan = login("ajudan");
  response = dispose(ajudan, {{"pimpinan", "bupati"}, {"pilihan", "diwakilkan"}, {"wakil", "Sekda"}});
  BOOST_TEST(response.status == 303);
  dispositions = store->requests().dispositionsOf(row.id);
  BOOST_REQUIRE_EQUAL(dispositions.size(), 1u);  // replaces the leader's earlier answer
  BOOST_TEST(dispositions[0].representative == "Sekda");
  BOOST_TEST(dispositions[0].byUserId.value_or(0) == store->findUser("ajudan")->id);
  response = dispose(ajudan, {{"pimpinan", "wabup"}, {"pilihan", "hadir"}});
  BOOST_TEST(response.status == 403);

  // A leader answering for another leader is refused too.
  response = dispose(bupati, {{"pimpinan", "wabup"}, {"pilihan", "tidak_hadir"}});
  BOOST_TEST(response.status == 403);

  // Staff see it on the request, and may answer on a leader's behalf.
  const std::string staf = login("staf");
  auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Sekda"));
  BOOST_TEST(contains(page.body, "Ajudan Bupati"));
  response = dispose(staf, {{"pimpinan", "wabup"}, {"pilihan", "tidak_hadir"}, {"catatan", "Dinas luar"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(store->requests().dispositionsOf(row.id).size() == 2u);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
  const std::string cookie = login("staf");
  const auto response = send(post("/staf/keluar", cookie, {{"csrf", csrfOf(cookie)}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk");
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "jadwal_sesi=;"));
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "Max-Age=0"));
  BOOST_TEST(!store->sessions().findSession(server::sessionTokenHash(cookie), server::webNow()));
  BOOST_TEST(send(get("/staf", cookie)).status == 303);
  // Logging out needs a POST.
  const std::string again = login("staf");
  BOOST_TEST(send(get("/staf/keluar", again)).status == 405);
}

BOOST_AUTO_TEST_CASE(pages_speak_english_when_asked) {
  const auto row = submit({"bupati"}, "Apel");
  const std::string cookie = login("staf");
  auto request = get("/staf/permohonan/" + std::to_string(row.id), cookie, {{"lang", "en"}});
  const auto page = send(request);
  BOOST_TEST(contains(page.body, "Wednesday, 5 March 2031, 09:00–11:00 WIB"));
  BOOST_TEST(contains(page.body, "Letters and files"));
  BOOST_TEST(contains(page.body, "Verify"));
}

BOOST_AUTO_TEST_SUITE_END()
