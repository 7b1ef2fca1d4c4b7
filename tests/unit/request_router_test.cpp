#define BOOST_TEST_MODULE request_router
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>

#include "server/body_reader.h"
#include "server/request_router.h"

using namespace jadwal::server;

namespace {

// A stream that fails after giving some bytes, as a timed-out socket does.
class FailingBuffer : public std::streambuf {
 public:
  explicit FailingBuffer(std::string data) : data_(std::move(data)) {
    setg(data_.data(), data_.data(), data_.data() + data_.size());
  }

 protected:
  int_type underflow() override { throw std::runtime_error("timeout"); }

 private:
  std::string data_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(routes) {
  BOOST_TEST((routeFor("PROPFIND", "/.well-known/caldav") == Route::WellKnownCaldav));
  BOOST_TEST((routeFor("GET", "/.well-known/caldav/") == Route::WellKnownCaldav));
  BOOST_TEST((routeFor("GET", "/healthz") == Route::Health));
  BOOST_TEST((routeFor("GET", "/metrics") == Route::Metrics));
  BOOST_TEST((routeFor("PROPFIND", "/dav/") == Route::Dav));
  BOOST_TEST((routeFor("PROPFIND", "/dav") == Route::Dav));
  BOOST_TEST((routeFor("GET", "/dav/calendars/bupati/agenda/a.ics") == Route::Dav));
  BOOST_TEST((routeFor("PROPFIND", "/") == Route::Dav));
  BOOST_TEST((routeFor("OPTIONS", "/") == Route::Dav));
  BOOST_TEST((routeFor("GET", "/") == Route::Web));
  BOOST_TEST((routeFor("HEAD", "/") == Route::Web));
  BOOST_TEST((routeFor("POST", "/") == Route::Web));
  BOOST_TEST((routeFor("GET", "/permohonan") == Route::Web));
  BOOST_TEST((routeFor("POST", "/permohonan/JDW-7K3M-Q9XF/revisi") == Route::Web));
  BOOST_TEST((routeFor("GET", "/staf") == Route::Web));
  BOOST_TEST((routeFor("POST", "/staf/permohonan/3/keputusan") == Route::Web));
  BOOST_TEST((routeFor("GET", "/lampiran/4/surat.pdf") == Route::Web));
  BOOST_TEST((routeFor("GET", "/static/jadwal.css") == Route::Web));
  BOOST_TEST((routeFor("GET", "/permohonanx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/stafx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/static.css") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/davx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/healthz/") == Route::NotFound));
  BOOST_TEST((routeFor("PROPFIND", "/other") == Route::NotFound));
}

BOOST_AUTO_TEST_CASE(body_with_a_length_is_read_whole) {
  std::istringstream in("<propfind/>");
  Body body = readBody(in, 11, false, 100);
  BOOST_TEST((body.status == BodyStatus::Complete));
  BOOST_TEST(body.bytes == "<propfind/>");
}

BOOST_AUTO_TEST_CASE(no_length_and_no_chunks_means_no_body) {
  std::istringstream in("the next request on the connection");
  Body body = readBody(in, std::nullopt, false, 100);
  BOOST_TEST((body.status == BodyStatus::Complete));
  BOOST_TEST(body.bytes.empty());
  BOOST_TEST(in.tellg() == 0);  // nothing consumed
}

BOOST_AUTO_TEST_CASE(declared_length_over_the_bound_is_refused_unread) {
  std::istringstream in(std::string(50, 'x'));
  Body body = readBody(in, 101, false, 100);
  BOOST_TEST((body.status == BodyStatus::TooLarge));
  BOOST_TEST(in.tellg() == 0);
}

BOOST_AUTO_TEST_CASE(streamed_body_over_the_bound_is_refused) {
  std::istringstream exact(std::string(100, 'x'));
  BOOST_TEST((readBody(exact, std::nullopt, true, 100).status == BodyStatus::Complete));
  std::istringstream over(std::string(200000, 'x'));
  Body body = readBody(over, std::nullopt, true, 100000);
  BOOST_TEST((body.status == BodyStatus::TooLarge));
  BOOST_TEST(body.bytes.empty());
}

BOOST_AUTO_TEST_CASE(short_or_failing_bodies_are_incomplete) {
  std::istringstream shortBody("abc");
  BOOST_TEST((readBody(shortBody, 10, false, 100).status == BodyStatus::Incomplete));
  FailingBuffer buffer("abc");
  std::istream failing(&buffer);
  BOOST_TEST((readBody(failing, std::nullopt, true, 100).status == BodyStatus::Incomplete));
}
