// Uploads of forms sent back with errors are kept for the requester's next
// try, but only while the files no request uses stay within their bound: a
// stream of refused forms cannot fill the disk before collection runs.
#define BOOST_TEST_MODULE upload_budget
#include <boost/test/unit_test.hpp>

#include "upload_fixture.h"
#include "web/web.h"

using namespace jadwal;
using namespace jadwal::workflow;
using jadwal::testing::pdfBytes;

namespace {

// Room for two of the test's letters.
WorkflowConfig tight() {
  WorkflowConfig config;
  config.maxUnusedFileBytes = pdfBytes("surat 0").size() * 5 / 2;
  return config;
}

struct Fixture : jadwal::testing::RequestFixture {
  Fixture() : RequestFixture(tight()) {}

  // A form with a field missing: it goes back, carrying the letter.
  Outcome refusedWith(const std::string& marker) {
    RequestForm incomplete = form();
    incomplete.requesterName.clear();
    return service->submit(incomplete, {{"surat", "surat.pdf", pdfBytes(marker)}});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(upload_budget, Fixture)

BOOST_AUTO_TEST_CASE(a_form_going_back_keeps_its_files_within_the_bound) {
  for (int i = 0; i < 2; ++i) {
    auto outcome = refusedWith("surat " + std::to_string(i));
    BOOST_TEST(outcome.keptFiles.size() == 1u);
    BOOST_TEST(!outcome.errors.count("surat"));
    BOOST_TEST(blobExists(pdfBytes("surat " + std::to_string(i))));
  }
  auto third = refusedWith("surat 2");
  BOOST_TEST(third.keptFiles.empty());
  BOOST_TEST(third.errors["surat"] == "file_not_kept");
  BOOST_TEST(third.errors["nama"] == "required");
  BOOST_TEST(!blobExists(pdfBytes("surat 2")));
  BOOST_TEST(store->requests().unusedBlobBytes() <= static_cast<std::int64_t>(config.maxUnusedFileBytes));
}

BOOST_AUTO_TEST_CASE(a_failing_file_sends_the_form_back_too) {
  refusedWith("surat 0");
  refusedWith("surat 1");
  // Every field right, but a supporting file that is no document: the letter is not kept either.
  auto outcome = service->submit(form(), {{"surat", "surat.pdf", pdfBytes("surat 2")}, {"pendukung", "x.png", "?"}});
  BOOST_TEST(outcome.errors["pendukung"] == "file_type_document");
  BOOST_TEST(outcome.errors["surat"] == "file_not_kept");
  BOOST_TEST(!blobExists(pdfBytes("surat 2")));
}

BOOST_AUTO_TEST_CASE(a_valid_submission_is_never_refused_by_the_bound) {
  refusedWith("surat 0");
  refusedWith("surat 1");
  auto outcome = service->submit(form(), {{"surat", "surat.pdf", pdfBytes("surat 2")}});
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(blobExists(pdfBytes("surat 2")));
}

BOOST_AUTO_TEST_CASE(collection_makes_room_again) {
  refusedWith("surat 0");
  refusedWith("surat 1");
  BOOST_TEST(refusedWith("surat 2").errors["surat"] == "file_not_kept");
  store->requests().collectBlobs(clock.now() + 1);
  BOOST_TEST(refusedWith("surat 2").keptFiles.size() == 1u);
}

BOOST_AUTO_TEST_CASE(kept_files_cost_nothing_more) {
  auto first = refusedWith("surat 0");
  refusedWith("surat 1");
  // Carrying the kept letter again needs no room: it is stored already.
  RequestForm incomplete = form();
  incomplete.requesterName.clear();
  auto again = service->submit(incomplete, {}, first.keptFiles);
  BOOST_TEST(again.keptFiles.size() == 1u);
  BOOST_TEST(!again.errors.count("surat"));
  // And the form, once complete, goes through with it.
  BOOST_TEST(service->submit(form(), {}, first.keptFiles).ok());
}

BOOST_AUTO_TEST_CASE(the_refusal_reads_in_both_languages) {
  BOOST_TEST(web::tr("id", "file_not_kept") != "file_not_kept");
  BOOST_TEST(web::tr("en", "file_not_kept") != web::tr("id", "file_not_kept"));
}

BOOST_AUTO_TEST_SUITE_END()
