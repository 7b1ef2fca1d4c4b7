// Known devices at the web login: a browser that logged in as a user before
// passes the lockouts of its client address for that user (everyone behind
// one office NAT shares the address), and is limited on its own.
#define BOOST_TEST_MODULE known_device
#include <regex>

#include "web/known_device.h"
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

const std::string kOffice = "192.0.2.10";  // the office's one public address

server::LoginLimits smallLimits() {
  server::LoginLimits limits;
  limits.failuresPerAddressAndName = 2;
  limits.failuresPerAddress = 3;
  limits.failuresPerDevice = 2;
  return limits;
}

std::string urlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

struct Fixture : WebFixture {
  Fixture() : WebFixture(smallLimits(), 0) {}  // no credential cache: every password is checked

  // Posts the login form as a browser would (the form page first, for its
  // cookies and hidden fields), with `deviceCookie` when not empty.
  web::WebResponse logIn(const std::string& name, const std::string& password, const std::string& deviceCookie = "",
                         const std::string& address = kOffice) {
    const auto form = send(request("GET", "/staf/masuk", address));
    std::string cookies;
    for (const auto& [key, value] : form.headers) {
      if (key == "Set-Cookie") cookies += (cookies.empty() ? "" : "; ") + value.substr(0, value.find(';'));
    }
    if (!deviceCookie.empty())
      cookies += (cookies.empty() ? "" : "; ") + std::string(web::kKnownDeviceCookie) + "=" + deviceCookie;
    auto post = request("POST", "/staf/masuk", address);
    post.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    if (!cookies.empty()) post.headers.emplace("Cookie", cookies);
    post.body = "nama=" + urlEncode(name) + "&sandi=" + urlEncode(password);
    std::smatch hidden;
    if (std::regex_search(form.body, hidden, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
      post.body += "&csrf=" + urlEncode(hidden[1]);
    return send(post);
  }

  // Logs in from the office and returns the device cookie it was given.
  std::string deviceOf(const std::string& name) {
    const auto response = logIn(name, "sandi-" + name);
    BOOST_REQUIRE_EQUAL(response.status, 303);
    const std::string device = setCookieValue(response, web::kKnownDeviceCookie);
    BOOST_REQUIRE(!device.empty());
    return device;
  }

  // Someone behind the office's address guesses `name`'s password until locked out.
  void lockOut(const std::string& name) {
    for (int i = 0; i < 3; ++i) logIn(name, "tebakan-" + std::to_string(i));
    BOOST_REQUIRE_EQUAL(logIn(name, "sandi-" + name).status, 429);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(known_device, Fixture)

BOOST_AUTO_TEST_CASE(a_login_leaves_a_signed_http_only_device_cookie) {
  const auto response = logIn("bupati", "sandi-bupati");
  BOOST_REQUIRE_EQUAL(response.status, 303);
  std::string header;
  for (const auto& [key, value] : response.headers)
    if (key == "Set-Cookie" && value.starts_with(web::kKnownDeviceCookie)) header = value;
  BOOST_TEST(contains(header, "; HttpOnly"), header);
  BOOST_TEST(contains(header, "; Secure"), header);
  BOOST_TEST(contains(header, "; Max-Age=7776000"), header);  // 90 days
  const auto device = setCookieValue(response, web::kKnownDeviceCookie);
  BOOST_TEST(!contains(device, "sandi"));
  // A wrong password leaves none.
  BOOST_TEST(setCookieValue(logIn("bupati", "salah"), web::kKnownDeviceCookie).empty());
}

BOOST_AUTO_TEST_CASE(a_known_device_logs_in_where_its_address_is_locked_out) {
  const std::string device = deviceOf("bupati");
  lockOut("bupati");
  BOOST_TEST(logIn("bupati", "sandi-bupati", device).status == 303);
  // Another address was never locked out.
  BOOST_TEST(logIn("bupati", "sandi-bupati", "", "198.51.100.20").status == 303);
}

BOOST_AUTO_TEST_CASE(a_device_helps_only_its_own_user_and_only_when_its_signature_holds) {
  const std::string device = deviceOf("wabup");
  lockOut("bupati");
  BOOST_TEST(logIn("bupati", "sandi-bupati", device).status == 429);  // it knows wabup, not bupati

  const std::string bupatiDevice =
      web::newKnownDeviceCookie(store->sessions(), "bupati", static_cast<sql::Instant>(std::time(nullptr)));
  BOOST_TEST(logIn("bupati", "sandi-bupati", bupatiDevice).status == 303);
  std::string forged = bupatiDevice;
  forged.back() = forged.back() == '0' ? '1' : '0';
  BOOST_TEST(logIn("bupati", "sandi-bupati", forged).status == 429);
  // One made for wabup and relabelled for bupati does not hold either.
  const auto dot = device.find('.');
  const std::string relabelled = bupatiDevice.substr(0, bupatiDevice.find('.')) + device.substr(dot);
  BOOST_TEST(logIn("bupati", "sandi-bupati", relabelled).status == 429);
  // Nor one older than its lifetime.
  const std::string old = web::newKnownDeviceCookie(store->sessions(), "bupati",
                                                    static_cast<sql::Instant>(std::time(nullptr)) - 91 * 86400);
  BOOST_TEST(logIn("bupati", "sandi-bupati", old).status == 429);
}

BOOST_AUTO_TEST_CASE(a_device_has_a_limit_of_its_own) {
  const std::string device = deviceOf("bupati");
  for (int i = 0; i < 2; ++i) BOOST_TEST(logIn("bupati", "salah-" + std::to_string(i), device).status == 401);
  const auto refused = logIn("bupati", "sandi-bupati", device);
  BOOST_TEST(refused.status == 429);  // a stolen cookie buys two guesses an hour, no more
  BOOST_TEST(headerOf(refused, "Retry-After") == "3600");
  // Its failures were its own: the office's address was not charged for them.
  BOOST_TEST(logIn("bupati", "sandi-bupati").status == 303);
}

BOOST_AUTO_TEST_CASE(no_device_cookie_when_their_lifetime_is_zero) {
  server::LoginLimits limits = smallLimits();
  limits.knownDeviceLifetime = std::chrono::seconds(0);
  authenticator = std::make_unique<server::Authenticator>(*store, cache, limits);
  context =
      std::make_unique<web::WebContext>(web::WebContext{*store, *service, *authenticator, kPublicUrl, true, 1 << 20});
  const auto response = logIn("bupati", "sandi-bupati");
  BOOST_TEST(response.status == 303);
  BOOST_TEST(setCookieValue(response, web::kKnownDeviceCookie).empty());
}

BOOST_AUTO_TEST_SUITE_END()
