#include "server/http_handler.h"

#include <Poco/Logger.h>
#include <Poco/String.h>

#include <ctime>

#include "base/clock.h"
#include "base/secret_paths.h"
#include "caldav/dav.h"
#include "server/request_router.h"
#include "server/request_target.h"
#include "web/too_large_page.h"
#include "web/web.h"
#include "web/web_page.h"

namespace jadwal::server {
namespace {

HttpReply textReply(int status, std::string text) {
  HttpReply reply;
  reply.status = status;
  reply.setHeader("Content-Type", "text/plain; charset=utf-8");
  reply.body = std::move(text);
  return reply;
}

HttpReply methodNotAllowed() {
  auto reply = textReply(405, "Method not allowed\n");
  reply.setHeader("Allow", "GET, HEAD");
  return reply;
}

HttpReply fromWeb(web::WebResponse answer) {
  HttpReply reply;
  reply.status = answer.status;
  reply.headers = std::move(answer.headers);
  if (answer.status != 204 && answer.status != 304) reply.setHeader("Content-Type", answer.contentType);
  reply.body = std::move(answer.body);
  return reply;
}

// The request path as sent, without the query: logged raw so that nothing
// decoded can break the line format or leak query tokens.
std::string rawPathOf(const std::string& target) {
  const auto query = target.find_first_of("?#");
  return query == std::string::npos ? target : target.substr(0, query);
}

// Headers by case-insensitive name, repeats folded into one list.
template <typename Map>
void foldHeaders(const HttpRequest& request, Map& out, bool skipAuthorization) {
  for (const auto& [name, value] : request.headers) {
    if (skipAuthorization && Poco::icompare(name, "Authorization") == 0) continue;  // the password stays here
    auto [it, inserted] = out.emplace(name, value);
    if (!inserted) it->second += (Poco::icompare(name, "Cookie") == 0 ? "; " : ", ") + value;
  }
}

web::WebRequest webRequestOf(const HttpRequest& request, const RequestTarget& target,
                             std::multimap<std::string, std::string> query) {
  web::WebRequest web;
  web.method = request.method;
  web.path = target.path;
  web.query = std::move(query);
  foldHeaders(request, web.headers, false);
  web.remoteAddress = request.clientAddress;
  web.clientKey = request.clientKey;
  web.body = request.body;
  return web;
}

bool isDavPath(std::string_view path) { return path == "/dav" || path.starts_with("/dav/"); }

class RequestServer {
 public:
  RequestServer(ServerContext& context, const HttpRequest& request) : context_(context), request_(request) {}

  HttpReply serve() {
    std::string error;
    auto target = parseRequestTarget(request_.target, error);
    if (!target) return badTarget(error);
    if (target->path == "*") {
      if (request_.method != "OPTIONS") return textReply(400, "Bad request: * is only for OPTIONS\n");
      target->path = "/";
    }
    const std::string& method = request_.method;
    switch (routeFor(method, target->path)) {
      case Route::WellKnownCaldav: {
        HttpReply reply;
        reply.status = 301;
        reply.setHeader("Location", context_.publicUrl + "/dav/");
        return reply;
      }
      case Route::Health:
        return serveHealth(method);
      case Route::Metrics:
        return serveMetrics(method);
      case Route::Dav:
        return serveDav(target->path);
      case Route::Web:
        if (context_.web) return serveWeb(*target);
        break;
      case Route::NotFound:
        break;
    }
    return notFound(*target);
  }

  // Whoever is not a CalDAV client (those live under /dav) is most likely a
  // person with a mistyped link: the site's page in their language.
  bool answersAsPage(const RequestTarget& target) const {
    const std::string& method = request_.method;
    return context_.web && (method == "GET" || method == "HEAD") && !isDavPath(target.path);
  }

  HttpReply notFound(const RequestTarget& target) {
    if (!answersAsPage(target)) return textReply(404, "Not found\n");
    return pageReply(target, 404, "error.not_found_title", "error.not_found");
  }

  // A link cut short (a chat app dropping the end of "%20") cannot be read:
  // a person outside /dav gets the site's page in their browser's language.
  HttpReply badTarget(const std::string& error) {
    const std::string raw = rawPathOf(request_.target);
    const bool dav = raw == "/dav" || raw.starts_with("/dav/");
    if (!context_.web || dav || (request_.method != "GET" && request_.method != "HEAD"))
      return textReply(400, "Bad request: " + error + "\n");
    web::WebRequest page;
    page.method = request_.method;
    foldHeaders(request_, page.headers, true);
    web::WebResponse answer =
        web::messagePage(400, web::languageOf(page), "error.bad_request_title", "error.bad_request");
    web::addSecurityHeaders(answer);
    return fromWeb(std::move(answer));
  }

  HttpReply pageReply(const RequestTarget& target, int status, std::string_view title, std::string_view message) {
    const auto query = parseQuery(target.query).value_or(std::multimap<std::string, std::string>{});
    const std::string language = web::languageOf(webRequestOf(request_, target, query));
    web::WebResponse answer = web::messagePage(status, language, title, message);
    web::addSecurityHeaders(answer);
    return fromWeb(std::move(answer));
  }

 private:
  HttpReply serveHealth(const std::string& method) {
    if (method != "GET" && method != "HEAD") return methodNotAllowed();
    bool healthy = false;
    try {
      healthy = context_.store.ping();
    } catch (const std::exception& e) {
      Poco::Logger::get("jadwal.http").error(std::string("health check: ") + e.what());
    }
    return healthy ? textReply(200, "ok\n") : textReply(503, "database unavailable\n");
  }

  HttpReply serveMetrics(const std::string& method) {
    if (method != "GET" && method != "HEAD") return methodNotAllowed();
    HttpReply reply;
    reply.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    reply.body = context_.metrics.render();
    return reply;
  }

  HttpReply serveDav(const std::string& path) {
    AuthResult auth;
    if (request_.has("Authorization"))
      auth = context_.authenticator.authenticateFrom(request_.header("Authorization"), request_.clientKey);
    if (auth.throttled) {
      auto reply = textReply(429, "Too many failed logins from your address; try again later\n");
      reply.setHeader("Retry-After", "3600");
      return reply;
    }
    if (auth.busy) {
      auto reply = textReply(503, "Too many logins are being checked at once; try again in a moment\n");
      reply.setHeader("Retry-After", std::to_string(kBusyRetrySeconds));
      return reply;
    }
    const auto& user = auth.user;
    if (!user) {
      auto reply = textReply(401, "Authentication required\n");
      reply.setHeader("WWW-Authenticate", kBasicChallenge);
      return reply;
    }

    caldav::DavRequest dav;
    dav.method = request_.method;
    dav.path = path;
    foldHeaders(request_, dav.headers, true);
    dav.body = request_.body;
    dav.user = caldav::Principal{user->id, user->name, user->role, user->displayName};
    caldav::DavResponse answer = context_.dav.handle(dav);
    HttpReply reply;
    reply.status = answer.status;
    reply.headers = std::move(answer.headers);
    reply.body = std::move(answer.body);
    reply.stream = std::move(answer.stream);
    reply.user = user->name;
    return reply;
  }

  // The web app: pages see the whole request, the Authorization header
  // included (attachments accept Basic auth from phones).
  HttpReply serveWeb(const RequestTarget& target) {
    auto query = parseQuery(target.query);
    if (!query) return pageReply(target, 400, "error.bad_request_title", "error.bad_request");
    return fromWeb(web::handleWeb(*context_.web, webRequestOf(request_, target, std::move(*query))));
  }

  ServerContext& context_;
  const HttpRequest& request_;
};

// A failure while answering: a person outside /dav reads the site's page in
// their language; a CalDAV client, or a page that cannot be drawn, the plain words.
HttpReply internalErrorReply(const ServerContext& context, const HttpRequest& request) {
  std::string error;
  auto target = request.target.empty() ? std::nullopt : parseRequestTarget(request.target, error);
  if (context.web && target && !isDavPath(target->path) &&
      (request.method == "GET" || request.method == "HEAD" || routeFor(request.method, target->path) == Route::Web)) {
    try {
      auto query = parseQuery(target->query).value_or(std::multimap<std::string, std::string>{});
      const std::string language = web::languageOf(webRequestOf(request, *target, std::move(query)));
      web::WebResponse answer = web::messagePage(500, language, "error.internal_title", "error.internal");
      web::addSecurityHeaders(answer);
      return fromWeb(std::move(answer));
    } catch (const std::exception&) {
      // fall through to the plain answer
    }
  }
  return textReply(500, "Internal server error\n");
}

}  // namespace

HttpReply RequestHandler::serve(const HttpRequest& request) {
  ActiveRequest active(context_.metrics);
  try {
    return RequestServer(context_, request).serve();
  } catch (const std::exception& e) {
    Poco::Logger::get("jadwal.http")
        .error(request.method + " " + base::loggablePath(rawPathOf(request.target)) + ": " + e.what());
    auto reply = internalErrorReply(context_, request);
    reply.close = true;
    return reply;
  }
}

// /healthz and /metrics answer on the thread that read them: a monitor must
// see the server answer while every worker is busy.
bool RequestHandler::isQuick(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") return false;
  const std::string path = rawPathOf(request.target);
  return path == "/healthz" || path == "/metrics";
}

HttpReply RequestHandler::refuse(int status, const HttpRequest& request, const std::string& reason) {
  std::string error;
  auto target = request.target.empty() ? std::nullopt : parseRequestTarget(request.target, error);
  const bool web = context_.web && target && routeFor(request.method, target->path) == Route::Web;
  HttpReply reply;
  if (web && status != 500) {
    // Mostly a scan too big for the form, or a phone on a slow line: say so
    // in the page's language.
    web::WebRequest page =
        webRequestOf(request, *target, parseQuery(target->query).value_or(std::multimap<std::string, std::string>{}));
    const std::string language = web::languageOf(page);
    std::string_view title = "error.bad_request_title", message = "error.bad_request";
    if (status == 413) title = "error.too_large_title", message = "error.too_large";
    if (status == 408) title = "error.timeout_title", message = "error.timeout";
    if (status == 503) title = "error.busy_title", message = "error.receiving_busy";
    // Too large to read: the filled form is only in the browser's history.
    web::WebResponse answer =
        status == 413 ? web::tooLargePage(language) : web::messagePage(status, language, title, message);
    web::addSecurityHeaders(answer);
    reply = fromWeb(std::move(answer));
  } else {
    reply = textReply(status, reason + "\n");
  }
  if (status == 503) reply.setHeader("Retry-After", "10");
  reply.close = true;
  return reply;
}

void RequestHandler::finished(const HttpRequest& request, const HttpReply& reply, const HttpTransfer& transfer) {
  const double seconds = std::chrono::duration<double>(transfer.elapsed).count();
  context_.metrics.record(request.method, reply.status, seconds);
  if (!context_.accessLog.enabled()) return;
  AccessRecord record;
  record.remoteAddress = request.clientAddress.empty() ? request.peerAddress : request.clientAddress;
  record.user = reply.user;
  record.method = request.method.empty() ? "-" : request.method;
  record.path = request.target.empty() ? "-" : rawPathOf(request.target);
  record.version = request.version == 10 ? "HTTP/1.0" : "HTTP/1.1";
  record.status = reply.status;
  record.bytes = transfer.bodyBytes;
  record.milliseconds = seconds * 1000;
  record.unixTime = base::systemClock().now();
  context_.accessLog.write(record);
}

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (Poco::icompare(key, std::string(name)) == 0) return value;
  return {};
}

bool HttpRequest::has(std::string_view name) const {
  for (const auto& header : headers)
    if (Poco::icompare(header.first, std::string(name)) == 0) return true;
  return false;
}

}  // namespace jadwal::server
