#pragma once
// The HTTP front of the server: one handler per request that routes it,
// authenticates what needs it, answers, and records the request in the
// metrics and the access log.
//
// /healthz and /metrics answer without authentication so that a local
// monitor can reach them; the reverse proxy in front must not expose
// /metrics to the internet.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <cstddef>
#include <string>

#include "server/access_log.h"
#include "server/authenticator.h"
#include "server/metrics.h"

namespace jadwal::caldav {
class DavHandler;
}

namespace jadwal::server {

struct WebContext;

// Everything a request handler needs; owned by the application and shared by
// all worker threads, each part being thread-safe.
struct ServerContext {
  sql::Store& store;
  caldav::DavHandler& dav;
  Authenticator& authenticator;
  Metrics& metrics;
  AccessLog& accessLog;
  std::string publicUrl;
  std::size_t maxBodyBytes = 0;
  WebContext* web = nullptr;  // the web app (server/web.h); null: its paths answer 404
};

class HttpRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit HttpRequestHandler(ServerContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

 private:
  ServerContext& context_;
};

class HttpRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HttpRequestHandlerFactory(ServerContext& context) : context_(context) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  ServerContext& context_;
};

}  // namespace jadwal::server
