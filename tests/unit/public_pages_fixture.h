#pragma once
// The requester's pages on a real SQLite store with the real RequestService and calendar service.

#include <boost/test/unit_test.hpp>

#include <Poco/Base64Encoder.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <ctime>
#include <regex>
#include <sstream>

#include "caldav/calendar_service.h"
#include "server/authenticator.h"
#include "server/client_key.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "server/rate_limiter.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "web/public_csrf.h"
#include "web/web.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

using namespace jadwal;
using namespace jadwal::server;
using namespace jadwal::web;

// Not anonymous: each test file uses only some of these helpers.
inline namespace test_support {

const std::string kBoundary = "----jadwaltestboundary";

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

struct Upload {
  std::string field, fileName, bytes;
};

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string multipart(const Fields& fields, const std::vector<Upload>& files) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  for (const auto& file : files) {
    body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + file.field + "\"; filename=\"" +
            file.fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.bytes + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

std::string basic(const std::string& user, const std::string& password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << user << ":" << password;
  encoder.close();
  return "Basic " + out.str();
}

std::string headerOf(const WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

// The value of cookie `name` set by the response ("" when not set).
std::string setCookieValue(const WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key != "Set-Cookie" || !value.starts_with(name + "=")) continue;
    return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return {};
}

std::string hiddenCsrf(const std::string& body) {
  std::smatch match;
  std::regex pattern("name=\"csrf\" value=\"([^\"]+)\"");
  return std::regex_search(body, match, pattern) ? match[1].str() : "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

sql::Instant now() { return static_cast<sql::Instant>(std::time(nullptr)); }

struct Fixture {
  Poco::TemporaryFile file;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<workflow::Mailer> mailer;
  workflow::SystemClock clock;
  std::unique_ptr<workflow::RequestService> service;
  std::unique_ptr<CredentialCache> cache;
  std::unique_ptr<Authenticator> authenticator;
  RateLimiter limiter{3, std::chrono::hours(1)};
  std::unique_ptr<WebContext> context;
  sql::User protokol, bupati, wabup;
  sql::Calendar hold;
  std::string csrfToken;     // the public form token, valid now
  std::string activityDate;  // a date a month ahead, YYYY-MM-DD in Jakarta

  Fixture() {
    initSodium();
    store = sql::openStore("sqlite:" + file.path());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<workflow::Mailer>(workflow::SmtpConfig{});
    protokol = addUser("protokol", sql::Role::ProtocolStaff, "Petugas Protokol");
    bupati = addUser("bupati", sql::Role::Leader, "Bupati Ogan Ilir");
    wabup = addUser("wabup", sql::Role::Leader, "Wakil Bupati");
    addUser("lama", sql::Role::Leader, "Pimpinan Nonaktif");
    store->setDisabled("lama", true);
    addCalendar(bupati, "agenda");
    hold = addCalendar(protokol, "permohonan");
    workflow::WorkflowConfig config;
    config.publicUrl = "https://jadwal.example.go.id";
    config.holdCalendar = "protokol/permohonan";
    config.maxFileBytes = 4096;
    service = std::make_unique<workflow::RequestService>(*store, *calendars, *mailer, clock, config);
    calendars->addObserver(service->calendarObserver());
    cache = std::make_unique<CredentialCache>(std::chrono::seconds(60), 100);
    authenticator = std::make_unique<Authenticator>(*store, *cache);
    context = std::make_unique<WebContext>(
        WebContext{*store, *service, *authenticator, "https://jadwal.example.go.id", true, 4096, &limiter});
    csrfToken = newPublicCsrfToken(store->sessions(), now());
    activityDate = workflow::isoDate(now() + 30 * 86400, "Asia/Jakarta");
  }

  sql::User addUser(const std::string& name, sql::Role role, const std::string& displayName) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = displayName;
    user.passwordHash = *hashPassword("sandi-" + name);
    return store->createUser(user).value();
  }

  sql::Calendar addCalendar(const sql::User& owner, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = owner.id;
    calendar.slug = slug;
    calendar.displayName = slug;
    return store->createCalendar(calendar).value();
  }

  WebResponse get(const std::string& path, const std::string& cookie = "",
                  const std::multimap<std::string, std::string>& query = {}) {
    WebRequest request;
    request.method = "GET";
    request.path = path;
    request.query = query;
    request.remoteAddress = "203.0.113.7";
    request.clientKey = clientKey(request.remoteAddress);
    if (!cookie.empty()) request.headers.emplace("Cookie", cookie);
    return handleWeb(*context, request);
  }

  WebResponse postMultipart(const std::string& path, const Fields& fields, const std::vector<Upload>& files,
                            const std::string& cookie, const std::string& address = "203.0.113.7") {
    WebRequest request;
    request.method = "POST";
    request.path = path;
    request.remoteAddress = address;
    request.clientKey = clientKey(address);
    request.headers.emplace("Content-Type", "multipart/form-data; boundary=" + kBoundary);
    if (!cookie.empty()) request.headers.emplace("Cookie", cookie);
    request.body = multipart(fields, files);
    return handleWeb(*context, request);
  }

  std::string formCookie() const { return std::string(kPublicCsrfCookie) + "=" + csrfToken; }

  Fields validFields() const {
    return {{"csrf", csrfToken},
            {"nama", "Siti Aminah"},
            {"jabatan", "Kepala Sekolah"},
            {"instansi", "SMA Negeri 1 Indralaya"},
            {"whatsapp", "0812 3456 7890"},
            {"email", "siti.aminah@example.org"},
            {"nomor_surat", "421/045/SMAN1/2025"},
            {"tanggal_surat", workflow::isoDate(now(), "Asia/Jakarta")},
            {"perihal", "Undangan peresmian perpustakaan"},
            {"jenis_surat", "undangan"},
            {"nama_kegiatan", "Peresmian Perpustakaan Digital"},
            {"tanggal", activityDate},
            {"jam_mulai", "08:00"},
            {"jam_selesai", "10:00"},
            {"tempat", "Aula SMA Negeri 1 Indralaya"},
            {"alamat", "Jl. Lintas Timur KM 32"},
            {"pakaian", "PDH"},
            {"peran", "sambutan"},
            {"narahubung", "Budi, 0813 1111 2222"},
            {"pimpinan", "bupati"},
            {"boleh_diwakilkan", "1"}};
  }

  static Fields without(Fields fields, const std::string& name) {
    std::erase_if(fields, [&](const auto& field) { return field.first == name; });
    return fields;
  }
  static Fields with(Fields fields, const std::string& name, const std::string& value) {
    fields = without(std::move(fields), name);
    fields.emplace_back(name, value);
    return fields;
  }

  // Submits a valid request; returns its tracking code.
  std::string submitValid(const std::string& address = "203.0.113.7") {
    auto response =
        postMultipart("/permohonan", validFields(), {{"surat", "undangan.pdf", pdfBytes()}}, formCookie(), address);
    BOOST_REQUIRE_EQUAL(response.status, 303);
    const std::string location = headerOf(response, "Location");
    std::smatch match;
    std::regex pattern("^/permohonan/(JDW-[A-Z0-9]{4}-[A-Z0-9]{4})/tanda-terima$");
    BOOST_REQUIRE_MESSAGE(std::regex_match(location, match, pattern), location);
    return match[1].str();
  }
};

}  // namespace test_support
