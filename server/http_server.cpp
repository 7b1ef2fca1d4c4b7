#include "server/http_server.h"

#include <Poco/Logger.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <system_error>
#include <thread>

#include "server/client_key.h"
#include "server/http_connection.h"
#include "server/http_wire.h"
#include "server/open_file_limit.h"

namespace jadwal::server {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kAcceptRetry = std::chrono::milliseconds(50);
constexpr auto kRefusalTime = std::chrono::seconds(1);
constexpr std::size_t kMaxRefusals = 256;

// Bounds connections by the open files the process may have (jadwald
// refuses to start short of them; this keeps an embedded server safe).
std::size_t connectionsTheProcessCanOpen(std::size_t wanted) {
  const auto limit = raiseOpenFileLimit();
  if (openFileShortfall(wanted, kDefaultDatabaseConnections, limit).empty()) return wanted;
  const std::size_t available =
      limit.soft > kReservedDescriptors ? static_cast<std::size_t>(limit.soft - kReservedDescriptors) : 1;
  Poco::Logger::get("jadwal.http")
      .warning("http.max_connections " + std::to_string(wanted) + " is more than the " + std::to_string(limit.soft) +
               " open files this process may have; serving at most " + std::to_string(available) + " connections");
  return available;
}

std::string refusalText(ConnectionLimits::Refusal refusal) {
  const std::string body = refusal == ConnectionLimits::Refusal::TooManyFromClient
                               ? "Too many connections from your address; close some and try again\n"
                               : "The server has too many connections; try again shortly\n";
  Framing framing;
  framing.length = body.size();
  framing.keepAlive = false;
  return responseHead(503, {{"Content-Type", "text/plain; charset=utf-8"}, {"Retry-After", "10"}}, framing) + body;
}

// A connection over a limit: it gets a 503 and is closed, without a
// thread and within a second. What the client sent meanwhile is read and
// dropped first, since closing on unread bytes makes the kernel answer with
// a reset that can destroy the 503 before the client reads it.
class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  Refusal(tcp::socket socket, std::string text, std::atomic<std::size_t>& inFlight)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), text_(std::move(text)), inFlight_(inFlight) {
    ++inFlight_;
  }
  ~Refusal() { --inFlight_; }

  void start() {
    timer_.expires_after(kRefusalTime);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->close();
    });
    asio::async_write(socket_, asio::buffer(text_), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close();
      error_code ignored;
      self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
      self->drain();
    });
  }

 private:
  void drain() {
    socket_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }
  void close() {
    error_code ignored;
    timer_.cancel();
    socket_.close(ignored);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string text_;
  std::atomic<std::size_t>& inFlight_;
  std::array<char, 512> scratch_{};
};

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions options_, HttpApplication& application)
      : options(std::move(options_)),
        frontEnd(options, application),
        io(options.ioThreads),
        acceptor(asio::make_strand(io)),
        acceptRetry(acceptor.get_executor()),
        work(asio::make_work_guard(io)) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // Out of descriptors (or another passing failure): wait a moment
        // instead of spinning on an accept that fails at once.
        Poco::Logger::get("jadwal.http").error("accept: " + ec.message());
        acceptRetry.expires_after(kAcceptRetry);
        acceptRetry.async_wait([this](error_code waitError) {
          if (!waitError) accept();
        });
        return;
      }
      admit(std::move(socket));
      accept();
    });
  }

  void admit(tcp::socket socket) {
    error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    if (ec) return;  // gone already
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    const std::string peer = address.to_string();
    Poco::Net::IPAddress peerAddress;
    const bool viaProxy = Poco::Net::IPAddress::tryParse(peer, peerAddress) && options.proxies.trusts(peerAddress);
    ConnectionLimits::Refusal refusal;
    auto slot = frontEnd.limits.open(clientKey(peer, options.ipv6PrefixBits), viaProxy, refusal);
    if (!slot) {
      // Refusals take a descriptor each for up to a second: past a bound of
      // their own, a refused connection is closed without a word.
      if (refusing.load() >= kMaxRefusals) return;
      std::make_shared<Refusal>(std::move(socket), refusalText(refusal), refusing)->start();
      return;
    }
    std::make_shared<HttpConnection>(std::move(socket), frontEnd, std::move(slot), peer, viaProxy)->start();
  }

  template <typename Action>
  void forEachConnection(Action action) {
    std::vector<std::shared_ptr<HttpConnection>> connections;
    {
      std::lock_guard lock(frontEnd.registryMutex);
      for (auto& [raw, weak] : frontEnd.registry)
        if (auto connection = weak.lock()) connections.push_back(std::move(connection));
    }
    for (auto& connection : connections) {
      asio::post(connection->executor(), [connection, action] { action(*connection); });
    }
  }

  void run() {
    for (;;) {
      try {
        io.run();
        return;
      } catch (const std::exception& e) {
        Poco::Logger::get("jadwal.http").error(e.what());
      }
    }
  }

  HttpServerOptions options;
  FrontEnd frontEnd;  // outlives the io_context: pending handlers hold connections
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::steady_timer acceptRetry;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::vector<std::thread> threads;
  std::atomic<std::size_t> refusing{0};  // refusals being written now
  bool stopped = false;
};

HttpServer::HttpServer(HttpServerOptions options, HttpApplication& application) {
  options.maxConnections = connectionsTheProcessCanOpen(options.maxConnections);
  impl_ = std::make_unique<Impl>(std::move(options), application);
}

HttpServer::~HttpServer() {
  if (!impl_->threads.empty() && !impl_->stopped) stop(std::chrono::seconds(0));
}

void HttpServer::listen() {
  const auto address = asio::ip::make_address(impl_->options.address);
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  // SO_REUSEADDR lets a restart bind while old connections linger in
  // TIME_WAIT; unlike SO_REUSEPORT it does not let a second server share the port.
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(impl_->options.backlog);
}

void HttpServer::start() {
  impl_->accept();
  for (int i = 0; i < impl_->options.ioThreads; ++i) impl_->threads.emplace_back([this] { impl_->run(); });
}

bool HttpServer::stop(std::chrono::steady_clock::duration grace) {
  auto& impl = *impl_;
  impl.frontEnd.stopping = true;
  asio::post(impl.acceptor.get_executor(), [&impl] {
    error_code ignored;
    impl.acceptor.close(ignored);
    impl.acceptRetry.cancel();
  });
  impl.forEachConnection([](HttpConnection& connection) { connection.stopWhenIdle(); });

  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl.frontEnd.limits.openConnections() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Whatever is left (slow clients, answers still being taken) is cut off.
  impl.forEachConnection([](HttpConnection& connection) { connection.abort(); });
  const auto settle = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (impl.frontEnd.limits.openConnections() > 0 && std::chrono::steady_clock::now() < settle) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (impl.frontEnd.working > 0) return false;  // a worker is stuck in the application
  impl.work.reset();
  impl.io.stop();
  for (auto& thread : impl.threads) thread.join();
  impl.frontEnd.workers.join();
  impl.threads.clear();
  impl.stopped = true;
  return true;
}

std::uint16_t HttpServer::port() const {
  error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

std::size_t HttpServer::openConnections() const { return impl_->frontEnd.limits.openConnections(); }

std::uint64_t HttpServer::refusedConnections() const {
  return impl_->frontEnd.limits.refusedFromClients() + impl_->frontEnd.limits.refusedInAll();
}

ConnectionCounts HttpServer::connectionCounts() const {
  const auto& limits = impl_->frontEnd.limits;
  return {limits.openConnections(), limits.refusedFromClients(), limits.refusedInAll()};
}

std::size_t HttpServer::pendingBodyBytes() const { return impl_->frontEnd.limits.pendingBodyBytes(); }

}  // namespace jadwal::server
