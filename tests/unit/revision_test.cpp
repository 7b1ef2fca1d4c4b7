// Revised letters on a returned request: a refused revision stores nothing,
// and each request takes a bounded number of them, at a bounded pace.
#define BOOST_TEST_MODULE revision
#include <boost/test/unit_test.hpp>

#include "upload_fixture.h"
#include "web/web.h"

using namespace jadwal;
using namespace jadwal::workflow;
using jadwal::testing::pdfBytes;

namespace {

constexpr sql::Instant kHour = 3600;

WorkflowConfig limited(std::size_t maxRevisions, std::size_t perHour) {
  WorkflowConfig config;
  config.maxRevisions = maxRevisions;
  config.revisionsPerHour = perHour;
  return config;
}

struct Fixture : jadwal::testing::RequestFixture {
  Fixture() : RequestFixture(limited(3, 2)) {}

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

BOOST_FIXTURE_TEST_SUITE(revision_limits, Fixture)

BOOST_AUTO_TEST_CASE(revisions_are_limited_per_hour_then_in_all) {
  auto request = submitted();
  for (int i = 0; i < 2; ++i) {
    returned(request);
    BOOST_TEST_REQUIRE(revise(request, "revisi " + std::to_string(i)).ok());
    clock.advance(60);
  }
  // The third within the hour waits, and nothing of it is kept.
  returned(request);
  auto tooFast = revise(request, "terlalu cepat");
  BOOST_TEST((tooFast.status == Outcome::Status::Invalid));
  BOOST_TEST(tooFast.errors["surat"] == "revisions_too_fast");
  BOOST_TEST(!blobExists(pdfBytes("terlalu cepat")));
  BOOST_TEST(store->requests().findRequest(request.id)->state == "dikembalikan");

  // An hour after the first, the pace allows one more: the third and last.
  clock.advance(kHour - 60);
  BOOST_TEST_REQUIRE(revise(request, "revisi 2").ok());
  BOOST_TEST(revisionsOf(request) == 3u);

  // However much later, no fourth.
  clock.advance(30 * 24 * kHour);
  returned(request);
  auto tooMany = revise(request, "keempat");
  BOOST_TEST(tooMany.errors["surat"] == "too_many_revisions");
  BOOST_TEST(!blobExists(pdfBytes("keempat")));
  BOOST_TEST(revisionsOf(request) == 3u);
}

BOOST_AUTO_TEST_CASE(limits_count_each_request_apart) {
  auto first = submitted("pertama");
  auto second = submitted("kedua");
  for (int i = 0; i < 2; ++i) {
    returned(first);
    BOOST_TEST_REQUIRE(revise(first, "pertama " + std::to_string(i)).ok());
  }
  returned(second);
  BOOST_TEST(revise(second, "kedua 0").ok());
}

BOOST_AUTO_TEST_CASE(the_refusals_read_in_both_languages) {
  for (const std::string id : {"too_many_revisions", "revisions_too_fast"}) {
    BOOST_TEST(web::tr("id", id) != id);
    BOOST_TEST(web::tr("en", id) != id);
    BOOST_TEST(web::tr("en", id) != web::tr("id", id));
  }
}

BOOST_AUTO_TEST_SUITE_END()
