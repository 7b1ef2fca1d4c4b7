// The requester's pages driven through the web handler, on a real SQLite
// store with the real RequestService and calendar service: the form, a
// submission and its receipt, a re-shown form that keeps what was typed and
// uploaded, CSRF and the hourly limit, the status page with revision and
// withdrawal, code lookup, languages; and the letters at /lampiran.
#define BOOST_TEST_MODULE public_pages
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
#include "server/public_csrf.h"
#include "server/rate_limiter.h"
#include "server/web.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

using namespace jadwal;
using namespace jadwal::server;

namespace {

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
    protokol = addUser("protokol", sql::Role::Protokol, "Petugas Protokol");
    bupati = addUser("bupati", sql::Role::Pimpinan, "Bupati Ogan Ilir");
    wabup = addUser("wabup", sql::Role::Pimpinan, "Wakil Bupati");
    addUser("lama", sql::Role::Pimpinan, "Pimpinan Nonaktif");
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
    return store->createUser(user);
  }

  sql::Calendar addCalendar(const sql::User& owner, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = owner.id;
    calendar.slug = slug;
    calendar.displayName = slug;
    return store->createCalendar(calendar);
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

}  // namespace

BOOST_FIXTURE_TEST_SUITE(public_pages, Fixture)

BOOST_AUTO_TEST_CASE(form_shows_every_field_in_indonesian_with_a_csrf_token) {
  auto response = get("/permohonan");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.contentType == "text/html; charset=utf-8");
  const std::string& body = response.body;
  BOOST_TEST(contains(body, "<html lang=\"id\">"));
  BOOST_TEST(contains(body, "Permohonan Kehadiran Pimpinan"));
  for (const std::string field :
       {"nama",          "jabatan",        "instansi",    "whatsapp",         "email",   "nomor_surat",
        "tanggal_surat", "perihal",        "jenis_surat", "nama_kegiatan",    "tanggal", "jam_mulai",
        "jam_selesai",   "sampai_selesai", "tempat",      "alamat",           "pakaian", "peran",
        "undangan_lain", "narahubung",     "pimpinan",    "boleh_diwakilkan", "surat",   "pendukung"}) {
    BOOST_TEST(contains(body, "name=\"" + field + "\""), field);
  }
  BOOST_TEST(contains(body, "enctype=\"multipart/form-data\""));
  BOOST_TEST(contains(body, "accept=\"application/pdf,.pdf\""));
  // The leaders: enabled pimpinan accounts by display name.
  BOOST_TEST(contains(body, "value=\"bupati\""));
  BOOST_TEST(contains(body, "Bupati Ogan Ilir"));
  BOOST_TEST(contains(body, "Wakil Bupati"));
  BOOST_TEST(!contains(body, "Pimpinan Nonaktif"));
  BOOST_TEST(!contains(body, "Petugas Protokol"));
  BOOST_TEST(!contains(body, "class=\"galat\""));  // nothing wrong yet
  // The token is in the page and in a cookie, the same.
  const std::string token = hiddenCsrf(body);
  BOOST_TEST(!token.empty());
  BOOST_TEST(setCookieValue(response, kPublicCsrfCookie) == token);
  const std::string cookie = headerOf(response, "Set-Cookie");
  BOOST_TEST(contains(cookie, "HttpOnly"));
  BOOST_TEST(contains(cookie, "SameSite=Lax"));
  BOOST_TEST(contains(cookie, "Secure"));  // public_url is https
  // Security headers.
  BOOST_TEST(headerOf(response, "Content-Security-Policy").starts_with("default-src 'self'"));
  BOOST_TEST(headerOf(response, "X-Content-Type-Options") == "nosniff");
  BOOST_TEST(headerOf(response, "Referrer-Policy") == "same-origin");
  BOOST_TEST(headerOf(response, "X-Frame-Options") == "DENY");
}

BOOST_AUTO_TEST_CASE(a_fresh_cookie_token_is_reused_not_replaced) {
  auto response = get("/permohonan", formCookie());
  BOOST_TEST(hiddenCsrf(response.body) == csrfToken);
  BOOST_TEST(setCookieValue(response, kPublicCsrfCookie).empty());
}

BOOST_AUTO_TEST_CASE(english_on_request_and_the_choice_sticks) {
  auto english = get("/permohonan", "", {{"lang", "en"}});
  BOOST_TEST(contains(english.body, "<html lang=\"en\">"));
  BOOST_TEST(contains(english.body, "Request for a Leader"));
  BOOST_TEST(contains(english.body, "Full name"));
  BOOST_TEST(setCookieValue(english, "lang") == "en");
  auto byCookie = get("/permohonan", "lang=en");
  BOOST_TEST(contains(byCookie.body, "Full name"));
  WebRequest request;
  request.method = "GET";
  request.path = "/permohonan";
  request.headers.emplace("Accept-Language", "en-GB,en;q=0.9");
  BOOST_TEST(contains(handleWeb(*context, request).body, "Full name"));
  auto back = get("/permohonan", "lang=en", {{"lang", "id"}});
  BOOST_TEST(contains(back.body, "Nama lengkap"));
  BOOST_TEST(setCookieValue(back, "lang") == "id");
}

BOOST_AUTO_TEST_CASE(a_valid_submission_is_stored_held_and_receipted) {
  const std::string code = submitValid();
  auto stored = store->requests().findRequestByCode(code);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->state == "diajukan");
  BOOST_TEST(stored->requesterName == "Siti Aminah");
  BOOST_TEST(stored->institution == "SMA Negeri 1 Indralaya");
  BOOST_TEST(stored->eventName == "Peresmian Perpustakaan Digital");
  BOOST_TEST(stored->leadersAsked == std::vector<std::string>{"bupati"});
  BOOST_TEST(stored->representativeAccepted);
  BOOST_TEST(stored->leaderRole == "sambutan");
  BOOST_TEST(stored->language == "id");
  BOOST_TEST((stored->end && *stored->end - stored->start == 7200));
  auto files = store->requests().filesOf(stored->id);
  BOOST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].kind == "surat");
  BOOST_TEST(files[0].contentType == "application/pdf");
  BOOST_TEST(*store->requests().blobBytes(files[0].sha256) == pdfBytes());
  // The slot is held on the staff calendar.
  auto objects = store->allObjects(hold.id);
  BOOST_REQUIRE(objects.size() == 1u);
  BOOST_TEST(contains(objects[0].ical, "STATUS:TENTATIVE"));

  auto receipt = get("/permohonan/" + code + "/tanda-terima");
  BOOST_TEST(receipt.status == 200);
  BOOST_TEST(contains(receipt.body, "class=\"kode-lacak\">" + code + "<"));
  BOOST_TEST(contains(receipt.body, "href=\"/permohonan/" + code + "\""));
  BOOST_TEST(contains(receipt.body, "https://jadwal.example.go.id/permohonan/" + code));
  BOOST_TEST(contains(receipt.body, "si***@example.org"));  // the mail went there, shown masked
  BOOST_TEST(!contains(receipt.body, "siti.aminah@example.org"));
}

BOOST_AUTO_TEST_CASE(receipt_without_email_says_nothing_of_mail) {
  auto response =
      postMultipart("/permohonan", without(validFields(), "email"), {{"surat", "u.pdf", pdfBytes()}}, formCookie());
  BOOST_REQUIRE_EQUAL(response.status, 303);
  auto receipt = get(headerOf(response, "Location"));
  BOOST_TEST(receipt.status == 200);
  BOOST_TEST(!contains(receipt.body, "class=\"info\""));
}

BOOST_AUTO_TEST_CASE(errors_are_shown_beside_their_fields_and_nothing_is_lost) {
  Fields fields = with(without(validFields(), "nama"), "email", "bukan-email");
  fields = with(fields, "alamat", "Jl. <b>Merdeka</b> & \"Raya\"");
  fields.emplace_back("pimpinan", "wabup");
  auto response = postMultipart("/permohonan", fields,
                                {{"surat", "Surat Undangan.pdf", pdfBytes()}, {"pendukung", "denah.png", pngBytes()}},
                                formCookie());
  BOOST_TEST(response.status == 400);
  const std::string& body = response.body;
  BOOST_TEST(contains(body, "class=\"galat\" id=\"galat-nama\">Wajib diisi.<"));
  BOOST_TEST(contains(body, "class=\"galat\" id=\"galat-email\">Alamat email tidak valid.<"));
  BOOST_TEST(contains(body, "aria-describedby=\"galat-nama\""));
  BOOST_TEST(contains(body, "aria-invalid=\"true\""));
  BOOST_TEST(contains(body, "id=\"ringkasan-galat\""));
  BOOST_TEST(contains(body, "href=\"#nama\""));
  BOOST_TEST(!contains(body, "id=\"galat-instansi\""));
  // Everything typed is back, escaped.
  BOOST_TEST(contains(body, "value=\"SMA Negeri 1 Indralaya\""));
  BOOST_TEST(contains(body, "value=\"bukan-email\""));
  BOOST_TEST(contains(body, "Jl. &lt;b&gt;Merdeka&lt;/b&gt; &amp; &quot;Raya&quot;</textarea>"));
  BOOST_TEST(!contains(body, "<b>Merdeka</b>"));
  BOOST_TEST(contains(body, "value=\"sambutan\" checked"));
  BOOST_TEST(contains(body, "value=\"undangan\" checked"));
  BOOST_TEST(contains(body, "value=\"bupati\" checked"));
  BOOST_TEST(contains(body, "value=\"wabup\" checked"));
  BOOST_TEST(contains(body, "name=\"boleh_diwakilkan\" value=\"1\" checked"));
  // The files that passed are kept, shown by name, carried in hidden fields.
  BOOST_TEST(contains(body, "class=\"berkas-tersimpan\">Surat Undangan.pdf<"));
  BOOST_TEST(contains(body, "class=\"berkas-tersimpan\">denah.png<"));
  BOOST_TEST(contains(body, "name=\"simpan_jenis\" value=\"surat\""));
  BOOST_TEST(hiddenCsrf(body) == csrfToken);
  BOOST_TEST(store->requests().countRequests({}) == 0);

  // Sending the re-shown form back (hidden fields included) without choosing
  // the files again succeeds with both files.
  std::regex hidden("<input type=\"hidden\" name=\"(simpan_[a-z0-9]+)\" value=\"([^\"]*)\">");
  Fields again = with(validFields(), "pimpinan", "bupati");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), hidden); it != std::sregex_iterator(); ++it) {
    again.emplace_back((*it)[1].str(), (*it)[2].str());
  }
  auto second = postMultipart("/permohonan", again, {}, formCookie());
  BOOST_REQUIRE_EQUAL(second.status, 303);
  auto code = headerOf(second, "Location").substr(12, 13);
  auto stored = store->requests().findRequestByCode(code);
  BOOST_REQUIRE(stored);
  auto files = store->requests().filesOf(stored->id);
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[0].name == "Surat Undangan.pdf");
  BOOST_TEST(files[1].kind == "pendukung");
}

BOOST_AUTO_TEST_CASE(forged_kept_files_are_ignored) {
  // A blob someone else uploaded: its hash alone must not attach it.
  const std::string sha = store->requests().putBlob(pdfBytes("milik orang lain"), now());
  Fields fields = validFields();
  fields.insert(fields.end(), {{"simpan_jenis", "surat"},
                               {"simpan_nama", "curian.pdf"},
                               {"simpan_tipe", "application/pdf"},
                               {"simpan_sha256", sha},
                               {"simpan_tanda", std::string(64, '0')}});
  auto response = postMultipart("/permohonan", fields, {}, formCookie());
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-surat\">Unggah surat permohonan (PDF).<"));
  BOOST_TEST(!contains(response.body, "curian.pdf"));
}

BOOST_AUTO_TEST_CASE(a_letter_is_judged_by_its_bytes_and_size) {
  auto renamed = postMultipart("/permohonan", validFields(), {{"surat", "surat.pdf", pngBytes()}}, formCookie());
  BOOST_TEST(renamed.status == 400);
  BOOST_TEST(contains(renamed.body, "id=\"galat-surat\">Berkas harus PDF.<"));
  auto big = postMultipart("/permohonan", validFields(), {{"surat", "besar.pdf", pdfBytes(std::string(5000, 'x'))}},
                           formCookie());
  BOOST_TEST(big.status == 400);
  BOOST_TEST(contains(big.body, "id=\"galat-surat\">Berkas terlalu besar.<"));
  BOOST_TEST(contains(big.body, "value=\"Siti Aminah\""));  // the rest is kept
}

BOOST_AUTO_TEST_CASE(field_errors_are_in_the_page_language) {
  auto response = postMultipart("/permohonan", without(validFields(), "tempat"), {{"surat", "u.pdf", pdfBytes()}},
                                formCookie() + "; lang=en");
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-tempat\">Required.<"));
  BOOST_TEST(store->requests().countRequests({}) == 0);
  // The requester's language is kept with the request for the mails.
  auto ok = postMultipart("/permohonan", validFields(), {{"surat", "u.pdf", pdfBytes()}}, formCookie() + "; lang=en");
  BOOST_REQUIRE_EQUAL(ok.status, 303);
  BOOST_TEST(store->requests().findRequestByCode(headerOf(ok, "Location").substr(12, 13))->language == "en");
}

BOOST_AUTO_TEST_CASE(submissions_without_a_valid_csrf_pair_are_refused) {
  const auto files = std::vector<Upload>{{"surat", "u.pdf", pdfBytes()}};
  // No field.
  BOOST_TEST(postMultipart("/permohonan", without(validFields(), "csrf"), files, formCookie()).status == 403);
  // No cookie (another site made the browser post).
  BOOST_TEST(postMultipart("/permohonan", validFields(), files, "").status == 403);
  // Field and cookie from two different valid tokens.
  const std::string other = newPublicCsrfToken(store->sessions(), now());
  BOOST_TEST(postMultipart("/permohonan", validFields(), files, std::string(kPublicCsrfCookie) + "=" + other).status ==
             403);
  // A token with a forged signature, in both places.
  std::string forged = csrfToken;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  BOOST_TEST(postMultipart("/permohonan", with(validFields(), "csrf", forged), files,
                           std::string(kPublicCsrfCookie) + "=" + forged)
                 .status == 403);
  // An expired token.
  const std::string old = newPublicCsrfToken(store->sessions(), now() - kPublicCsrfLifetime - 10);
  auto expired =
      postMultipart("/permohonan", with(validFields(), "csrf", old), files, std::string(kPublicCsrfCookie) + "=" + old);
  BOOST_TEST(expired.status == 403);
  BOOST_TEST(contains(expired.body, "kedaluwarsa"));
  BOOST_TEST(store->requests().countRequests({}) == 0);
}

BOOST_AUTO_TEST_CASE(too_many_submissions_from_one_address_get_429) {
  // Forms sent back with errors do not count.
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(postMultipart("/permohonan", without(validFields(), "nama"), {}, formCookie()).status == 400);
  }
  submitValid();
  submitValid();
  submitValid();
  auto refused = postMultipart("/permohonan", validFields(), {{"surat", "u.pdf", pdfBytes()}}, formCookie());
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(headerOf(refused, "Retry-After") == "3600");
  BOOST_TEST(contains(refused.body, "Terlalu banyak permohonan"));
  BOOST_TEST(store->requests().countRequests({}) == 3);
  // Another address is not affected.
  submitValid("198.51.100.2");
}

BOOST_AUTO_TEST_CASE(status_page_shows_state_history_and_withdrawal) {
  const std::string code = submitValid();
  auto response = get("/permohonan/" + code);
  BOOST_TEST(response.status == 200);
  const std::string& body = response.body;
  BOOST_TEST(contains(body, ">Diajukan</span>"));
  BOOST_TEST(contains(body, "Peresmian Perpustakaan Digital"));
  BOOST_TEST(contains(body, "Permohonan diajukan"));
  BOOST_TEST(contains(body, "08.00–10.00 WIB"));
  BOOST_TEST(contains(body, "action=\"/permohonan/" + code + "/tarik\""));
  BOOST_TEST(!contains(body, "/revisi\""));
  BOOST_TEST(!contains(body, "0812 3456 7890"));  // contact data stays with staff
  BOOST_TEST(!contains(body, "siti.aminah"));

  // A code typed loosely in the address goes to its one spelling.
  std::string loose = code;
  std::transform(loose.begin(), loose.end(), loose.begin(), ::tolower);
  auto redirect = get("/permohonan/" + loose);
  BOOST_TEST(redirect.status == 301);
  BOOST_TEST(headerOf(redirect, "Location") == "/permohonan/" + code);
}

BOOST_AUTO_TEST_CASE(unknown_and_malformed_codes_are_404) {
  auto unknown = get("/permohonan/JDW-2345-6789");
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(contains(unknown.body, "Tidak ada permohonan dengan kode itu"));
  BOOST_TEST(get("/permohonan/bukan-kode").status == 404);
  BOOST_TEST(get("/permohonan/JDW-2345-6789/tanda-terima").status == 404);
  BOOST_TEST(get("/permohonan/JDW-2345-6789/lain").status == 404);
}

BOOST_AUTO_TEST_CASE(the_requester_can_withdraw_while_pending) {
  const std::string code = submitValid();
  auto response = postMultipart("/permohonan/" + code + "/tarik", {{"csrf", csrfToken}, {"catatan", "Acara diundur"}},
                                {}, formCookie());
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/permohonan/" + code + "?pesan=ditarik");
  BOOST_TEST(store->requests().findRequestByCode(code)->state == "ditarik");
  BOOST_TEST(store->allObjects(hold.id).empty());  // the slot is freed

  auto page = get("/permohonan/" + code, "", {{"pesan", "ditarik"}});
  BOOST_TEST(contains(page.body, ">Ditarik</span>"));
  BOOST_TEST(contains(page.body, "Permohonan sudah ditarik."));
  BOOST_TEST(contains(page.body, "Acara diundur"));
  BOOST_TEST(!contains(page.body, "/tarik\""));

  auto again = postMultipart("/permohonan/" + code + "/tarik", {{"csrf", csrfToken}}, {}, formCookie());
  BOOST_TEST(again.status == 409);
  BOOST_TEST(contains(again.body, "tidak dapat diubah lagi"));
  // Without the CSRF pair nothing happens.
  const std::string other = submitValid();
  BOOST_TEST(postMultipart("/permohonan/" + other + "/tarik", {{"catatan", "x"}}, {}, formCookie()).status == 403);
  BOOST_TEST(store->requests().findRequestByCode(other)->state == "diajukan");
  BOOST_TEST(get("/permohonan/" + other + "/tarik").status == 405);
}

BOOST_AUTO_TEST_CASE(a_returned_request_takes_a_revised_letter) {
  const std::string code = submitValid();
  auto row = *store->requests().findRequestByCode(code);
  workflow::Decision decision;
  decision.action = workflow::Action::Return;
  decision.note = "Surat belum ditandatangani kepala sekolah";
  auto actor = workflow::Actor{caldav::Principal{protokol.id, protokol.name, protokol.role, protokol.displayName}};
  BOOST_REQUIRE(service->decide(row.id, row.version, decision, actor).ok());

  auto page = get("/permohonan/" + code);
  BOOST_TEST(contains(page.body, ">Dikembalikan untuk revisi</span>"));
  BOOST_TEST(contains(page.body, "Surat belum ditandatangani kepala sekolah"));
  BOOST_TEST(contains(page.body, "action=\"/permohonan/" + code + "/revisi\""));
  BOOST_TEST(contains(page.body, "action=\"/permohonan/" + code + "/tarik\""));
  BOOST_TEST(!contains(page.body, "Petugas Protokol"));  // staff names stay inside

  const std::string path = "/permohonan/" + code + "/revisi";
  auto missing = postMultipart(path, {{"csrf", csrfToken}, {"catatan", "sudah"}}, {}, formCookie());
  BOOST_TEST(missing.status == 400);
  BOOST_TEST(contains(missing.body, "id=\"galat-surat\""));
  BOOST_TEST(contains(missing.body, ">sudah</textarea>"));
  auto wrongType = postMultipart(path, {{"csrf", csrfToken}}, {{"surat", "revisi.pdf", pngBytes()}}, formCookie());
  BOOST_TEST(wrongType.status == 400);
  BOOST_TEST(contains(wrongType.body, "id=\"galat-surat\">Berkas harus PDF.<"));

  auto ok = postMultipart(path, {{"csrf", csrfToken}, {"catatan", "Sudah ditandatangani"}},
                          {{"surat", "revisi.pdf", pdfBytes("revisi")}}, formCookie());
  BOOST_TEST(ok.status == 303);
  BOOST_TEST(headerOf(ok, "Location") == "/permohonan/" + code + "?pesan=revisi_terkirim");
  auto updated = *store->requests().findRequestByCode(code);
  BOOST_TEST(updated.state == "diajukan");
  auto files = store->requests().filesOf(updated.id);
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].kind == "revisi");
  auto after = get("/permohonan/" + code, "", {{"pesan", "revisi_terkirim"}});
  BOOST_TEST(contains(after.body, "Surat revisi terkirim"));
  BOOST_TEST(contains(after.body, "Surat revisi dikirim"));
  BOOST_TEST(!contains(after.body, "/revisi\""));
  // A revision when nothing was returned is refused.
  auto late = postMultipart(path, {{"csrf", csrfToken}}, {{"surat", "r.pdf", pdfBytes("lagi")}}, formCookie());
  BOOST_TEST(late.status == 409);
}

BOOST_AUTO_TEST_CASE(typed_codes_are_looked_up) {
  const std::string code = submitValid();
  std::string typed = code.substr(4);  // without "JDW-", lower case, spaces
  std::transform(typed.begin(), typed.end(), typed.begin(), ::tolower);
  typed[4] = ' ';
  auto found = get("/permohonan/cek", "", {{"kode", " " + typed + " "}});
  BOOST_TEST(found.status == 303);
  BOOST_TEST(headerOf(found, "Location") == "/permohonan/" + code);
  auto unknown = get("/permohonan/cek", "", {{"kode", "JDW-2345-6789"}});
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(contains(unknown.body, "id=\"galat-kode\""));
  auto garbage = get("/permohonan/cek", "", {{"kode", "<script>"}});
  BOOST_TEST(garbage.status == 400);
  BOOST_TEST(contains(garbage.body, "id=\"galat-kode\""));
  BOOST_TEST(contains(garbage.body, "value=\"&lt;script&gt;\""));
  BOOST_TEST(get("/permohonan/cek").status == 200);
}

BOOST_AUTO_TEST_CASE(root_static_and_unknown_paths) {
  auto root = get("/");
  BOOST_TEST(root.status == 302);
  BOOST_TEST(headerOf(root, "Location") == "/permohonan");
  auto css = get("/static/jadwal.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.contentType == "text/css; charset=utf-8");
  BOOST_TEST(contains(css.body, ".galat"));
  BOOST_TEST(get("/static/none.css").status == 404);
  BOOST_TEST(get("/static/../web.h").status == 404);
  auto unknown = get("/permohonan/JDW-2345-6789/tanda-terima/x");
  BOOST_TEST(unknown.status == 404);
  WebRequest put;
  put.method = "PUT";
  put.path = "/permohonan";
  BOOST_TEST(handleWeb(*context, put).status == 405);
}

BOOST_AUTO_TEST_CASE(letters_open_for_those_allowed) {
  const std::string code = submitValid();
  auto row = *store->requests().findRequestByCode(code);
  auto file = store->requests().filesOf(row.id).at(0);
  const std::string path = "/lampiran/" + std::to_string(file.id) + "/" + file.name;
  auto fetch = [&](const std::string& target, const std::string& authorization) {
    WebRequest request;
    request.method = "GET";
    request.path = target;
    if (!authorization.empty()) request.headers.emplace("Authorization", authorization);
    return handleWeb(*context, request);
  };
  auto anonymous = fetch(path, "");
  BOOST_TEST(anonymous.status == 401);
  BOOST_TEST(headerOf(anonymous, "WWW-Authenticate").starts_with("Basic realm=\"Jadwal\""));
  BOOST_TEST(fetch(path, basic("bupati", "salah")).status == 401);

  auto leader = fetch(path, basic("bupati", "sandi-bupati"));  // asked
  BOOST_TEST(leader.status == 200);
  BOOST_TEST(leader.contentType == "application/pdf");
  BOOST_TEST(leader.body == pdfBytes());
  BOOST_TEST(headerOf(leader, "Content-Disposition").starts_with("inline; filename=\"" + file.name + "\""));
  BOOST_TEST(headerOf(leader, "X-Content-Type-Options") == "nosniff");
  BOOST_TEST(fetch(path, basic("protokol", "sandi-protokol")).status == 200);  // staff
  BOOST_TEST(fetch(path, basic("wabup", "sandi-wabup")).status == 403);        // not asked

  BOOST_TEST(fetch("/lampiran/" + std::to_string(file.id) + "/lain.pdf", basic("bupati", "sandi-bupati")).status ==
             404);
  BOOST_TEST(fetch("/lampiran/999999/" + file.name, basic("bupati", "sandi-bupati")).status == 404);
  BOOST_TEST(fetch("/lampiran/abc/" + file.name, basic("bupati", "sandi-bupati")).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
