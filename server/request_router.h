#pragma once
// Which part of the server answers a request, decided from the method and
// the decoded path alone.

#include <string_view>

namespace jadwal::server {

enum class Route {
  WellKnownCaldav,  // /.well-known/caldav: redirect to /dav/
  Health,           // /healthz
  Metrics,          // /metrics
  Dav,              // /dav and below, and WebDAV methods on /
  Web,              // the web app: /permohonan, /staf, /lampiran, /static, /ics and below; GET, HEAD, POST on /
  NotFound,
};

Route routeFor(std::string_view method, std::string_view path);

}  // namespace jadwal::server
