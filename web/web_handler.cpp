#include <Poco/Logger.h>

#include <kainjow/mustache.hpp>

#include <string>

#include "base/secret_paths.h"
#include "base/text.h"
#include "web/feeds.h"
#include "web/web.h"
#include "web/web_page.h"

namespace jadwal::web {
namespace {

bool hasHeader(const WebResponse& response, std::string_view name) {
  caldav::CaseInsensitiveLess less;
  for (const auto& header : response.headers) {
    if (!less(header.first, name) && !less(name, header.first)) return true;
  }
  return false;
}

bool publiclyCacheable(const WebResponse& response) {
  caldav::CaseInsensitiveLess less;
  for (const auto& [name, value] : response.headers) {
    const bool cacheControl = !less(name, "Cache-Control") && !less("Cache-Control", name);
    if (cacheControl && value.find("public") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

// Headers that keep pages from being framed, sniffed or leaking their URLs
// (tracking codes) to other sites. A module may set its own first.
void addSecurityHeaders(WebResponse& response) {
  const bool html = response.contentType.starts_with("text/html");
  if (html && !hasHeader(response, "Content-Security-Policy")) {
    response.setHeader("Content-Security-Policy",
                       "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'");
  }
  if (!hasHeader(response, "X-Content-Type-Options")) response.setHeader("X-Content-Type-Options", "nosniff");
  if (!hasHeader(response, "Referrer-Policy")) response.setHeader("Referrer-Policy", "same-origin");
  if (!hasHeader(response, "X-Frame-Options")) response.setHeader("X-Frame-Options", "DENY");
  if (html && !hasHeader(response, "Cache-Control")) response.setHeader("Cache-Control", "no-store");
}

std::string WebRequest::header(std::string_view name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string WebRequest::queryValue(std::string_view name) const {
  auto found = query.find(std::string(name));
  return found == query.end() ? std::string() : found->second;
}

std::string WebRequest::cookie(std::string_view name) const {
  const std::string all = header("Cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find(';'), rest.size());
    const std::string_view pair = base::trimmed(rest.substr(0, end));
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (base::trimmed(pair.substr(0, equals)) != name) continue;
    std::string_view value = base::trimmed(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

void WebResponse::setCookie(const std::string& name, const std::string& value, bool secure, int maxAgeSeconds) {
  std::string text = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) text += "; Secure";
  if (maxAgeSeconds >= 0) text += "; Max-Age=" + std::to_string(maxAgeSeconds);
  setHeader("Set-Cookie", std::move(text));
}

WebResponse WebResponse::redirect(const std::string& location, int status) {
  WebResponse response;
  response.status = status;
  response.setHeader("Location", location);
  response.contentType = "text/plain; charset=utf-8";
  return response;
}

std::vector<std::string> pathSegmentsAfter(std::string_view path, std::string_view prefix) {
  std::vector<std::string> segments;
  if (!path.starts_with(prefix)) return segments;
  std::string_view rest = path.substr(prefix.size());
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('/'), rest.size());
    if (end > 0) segments.emplace_back(rest.substr(0, end));
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
  }
  return segments;
}

WebResponse messagePage(int status, const std::string& language, std::string_view titleId, std::string_view messageId) {
  TemplateData data;
  const std::string title = tr(language, titleId);
  data.set("heading", title);
  data.set("message", tr(language, messageId));
  data.set("back_href", "/permohonan");
  data.set("back_label", tr(language, "page.back_home"));
  WebResponse response;
  response.status = status;
  response.body = renderPage("halaman_pesan", title, data, language);
  return response;
}

WebResponse handleWeb(WebContext& context, const WebRequest& original) {
  WebRequest request = original;
  const bool head = request.method == "HEAD";
  if (head) request.method = "GET";  // the HTTP layer sends no body for HEAD
  const std::string language = languageOf(request);

  WebResponse response;
  try {
    std::optional<WebResponse> answer;
    // One check for every form: another site may make a browser post here.
    if (isStateChanging(request.method) && !sentFromThisSite(request, context.publicUrl)) {
      answer = messagePage(403, language, "error.cross_origin_title", "error.cross_origin");
    } else if (request.path == "/" || request.path.empty()) {
      answer = request.method == "GET" ? WebResponse::redirect("/permohonan", 302)
                                       : messagePage(405, language, "error.method_title", "error.method");
    }
    if (!answer) answer = passwordChangeGate(context, request);
    if (!answer) answer = publicPages(context, request);
    if (!answer) answer = publicAgendaPages(context, request);
    if (!answer) answer = staffAgendaPages(context, request);  // before staffPages: the text also takes Basic auth
    if (!answer) answer = staffRecapPages(context, request);   // the same for the report's files
    if (!answer) answer = staffRecapWorkbook(context, request);
    if (!answer) answer = staffPages(context, request);
    if (!answer) answer = attachmentPages(context, request);
    if (!answer) answer = feedFiles(context, request);
    if (!answer) answer = staticFiles(context, request);
    response = answer ? std::move(*answer) : messagePage(404, language, "error.not_found_title", "error.not_found");
  } catch (const std::exception& e) {
    Poco::Logger::get("jadwal.web").error(request.method + " " + base::loggablePath(request.path) + ": " + e.what());
    response = WebResponse{};
    response.status = 500;
    response.contentType = "text/plain; charset=utf-8";
    response.body = tr(language, "error.internal") + "\n";
  }

  // A chosen language sticks for the next pages (a year, like the switch says).
  // Not on an answer that shared caches may keep (the public agenda): a cache
  // would hand the cookie to everyone; that page speaks the language anyway.
  const std::string chosen = request.queryValue("lang");
  if ((chosen == "id" || chosen == "en") && request.cookie("lang") != chosen && !publiclyCacheable(response)) {
    response.setCookie("lang", chosen, context.secureCookies, 365 * 24 * 3600);
  }
  addSecurityHeaders(response);
  return response;
}

}  // namespace jadwal::web
