// Header and path handling of our own, on what a client sends: the request
// head as the front end parses it (Boost.Beast's parser with the server's
// head limit), then the request-target and query decoding, the client
// address from X-Real-IP / X-Forwarded-For behind a trusted proxy, and an
// answer head that echoes request values (no CR/LF/NUL may survive into it).
#include <Poco/Net/IPAddress.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/http_wire.h"
#include "server/request_target.h"
#include "server/trusted_proxies.h"

using namespace jadwal;
namespace http = boost::beast::http;

namespace {

std::string joined(const http::request<http::string_body>& message, std::string_view name) {
  std::string out;
  auto range = message.equal_range(boost::beast::string_view(name.data(), name.size()));
  for (auto field = range.first; field != range.second; ++field) {
    if (!out.empty()) out += ", ";
    out += std::string(field->value());
  }
  return out;
}

void checkAnswerHead(const std::string& target, const std::string& host) {
  std::string head = server::responseHead(404, {{"Location", target}, {"X-Host", host}}, server::Framing{});
  // The head ends with its one empty line; nothing before may end a line early.
  auto end = head.find("\r\n\r\n");
  if (end + 4 != head.size()) std::abort();
  if (head.find('\0') != std::string::npos) std::abort();
  for (std::size_t i = 0; i < end; ++i)
    if ((head[i] == '\n' && (i == 0 || head[i - 1] != '\r')) || (head[i] == '\r' && head[i + 1] != '\n')) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const server::TrustedProxies proxies = [] {
    std::string error;
    return *server::TrustedProxies::parse("127.0.0.1, ::1, 10.0.0.0/8", error);
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);

  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(input.data(), input.size()), ec);
  if (ec || !parser.is_header_done()) {
    // The path parsers see what a client can put in a target in any case.
    std::string error;
    server::parseRequestTarget(input, error);
    server::parseQuery(input);
    server::isValidUtf8(input);
    return 0;
  }
  const auto& message = parser.get();
  std::string target(message.target());
  std::string error;
  if (auto parsed = server::parseRequestTarget(target, error)) {
    if (!server::isValidUtf8(parsed->path)) std::abort();  // decoded paths are UTF-8 or refused
    server::parseQuery(parsed->query);
  }
  Poco::Net::IPAddress peer("127.0.0.1");
  proxies.clientAddress(peer, joined(message, "X-Real-IP"), joined(message, "X-Forwarded-For"));
  checkAnswerHead(target, joined(message, "Host"));
  return 0;
}
