#pragma once
// One client connection of the HTTP front end (private to the server's
// http_*.cpp files): a state machine that waits for a request, reads its
// head and body against deadlines, hands it to the application on a worker
// thread, writes the answer (a streamed body is produced on a worker, part
// by part, as the client takes it) and starts over while the connection may
// be kept alive. Its handlers run on its own strand; a worker touches the
// request and the answer only while `workerBusy_` says so, and the strand
// leaves them alone meanwhile.
//
// http_connection.cpp: reading, handing over, closing and deadlines.
// http_connection_answer.cpp: writing the answer.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
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
#include "server/request_admission.h"

namespace jadwal::server {

class HttpConnection;

// What the server shares with its connections.
struct FrontEnd {
  FrontEnd(const HttpServerOptions& options_, HttpApplication& application_)
      : options(options_),
        application(application_),
        limits(options_.maxConnections, options_.maxConnectionsPerClient, options_.maxPendingBodyBytes),
        admission(options_.maxRequestsPerClient),
        workers(static_cast<std::size_t>(options_.threads)) {}

  const HttpServerOptions& options;
  HttpApplication& application;
  ConnectionLimits limits;
  RequestAdmission admission;
  boost::asio::thread_pool workers;  // runs the application and produces streamed answers
  std::atomic<bool> stopping{false};
  std::atomic<int> working{0};  // tasks of connections on the workers now
  std::mutex registryMutex;
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> registry;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using Clock = std::chrono::steady_clock;

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

  // --- reading (http_connection.cpp) ---
  void waitForRequest();
  void readHead();
  void onHead(boost::system::error_code ec);
  void captureHead();
  bool checkHead();
  void readBody();
  void onBody(boost::system::error_code ec);
  bool reserveReceivedBody();
  void dispatch();
  void serveOnWorker();
  void onServed(HttpReply reply);
  void refuse(int status, const std::string& reason);
  // --- answering (http_connection_answer.cpp) ---
  void send(HttpReply reply);
  void write(std::size_t bodyBytes);
  void onWritten(boost::system::error_code ec);
  void produceOnWorker();
  void onProduced(bool ok);
  std::size_t composeNextChunk();
  void finish(bool completed);
  // --- closing and deadlines (http_connection.cpp) ---
  void closeGracefully();
  void drainThenClose();
  void closeNow();
  void arm(Clock::duration duration);
  void armUntil(Clock::time_point deadline);
  void disarm();
  void onDeadline();
  void releaseBody();
  void onWorker(void (HttpConnection::*task)());

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
  bool workerBusy_ = false;          // a worker uses request_ or reply_ now
  bool admitted_ = false;            // the request holds a place in the client's admission
  bool answering_ = false;           // reply_ is being sent: finish() is owed
  std::atomic<bool> closed_{false};  // read by workers: skip the work of a closed connection
  std::uint64_t deadlineGeneration_ = 0;
  std::size_t reservedBody_ = 0;
  Clock::time_point bodyStarted_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;

  HttpRequest request_;
  std::string admissionKey_;
  HttpReply reply_;
  Clock::time_point started_;
  Clock::time_point sendStarted_;
  std::string head_;
  std::string chunk_;
  std::string chunkPrefix_;
  std::vector<boost::asio::const_buffer> out_;
  std::size_t pendingBodyBytes_ = 0;  // body bytes in the write in flight
  std::uint64_t sentBodyBytes_ = 0;
  std::uint64_t sentBytes_ = 0;  // everything written for this answer, for its deadline
  bool streaming_ = false;
  bool chunked_ = false;
  std::size_t drained_ = 0;
};

}  // namespace jadwal::server
