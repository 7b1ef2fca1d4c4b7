#pragma once
// What the HTTP front end (server/http_server.h) hands to the application
// and what it gets back: plain values, so the application is tested
// without sockets and knows nothing of how bytes travel.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "caldav/dav.h"

namespace jadwal::server {

struct HttpRequest {
  std::string method;                                        // as sent (methods are case-sensitive)
  std::string target;                                        // the request-target as sent
  int version = 11;                                          // 10 or 11
  std::vector<std::pair<std::string, std::string>> headers;  // in order, repeats kept
  std::string body;
  std::string peerAddress;    // the socket's peer
  std::string clientAddress;  // the peer, or what a trusted proxy says the client is
  std::string clientKey;      // what per-client bounds count by: clientKey() of clientAddress

  // The first value of a header (case-insensitive name), or "".
  std::string header(std::string_view name) const;
  bool has(std::string_view name) const;
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length and Connection
  std::string body;
  // When set, the body goes on past `body`: the front end pulls the rest
  // part by part while it sends (chunked), so a large answer is never whole
  // in memory.
  std::shared_ptr<caldav::BodyStream> stream;
  bool close = false;  // close the connection after this answer
  std::string user;    // the authenticated user, for the access log

  void setHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// How an answer went out, for the metrics and the access log.
struct HttpTransfer {
  std::uint64_t bodyBytes = 0;
  std::chrono::steady_clock::duration elapsed{};
  bool completed = true;  // false when the connection failed before the end
};

// The application behind the front end. Calls come from the front end's
// threads, many at once.
class HttpApplication {
 public:
  virtual ~HttpApplication() = default;
  // Answers a complete request. May block (database, password checks): it
  // runs on one of the front end's workers, never on a client's pace.
  virtual HttpReply serve(const HttpRequest& request) = 0;
  // Whether a request is answered at once on the thread that read it,
  // without waiting for a worker: only answers that never block long (a
  // health check), so that they still answer when every worker is busy.
  virtual bool isQuick(const HttpRequest& /*request*/) const { return false; }
  // The answer to a request the front end refuses before the application
  // sees it (400, 408, 413, 431, 503, ...): `request` has the head when it
  // was read (method and target may be empty), never a body. `reason` is
  // one line for people.
  virtual HttpReply refuse(int status, const HttpRequest& request, const std::string& reason) = 0;
  // Called once per answered request, after it was sent or failed.
  virtual void finished(const HttpRequest& request, const HttpReply& reply, const HttpTransfer& transfer) = 0;
};

}  // namespace jadwal::server
