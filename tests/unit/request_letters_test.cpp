// The words of the letters join the archive's index: a PDF submitted with
// a request or sent as a revision is read when it is attached, and the
// letters stored before the archive read them are read once afterwards
// (workflow::readStoredLetters).
#define BOOST_TEST_MODULE request_letters
#include <boost/test/unit_test.hpp>

#include "pdf_samples.h"
#include "upload_fixture.h"
#include "workflow/stored_letters.h"

using namespace jadwal;
using jadwal::testing::pdfBytes;
using jadwal::testing::scannedPdf;
using jadwal::testing::textPdf;

namespace {

struct Fixture : jadwal::testing::RequestFixture {
  sql::ArchivePage search(const std::string& text) {
    sql::ArchiveQuery query;
    query.text = text;
    return store->requests().searchArchive(query);
  }
  sql::RequestRow submitWith(std::vector<workflow::UploadedFile> files) {
    auto outcome = service->submit(form(), files);
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }
  // A request whose letter was stored before the archive read letters.
  sql::RequestRow storedUnread(const std::string& code, const std::string& bytes) {
    auto& requests = store->requests();
    sql::RequestRow row;
    row.code = code;
    row.state = "disetujui";
    row.eventName = "Acara " + code;
    sql::FileRef file{"surat", "lama-" + code + ".pdf", "application/pdf", requests.putBlob(bytes, 1)};
    sql::AuditRow audit;
    audit.at = 1;
    audit.action = "submit";
    return requests.createRequest(row, {file}, audit).value();
  }
};

bool never() { return false; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(request_letters, Fixture)

BOOST_AUTO_TEST_CASE(a_submitted_letter_is_found_by_a_word_inside_it) {
  const auto request = submitWith({{"surat", "undangan.pdf", textPdf({"Mohon hadir pada Peresmian Jembatan Musi"})},
                                   {"pendukung", "rundown.pdf", textPdf({"Susunan acara tari Gending Sriwijaya"})}});
  auto page = search("jembatan musi");
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].requestId == request.id);
  BOOST_TEST(page.hits[0].matchedFile == "undangan.pdf");
  page = search("gending");
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].matchedFile == "rundown.pdf");
  BOOST_TEST(store->requests().lettersWithoutText(0, 10).empty());
}

BOOST_AUTO_TEST_CASE(a_scanned_letter_is_not_found_by_its_pictured_words) {
  submitWith({{"surat", "scan.pdf", scannedPdf("Peresmian Jembatan Musi")}});
  BOOST_TEST(search("jembatan").hits.empty());
  BOOST_TEST(search("pembukaan").total == 1);  // the request itself is, by its fields
}

BOOST_AUTO_TEST_CASE(a_revised_letter_is_found_and_a_refused_one_is_not) {
  const auto request = submitted();
  returned(request);
  BOOST_TEST_REQUIRE(
      service->resubmit(request.code, {"surat", "revisi.pdf", textPdf({"Surat revisi bertanda tangan"})}, "").ok());
  const auto page = search("bertanda");
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].matchedFile == "revisi.pdf");
  // Not returned now: a second revision is refused, and its words are not kept.
  BOOST_TEST(!service->resubmit(request.code, {"surat", "revisi2.pdf", textPdf({"Surat kedua ditolak"})}, "").ok());
  BOOST_TEST(search("kedua").hits.empty());
}

BOOST_AUTO_TEST_CASE(letters_stored_before_are_read_once) {
  const auto old = storedUnread("JDW-A", textPdf({"Laporan Panen Raya Padi"}));
  storedUnread("JDW-B", scannedPdf("Laporan Panen"));
  storedUnread("JDW-C", pdfBytes("tanpa halaman"));
  BOOST_TEST(search("panen").hits.empty());
  BOOST_TEST(store->requests().lettersWithoutText(0, 10).size() == 3u);

  const auto read = workflow::readStoredLetters(store->requests(), {}, never, 2);  // in batches of two
  BOOST_TEST(read.letters == 3);
  BOOST_TEST(read.withWords == 1);
  const auto page = search("panen raya");
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].requestId == old.id);
  BOOST_TEST(page.hits[0].matchedFile == "lama-JDW-A.pdf");
  // Done: the scan and the empty one are not read again.
  BOOST_TEST(workflow::readStoredLetters(store->requests(), {}, never).letters == 0);
}

BOOST_AUTO_TEST_CASE(reading_stored_letters_stops_when_asked_and_keeps_the_bounds) {
  std::string longText;
  for (int i = 0; i < 300; ++i) longText += "kata" + std::to_string(i) + " ";
  storedUnread("JDW-A", textPdf({"pertama " + longText, "halamankedua"}));
  storedUnread("JDW-B", textPdf({"kedua"}));
  int asked = 0;
  // Asked before the loop and before each file: stopping after the first file.
  const auto first = workflow::readStoredLetters(store->requests(), {1, 1024}, [&asked] { return ++asked > 2; });
  BOOST_TEST(first.letters == 1);
  BOOST_TEST(search("pertama").total == 1);
  BOOST_TEST(search("halamankedua").total == 0);  // past the page bound
  BOOST_TEST(search("kata290").total == 0);       // past the byte bound
  BOOST_TEST(search("kedua").total == 0);         // not read yet
  BOOST_TEST(workflow::readStoredLetters(store->requests(), {}, never).letters == 1);
  BOOST_TEST(search("kedua").total == 1);
}

BOOST_AUTO_TEST_SUITE_END()
