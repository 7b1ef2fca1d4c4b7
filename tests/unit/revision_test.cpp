// Revised letters on a returned request: a refused revision stores nothing.
#define BOOST_TEST_MODULE revision
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"

using namespace jadwal;
using namespace jadwal::workflow;
using jadwal::testing::pdfBytes;

namespace {

struct Fixture : jadwal::testing::RequestFixture {
  Outcome revise(const sql::RequestRow& request, const std::string& marker, const std::string& note = "") {
    return service->resubmit(request.code, {"surat", "revisi.pdf", pdfBytes(marker)}, note);
  }
  std::size_t revisionsOf(const sql::RequestRow& request) {
    std::size_t count = 0;
    for (const auto& file : store->requests().filesOf(request.id)) count += file.kind == "revisi" ? 1 : 0;
    return count;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(refused_revisions, Fixture)

BOOST_AUTO_TEST_CASE(a_revision_refused_for_its_note_keeps_nothing) {
  auto request = submitted();
  returned(request);
  auto outcome = revise(request, "catatan terlalu panjang", std::string(2001, 'x'));
  BOOST_TEST((outcome.status == Outcome::Status::Invalid));
  BOOST_TEST(outcome.errors["catatan"] == "too_long");
  BOOST_TEST(!blobExists(pdfBytes("catatan terlalu panjang")));
  BOOST_TEST(revisionsOf(request) == 0u);
}

BOOST_AUTO_TEST_CASE(twenty_refused_revisions_keep_nothing) {
  auto request = submitted();
  returned(request);
  for (int i = 0; i < 20; ++i) {
    const std::string marker = "ditolak " + std::to_string(i) + std::string(4096, 'p');
    BOOST_TEST(!revise(request, marker, std::string(2001, 'x')).ok());
    BOOST_TEST(!blobExists(pdfBytes(marker)), i);
  }
}

BOOST_AUTO_TEST_CASE(a_revision_to_a_request_that_is_not_returned_keeps_nothing) {
  auto request = submitted();
  auto outcome = revise(request, "belum dikembalikan");
  BOOST_TEST((outcome.status == Outcome::Status::NotAllowed));
  BOOST_TEST(!blobExists(pdfBytes("belum dikembalikan")));
}

BOOST_AUTO_TEST_CASE(an_accepted_revision_is_kept) {
  auto request = submitted();
  returned(request);
  BOOST_TEST_REQUIRE(revise(request, "diterima").ok());
  BOOST_TEST(blobExists(pdfBytes("diterima")));
  BOOST_TEST(revisionsOf(request) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
