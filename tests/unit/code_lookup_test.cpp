// Looking requests up by tracking code is throttled per client address:
// unknown codes count, so guessing codes costs an hour after a few tries,
// while a requester opening their own request again and again never counts.
#define BOOST_TEST_MODULE code_lookup
#include "server/rate_limiter.h"
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

const std::string kGuesser = "198.51.100.66";
const std::string kRequester = "203.0.113.7";

struct Fixture : WebFixture {
  server::RateLimiter misses{3, std::chrono::hours(1)};
  Fixture() { context->codeMisses = &misses; }

  web::WebResponse get(const std::string& path, const std::string& address,
                       std::multimap<std::string, std::string> query = {}) {
    auto get = request("GET", path, address);
    get.query = std::move(query);
    return send(get);
  }
  web::WebResponse lookUp(const std::string& typed, const std::string& address) {
    return get("/permohonan/cek", address, {{"kode", typed}});
  }
};

// Codes of the right shape that no request has.
std::string unknownCode(int i) { return "JDW-2345-67" + std::string(1, "ABCDEFGH"[i % 8]) + "9"; }

bool refusedForCodes(const web::WebResponse& response) {
  return response.status == 429 && headerOf(response, "Retry-After") == "3600" &&
         contains(response.body, "Terlalu banyak kode permohonan");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(code_lookup, Fixture)

BOOST_AUTO_TEST_CASE(unknown_codes_cost_the_address_its_lookups_for_an_hour) {
  const std::string code = submit().code;
  BOOST_TEST(get("/permohonan/" + unknownCode(0), kGuesser).status == 404);
  BOOST_TEST(lookUp(unknownCode(1), kGuesser).status == 404);
  BOOST_TEST(get("/permohonan/" + unknownCode(2) + "/tanda-terima", kGuesser).status == 404);
  // Past the limit every lookup is refused, a real code's too: the answer
  // must not tell a guesser which codes exist.
  BOOST_TEST(refusedForCodes(get("/permohonan/" + unknownCode(3), kGuesser)));
  BOOST_TEST(refusedForCodes(get("/permohonan/" + code, kGuesser)));
  BOOST_TEST(refusedForCodes(lookUp(code, kGuesser)));
  BOOST_TEST(refusedForCodes(get("/permohonan/" + code + "/tanda-terima", kGuesser)));
  auto withdraw = request("POST", "/permohonan/" + code + "/tarik", kGuesser);
  BOOST_TEST(refusedForCodes(send(withdraw)));
  // Another address goes on.
  BOOST_TEST(get("/permohonan/" + code, kRequester).status == 200);
  BOOST_TEST(misses.trackedKeys() == 1u);
}

BOOST_AUTO_TEST_CASE(a_requester_opening_their_own_request_is_never_counted) {
  const std::string code = submit().code;
  for (int i = 0; i < 20; ++i) {
    BOOST_TEST(get("/permohonan/" + code, kRequester).status == 200);
    BOOST_TEST(get("/permohonan/" + code + "/tanda-terima", kRequester).status == 200);
    BOOST_TEST(lookUp(code, kRequester).status == 303);
  }
  BOOST_TEST(misses.trackedKeys() == 0u);
}

BOOST_AUTO_TEST_CASE(posts_with_an_unknown_code_count_and_malformed_codes_do_not) {
  for (const std::string action : {"tarik", "revisi"}) {
    auto post = request("POST", "/permohonan/" + unknownCode(action == "tarik" ? 4 : 5) + "/" + action, kGuesser);
    BOOST_TEST(send(post).status == 404, action);
  }
  // Text that cannot be a code tells nothing about codes: not counted.
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(get("/permohonan/bukan-kode-" + std::to_string(i), kGuesser).status == 404);
    BOOST_TEST(lookUp("xyz", kGuesser).status == 400);
  }
  BOOST_TEST(lookUp(unknownCode(6), kGuesser).status == 404);  // the third miss
  BOOST_TEST(refusedForCodes(lookUp(unknownCode(7), kGuesser)));
}

BOOST_AUTO_TEST_CASE(the_refusal_speaks_the_requesters_language) {
  for (int i = 0; i < 3; ++i) lookUp(unknownCode(i), kGuesser);
  auto english = request("GET", "/permohonan/" + unknownCode(4), kGuesser);
  english.query.emplace("lang", "en");
  const auto refused = send(english);
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(contains(refused.body, "Too many request codes"), refused.body);
}

BOOST_AUTO_TEST_SUITE_END()
