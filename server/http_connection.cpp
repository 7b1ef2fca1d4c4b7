#include "server/http_connection.h"

#include <Poco/Logger.h>
#include <Poco/Net/IPAddress.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>

#include "server/client_key.h"

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
// Body bytes are reserved against the server's bound in steps of this size
// as they arrive, not at the length a client announces.
constexpr std::size_t kReserveStep = 64 << 10;

bool clientWentAway(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == http::error::partial_message;
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

// Runs `task` on a worker, counted, and marks the connection's request and
// answer as the worker's until the task posts its result back.
void HttpConnection::onWorker(void (HttpConnection::*task)()) {
  workerBusy_ = true;
  ++frontEnd_.working;
  asio::post(frontEnd_.workers, [self = shared_from_this(), task] {
    ((*self).*task)();
    --self->frontEnd_.working;
  });
}

// ---------------------------------------------------------------- reading

void HttpConnection::waitForRequest() {
  phase_ = Phase::Idle;
  if (frontEnd_.stopping) return closeNow();
  if (buffer_.size() > 0) return readHead();  // a pipelined request is here already
  // An idle connection keeps no buffer, nor the last request and answer's
  // strings: thousands of phones may wait.
  buffer_.shrink_to_fit();
  request_ = HttpRequest{};
  head_ = std::string();
  out_ = std::vector<asio::const_buffer>();
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
  started_ = Clock::now();
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
  request_.clientKey = clientKey(request_.clientAddress, frontEnd_.options.ipv6PrefixBits);
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
  return true;
}

// The body has one deadline that moves only as bytes arrive: the base time
// plus what came so far at the minimum rate. A client that stalls, or
// trickles slower than that, meets it however long it announced.
void HttpConnection::readBody() {
  phase_ = Phase::Body;
  bodyStarted_ = Clock::now();
  armUntil(bodyStarted_ + frontEnd_.options.bodyTimeout);
  http::async_read_some(socket_, buffer_, *parser_,
                        [self = shared_from_this()](error_code ec, std::size_t) { self->onBody(ec); });
}

void HttpConnection::onBody(error_code ec) {
  if (phase_ != Phase::Body) return;
  if (timedOut_) return refuse(408, "The request body did not arrive in time");
  if (ec == http::error::body_limit) return refuse(413, "The request body is larger than the server accepts");
  if (ec == http::error::partial_message) return refuse(400, "The body ended before its announced length");
  if (clientWentAway(ec) || ec == asio::error::operation_aborted) return closeNow();
  if (ec) return refuse(400, "Malformed request body: " + ec.message());
  if (!reserveReceivedBody()) return refuse(503, "The server is receiving too much at once; try again shortly");
  if (parser_->is_done()) return dispatch();
  const auto& options = frontEnd_.options;
  const auto earned = options.minBytesPerSecond == 0
                          ? Clock::duration::zero()
                          : std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                static_cast<double>(parser_->get().body().size()) / options.minBytesPerSecond));
  armUntil(bodyStarted_ + options.bodyTimeout + earned);
  http::async_read_some(socket_, buffer_, *parser_,
                        [self = shared_from_this()](error_code readError, std::size_t) { self->onBody(readError); });
}

// Reserves the body bytes received so far against the server's bound on
// bodies in flight; false when the bound is reached.
bool HttpConnection::reserveReceivedBody() {
  const std::size_t received = parser_->get().body().size();
  if (received <= reservedBody_) return true;
  const std::size_t wanted = (received / kReserveStep + 1) * kReserveStep;
  if (!frontEnd_.limits.reserveBody(wanted - reservedBody_)) return false;
  reservedBody_ = wanted;
  return true;
}

// ---------------------------------------------------------------- handing over

void HttpConnection::dispatch() {
  phase_ = Phase::Handling;
  disarm();
  auto message = parser_->release();
  parser_.reset();
  keepAlive_ = message.keep_alive();
  request_.body = std::move(message.body());
  if (frontEnd_.application.isQuick(request_)) {
    // Health checks and the like answer at once, whatever the workers do.
    HttpReply reply = frontEnd_.application.serve(request_);
    releaseBody();
    return send(std::move(reply));
  }
  admissionKey_ = request_.clientKey;
  admitted_ = true;
  frontEnd_.admission.admit(admissionKey_, [self = shared_from_this()] {
    asio::post(self->socket_.get_executor(), [self] {
      if (self->phase_ != Phase::Handling) {
        // Closed while it waited: its place goes to the client's next request.
        self->admitted_ = false;
        return self->frontEnd_.admission.done(self->admissionKey_);
      }
      self->onWorker(&HttpConnection::serveOnWorker);
    });
  });
}

void HttpConnection::serveOnWorker() {
  HttpReply reply;
  if (!closed_) {
    try {
      reply = frontEnd_.application.serve(request_);
    } catch (const std::exception& e) {
      Poco::Logger::get("jadwal.http").error(request_.method + ": " + e.what());
      reply = frontEnd_.application.refuse(500, request_, "Internal server error");
      reply.close = true;
    }
  }
  asio::post(socket_.get_executor(),
             [self = shared_from_this(), reply = std::move(reply)]() mutable { self->onServed(std::move(reply)); });
}

void HttpConnection::onServed(HttpReply reply) {
  workerBusy_ = false;
  request_.body = std::string();
  releaseBody();
  if (phase_ != Phase::Handling) {
    // Closed meanwhile: the answer has nobody to go to.
    reply_ = std::move(reply);
    answering_ = true;
    return finish(false);
  }
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
    Poco::Logger::get("jadwal.http").error(std::string("refusing a request: ") + e.what());
    reply.status = status;
    reply.body = reason + "\n";
  }
  reply.close = true;
  send(std::move(reply));
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
  closed_ = true;
  disarm();
  error_code ignored;
  socket_.close(ignored);
  releaseBody();
  parser_.reset();
  // An answer cut off is still counted; a worker still busy with it counts
  // it when it hands it back.
  if (answering_ && !workerBusy_) finish(false);
}

void HttpConnection::releaseBody() {
  if (reservedBody_ == 0) return;
  frontEnd_.limits.releaseBody(reservedBody_);
  reservedBody_ = 0;
}

// ---------------------------------------------------------------- deadlines

void HttpConnection::arm(Clock::duration duration) { armUntil(Clock::now() + duration); }

void HttpConnection::armUntil(Clock::time_point deadline) {
  const auto generation = ++deadlineGeneration_;
  timer_.expires_at(deadline);
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
