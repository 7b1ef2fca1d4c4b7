// The letters at /lampiran/<id>/<name>: sandboxed wherever they are opened,
// and named without the Unicode controls that reorder how a name reads, on
// every path that shows a name: the download, the staff request page, the
// ATTACH FILENAME and links of calendar events.
#define BOOST_TEST_MODULE attachments
#include "web_fixture.h"
#include "workflow/event_mapping.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

const std::string kRlo = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE

struct Fixture : WebFixture {
  web::WebResponse fetch(const std::string& path) {
    auto get = request("GET", path);
    get.headers.emplace("Authorization", basicAuthorization("protokol", "sandi-protokol"));
    return send(get);
  }
  std::string pathOf(const sql::FileRow& file) { return "/lampiran/" + std::to_string(file.id) + "/" + file.name; }

  // A request whose letter's name was stored, before names were cleaned, with
  // every bidi control in it.
  sql::RequestRow withOldName(const std::string& stored) {
    const auto row = submit();
    const std::string sha = store->requests().putBlob(kPdf, clock.now());
    sql::AuditRow audit;
    audit.at = clock.now();
    audit.actorName = "Sistem";
    audit.action = "test";
    BOOST_REQUIRE(store->requests().updateRequest(*store->requests().findRequest(row.id), audit,
                                                  {{"pendukung", stored, "application/pdf", sha}}));
    return *store->requests().findRequest(row.id);
  }
};

// Every control U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C.
const std::vector<std::string> kBidiControls = {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                                                "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
                                                "\xE2\x81\xA9", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C"};

std::string allControls() {
  std::string name = "surat";
  for (const auto& control : kBidiControls) name += control + "x";
  return name + ".pdf";
}

bool hasBidiControl(const std::string& text) {
  return std::any_of(kBidiControls.begin(), kBidiControls.end(),
                     [&](const std::string& control) { return contains(text, control); });
}

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

BOOST_AUTO_TEST_CASE(the_staff_request_page_shows_an_old_name_without_them) {
  const auto row = withOldName(allControls());
  const auto page = getAs(sessionOf("protokol"), "/staf/permohonan/" + std::to_string(row.id));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(!hasBidiControl(page.body));
  BOOST_TEST(contains(page.body, "suratxxxxxxxxxxxx.pdf"));
}

BOOST_AUTO_TEST_CASE(calendar_events_name_and_link_an_old_name_without_them) {
  const auto row = withOldName(allControls());
  workflow::WorkflowConfig config;
  config.publicUrl = kPublicUrl;
  const auto files = store->requests().filesOf(row.id);
  const auto event = workflow::eventForRequest(row, files, workflow::EventKind::LeaderEvent, 0, config);
  BOOST_TEST(!hasBidiControl(event.ical));
  BOOST_TEST(contains(event.ical, "FILENAME=suratxxxxxxxxxxxx.pdf"));
  // Nor percent-encoded, in ATTACH and in the DESCRIPTION's links.
  for (const std::string encoded : {"%E2%80%A", "%E2%81%A", "%E2%80%8", "%D8%9C"})
    BOOST_TEST(!contains(event.ical, encoded), encoded);
  const auto old = files.back();
  BOOST_TEST(workflow::fileUrl(old, config) ==
             kPublicUrl + "/lampiran/" + std::to_string(old.id) + "/suratxxxxxxxxxxxx.pdf");
  // The clean link serves the file (attachments.cpp accepts both names).
  BOOST_TEST(fetch("/lampiran/" + std::to_string(old.id) + "/suratxxxxxxxxxxxx.pdf").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
