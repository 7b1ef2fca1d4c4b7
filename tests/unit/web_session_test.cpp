#define BOOST_TEST_MODULE web_session
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "base/clock.h"
#include "caldav/calendar_service.h"
#include "server/authenticator.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "web/web.h"
#include "web/web_session_internal.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"

using namespace jadwal;

namespace {

// The sessions live in a real SQLite store; the web context around it is the real one.
struct Fixture {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("jadwal-web-session-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<workflow::Mailer> mailer;
  workflow::SystemClock clock;
  std::unique_ptr<workflow::RequestService> service;
  server::CredentialCache cache{std::chrono::seconds(0), 10};
  std::unique_ptr<server::Authenticator> authenticator;
  std::unique_ptr<web::WebContext> context;
  sql::User staff;

  Fixture() {
    std::filesystem::remove(path);
    store = sql::openStore("sqlite:" + path.string());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<workflow::Mailer>(workflow::SmtpConfig{});
    service =
        std::make_unique<workflow::RequestService>(*store, *calendars, *mailer, clock, workflow::WorkflowConfig{});
    authenticator = std::make_unique<server::Authenticator>(*store, cache);
    context = std::make_unique<web::WebContext>(
        web::WebContext{*store, *service, *authenticator, "http://localhost:8080", false, 1 << 20});
    sql::User user;
    user.name = "staf";
    user.role = sql::Role::ProtocolStaff;
    user.displayName = "Staf Protokol";
    user.passwordHash = "$argon2id$unused";
    staff = store->createUser(user).value();
  }
  ~Fixture() {
    context.reset();
    service.reset();
    mailer.reset();
    calendars.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix);
  }

  static web::WebRequest withCookie(const std::string& value) {
    web::WebRequest request;
    request.method = "POST";
    request.path = "/staf";
    request.headers["Cookie"] = "lang=id; jadwal_sesi=" + value + "; lain=1";
    return request;
  }
  static web::FormData formWithCsrf(const std::string& csrf) {
    web::FormData form;
    form.fields.emplace("csrf", csrf);
    return form;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(web_session, Fixture)

BOOST_AUTO_TEST_CASE(the_token_hash_is_hex_sha256) {
  BOOST_TEST(web::sessionTokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(web::sessionTokenHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string a = web::randomHex(32), b = web::randomHex(32);
  BOOST_TEST(a.size() == 64u);
  BOOST_TEST(a != b);
  BOOST_TEST(a.find_first_not_of("0123456789abcdef") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_started_session_stores_only_the_hash_and_finds_its_user) {
  const sql::Instant now = base::systemClock().now();
  const auto started = web::startSession(*context, staff, now);
  BOOST_TEST(started.cookieValue.size() == 64u);
  BOOST_TEST(started.row.tokenHash == web::sessionTokenHash(started.cookieValue));
  BOOST_TEST(started.row.expiresAt == now + 12 * 3600);
  BOOST_TEST(started.row.csrfToken.size() == 64u);
  BOOST_TEST(started.row.csrfToken != started.cookieValue);
  BOOST_TEST(!store->sessions().findSession(started.cookieValue, now));
  const auto stored = store->sessions().findSession(started.row.tokenHash, now);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->userId == staff.id);

  const auto user = web::currentUser(*context, withCookie(started.cookieValue));
  BOOST_REQUIRE(user);
  BOOST_TEST(user->name == "staf");
  BOOST_TEST(user->displayName == "Staf Protokol");
  BOOST_TEST((user->role == sql::Role::ProtocolStaff));

  // Another token, a truncated one, no cookie: nobody.
  BOOST_TEST(!web::currentUser(*context, withCookie(web::randomHex(32))));
  BOOST_TEST(!web::currentUser(*context, withCookie(started.cookieValue.substr(1))));
  BOOST_TEST(!web::currentUser(*context, web::WebRequest{}));
  // The stored hash itself is not a key either.
  BOOST_TEST(!web::currentUser(*context, withCookie(started.row.tokenHash)));
}

BOOST_AUTO_TEST_CASE(expired_sessions_and_disabled_users_are_logged_out) {
  const sql::Instant now = base::systemClock().now();
  const auto old = web::startSession(*context, staff, now - 12 * 3600 - 5);
  BOOST_TEST(!web::currentUser(*context, withCookie(old.cookieValue)));
  BOOST_TEST(web::csrfTokenOf(*context, withCookie(old.cookieValue)).empty());
  BOOST_TEST(!web::csrfValid(*context, withCookie(old.cookieValue), formWithCsrf(old.row.csrfToken)));

  const auto fresh = web::startSession(*context, staff, now - 12 * 3600 + 60);
  BOOST_TEST(web::currentUser(*context, withCookie(fresh.cookieValue)).has_value());
  store->setDisabled("staf", true);
  BOOST_TEST(!web::currentUser(*context, withCookie(fresh.cookieValue)));
  store->setDisabled("staf", false);
  BOOST_TEST(web::currentUser(*context, withCookie(fresh.cookieValue)).has_value());
}

BOOST_AUTO_TEST_CASE(the_csrf_token_must_be_the_sessions_own) {
  const sql::Instant now = base::systemClock().now();
  const auto mine = web::startSession(*context, staff, now);
  const auto other = web::startSession(*context, staff, now);
  const auto request = withCookie(mine.cookieValue);
  BOOST_TEST(web::csrfTokenOf(*context, request) == mine.row.csrfToken);
  BOOST_TEST(web::csrfValid(*context, request, formWithCsrf(mine.row.csrfToken)));
  BOOST_TEST(!web::csrfValid(*context, request, formWithCsrf(other.row.csrfToken)));
  BOOST_TEST(!web::csrfValid(*context, request, formWithCsrf("")));
  BOOST_TEST(!web::csrfValid(*context, request, web::FormData{}));
  BOOST_TEST(!web::csrfValid(*context, request, formWithCsrf(mine.row.csrfToken.substr(0, 63))));
  BOOST_TEST(!web::csrfValid(*context, request, formWithCsrf(mine.row.csrfToken + "0")));
  // Without a session no token is right, not even an empty one.
  BOOST_TEST(web::csrfTokenOf(*context, web::WebRequest{}).empty());
  BOOST_TEST(!web::csrfValid(*context, web::WebRequest{}, formWithCsrf("")));
}

BOOST_AUTO_TEST_CASE(ending_a_session_deletes_it) {
  const auto started = web::startSession(*context, staff, base::systemClock().now());
  const auto request = withCookie(started.cookieValue);
  BOOST_TEST(web::currentUser(*context, request).has_value());
  web::endSession(*context, request);
  BOOST_TEST(!web::currentUser(*context, request));
  BOOST_TEST(!store->sessions().findSession(started.row.tokenHash, base::systemClock().now()));
  web::endSession(*context, web::WebRequest{});  // no cookie: nothing to do, no error
}

BOOST_AUTO_TEST_SUITE_END()
