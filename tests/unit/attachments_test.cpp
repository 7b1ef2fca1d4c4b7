// The letters at /lampiran/<id>/<name>: sandboxed wherever they are opened,
// and named without the Unicode controls that reorder how a name reads.
#define BOOST_TEST_MODULE attachments
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

const std::string kRlo = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE

struct Fixture : WebFixture {
  server::WebResponse fetch(const std::string& path) {
    auto get = request("GET", path);
    get.headers.emplace("Authorization", basicAuthorization("protokol", "sandi-protokol"));
    return send(get);
  }
  std::string pathOf(const sql::FileRow& file) { return "/lampiran/" + std::to_string(file.id) + "/" + file.name; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(attachments, Fixture)

BOOST_AUTO_TEST_CASE(every_served_letter_is_sandboxed) {
  const auto row = submit();
  const auto file = store->requests().filesOf(row.id).at(0);
  const auto letter = fetch(pathOf(file));
  BOOST_REQUIRE_EQUAL(letter.status, 200);
  BOOST_TEST(letter.contentType == "application/pdf");
  // A PDF (or an image) opened in the browser runs with no script, no
  // same-origin rights, no forms: a hostile letter cannot act as the site.
  BOOST_TEST(headerOf(letter, "Content-Security-Policy") == "sandbox");
  BOOST_TEST(headerOf(letter, "X-Content-Type-Options") == "nosniff");
}

BOOST_AUTO_TEST_CASE(an_uploaded_name_loses_its_bidi_controls) {
  const auto row = submit("invoice" + kRlo + "gpj.pdf");
  const auto file = store->requests().filesOf(row.id).at(0);
  BOOST_TEST(file.name == "invoicegpj.pdf");
}

BOOST_AUTO_TEST_CASE(a_name_stored_before_is_served_without_them) {
  // A row written before names were cleaned still holds the override.
  const auto row = submit();
  const std::string sha = store->requests().putBlob(kPdf, clock.now());
  const std::string stored = "invoice" + kRlo + "gpj.pdf";
  sql::AuditRow audit;
  audit.at = clock.now();
  audit.actorName = "Sistem";
  audit.action = "test";
  BOOST_REQUIRE(store->requests().updateRequest(*store->requests().findRequest(row.id), audit,
                                                {{"pendukung", stored, "application/pdf", sha}}));
  sql::FileRow old;
  for (const auto& file : store->requests().filesOf(row.id))
    if (file.name == stored) old = file;
  BOOST_REQUIRE(old.id != 0);

  // The links already handed out (calendar events) keep working, and so does the clean name.
  for (const std::string& name : {stored, std::string("invoicegpj.pdf")}) {
    const auto letter = fetch("/lampiran/" + std::to_string(old.id) + "/" + name);
    BOOST_REQUIRE_EQUAL(letter.status, 200);
    const std::string disposition = headerOf(letter, "Content-Disposition");
    BOOST_TEST(disposition == "inline; filename=\"invoicegpj.pdf\"; filename*=UTF-8''invoicegpj.pdf");
    BOOST_TEST(!contains(disposition, "%E2%80%AE"));
    BOOST_TEST(headerOf(letter, "Content-Security-Policy") == "sandbox");
  }
}

BOOST_AUTO_TEST_SUITE_END()
