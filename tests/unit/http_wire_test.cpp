#define BOOST_TEST_MODULE http_wire
#include <boost/test/unit_test.hpp>

#include "server/http_wire.h"

using namespace jadwal::server;

BOOST_AUTO_TEST_CASE(head_with_length) {
  Framing framing;
  framing.length = 12;
  const std::string head = responseHead(207, {{"Content-Type", "application/xml"}}, framing);
  BOOST_TEST(head.starts_with("HTTP/1.1 207 Multi-Status\r\nDate: "));
  BOOST_TEST(head.find("\r\nContent-Type: application/xml\r\n") != std::string::npos);
  BOOST_TEST(head.find("\r\nContent-Length: 12\r\n") != std::string::npos);
  BOOST_TEST(head.find("\r\nX-Content-Type-Options: nosniff\r\n") != std::string::npos);
  BOOST_TEST(head.find("Connection") == std::string::npos);  // HTTP/1.1 keeps alive by default
  BOOST_TEST(head.ends_with("\r\n\r\n"));
}

BOOST_AUTO_TEST_CASE(framing_headers_belong_to_the_front_end) {
  Framing framing;
  framing.kind = Framing::Kind::Chunked;
  framing.keepAlive = false;
  const std::string head = responseHead(
      200, {{"Content-Length", "99"}, {"connection", "keep-alive"}, {"X-Content-Type-Options", "nosniff"}}, framing);
  BOOST_TEST(head.find("99") == std::string::npos);
  BOOST_TEST(head.find("keep-alive") == std::string::npos);
  BOOST_TEST(head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  BOOST_TEST(head.find("Connection: close\r\n") != std::string::npos);
  BOOST_TEST(head.find("nosniff") == head.rfind("nosniff"));  // not twice
}

BOOST_AUTO_TEST_CASE(no_value_can_start_a_header) {
  Framing framing;
  const std::string head = responseHead(303, {{"Location", "/a\r\nSet-Cookie: x=1"}}, framing);
  BOOST_TEST(head.find("\r\nSet-Cookie") == std::string::npos);
  BOOST_TEST(head.find("Location: /a  Set-Cookie: x=1\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(http10_keep_alive_is_announced) {
  Framing framing;
  framing.requestVersion = 10;
  BOOST_TEST(responseHead(200, {}, framing).find("Connection: keep-alive\r\n") != std::string::npos);
  framing.kind = Framing::Kind::UntilClose;
  BOOST_TEST(responseHead(200, {}, framing).find("Connection: close\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_body_statuses_have_no_length) {
  Framing framing;
  framing.kind = Framing::Kind::NoBody;
  BOOST_TEST(responseHead(304, {}, framing).find("Content-Length") == std::string::npos);
  BOOST_TEST(responseHead(304, {}, framing).starts_with("HTTP/1.1 304 Not Modified\r\n"));
}

BOOST_AUTO_TEST_CASE(chunks_and_dates) {
  BOOST_TEST(chunkPrefix(0x1a2b) == "1a2b\r\n");
  BOOST_TEST(chunkPrefix(1) == "1\r\n");
  const std::string date = currentHttpDate();
  BOOST_TEST(date.size() == 29u);  // "Sun, 06 Nov 1994 08:49:37 GMT"
  BOOST_TEST(date.ends_with(" GMT"));
  BOOST_TEST(reasonPhrase(507) == "Insufficient Storage");
  BOOST_TEST(reasonPhrase(299) == "Unknown");
}
