// /static/<name>: the stylesheet and other files compiled into the binary.

#include <string>

#include "web/embedded_assets.h"
#include "web/web.h"
#include "web/web_page.h"

namespace jadwal::web {
namespace {

std::string contentTypeOf(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  if (name.ends_with(".ico")) return "image/x-icon";
  if (name.ends_with(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

std::optional<WebResponse> staticFiles(WebContext&, const WebRequest& request) {
  if (!request.path.starts_with("/static/")) return std::nullopt;
  const std::string language = languageOf(request);
  const std::string_view name = std::string_view(request.path).substr(8);
  for (const auto& asset : kEmbeddedStaticFiles) {
    if (asset.name.empty() || asset.name != name) continue;
    if (request.method != "GET") {
      WebResponse response = messagePage(405, language, "error.method_title", "error.method");
      response.setHeader("Allow", "GET, HEAD");
      return response;
    }
    WebResponse response;
    response.contentType = contentTypeOf(name);
    response.body = std::string(asset.bytes);
    // An hour: a new release's stylesheet reaches phones the same day.
    response.setHeader("Cache-Control", "public, max-age=3600");
    return response;
  }
  return messagePage(404, language, "error.not_found_title", "error.not_found");
}

}  // namespace jadwal::web
