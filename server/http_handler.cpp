#include "server/http_handler.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include "caldav/dav.h"
#include "server/body_reader.h"
#include "server/request_router.h"
#include "server/web.h"
#include "server/web_page.h"

namespace jadwal::server {
namespace {

using Poco::Net::HTTPResponse;

// What serving a request produced, before it is written out.
struct Outcome {
  caldav::DavResponse reply;
  std::string user;    // the authenticated user, for the access log
  bool close = false;  // the connection cannot be reused (unread or refused body)
};

caldav::DavResponse textReply(int status, std::string text) {
  caldav::DavResponse reply;
  reply.status = status;
  reply.setHeader("Content-Type", "text/plain; charset=utf-8");
  reply.body = std::move(text);
  return reply;
}

bool announcesBody(const Poco::Net::HTTPServerRequest& request) {
  if (request.getChunkedTransferEncoding()) return true;
  try {
    return request.hasContentLength() && request.getContentLength64() > 0;
  } catch (const Poco::Exception&) {
    return true;  // an unreadable length: treat the rest of the stream as unusable
  }
}

// The client's address. Behind the reverse proxy on the same host (the
// only proxy trusted: its connection comes from loopback), the address the
// proxy saw: X-Real-IP, else the last X-Forwarded-For hop, which the proxy
// appended itself (earlier hops are whatever the client claimed).
std::string clientAddressOf(const Poco::Net::HTTPServerRequest& request) {
  const Poco::Net::IPAddress peer = request.clientAddress().host();
  if (!peer.isLoopback()) return peer.toString();
  Poco::Net::IPAddress claimed;
  if (request.has("X-Real-IP") && Poco::Net::IPAddress::tryParse(Poco::trim(request.get("X-Real-IP")), claimed)) {
    return claimed.toString();
  }
  if (request.has("X-Forwarded-For")) {
    const std::string& hops = request.get("X-Forwarded-For");
    const auto comma = hops.rfind(',');
    const std::string last = Poco::trim(comma == std::string::npos ? hops : hops.substr(comma + 1));
    if (Poco::Net::IPAddress::tryParse(last, claimed)) return claimed.toString();
  }
  return peer.toString();
}

// The request path as sent, without the query: logged raw so that nothing
// decoded can break the line format or leak query tokens.
std::string rawPathOf(const std::string& uri) {
  const auto query = uri.find_first_of("?#");
  return query == std::string::npos ? uri : uri.substr(0, query);
}

class RequestServer {
 public:
  RequestServer(ServerContext& context, Poco::Net::HTTPServerRequest& request) : context_(context), request_(request) {}

  Outcome serve() {
    Outcome outcome;
    std::string path;
    try {
      path = Poco::URI(request_.getURI()).getPath();
    } catch (const Poco::Exception&) {
      outcome.reply = textReply(400, "Bad request: malformed URI\n");
      return finish(outcome);
    }
    const std::string& method = request_.getMethod();
    switch (routeFor(method, path)) {
      case Route::WellKnownCaldav:
        outcome.reply.status = 301;
        outcome.reply.setHeader("Location", context_.publicUrl + "/dav/");
        break;
      case Route::Health:
        outcome.reply = serveHealth(method);
        break;
      case Route::Metrics:
        outcome.reply = serveMetrics(method);
        break;
      case Route::Dav:
        serveDav(path, outcome);
        break;
      case Route::Web:
        if (context_.web) {
          serveWeb(path, outcome);
        } else {
          outcome.reply = textReply(404, "Not found\n");
        }
        break;
      case Route::NotFound:
        outcome.reply = textReply(404, "Not found\n");
        break;
    }
    return finish(outcome);
  }

 private:
  Outcome& finish(Outcome& outcome) {
    if (!bodyConsumed_ && announcesBody(request_)) outcome.close = true;
    return outcome;
  }

  caldav::DavResponse serveHealth(const std::string& method) {
    if (method != "GET" && method != "HEAD") return methodNotAllowed();
    bool healthy = false;
    try {
      healthy = context_.store.ping();
    } catch (const std::exception& e) {
      std::cerr << "jadwald: health check: " << e.what() << "\n";
    }
    return healthy ? textReply(200, "ok\n") : textReply(503, "database unavailable\n");
  }

  caldav::DavResponse serveMetrics(const std::string& method) {
    if (method != "GET" && method != "HEAD") return methodNotAllowed();
    caldav::DavResponse reply;
    reply.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    reply.body = context_.metrics.render();
    return reply;
  }

  static caldav::DavResponse methodNotAllowed() {
    auto reply = textReply(405, "Method not allowed\n");
    reply.setHeader("Allow", "GET, HEAD");
    return reply;
  }

  void serveDav(const std::string& path, Outcome& outcome) {
    const bool hasAuthorization = request_.has("Authorization");
    AuthResult auth;
    if (hasAuthorization)
      auth = context_.authenticator.authenticateFrom(request_.get("Authorization"), clientAddressOf(request_));
    if (auth.throttled) {
      outcome.reply = textReply(429, "Too many failed logins from your address; try again later\n");
      outcome.reply.setHeader("Retry-After", "3600");
      return;
    }
    if (auth.busy) {
      outcome.reply = textReply(503, "Too many logins are being checked at once; try again in a moment\n");
      outcome.reply.setHeader("Retry-After", std::to_string(kBusyRetrySeconds));
      return;
    }
    const auto& user = auth.user;
    if (!user) {
      outcome.reply = textReply(401, "Authentication required\n");
      outcome.reply.setHeader("WWW-Authenticate", kBasicChallenge);
      return;
    }
    outcome.user = user->name;

    std::string bodyBytes;
    if (!readBoundedBody(outcome, bodyBytes)) return;

    caldav::DavRequest dav;
    dav.method = request_.getMethod();
    dav.path = path;
    for (const auto& [name, value] : request_) {
      if (Poco::icompare(name, "Authorization") == 0) continue;  // the password stays here
      auto [it, inserted] = dav.headers.emplace(name, value);
      if (!inserted) it->second += ", " + value;  // repeated headers fold into one list
    }
    dav.body = std::move(bodyBytes);
    dav.user = caldav::Principal{user->id, user->name, user->role, user->displayName};
    outcome.reply = context_.dav.handle(dav);
  }

  // Reads the body within max_body_bytes into `bytes`; false when the
  // answer is already set (bad length, too large, incomplete).
  bool readBoundedBody(Outcome& outcome, std::string& bytes) {
    std::optional<std::uint64_t> declared;
    try {
      if (request_.hasContentLength()) {
        const auto length = request_.getContentLength64();
        if (length < 0) throw Poco::SyntaxException("negative Content-Length");
        declared = static_cast<std::uint64_t>(length);
      }
    } catch (const Poco::Exception&) {
      outcome.reply = textReply(400, "Bad request: invalid Content-Length\n");
      return false;
    }
    Body body = readBody(request_.stream(), declared, request_.getChunkedTransferEncoding(), context_.maxBodyBytes);
    if (body.status == BodyStatus::TooLarge) {
      outcome.reply = textReply(413, "Request body too large\n");
      return false;
    }
    bodyConsumed_ = true;
    if (body.status == BodyStatus::Incomplete) {
      outcome.reply = textReply(400, "Bad request: incomplete body\n");
      outcome.close = true;
      return false;
    }
    bytes = std::move(body.bytes);
    return true;
  }

  // The web app: pages see the whole request, the Authorization header
  // included (attachments accept Basic auth from phones).
  void serveWeb(const std::string& path, Outcome& outcome) {
    WebRequest web;
    web.method = request_.getMethod();
    web.path = path;
    try {
      for (auto& [name, value] : Poco::URI(request_.getURI()).getQueryParameters()) {
        web.query.emplace(std::move(name), std::move(value));
      }
    } catch (const Poco::Exception&) {
      outcome.reply = textReply(400, "Bad request: malformed query\n");
      return;
    }
    for (const auto& [name, value] : request_) {
      auto [it, inserted] = web.headers.emplace(name, value);
      if (!inserted) it->second += (Poco::icompare(name, "Cookie") == 0 ? "; " : ", ") + value;
    }
    web.remoteAddress = clientAddressOf(request_);
    if (!readBoundedBody(outcome, web.body)) {
      if (outcome.reply.status == 413) {
        // Mostly a scan too big for the form: say so in the page's language.
        WebResponse page = messagePage(413, languageOf(web), "error.too_large_title", "error.too_large");
        addSecurityHeaders(page);
        outcome.reply = caldav::DavResponse{};
        outcome.reply.status = 413;
        outcome.reply.headers = std::move(page.headers);
        outcome.reply.setHeader("Content-Type", page.contentType);
        outcome.reply.body = std::move(page.body);
        outcome.close = true;  // the rest of the body was not read
      }
      return;
    }

    WebResponse answer = handleWeb(*context_.web, web);
    outcome.reply.status = answer.status;
    outcome.reply.headers = std::move(answer.headers);
    if (answer.status != 204 && answer.status != 304) outcome.reply.setHeader("Content-Type", answer.contentType);
    outcome.reply.body = std::move(answer.body);
  }

  ServerContext& context_;
  Poco::Net::HTTPServerRequest& request_;
  bool bodyConsumed_ = false;
};

bool forbidsBody(int status) { return status < 200 || status == 204 || status == 304; }

// Writes the reply; returns the body bytes sent.
std::uint64_t sendReply(const Outcome& outcome, const std::string& method, HTTPResponse& response) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(outcome.reply.status));
  for (const auto& [name, value] : outcome.reply.headers) {
    if (Poco::icompare(name, "Content-Length") == 0) continue;
    response.add(name, value);
  }
  if (outcome.close) response.setKeepAlive(false);
  auto& serverResponse = static_cast<Poco::Net::HTTPServerResponse&>(response);
  if (forbidsBody(outcome.reply.status)) {
    serverResponse.send();
    return 0;
  }
  serverResponse.sendBuffer(outcome.reply.body.data(), outcome.reply.body.size());
  return method == "HEAD" ? 0 : outcome.reply.body.size();
}

}  // namespace

void HttpRequestHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  const auto started = std::chrono::steady_clock::now();
  ActiveRequest active(context_.metrics);
  const std::string& method = request.getMethod();

  Outcome outcome;
  try {
    outcome = RequestServer(context_, request).serve();
  } catch (const std::exception& e) {
    std::cerr << "jadwald: " << method << " " << rawPathOf(request.getURI()) << ": " << e.what() << "\n";
    outcome.reply = textReply(500, "Internal server error\n");
    outcome.close = true;
  }

  std::uint64_t bytes = 0;
  try {
    bytes = sendReply(outcome, method, response);
  } catch (const Poco::Exception&) {
    // The client went away while we answered; there is no one left to tell.
  }

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  context_.metrics.record(method, outcome.reply.status, seconds);
  if (context_.accessLog.enabled()) {
    AccessRecord record;
    record.remoteAddress = request.clientAddress().host().toString();
    record.user = outcome.user;
    record.method = method;
    record.path = rawPathOf(request.getURI());
    record.version = request.getVersion();
    record.status = outcome.reply.status;
    record.bytes = bytes;
    record.milliseconds = seconds * 1000;
    record.unixTime = static_cast<std::int64_t>(std::time(nullptr));
    context_.accessLog.write(record);
  }
}

Poco::Net::HTTPRequestHandler* HttpRequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
  // Poco takes ownership of the handler and deletes it after the request.
  return std::make_unique<HttpRequestHandler>(context_).release();
}

}  // namespace jadwal::server
