#define BOOST_TEST_MODULE http_server
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "server/http_server.h"

using namespace jadwal::server;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// The application behind the front end in these tests: it says what it
// saw, and has a slow answer and a streamed one.
class EchoApplication : public HttpApplication {
 public:
  HttpReply serve(const HttpRequest& request) override {
    HttpReply reply;
    reply.setHeader("Content-Type", "text/plain");
    if (request.target == "/slow") std::this_thread::sleep_for(400ms);
    if (request.target == "/busy") std::this_thread::sleep_for(1500ms);
    if (request.target == "/stream") {
      reply.body = "start\n";
      reply.stream = std::make_shared<Parts>(5);
      return reply;
    }
    if (request.target == "/big-stream") {
      reply.stream = std::make_shared<Parts>(1000000, std::string(64 << 10, 'b'));
      return reply;
    }
    reply.body = request.method + " " + request.target + " body=" + std::to_string(request.body.size()) +
                 " client=" + request.clientAddress;
    return reply;
  }
  HttpReply refuse(int status, const HttpRequest&, const std::string& reason) override {
    HttpReply reply;
    reply.status = status;
    reply.body = reason + "\n";
    return reply;
  }
  bool isQuick(const HttpRequest& request) const override { return request.target == "/quick"; }
  void finished(const HttpRequest&, const HttpReply&, const HttpTransfer& transfer) override {
    ++finishedCount;
    if (!transfer.completed) ++cutCount;
  }
  std::atomic<int> finishedCount{0};
  std::atomic<int> cutCount{0};

 private:
  class Parts : public jadwal::caldav::BodyStream {
   public:
    explicit Parts(int count, std::string filler = "") : left_(count), filler_(std::move(filler)) {}
    bool next(std::string& out) override {
      out += filler_.empty() ? "part " + std::to_string(left_) + "\n" : filler_;
      return --left_ > 0;
    }

   private:
    int left_;
    std::string filler_;
  };
};

// One blocking client connection with a receive timeout.
class Client {
 public:
  explicit Client(std::uint16_t port, const char* from = nullptr, int receiveBuffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    // A small window keeps the kernel from taking megabytes on the client's behalf.
    if (receiveBuffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    if (from != nullptr) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      inet_pton(AF_INET, from, &local.sin_addr);
      BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~Client() { ::close(fd_); }
  int fd() const { return fd_; }
  void send(std::string_view bytes) { (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  // Everything until the server closes (or the timeout).
  std::string readAll() {
    std::string all;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      all.append(buffer, static_cast<std::size_t>(n));
    }
    return all;
  }
  // Reads `bytes` and stops.
  std::size_t readSome(std::size_t bytes) {
    std::string part(bytes, '\0');
    const ssize_t n = ::recv(fd_, part.data(), bytes, 0);
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  // At least `bytes` bytes, or what came before the timeout.
  std::string readAtLeast(std::size_t bytes) {
    std::string all;
    char buffer[4096];
    while (all.size() < bytes) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      all.append(buffer, static_cast<std::size_t>(n));
    }
    return all;
  }
  // One answer with a Content-Length body.
  std::string readResponse() {
    std::string all;
    char buffer[4096];
    for (;;) {
      const auto end = all.find("\r\n\r\n");
      if (end != std::string::npos) {
        const auto length = all.find("Content-Length: ");
        const std::size_t body = length == std::string::npos ? 0 : std::stoul(all.substr(length + 16));
        if (all.size() >= end + 4 + body) return all;
      }
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return all;
      all.append(buffer, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_ = -1;
};

struct Server {
  explicit Server(HttpServerOptions options = {}) {
    options.port = 0;
    server = std::make_unique<HttpServer>(std::move(options), application);
    server->listen();
    server->start();
  }
  ~Server() { server->stop(2s); }
  std::uint16_t port() const { return server->port(); }
  EchoApplication application;
  std::unique_ptr<HttpServer> server;
};

HttpServerOptions quick() {
  HttpServerOptions options;
  options.threads = 2;
  options.headerTimeout = 1s;
  options.bodyTimeout = 1s;
  options.sendTimeout = 2s;
  options.keepAlive = 2s;
  return options;
}

std::string statusLineOf(const std::string& response) { return response.substr(0, response.find("\r\n")); }

}  // namespace

BOOST_AUTO_TEST_CASE(answers_and_keeps_the_connection_alive) {
  Server server(quick());
  Client client(server.port());
  client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string first = client.readResponse();
  BOOST_TEST(statusLineOf(first) == "HTTP/1.1 200 OK");
  BOOST_TEST(first.find("GET /a body=0 client=127.0.0.1") != std::string::npos);
  BOOST_TEST(first.find("X-Content-Type-Options: nosniff") != std::string::npos);
  client.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  BOOST_TEST(client.readResponse().find("POST /b body=5") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  Server server(quick());
  Client client(server.port());
  client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string both = client.readAll();
  BOOST_TEST(both.find("GET /1") != std::string::npos);
  BOOST_TEST(both.find("GET /2") > both.find("GET /1"));
}

BOOST_AUTO_TEST_CASE(the_head_deadline_is_for_the_whole_head_not_per_read) {
  Server server(quick());
  Client client(server.port());
  const std::string head = "GET /trickle HTTP/1.1\r\nHost: x\r\nX-Pad: aaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  const auto started = Clock::now();
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    // A byte every 100 ms: each read is quick, the head takes 6 s in all.
    for (char c : head) {
      if (done) return;
      client.send(std::string(1, c));
      std::this_thread::sleep_for(100ms);
    }
  });
  const std::string answer = client.readAll();
  done = true;
  trickler.join();
  const auto elapsed = Clock::now() - started;
  BOOST_TEST(statusLineOf(answer) == "HTTP/1.1 408 Request Timeout");
  BOOST_TEST(answer.find("Connection: close") != std::string::npos);
  BOOST_TEST((elapsed < 2500ms));
}

BOOST_AUTO_TEST_CASE(waiting_clients_hold_no_thread) {
  auto options = quick();
  options.threads = 1;
  options.headerTimeout = 10s;
  Server server(options);
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 40; ++i) {
    idle.push_back(std::make_unique<Client>(server.port()));
    idle.back()->send("PROPFIND /dav/ HTTP/1.1\r\nHost: x\r\n");  // never finished
  }
  const auto started = Clock::now();
  Client client(server.port());
  client.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(client.readResponse().find("GET /ok") != std::string::npos);
  BOOST_TEST((Clock::now() - started < 500ms));
}

BOOST_AUTO_TEST_CASE(connections_per_client_are_bounded) {
  auto options = quick();
  options.maxConnectionsPerClient = 3;
  Server server(options);
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<Client>(server.port()));
  std::this_thread::sleep_for(100ms);  // accepted
  Client refused(server.port());
  const std::string answer = refused.readAll();
  BOOST_TEST(statusLineOf(answer) == "HTTP/1.1 503 Service Unavailable");
  BOOST_TEST(answer.find("Retry-After:") != std::string::npos);
  BOOST_TEST(server.server->refusedConnections() == 1u);
  held.pop_back();
  std::this_thread::sleep_for(100ms);
  Client again(server.port());
  again.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(again.readResponse().find("GET /again") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ambiguous_framing_is_refused) {
  Server server(quick());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"two lengths", "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"},
      {"a length list", "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello"},
      {"length and chunked", "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"},
      {"a coding that is not chunked", "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nhello"},
      {"chunked then another coding", "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"},
      {"a negative length", "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"},
      {"a bad chunk", "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"},
      {"a header without a colon", "GET /x HTTP/1.1\r\nHost x\r\n\r\n"},
      {"a bare LF in a header value", "GET /x HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"},
  };
  for (const auto& [name, request] : cases) {
    Client client(server.port());
    client.send(request);
    BOOST_TEST(statusLineOf(client.readAll()) == "HTTP/1.1 400 Bad Request", name);
  }
}

BOOST_AUTO_TEST_CASE(sizes_and_versions) {
  auto options = quick();
  options.maxBodyBytes = 100;
  options.maxHeaderBytes = 1024;
  Server server(options);
  {
    Client client(server.port());
    client.send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n");
    BOOST_TEST(statusLineOf(client.readAll()) == "HTTP/1.1 413 Content Too Large");
  }
  {
    Client client(server.port());
    client.send("PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + std::string(101, 'x') +
                "\r\n0\r\n\r\n");
    BOOST_TEST(statusLineOf(client.readAll()) == "HTTP/1.1 413 Content Too Large");
  }
  {
    Client client(server.port());
    client.send("GET /x HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n");
    BOOST_TEST(statusLineOf(client.readAll()) == "HTTP/1.1 431 Request Header Fields Too Large");
  }
  {
    Client client(server.port());
    client.send("GET /x HTTP/2.0\r\nHost: x\r\n\r\n");
    const std::string status = statusLineOf(client.readAll());
    BOOST_TEST((status == "HTTP/1.1 505 HTTP Version Not Supported" || status == "HTTP/1.1 400 Bad Request"));
  }
  {
    Client client(server.port());
    client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    const std::string status = statusLineOf(client.readAll());
    BOOST_TEST((status == "HTTP/1.1 505 HTTP Version Not Supported" || status == "HTTP/1.1 400 Bad Request"));
  }
}

BOOST_AUTO_TEST_CASE(a_stalled_body_gets_408_at_its_deadline) {
  Server server(quick());
  Client client(server.port());
  const auto started = Clock::now();
  client.send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nBEGIN:");
  BOOST_TEST(statusLineOf(client.readAll()) == "HTTP/1.1 408 Request Timeout");
  BOOST_TEST((Clock::now() - started < 2500ms));
  BOOST_TEST(server.application.finishedCount == 1);
}

BOOST_AUTO_TEST_CASE(bodies_in_flight_are_bounded_by_what_arrived) {
  auto options = quick();
  options.maxPendingBodyBytes = 128 << 10;  // two steps of reservation
  options.bodyTimeout = 5s;
  Server server(options);
  Client first(server.port());
  const std::size_t length = 100 << 10;
  first.send("PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n" +
             std::string(length - 10, 'x'));
  std::this_thread::sleep_for(300ms);
  BOOST_TEST(server.server->pendingBodyBytes() == std::size_t{128 << 10});
  Client second(server.port());
  second.send("PUT /b HTTP/1.1\r\nHost: x\r\nContent-Length: 80\r\n\r\npart");
  BOOST_TEST(statusLineOf(second.readAll()) == "HTTP/1.1 503 Service Unavailable");
  first.send(std::string(10, 'x'));
  BOOST_TEST(first.readResponse().find("PUT /a body=102400") != std::string::npos);
  std::this_thread::sleep_for(100ms);
  BOOST_TEST(server.server->pendingBodyBytes() == 0u);
}

BOOST_AUTO_TEST_CASE(announced_lengths_reserve_nothing) {
  auto options = quick();
  options.maxPendingBodyBytes = 4 << 20;
  options.bodyTimeout = 5s;
  Server server(options);
  // Twenty clients announce 10 MiB each and send a byte: reserved at the
  // announced length, that took the whole bound and every other body got 503.
  std::vector<std::unique_ptr<Client>> stalled;
  for (int i = 0; i < 20; ++i) {
    stalled.push_back(std::make_unique<Client>(server.port()));
    stalled.back()->send("PUT /s HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\nx");
  }
  std::this_thread::sleep_for(300ms);
  Client client(server.port());
  client.send("PUT /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'y'));
  BOOST_TEST(client.readResponse().find("PUT /ok body=1000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_body_slower_than_the_minimum_rate_is_cut_off_as_it_goes) {
  auto options = quick();
  options.bodyTimeout = 1s;
  options.minBytesPerSecond = 1000;
  Server server(options);
  Client client(server.port());
  // 1 MB announced: at the minimum rate it would have 1,000 s. Sent at
  // 200 bytes a second, it falls behind the rate within a couple of seconds.
  client.send("PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  const auto started = Clock::now();
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    while (!done) {
      client.send(std::string(100, 'z'));
      std::this_thread::sleep_for(500ms);
    }
  });
  const std::string answer = client.readAll();
  done = true;
  trickler.join();
  BOOST_TEST(statusLineOf(answer) == "HTTP/1.1 408 Request Timeout");
  BOOST_TEST((Clock::now() - started < 4s));
}

BOOST_AUTO_TEST_CASE(streamed_answers_are_chunked_or_closed) {
  Server server(quick());
  {
    Client client(server.port());
    client.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string answer = client.readAll();
    BOOST_TEST(answer.find("Transfer-Encoding: chunked") != std::string::npos);
    BOOST_TEST(answer.find("Content-Length") == std::string::npos);
    BOOST_TEST(answer.find("6\r\nstart\n\r\n") != std::string::npos);
    BOOST_TEST(answer.find("part 5\npart 4\npart 3\npart 2\npart 1\n") != std::string::npos);
    BOOST_TEST(answer.ends_with("\r\n0\r\n\r\n"));
  }
  {
    Client client(server.port());
    client.send("GET /stream HTTP/1.0\r\n\r\n");
    const std::string answer = client.readAll();
    BOOST_TEST(answer.find("chunked") == std::string::npos);
    BOOST_TEST(answer.find("Connection: close") != std::string::npos);
    BOOST_TEST(answer.ends_with("start\npart 5\npart 4\npart 3\npart 2\npart 1\n"));
  }
}

BOOST_AUTO_TEST_CASE(quick_answers_do_not_wait_for_busy_workers) {
  auto options = quick();
  options.threads = 2;
  Server server(options);
  std::vector<std::unique_ptr<Client>> busy;
  for (const char* from : {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
    busy.push_back(std::make_unique<Client>(server.port(), from));
    busy.back()->send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  std::this_thread::sleep_for(200ms);  // both workers are busy now, one request waits
  const auto started = Clock::now();
  Client monitor(server.port());
  monitor.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(monitor.readResponse().find("GET /quick") != std::string::npos);
  BOOST_TEST((Clock::now() - started < 300ms));
  for (auto& client : busy) BOOST_TEST(client->readResponse().find("GET /busy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_client_cannot_take_every_worker) {
  auto options = quick();
  options.threads = 4;
  options.maxRequestsPerClient = 1;
  options.sendTimeout = 5s;
  Server server(options);
  Client first(server.port(), "127.0.0.2");
  Client second(server.port(), "127.0.0.2");
  Client other(server.port(), "127.0.0.3");
  const auto started = Clock::now();
  first.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n");
  second.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(100ms);
  other.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n");
  // The other client runs beside the first request; the second of the same
  // client waits for the first, holding no worker.
  BOOST_TEST(other.readResponse().find("GET /busy") != std::string::npos);
  BOOST_TEST((Clock::now() - started < 2500ms));
  BOOST_TEST(first.readResponse().find("GET /busy") != std::string::npos);
  BOOST_TEST(second.readResponse().find("GET /busy") != std::string::npos);
  BOOST_TEST((Clock::now() - started >= 3000ms));
}

BOOST_AUTO_TEST_CASE(one_ipv6_prefix_is_one_client_for_the_workers_share) {
  // Clients named by a trusted proxy: two addresses of one /64 share one
  // client's place, another /64 has its own.
  auto options = quick();
  options.threads = 4;
  options.maxRequestsPerClient = 1;
  options.sendTimeout = 5s;
  std::string error;
  options.proxies = *TrustedProxies::parse("127.0.0.1", error);
  Server server(options);
  Client first(server.port());
  Client second(server.port());
  Client other(server.port());
  const auto started = Clock::now();
  first.send("GET /busy HTTP/1.1\r\nHost: x\r\nX-Real-IP: 2001:db8:1:2::a\r\n\r\n");
  std::this_thread::sleep_for(100ms);
  second.send("GET /busy HTTP/1.1\r\nHost: x\r\nX-Real-IP: 2001:db8:1:2:ffff::b\r\n\r\n");
  other.send("GET /busy HTTP/1.1\r\nHost: x\r\nX-Real-IP: 2001:db8:1:3::a\r\n\r\n");
  BOOST_TEST(other.readResponse().find("client=2001:db8:1:3::a") != std::string::npos);
  BOOST_TEST((Clock::now() - started < 2500ms));
  BOOST_TEST(first.readResponse().find("client=2001:db8:1:2::a") != std::string::npos);
  // The application still sees the address, not the key.
  BOOST_TEST(second.readResponse().find("client=2001:db8:1:2:ffff::b") != std::string::npos);
  BOOST_TEST((Clock::now() - started >= 3000ms));
}

BOOST_AUTO_TEST_CASE(a_client_reading_slower_than_the_minimum_rate_is_cut_off) {
  auto options = quick();
  options.sendTimeout = 1s;
  options.minBytesPerSecond = 8 << 20;
  Server server(options);
  Client client(server.port());
  client.send("GET /big-stream HTTP/1.1\r\nHost: x\r\n\r\n");
  // 160 KB a second: every part of 64 KiB goes out within the base time,
  // but the answer as a whole falls behind 8 MiB a second.
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done && client.readSome(16 << 10) > 0) std::this_thread::sleep_for(100ms);
  });
  const auto started = Clock::now();
  while (server.application.cutCount == 0 && Clock::now() - started < 20s) std::this_thread::sleep_for(50ms);
  done = true;
  BOOST_TEST(server.application.cutCount == 1);
  BOOST_TEST((Clock::now() - started < 10s));
  ::shutdown(client.fd(), SHUT_RDWR);
  reader.join();
}

BOOST_AUTO_TEST_CASE(head_answers_carry_the_length_but_no_body) {
  Server server(quick());
  Client client(server.port());
  client.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string answer = client.readAll();
  BOOST_TEST(answer.find("Content-Length: 31") != std::string::npos);  // "HEAD /h body=0 client=127.0.0.1"
  BOOST_TEST(answer.find("HEAD /h body") == std::string::npos);
  BOOST_TEST(answer.find("GET /after") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(continue_is_sent_before_a_large_body) {
  Server server(quick());
  Client client(server.port());
  client.send("PUT /c HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  BOOST_TEST(client.readAtLeast(25) == "HTTP/1.1 100 Continue\r\n\r\n");
  client.send("data");
  BOOST_TEST(client.readResponse().find("PUT /c body=4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_trusted_proxy_names_the_client) {
  auto options = quick();
  std::string error;
  options.proxies = *TrustedProxies::parse("127.0.0.1", error);
  options.maxConnectionsPerClient = 1;  // the proxy is not held to it
  Server server(options);
  Client first(server.port());
  Client second(server.port());
  second.send("GET /p HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");
  BOOST_TEST(second.readResponse().find("client=198.51.100.7") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stop_lets_requests_in_progress_finish) {
  auto options = quick();
  options.port = 0;
  EchoApplication application;
  HttpServer server(options, application);
  server.listen();
  server.start();
  Client idle(server.port());
  Client busy(server.port());
  busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(100ms);  // inside the application now
  const auto port = server.port();
  BOOST_TEST(server.stop(3s));
  const std::string answer = busy.readAll();
  BOOST_TEST(statusLineOf(answer) == "HTTP/1.1 200 OK");
  BOOST_TEST(answer.find("Connection: close") != std::string::npos);
  BOOST_TEST(idle.readAll().empty());  // closed without a word
  BOOST_TEST(server.openConnections() == 0u);
  // Nobody listens any more.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_TEST(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0);
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(a_taken_port_is_an_error) {
  Server first(quick());
  auto options = quick();
  EchoApplication application;
  options.port = first.port();
  HttpServer second(options, application);
  BOOST_CHECK_THROW(second.listen(), std::exception);
}
