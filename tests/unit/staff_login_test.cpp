// The staff login page's guards: the answers when no password check can run
// now.
#define BOOST_TEST_MODULE staff_login
#include <regex>

#include "server/verification_gate.h"
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
  server::WebResponse logIn(const std::string& name, const std::string& password) {
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
