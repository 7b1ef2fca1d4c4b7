// The public form's submission rules beyond its fields: the stated size
// limits (per file and for all files together) and the one-time form token
// that makes a double tap answer the first request instead of a second.
#define BOOST_TEST_MODULE form_submission
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "workflow/form_token.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

// A PDF of about `size` bytes.
std::string pdfOfSize(std::size_t size, const std::string& marker) {
  std::string pdf = pdfBytes(marker);
  const std::string eof = "%%EOF\n";
  pdf.resize(pdf.size() - eof.size());
  if (size > pdf.size() + eof.size()) pdf += "%" + std::string(size - pdf.size() - eof.size() - 2, 'x') + "\n";
  return pdf + eof;
}

std::int64_t requestCount(sql::Store& store) { return store.requests().countRequests({}); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(upload_limits, Fixture)

BOOST_AUTO_TEST_CASE(files_within_each_limit_and_the_total_are_taken) {
  WorkflowConfig limits = config;
  limits.maxFileBytes = 1000;
  limits.maxUploadTotalBytes = 2500;
  RequestService small(*store, *calendars, *mailer, clock, limits);
  // 600 + 500 + 900 + 500: each within 1000, 2500 in all.
  auto outcome = small.submit(form(), {{"surat", "surat.pdf", pdfOfSize(600, "a")},
                                       {"pendukung", "b.pdf", pdfOfSize(500, "b")},
                                       {"pendukung", "c.pdf", pdfOfSize(900, "c")},
                                       {"pendukung", "d.pdf", pdfOfSize(500, "d")}});
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(store->requests().filesOf(outcome.request.id).size() == 4u);
}

BOOST_AUTO_TEST_CASE(files_beyond_the_total_go_back_with_the_others_kept) {
  WorkflowConfig limits = config;
  limits.maxFileBytes = 1000;
  limits.maxUploadTotalBytes = 2000;
  RequestService small(*store, *calendars, *mailer, clock, limits);
  auto outcome = small.submit(form(), {{"surat", "surat.pdf", pdfOfSize(900, "a")},
                                       {"pendukung", "b.pdf", pdfOfSize(900, "b")},
                                       {"pendukung", "c.pdf", pdfOfSize(900, "c")}});
  BOOST_TEST_REQUIRE((outcome.status == Outcome::Status::Invalid));
  BOOST_TEST(outcome.errors.size() == 1u);
  BOOST_TEST(outcome.errors["pendukung"] == "files_total_too_large");
  // The letter and the first supporting file fit: they are kept for the next try.
  BOOST_TEST_REQUIRE(outcome.keptFiles.size() == 2u);
  BOOST_TEST(outcome.keptFiles[0].field == "surat");
  BOOST_TEST(outcome.keptFiles[1].name == "b.pdf");
  BOOST_TEST(requestCount(*store) == 0);

  // Files kept from an earlier attempt count towards the total too.
  auto again = small.submit(form(), {{"pendukung", "c.pdf", pdfOfSize(900, "c")}}, outcome.keptFiles);
  BOOST_TEST(again.errors["pendukung"] == "files_total_too_large");
  auto fitting = small.submit(form(), {}, outcome.keptFiles);
  BOOST_TEST(fitting.ok());
}

BOOST_AUTO_TEST_CASE(a_file_over_its_own_limit_is_named_as_such) {
  WorkflowConfig limits = config;
  limits.maxFileBytes = 1000;
  limits.maxUploadTotalBytes = 5000;
  RequestService small(*store, *calendars, *mailer, clock, limits);
  auto outcome = small.submit(form(), {{"surat", "surat.pdf", pdfOfSize(1200, "a")}});
  BOOST_TEST(outcome.errors["surat"] == "file_too_large");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(form_token, Fixture)

BOOST_AUTO_TEST_CASE(a_second_submission_with_the_token_answers_the_first_request) {
  RequestForm f = form();
  f.formToken = "token-satu";
  auto first = service->submit(f, letter());
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(!first.repeated);
  auto second = service->submit(f, letter());
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST(second.repeated);
  BOOST_TEST(second.request.id == first.request.id);
  BOOST_TEST(second.request.code == first.request.code);
  BOOST_TEST(requestCount(*store) == 1);
  // Only one "submit" in the history.
  const auto audit = store->requests().auditOf(first.request.id);
  BOOST_TEST(std::count_if(audit.begin(), audit.end(), [](const auto& row) { return row.action == "submit"; }) == 1);

  f.formToken = "token-dua";
  auto other = service->submit(f, letter());
  BOOST_TEST_REQUIRE(other.ok());
  BOOST_TEST(!other.repeated);
  BOOST_TEST(other.request.id != first.request.id);
  // Without a token nothing is remembered.
  f.formToken.clear();
  BOOST_TEST(!service->submit(f, letter()).repeated);
  BOOST_TEST(!service->submit(f, letter()).repeated);
  BOOST_TEST(requestCount(*store) == 4);
}

BOOST_AUTO_TEST_CASE(a_refused_submission_does_not_use_up_the_token) {
  RequestForm f = form();
  f.formToken = "token-tiga";
  f.requesterName.clear();
  auto refused = service->submit(f, letter());
  BOOST_TEST((refused.status == Outcome::Status::Invalid));
  BOOST_TEST(!store->requests().formTokenRequest(formTokenHash("token-tiga")).has_value());
  f.requesterName = "Budi";
  auto taken = service->submit(f, letter());
  BOOST_TEST_REQUIRE(taken.ok());
  BOOST_TEST(!taken.repeated);
  BOOST_TEST(service->submit(f, letter()).request.id == taken.request.id);
}

BOOST_AUTO_TEST_CASE(only_a_hash_of_the_token_is_kept_and_old_ones_are_swept) {
  RequestForm f = form();
  f.formToken = "token-empat";
  auto taken = service->submit(f, letter());
  BOOST_TEST_REQUIRE(taken.ok());
  auto& requests = store->requests();
  BOOST_TEST(!requests.formTokenRequest("token-empat").has_value());
  BOOST_TEST(*requests.formTokenRequest(formTokenHash("token-empat")) == taken.request.id);
  // Swept once older than the configured time, at the next claim.
  BOOST_TEST(requests.sweepFormTokens(clock.now()) == 0);
  clock.set(clock.now() + config.formTokenKeepSeconds + 1);
  f.formToken = "token-lima";
  BOOST_TEST_REQUIRE(service->submit(f, letter()).ok());
  BOOST_TEST(!requests.formTokenRequest(formTokenHash("token-empat")).has_value());
  BOOST_TEST(requests.formTokenRequest(formTokenHash("token-lima")).has_value());
}

BOOST_AUTO_TEST_CASE(a_claim_is_exclusive_and_released_when_nothing_was_made) {
  auto& requests = store->requests();
  const std::string hash = formTokenHash("token-enam");
  {
    FormTokenClaim claim(requests, "token-enam", std::chrono::milliseconds(100));
    BOOST_TEST(!claim.claim(clock.now(), 0).has_value());
    BOOST_TEST(!requests.claimFormToken(hash, clock.now()));  // a second claim at once loses
    BOOST_TEST(*requests.formTokenRequest(hash) == 0);        // in flight
    // A repeat while the first runs waits, then gives up rather than answer twice.
    FormTokenClaim repeat(requests, "token-enam", std::chrono::milliseconds(100));
    BOOST_CHECK_THROW(repeat.earlierRequest(), sql::StoreError);
  }  // the submission threw: the claim is released
  BOOST_TEST(!requests.formTokenRequest(hash).has_value());
  BOOST_TEST(requests.claimFormToken(hash, clock.now()));
}

BOOST_AUTO_TEST_SUITE_END()
