#pragma once
// One client connection of the HTTP front end (private to http_server.cpp
// and http_connection.cpp): a state machine that waits for a request, reads
// its head and body against deadlines, hands it to the application, writes
// the answer (pulling a streamed body as the client takes it) and starts
// over while the connection may be kept alive. All its handlers run on its
// own strand, so it needs no locks.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/connection_limits.h"
#include "server/http_server.h"

namespace jadwal::server {

class HttpConnection;

// What the server shares with its connections.
struct FrontEnd {
  FrontEnd(const HttpServerOptions& options_, HttpApplication& application_)
      : options(options_),
        application(application_),
        limits(options_.maxConnections, options_.maxConnectionsPerClient, options_.maxPendingBodyBytes) {}

  const HttpServerOptions& options;
  HttpApplication& application;
  ConnectionLimits limits;
  std::atomic<bool> stopping{false};
  std::atomic<int> handling{0};  // requests inside the application now
  std::mutex registryMutex;
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> registry;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  using Socket = boost::asio::ip::tcp::socket;

  HttpConnection(Socket socket, FrontEnd& frontEnd, ConnectionLimits::Slot slot, std::string peer, bool viaProxy);
  ~HttpConnection();

  void start();
  // At shutdown: closes the connection if it waits for a request, else lets
  // the request in progress finish and closes after its answer.
  void stopWhenIdle();
  // Closes at once, whatever it was doing.
  void abort();
  Socket::executor_type executor() { return socket_.get_executor(); }

 private:
  enum class Phase { Idle, Head, Body, Handling, Writing, Closing, Closed };
  enum class Expiry { Close, Refuse };

  void waitForRequest();
  void readHead();
  void onHead(boost::system::error_code ec);
  void captureHead();
  bool checkHead();
  void readBody();
  void onBody(boost::system::error_code ec);
  void dispatch();
  void refuse(int status, const std::string& reason);
  void send(HttpReply reply);
  void write(std::size_t bodyBytes);
  void onWritten(boost::system::error_code ec);
  std::size_t composeNextChunk();
  void finish(bool completed);
  void closeGracefully();
  void drainThenClose();
  void closeNow();
  void arm(std::chrono::steady_clock::duration duration);
  void disarm();
  void onDeadline();
  void releaseBody();

  Socket socket_;
  boost::asio::steady_timer timer_;
  FrontEnd& frontEnd_;
  ConnectionLimits::Slot slot_;
  std::string peer_;
  bool viaProxy_;

  Phase phase_ = Phase::Idle;
  bool firstRequest_ = true;
  bool timedOut_ = false;
  bool keepAlive_ = false;
  std::uint64_t deadlineGeneration_ = 0;
  std::size_t reservedBody_ = 0;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;

  HttpRequest request_;
  HttpReply reply_;
  std::chrono::steady_clock::time_point started_;
  std::string head_;
  std::string chunk_;
  std::string chunkPrefix_;
  std::vector<boost::asio::const_buffer> out_;
  std::size_t pendingBodyBytes_ = 0;  // body bytes in the write in flight
  std::uint64_t sentBodyBytes_ = 0;
  bool streaming_ = false;
  bool chunked_ = false;
  std::size_t drained_ = 0;
};

}  // namespace jadwal::server
