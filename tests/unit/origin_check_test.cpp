// State-changing web requests must come from a page of this site: when the
// browser says where a form was posted from (Origin, else Referer), that
// must be public_url's origin. Browsers send Origin with every POST today.
#define BOOST_TEST_MODULE origin_check
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

bool refusedAsForeign(const web::WebResponse& response) {
  return response.status == 403 && contains(response.body, "tidak dikirim dari situs kami");
}

struct Fixture : WebFixture {
  web::WebResponse post(const std::string& path, std::map<std::string, std::string> headers) {
    auto post = request("POST", path);
    post.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    post.body = "nama=bupati&sandi=salah";
    for (auto& [name, value] : headers) post.headers.emplace(name, value);
    return send(post);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(origin_check, Fixture)

BOOST_AUTO_TEST_CASE(a_post_from_another_site_is_refused_on_every_form) {
  for (const std::string path : {"/staf/masuk", "/staf/keluar", "/permohonan", "/permohonan/JDW-2345-6789/tarik",
                                 "/staf/permohonan/1/keputusan"}) {
    BOOST_TEST(refusedAsForeign(post(path, {{"Origin", "https://evil.example"}})), path);
    BOOST_TEST(refusedAsForeign(post(path, {{"Referer", "https://evil.example/halaman"}})), path);
  }
}

BOOST_AUTO_TEST_CASE(origins_that_are_not_ours_in_any_part_are_refused) {
  for (const std::string origin :
       {"http://agenda.example.go.id", "https://agenda.example.go.id:8443", "https://agenda.example.go.id.evil.example",
        "https://evil.example", "null", "https://", "bukan url", "https://user@agenda.example.go.id@evil.example"}) {
    BOOST_TEST(refusedAsForeign(post("/staf/masuk", {{"Origin", origin}})), origin);
  }
  // Origin wins over Referer: a foreign Origin is not saved by our Referer.
  BOOST_TEST(refusedAsForeign(
      post("/staf/masuk", {{"Origin", "https://evil.example"}, {"Referer", kPublicUrl + "/staf/masuk"}})));
}

BOOST_AUTO_TEST_CASE(our_own_pages_and_clients_without_either_header_go_on) {
  for (const std::string& origin :
       {kPublicUrl, std::string("https://AGENDA.example.go.id"), std::string("https://agenda.example.go.id:443")}) {
    const auto answer = post("/staf/masuk", {{"Origin", origin}});
    BOOST_TEST(!refusedAsForeign(answer), origin);
    BOOST_TEST(answer.status == 403, origin);  // on to the login, which wants its CSRF token
  }
  BOOST_TEST(!refusedAsForeign(post("/staf/masuk", {{"Referer", kPublicUrl + "/staf/masuk?lanjut=/staf"}})));
  // Neither header: an old browser or a script. The CSRF tokens still guard every form.
  BOOST_TEST(!refusedAsForeign(post("/staf/masuk", {})));
}

BOOST_AUTO_TEST_CASE(reading_is_not_checked) {
  auto get = request("GET", "/permohonan");
  get.headers.emplace("Origin", "https://evil.example");
  get.headers.emplace("Referer", "https://evil.example/tautan");
  BOOST_TEST(send(get).status == 200);  // a link from anywhere opens the form
}

BOOST_AUTO_TEST_CASE(the_refusal_is_in_english_when_asked) {
  auto english = request("POST", "/staf/masuk");
  english.query.emplace("lang", "en");
  english.headers.emplace("Origin", "https://evil.example");
  const auto refused = send(english);
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(contains(refused.body, "was not sent from our site"), refused.body);
}

BOOST_AUTO_TEST_SUITE_END()
