// The staff login page's guards: a pre-session CSRF token (the login form
// is posted with a signed token in a hidden field and the same in a cookie),
// and the answers when no password check can run now.
#define BOOST_TEST_MODULE staff_login
#include <regex>

#include "server/verification_gate.h"
#include "web/public_csrf.h"
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

server::LoginLimits noWaiting() {
  server::LoginLimits limits;
  limits.maxVerifications = 1;
  limits.maxWaitingVerifications = 0;
  return limits;
}

struct Fixture : WebFixture {
  Fixture() : WebFixture(noWaiting(), 0) {}

  // The login form posted as a browser would: the page first, for its cookies and hidden fields.
  web::WebResponse logIn(const std::string& name, const std::string& password) {
    const auto form = send(request("GET", "/staf/masuk"));
    std::string cookies;
    for (const auto& [key, value] : form.headers) {
      if (key == "Set-Cookie") cookies += (cookies.empty() ? "" : "; ") + value.substr(0, value.find(';'));
    }
    auto post = request("POST", "/staf/masuk");
    post.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    if (!cookies.empty()) post.headers.emplace("Cookie", cookies);
    post.body = "nama=" + name + "&sandi=" + password;
    std::smatch hidden;
    if (std::regex_search(form.body, hidden, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
      post.body += "&csrf=" + hidden[1].str();
    return send(post);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(staff_login, Fixture)

BOOST_AUTO_TEST_CASE(the_login_page_carries_a_token_in_a_field_and_a_cookie) {
  const auto page = send(request("GET", "/staf/masuk"));
  BOOST_TEST(page.status == 200);
  std::smatch hidden;
  BOOST_REQUIRE(std::regex_search(page.body, hidden, std::regex("name=\"csrf\" value=\"([^\"]+)\"")));
  BOOST_TEST(setCookieValue(page, web::kPublicCsrfCookie) == hidden[1].str());
  BOOST_TEST(logIn("bupati", "sandi-bupati").status == 303);
}

BOOST_AUTO_TEST_CASE(a_login_without_the_matching_token_is_refused_before_any_password_check) {
  // A page on another site can post the form, but can neither read nor set our cookie.
  auto forged = request("POST", "/staf/masuk");
  forged.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  forged.body = "nama=bupati&sandi=sandi-bupati";
  const std::string token = web::newPublicCsrfToken(store->sessions(), static_cast<sql::Instant>(std::time(nullptr)));
  const std::string other = web::newPublicCsrfToken(store->sessions(), static_cast<sql::Instant>(std::time(nullptr)));
  struct Case {
    std::string field, cookie;
  };
  const std::vector<Case> cases = {{"", ""}, {token, ""}, {"", token}, {token, other}, {"palsu.1.2", "palsu.1.2"}};
  // No slot to check a password with: a refusal here cannot have checked one.
  auto held = authenticator->verifications().acquire(server::VerificationGate::Standing::Trusted);
  for (const auto& [field, cookie] : cases) {
    auto attempt = forged;
    if (!field.empty()) attempt.body += "&csrf=" + field;
    if (!cookie.empty()) attempt.headers.emplace("Cookie", std::string(web::kPublicCsrfCookie) + "=" + cookie);
    const auto refused = send(attempt);
    BOOST_TEST(refused.status == 403, field << " / " << cookie);
    BOOST_TEST(contains(refused.body, "kedaluwarsa"), refused.body);
    BOOST_TEST(contains(refused.body, "value=\"bupati\""));  // the name typed is kept
    BOOST_TEST(setCookieValue(refused, "jadwal_sesi").empty());
    // The page comes with a fresh token, so the next try from it goes through.
    BOOST_TEST(!setCookieValue(refused, web::kPublicCsrfCookie).empty());
  }
  held.reset();
  BOOST_TEST(logIn("bupati", "sandi-bupati").status == 303);
}

BOOST_AUTO_TEST_CASE(no_free_password_check_gives_a_503_page_to_come_back_to) {
  auto held = authenticator->verifications().acquire(server::VerificationGate::Standing::Trusted);
  BOOST_REQUIRE(held);
  for (const std::string name : {"bupati", "tidak-ada"}) {
    const auto busy = logIn(name, "sandi-" + name);
    BOOST_TEST(busy.status == 503, name);
    BOOST_TEST(headerOf(busy, "Retry-After") == "5");
    BOOST_TEST(contains(busy.body, "Server sedang sibuk"), busy.body);
    BOOST_TEST(setCookieValue(busy, "jadwal_sesi").empty());
  }
  held.reset();
  BOOST_TEST(logIn("bupati", "sandi-bupati").status == 303);
}

BOOST_AUTO_TEST_CASE(letters_by_basic_auth_get_503_too) {
  const auto row = submit();
  const auto file = store->requests().filesOf(row.id).at(0);
  auto get = request("GET", "/lampiran/" + std::to_string(file.id) + "/" + file.name);
  get.headers.emplace("Authorization", basicAuthorization("protokol", "sandi-protokol"));
  auto held = authenticator->verifications().acquire(server::VerificationGate::Standing::Trusted);
  const auto busy = send(get);
  BOOST_TEST(busy.status == 503);
  BOOST_TEST(headerOf(busy, "Retry-After") == "5");
  held.reset();
  BOOST_TEST(send(get).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
