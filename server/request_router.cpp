#include "server/request_router.h"

namespace jadwal::server {
namespace {

// `path` is `root` or below it ("/staf", "/staf/masuk"; not "/stafx").
bool isUnder(std::string_view path, std::string_view root) {
  return path == root || (path.starts_with(root) && path.size() > root.size() && path[root.size()] == '/');
}

}  // namespace

Route routeFor(std::string_view method, std::string_view path) {
  if (path == "/.well-known/caldav" || path == "/.well-known/caldav/") return Route::WellKnownCaldav;
  if (path == "/healthz") return Route::Health;
  if (path == "/metrics") return Route::Metrics;
  if (path == "/dav" || path.starts_with("/dav/")) return Route::Dav;
  for (std::string_view root : {"/permohonan", "/staf", "/lampiran", "/static"}) {
    if (isUnder(path, root)) return Route::Web;
  }
  // The public agenda and its data, for everyone.
  if (path == "/agenda" || path == "/agenda.json" || path == "/agenda.ics") return Route::Web;
  if (path.starts_with("/ics/")) return Route::Web;  // read-only feeds, /ics/<token>.ics
  // Clients such as DAVx5 start discovery with a PROPFIND on the root; a
  // browser asking for it is sent to the request form.
  if (path == "/") return method == "GET" || method == "HEAD" || method == "POST" ? Route::Web : Route::Dav;
  return Route::NotFound;
}

}  // namespace jadwal::server
