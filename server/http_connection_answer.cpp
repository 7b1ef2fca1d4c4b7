// Writing an answer: the head and what body is ready go out at once; a
// streamed body is produced part by part on a worker, each part only after
// the client took the one before. The whole answer has one deadline that
// moves only as bytes go out: the base time plus what was sent at the
// minimum rate, so a client that reads slower than that is cut off however
// long the answer is.

#include <Poco/Logger.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "server/http_connection.h"
#include "server/http_wire.h"

namespace jadwal::server {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::size_t kChunkSize = 64 * 1024;

}  // namespace

void HttpConnection::send(HttpReply reply) {
  phase_ = Phase::Writing;
  reply_ = std::move(reply);
  answering_ = true;
  const bool headRequest = request_.method == "HEAD";
  keepAlive_ = keepAlive_ && !reply_.close && frontEnd_.options.keepAlive.count() > 0 && !frontEnd_.stopping;

  Framing framing;
  framing.requestVersion = request_.version;
  const int status = reply_.status;
  if (status < 200 || status == 204 || status == 304 || (headRequest && (reply_.stream || reply_.body.empty()))) {
    // No body, and for HEAD of a streamed (or not built) answer no length
    // either: it is not known.
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
  sentBytes_ = 0;
  sendStarted_ = Clock::now();
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
  sentBytes_ += total;
  const auto& options = frontEnd_.options;
  const auto earned = options.minBytesPerSecond == 0
                          ? Clock::duration::zero()
                          : std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                static_cast<double>(sentBytes_) / options.minBytesPerSecond));
  armUntil(sendStarted_ + options.sendTimeout + earned);
  asio::async_write(socket_, out_, [self = shared_from_this()](error_code ec, std::size_t) { self->onWritten(ec); });
}

void HttpConnection::onWritten(error_code ec) {
  if (phase_ != Phase::Writing) return;
  if (ec) return closeNow();
  sentBodyBytes_ += pendingBodyBytes_;
  if (streaming_) return onWorker(&HttpConnection::produceOnWorker);
  finish(true);
  if (keepAlive_) return waitForRequest();
  closeGracefully();
}

void HttpConnection::produceOnWorker() {
  bool ok = true;
  if (!closed_) {
    try {
      composeNextChunk();
    } catch (const std::exception& e) {
      // The status line is gone already: all that is left is to cut the
      // answer short, which the client sees as an incomplete body.
      Poco::Logger::get("jadwal.http").error(request_.method + ": streaming the answer failed: " + e.what());
      ok = false;
    }
  }
  asio::post(socket_.get_executor(), [self = shared_from_this(), ok] { self->onProduced(ok); });
}

void HttpConnection::onProduced(bool ok) {
  workerBusy_ = false;
  if (phase_ != Phase::Writing) return finish(false);  // closed meanwhile (its deadline, or a stop)
  if (!ok) return closeNow();
  if (!out_.empty()) return write(chunk_.size());
  finish(true);
  if (keepAlive_) return waitForRequest();
  closeGracefully();
}

// Pulls the next part of a streamed body into out_ (on a worker); returns
// its size. An empty out_ means the body is complete and nothing is left.
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
  if (!answering_) return;
  answering_ = false;
  HttpTransfer transfer;
  transfer.bodyBytes = sentBodyBytes_;
  transfer.elapsed = Clock::now() - started_;
  transfer.completed = completed;
  try {
    frontEnd_.application.finished(request_, reply_, transfer);
  } catch (const std::exception& e) {
    Poco::Logger::get("jadwal.http").error(std::string("recording a request: ") + e.what());
  }
  if (admitted_) {
    admitted_ = false;
    frontEnd_.admission.done(admissionKey_);
  }
  reply_ = HttpReply{};
  head_.clear();
  chunk_ = std::string();
  out_.clear();
  streaming_ = false;
}

}  // namespace jadwal::server
