// /lampiran/<fileId>/<name>: a request's letters and files, for those the
// workflow lets open them (staff, the leaders asked or assigned, their
// aides). The links sit in calendar events as ATTACH, and a phone opens them
// without a web session: HTTP Basic with the CalDAV account answers then.

#include <Poco/Logger.h>

#include <charconv>
#include <string>

#include "web/record_id.h"
#include "web/web.h"
#include "web/web_page.h"
#include "workflow/request_service.h"
#include "workflow/upload_check.h"

namespace jadwal::web {
namespace {

// The user behind the session cookie or the Basic credentials. A throttled
// client gets the same challenge as a wrong password: the limit keeps
// guessing out either way. `busy` says no password check could run now.
std::optional<caldav::Principal> userOf(WebContext& context, const WebRequest& request, bool& busy) {
  if (auto user = currentUser(context, request)) return user;
  const std::string authorization = request.header("Authorization");
  if (authorization.empty()) return std::nullopt;
  auto auth = context.authenticator.check(authorization, request.clientKey);
  busy = auth.busy;
  if (!auth.user) return std::nullopt;
  const auto& user = *auth.user;
  return caldav::Principal{user.id, user.name, user.role, user.displayName};
}

// Content-Disposition with a plain ASCII fallback name and the exact UTF-8
// name (RFC 6266 / 8187), so that quotes or line breaks can never escape.
std::string contentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += plain || c == ' ' ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

WebResponse unauthorized(WebContext& context, const std::string& language) {
  WebResponse response = messagePage(401, language, "error.login_required_title", "error.login_required");
  response.setHeader("WWW-Authenticate", std::string(context.authenticator.challenge()));
  return response;
}

}  // namespace

std::optional<WebResponse> attachmentPages(WebContext& context, const WebRequest& request) {
  if (!request.path.starts_with("/lampiran/") && request.path != "/lampiran") return std::nullopt;
  const std::string language = languageOf(request);
  if (request.method != "GET") {
    WebResponse response = messagePage(405, language, "error.method_title", "error.method");
    response.setHeader("Allow", "GET, HEAD");
    return response;
  }
  const auto segments = pathSegmentsAfter(request.path, "/lampiran");
  const auto id = segments.size() == 2 ? parseRecordId(segments[0]) : std::nullopt;

  bool busy = false;
  auto user = userOf(context, request, busy);
  if (busy) {
    WebResponse response = messagePage(503, language, "error.busy_title", "error.busy");
    response.setHeader("Retry-After", std::to_string(context.authenticator.busyRetrySeconds()));
    return response;
  }
  if (!user) return unauthorized(context, language);
  if (!id) return messagePage(404, language, "error.not_found_title", "error.not_found");
  auto file = context.store.requests().findFile(*id);
  // Names stored before bidi controls were removed are served without them;
  // the links already in calendar events keep working.
  const std::string name = file ? workflow::withoutBidiControls(file->name) : std::string();
  if (!file || (file->name != segments[1] && name != segments[1]))
    return messagePage(404, language, "error.not_found_title", "error.not_found");
  if (!context.requests.mayOpenFile(*file, workflow::Actor{*user})) {
    return messagePage(403, language, "error.forbidden_title", "error.forbidden");
  }
  auto bytes = context.store.requests().blobBytes(file->sha256);
  if (!bytes) {
    Poco::Logger::get("jadwal.web")
        .error("file " + std::to_string(file->id) + " has no stored bytes (" + file->sha256 + ")");
    return messagePage(404, language, "error.not_found_title", "error.not_found");
  }

  WebResponse response;
  response.contentType = file->contentType;
  response.body = std::move(*bytes);
  response.setHeader("Content-Disposition", contentDisposition(name));
  // Opened inline, a hostile PDF or image runs without scripts, forms or the
  // site's origin, whatever the browser's viewer would otherwise allow.
  response.setHeader("Content-Security-Policy", "sandbox");
  // Letters carry personal data: no shared cache may keep them.
  response.setHeader("Cache-Control", "private, no-cache");
  response.setHeader("Vary", "Cookie, Authorization");
  return response;
}

}  // namespace jadwal::web
