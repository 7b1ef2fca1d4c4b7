#include "server/http_connection.h"

#include <Poco/Net/IPAddress.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>

#include <iostream>

#include "server/http_wire.h"

namespace jadwal::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After an answer that closes the connection, what the client still sends
// is read and dropped for a moment: closing with unread bytes makes the
// kernel send a reset that can destroy the answer before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1 << 20;
constexpr std::size_t kChunkSize = 64 * 1024;

bool clientWentAway(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == http::error::partial_message;
}

std::chrono::seconds atMinimumRate(std::uint64_t bytes, std::size_t bytesPerSecond) {
  return std::chrono::seconds(bytesPerSecond == 0 ? 0 : bytes / bytesPerSecond);
}

// Every value of a header, in order, as one comma-separated list.
std::string joinedHeader(const http::request_parser<http::string_body>::value_type& message, beast::string_view name) {
  std::string joined;
  for (const auto& field : message) {
    if (!beast::iequals(field.name_string(), name)) continue;
    if (!joined.empty()) joined += ", ";
    joined += std::string(field.value());
  }
  return joined;
}

}  // namespace

HttpConnection::HttpConnection(Socket socket, FrontEnd& frontEnd, ConnectionLimits::Slot slot, std::string peer,
                               bool viaProxy)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      frontEnd_(frontEnd),
      slot_(std::move(slot)),
      peer_(std::move(peer)),
      viaProxy_(viaProxy) {}

HttpConnection::~HttpConnection() {
  releaseBody();
  std::lock_guard lock(frontEnd_.registryMutex);
  frontEnd_.registry.erase(this);
}

void HttpConnection::start() {
  {
    std::lock_guard lock(frontEnd_.registryMutex);
    frontEnd_.registry.emplace(this, weak_from_this());
  }
  error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->waitForRequest(); });
}

void HttpConnection::stopWhenIdle() {
  if (phase_ == Phase::Idle) closeNow();
}

void HttpConnection::abort() { closeNow(); }

// ---------------------------------------------------------------- reading

void HttpConnection::waitForRequest() {
  phase_ = Phase::Idle;
  if (frontEnd_.stopping) return closeNow();
  if (buffer_.size() > 0) return readHead();  // a pipelined request is here already
  // An idle connection keeps no buffer: thousands of phones may wait.
  buffer_.shrink_to_fit();
  arm(firstRequest_ ? frontEnd_.options.headerTimeout : frontEnd_.options.keepAlive);
  socket_.async_wait(Socket::wait_read, [self = shared_from_this()](error_code ec) {
    if (ec || self->phase_ != Phase::Idle) return self->closeNow();
    self->readHead();
  });
}

void HttpConnection::readHead() {
  phase_ = Phase::Head;
  firstRequest_ = false;
  timedOut_ = false;
  request_ = HttpRequest{};
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(frontEnd_.options.maxHeaderBytes));
  parser_->body_limit(static_cast<std::uint64_t>(frontEnd_.options.maxBodyBytes));
  arm(frontEnd_.options.headerTimeout);
  http::async_read_header(socket_, buffer_, *parser_,
                          [self = shared_from_this()](error_code ec, std::size_t) { self->onHead(ec); });
}

void HttpConnection::onHead(error_code ec) {
  if (phase_ != Phase::Head) return;
  started_ = std::chrono::steady_clock::now();
  if (timedOut_) return refuse(408, "The request head did not arrive in time");
  if (clientWentAway(ec) || ec == asio::error::operation_aborted) return closeNow();
  if (ec == http::error::header_limit) return refuse(431, "The request head is too large");
  if (ec == http::error::body_limit) {
    // The parser compares a Content-Length with the body limit as it reads
    // the head, which is whole by then: the refusal can speak the page's language.
    captureHead();
    return refuse(413, "The request body is larger than the server accepts");
  }
  if (ec) return refuse(400, "Malformed request: " + ec.message());
  captureHead();
  if (!checkHead()) return;

  if (parser_->is_done()) return dispatch();
  if (request_.version == 11 && beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
    // The client waits for this before it sends a large body.
    phase_ = Phase::Writing;
    arm(frontEnd_.options.sendTimeout);
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](error_code writeError, std::size_t) {
                        if (writeError || self->phase_ != Phase::Writing) return self->closeNow();
                        self->readBody();
                      });
    return;
  }
  readBody();
}

// Copies the parsed head into request_, with the client's address.
void HttpConnection::captureHead() {
  const auto& message = parser_->get();
  request_.method = std::string(message.method_string());
  request_.target = std::string(message.target());
  request_.version = static_cast<int>(message.version());
  for (const auto& field : message) request_.headers.emplace_back(field.name_string(), field.value());
  request_.peerAddress = peer_;
  Poco::Net::IPAddress peer;
  if (viaProxy_ && Poco::Net::IPAddress::tryParse(peer_, peer)) {
    request_.clientAddress = frontEnd_.options.proxies.clientAddress(peer, joinedHeader(message, "X-Real-IP"),
                                                                     joinedHeader(message, "X-Forwarded-For"));
  } else {
    request_.clientAddress = peer_;
  }
}

// The checks on a head before its body is read. Returns false when the
// request was refused.
bool HttpConnection::checkHead() {
  const auto& message = parser_->get();
  if (request_.version != 10 && request_.version != 11) {
    refuse(505, "Only HTTP/1.0 and HTTP/1.1 are spoken here");
    return false;
  }
  // Two lengths, even equal ones, mean two parsers could disagree on where
  // the body ends (request smuggling behind a proxy).
  const auto lengths = message.count(http::field::content_length);
  if (lengths > 1 || (lengths == 1 && message[http::field::content_length].find(',') != beast::string_view::npos)) {
    refuse(400, "More than one Content-Length");
    return false;
  }
  if (message.count(http::field::transfer_encoding) > 0 && !parser_->chunked()) {
    refuse(400, "Transfer-Encoding without chunked as the last coding");
    return false;
  }
  const auto length = parser_->content_length();
  if (length && *length > frontEnd_.options.maxBodyBytes) {
    refuse(413, "The request body is larger than the server accepts");
    return false;
  }
  if (!parser_->is_done()) {
    const std::size_t expected = length ? static_cast<std::size_t>(*length) : frontEnd_.options.maxBodyBytes;
    if (!frontEnd_.limits.reserveBody(expected)) {
      refuse(503, "The server is receiving too much at once; try again shortly");
      return false;
    }
    reservedBody_ = expected;
  }
  return true;
}

void HttpConnection::readBody() {
  phase_ = Phase::Body;
  const auto length = parser_->content_length();
  const std::uint64_t expected = length ? *length : frontEnd_.options.maxBodyBytes;
  arm(frontEnd_.options.bodyTimeout + atMinimumRate(expected, frontEnd_.options.minBytesPerSecond));
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](error_code ec, std::size_t) { self->onBody(ec); });
}

void HttpConnection::onBody(error_code ec) {
  if (phase_ != Phase::Body) return;
  if (timedOut_) return refuse(408, "The request body did not arrive in time");
  if (ec == http::error::body_limit) return refuse(413, "The request body is larger than the server accepts");
  if (ec == http::error::partial_message) return refuse(400, "The body ended before its announced length");
  if (clientWentAway(ec) || ec == asio::error::operation_aborted) return closeNow();
  if (ec) return refuse(400, "Malformed request body: " + ec.message());
  dispatch();
}

// ---------------------------------------------------------------- answering

void HttpConnection::dispatch() {
  phase_ = Phase::Handling;
  disarm();
  auto message = parser_->release();
  parser_.reset();
  keepAlive_ = message.keep_alive();
  request_.body = std::move(message.body());
  HttpReply reply;
  ++frontEnd_.handling;
  try {
    reply = frontEnd_.application.serve(request_);
  } catch (const std::exception& e) {
    std::cerr << "jadwald: " << request_.method << ": " << e.what() << "\n";
    reply = frontEnd_.application.refuse(500, request_, "Internal server error");
    reply.close = true;
  }
  --frontEnd_.handling;
  request_.body = std::string();
  releaseBody();
  send(std::move(reply));
}

void HttpConnection::refuse(int status, const std::string& reason) {
  releaseBody();
  parser_.reset();
  keepAlive_ = false;
  HttpReply reply;
  try {
    reply = frontEnd_.application.refuse(status, request_, reason);
  } catch (const std::exception& e) {
    std::cerr << "jadwald: refusing a request: " << e.what() << "\n";
    reply.status = status;
    reply.body = reason + "\n";
  }
  reply.close = true;
  send(std::move(reply));
}

void HttpConnection::send(HttpReply reply) {
  phase_ = Phase::Writing;
  reply_ = std::move(reply);
  const bool headRequest = request_.method == "HEAD";
  keepAlive_ = keepAlive_ && !reply_.close && frontEnd_.options.keepAlive.count() > 0 && !frontEnd_.stopping;

  Framing framing;
  framing.requestVersion = request_.version;
  const int status = reply_.status;
  if (status < 200 || status == 204 || status == 304) {
    framing.kind = Framing::Kind::NoBody;
    reply_.stream.reset();
    reply_.body.clear();
  } else if (reply_.stream && !headRequest) {
    framing.kind = request_.version == 11 ? Framing::Kind::Chunked : Framing::Kind::UntilClose;
    if (framing.kind == Framing::Kind::UntilClose) keepAlive_ = false;
  } else {
    reply_.stream.reset();
    framing.kind = Framing::Kind::Length;
    framing.length = reply_.body.size();
  }
  framing.keepAlive = keepAlive_;
  streaming_ = reply_.stream != nullptr;
  chunked_ = framing.kind == Framing::Kind::Chunked;
  sentBodyBytes_ = 0;
  head_ = responseHead(status, reply_.headers, framing);

  out_.clear();
  out_.emplace_back(asio::buffer(head_));
  std::size_t bodyBytes = 0;
  if (!headRequest && framing.kind != Framing::Kind::NoBody && !reply_.body.empty()) {
    if (chunked_) {
      chunkPrefix_ = chunkPrefix(reply_.body.size());
      out_.emplace_back(asio::buffer(chunkPrefix_));
    }
    out_.emplace_back(asio::buffer(reply_.body));
    if (chunked_) out_.emplace_back(asio::buffer(kChunkSuffix.data(), kChunkSuffix.size()));
    bodyBytes = reply_.body.size();
  }
  write(bodyBytes);
}

void HttpConnection::write(std::size_t bodyBytes) {
  pendingBodyBytes_ = bodyBytes;
  std::size_t total = 0;
  for (const auto& buffer : out_) total += buffer.size();
  arm(frontEnd_.options.sendTimeout + atMinimumRate(total, frontEnd_.options.minBytesPerSecond));
  asio::async_write(socket_, out_, [self = shared_from_this()](error_code ec, std::size_t) { self->onWritten(ec); });
}

void HttpConnection::onWritten(error_code ec) {
  if (phase_ != Phase::Writing) return;
  if (ec) {
    finish(false);
    return closeNow();
  }
  sentBodyBytes_ += pendingBodyBytes_;
  if (streaming_) {
    std::size_t bodyBytes = 0;
    bool ok = true;
    try {
      bodyBytes = composeNextChunk();
    } catch (const std::exception& e) {
      // The status line is gone already: all that is left is to cut the
      // answer short, which the client sees as an incomplete body.
      std::cerr << "jadwald: " << request_.method << ": streaming the answer failed: " << e.what() << "\n";
      ok = false;
    }
    if (!ok) {
      finish(false);
      return closeNow();
    }
    if (!out_.empty()) return write(bodyBytes);
  }
  finish(true);
  if (keepAlive_) return waitForRequest();
  closeGracefully();
}

// Pulls the next part of a streamed body into out_; returns its size. An
// empty out_ means the body is complete and nothing is left to write.
std::size_t HttpConnection::composeNextChunk() {
  out_.clear();
  chunk_.clear();
  bool more = true;
  while (more && chunk_.size() < kChunkSize) {
    more = reply_.stream->next(chunk_);
  }
  if (!more) streaming_ = false;
  if (!chunk_.empty()) {
    if (chunked_) {
      chunkPrefix_ = chunkPrefix(chunk_.size());
      out_.emplace_back(asio::buffer(chunkPrefix_));
    }
    out_.emplace_back(asio::buffer(chunk_));
    if (chunked_) out_.emplace_back(asio::buffer(kChunkSuffix.data(), kChunkSuffix.size()));
  }
  if (!more && chunked_) out_.emplace_back(asio::buffer(kLastChunk.data(), kLastChunk.size()));
  return chunk_.size();
}

void HttpConnection::finish(bool completed) {
  HttpTransfer transfer;
  transfer.bodyBytes = sentBodyBytes_;
  transfer.elapsed = std::chrono::steady_clock::now() - started_;
  transfer.completed = completed;
  try {
    frontEnd_.application.finished(request_, reply_, transfer);
  } catch (const std::exception& e) {
    std::cerr << "jadwald: recording a request: " << e.what() << "\n";
  }
  reply_ = HttpReply{};
  head_.clear();
  chunk_ = std::string();
  out_.clear();
  streaming_ = false;
}

// ---------------------------------------------------------------- closing

void HttpConnection::closeGracefully() {
  phase_ = Phase::Closing;
  error_code ignored;
  socket_.shutdown(Socket::shutdown_send, ignored);
  drained_ = 0;
  arm(kLingerTime);
  drainThenClose();
}

void HttpConnection::drainThenClose() {
  buffer_.consume(buffer_.size());
  socket_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, std::size_t n) {
    if (self->phase_ != Phase::Closing) return;
    self->drained_ += n;
    if (ec || self->drained_ > kLingerBytes) return self->closeNow();
    self->drainThenClose();
  });
}

void HttpConnection::closeNow() {
  if (phase_ == Phase::Closed) return;
  phase_ = Phase::Closed;
  disarm();
  error_code ignored;
  socket_.close(ignored);
  releaseBody();
  parser_.reset();
}

void HttpConnection::releaseBody() {
  if (reservedBody_ == 0) return;
  frontEnd_.limits.releaseBody(reservedBody_);
  reservedBody_ = 0;
}

// ---------------------------------------------------------------- deadlines

void HttpConnection::arm(std::chrono::steady_clock::duration duration) {
  const auto generation = ++deadlineGeneration_;
  timer_.expires_after(duration);
  timer_.async_wait([self = shared_from_this(), generation](error_code ec) {
    if (!ec && generation == self->deadlineGeneration_) self->onDeadline();
  });
}

void HttpConnection::disarm() {
  ++deadlineGeneration_;
  timer_.cancel();
}

void HttpConnection::onDeadline() {
  switch (phase_) {
    case Phase::Head:
    case Phase::Body: {
      // The read in flight ends with operation_aborted and answers 408.
      timedOut_ = true;
      error_code ignored;
      socket_.cancel(ignored);
      break;
    }
    case Phase::Handling:
      break;
    default:
      closeNow();
  }
}

}  // namespace jadwal::server
