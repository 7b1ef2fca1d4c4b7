#pragma once
// The HTTP/1.1 front end: an event-driven server (Boost.Asio, with
// Boost.Beast's parser) in front of an HttpApplication.
//
// A connection costs a socket and a small buffer while it waits or trickles,
// never a thread: `ioThreads` read and write for every connection without
// blocking, and only a complete request reaches the application, on one of
// `threads` workers, at most `maxRequestsPerClient` of one client at once.
// Every phase has one deadline for the whole phase, not per read: the
// request head, the body and the answer (a base time plus what went through
// at the minimum rate, so a client slower than that meets it), and the idle
// time between requests. Connections are bounded in all and per client
// address, and so are the body bytes being received at once.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http_exchange.h"
#include "server/metrics.h"
#include "server/trusted_proxies.h"

namespace jadwal::server {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;                       // 0: any free port (tests)
  int threads = 16;                             // workers that run the application and produce streamed answers
  int ioThreads = 2;                            // threads that read and write for every connection
  std::size_t maxRequestsPerClient = 6;         // requests of one client the workers run at once; more wait
  int backlog = 64;                             // connections the kernel queues before accepting
  std::chrono::seconds headerTimeout{10};       // the whole request head
  std::chrono::seconds bodyTimeout{30};         // the body: this plus its size at minBytesPerSecond
  std::chrono::seconds sendTimeout{30};         // the answer: this plus its size at minBytesPerSecond
  std::chrono::seconds keepAlive{15};           // idle between requests; 0: one request per connection
  std::size_t minBytesPerSecond = 8192;         // slowest transfer rate a body or answer may take
  std::size_t maxHeaderBytes = 16384;           // the request line and headers
  std::size_t maxBodyBytes = 33554432;          // one request body
  std::size_t maxPendingBodyBytes = 268435456;  // bodies being received at once, in all
  std::size_t maxConnections = 10000;
  std::size_t maxConnectionsPerClient = 64;  // per client (client_key.h); a trusted proxy counts in the total only
  int ipv6PrefixBits = 64;                   // an IPv6 client is its address's prefix of this length
  TrustedProxies proxies;
};

class HttpServer {
 public:
  // `application` must outlive the server.
  HttpServer(HttpServerOptions options, HttpApplication& application);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. Throws std::system_error when the address is taken
  // (a second server on the same port fails: no SO_REUSEPORT) or invalid.
  void listen();
  // Starts the threads; the server answers from now on.
  void start();
  // Stops accepting, closes idle connections and lets requests in progress
  // finish, for at most `grace`; then closes what is left. Returns false
  // when the application was still busy with a request at the end (its
  // thread cannot be joined: the caller should exit the process).
  bool stop(std::chrono::steady_clock::duration grace);

  std::uint16_t port() const;  // the bound port, after listen()
  std::size_t openConnections() const;
  std::uint64_t refusedConnections() const;   // over a connection limit, since start
  ConnectionCounts connectionCounts() const;  // open now, and refused by each limit
  std::size_t pendingBodyBytes() const;       // request bodies being received now

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jadwal::server
