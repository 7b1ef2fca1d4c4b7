#include "server/request_router.h"

namespace jadwal::server {

Route routeFor(std::string_view method, std::string_view path) {
  if (path == "/.well-known/caldav" || path == "/.well-known/caldav/") return Route::WellKnownCaldav;
  if (path == "/healthz") return Route::Health;
  if (path == "/metrics") return Route::Metrics;
  if (path == "/dav" || path.starts_with("/dav/")) return Route::Dav;
  // Clients such as DAVx5 start discovery with a PROPFIND on the root.
  if (path == "/" && method != "GET" && method != "HEAD" && method != "POST") return Route::Dav;
  return Route::NotFound;
}

}  // namespace jadwal::server
