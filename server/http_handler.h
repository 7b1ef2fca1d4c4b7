#pragma once
// The application behind the HTTP front end: routes a request, authenticates
// what needs it, answers, and records each request in the metrics and the
// access log. It sees only complete requests (server/http_exchange.h).
//
// /healthz and /metrics answer without authentication so that a local
// monitor can reach them; the reverse proxy in front must not expose
// /metrics to the internet.

#include <string>

#include "server/access_log.h"
#include "server/authenticator.h"
#include "server/http_exchange.h"
#include "server/metrics.h"

namespace jadwal::caldav {
class DavHandler;
}

namespace jadwal::web {
struct WebContext;
}

namespace jadwal::server {

// Everything a request needs; owned by the application and shared by all
// threads, each part being thread-safe.
struct ServerContext {
  sql::Store& store;
  caldav::DavHandler& dav;
  Authenticator& authenticator;
  Metrics& metrics;
  AccessLog& accessLog;
  std::string publicUrl;
  web::WebContext* web = nullptr;  // the web app (web/web.h); null: its paths answer 404
};

class RequestHandler : public HttpApplication {
 public:
  explicit RequestHandler(ServerContext& context) : context_(context) {}
  HttpReply serve(const HttpRequest& request) override;
  bool isQuick(const HttpRequest& request) const override;
  HttpReply refuse(int status, const HttpRequest& request, const std::string& reason) override;
  void finished(const HttpRequest& request, const HttpReply& reply, const HttpTransfer& transfer) override;

 private:
  ServerContext& context_;
};

}  // namespace jadwal::server
