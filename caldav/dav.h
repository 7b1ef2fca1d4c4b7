#pragma once
// The WebDAV/CalDAV entry point. The server authenticates the request, fills
// a DavRequest and hands it to DavHandler::handle, which answers it: small
// answers whole, long ones as a head and a BodyStream the server pulls from.
// Nothing here depends on the HTTP library: tests drive it directly.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caldav/ical/ical.h"
#include "caldav/xml.h"
#include "sql/store.h"

namespace jadwal::caldav {

class CalendarService;

// The authenticated user a request runs as.
struct Principal {
  std::int64_t id = 0;
  std::string name;
  sql::Role role = sql::Role::Viewer;
  std::string displayName;
};

struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

struct DavRequest {
  std::string method;  // upper case
  std::string path;    // percent-decoded path without query, e.g. "/dav/calendars/bupati/agenda/a.ics"
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  Principal user;

  // The header's value, or "" if absent.
  std::string header(std::string_view name) const;
};

// The rest of an answer too large to build whole. The HTTP layer pulls it
// part by part as the client takes it, on whatever thread is free: an
// implementation owns everything it needs (no references into the request).
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Appends the next part of the body to `out`. Returns false when the body
  // is complete (`out` may have received a last part).
  virtual bool next(std::string& out) = 0;
};

struct DavResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length
  std::string body;
  // When set, the body continues past `body` with what the stream yields.
  std::shared_ptr<BodyStream> stream = nullptr;

  void setHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Bounds on one multistatus answer (PROPFIND and the reports), whatever
// the number of objects it covers.
struct AnswerLimits {
  std::size_t maxSteps = 200000;             // recurrence steps of all expansions together
  std::size_t maxBytes = 64 << 20;           // bytes of the answer
  std::chrono::milliseconds maxTime{20000};  // time spent producing it
  std::size_t streamAfterBytes = 256 << 10;  // answers longer than this are streamed
};

struct DavConfig {
  std::string publicUrl = "http://localhost:8080";  // absolute, no trailing slash
  std::size_t maxResourceSize = 1 << 20;            // largest calendar object accepted, bytes
  std::size_t maxPropertyBytes = 64 << 10;          // one property set by PROPPATCH or MKCALENDAR, as stored
  TimeContext time;
  AnswerLimits answers;
  XmlLimits xml;  // on every XML request body
};

// Serves everything under /dav/. Safe to call from many threads at once.
class DavHandler {
 public:
  DavHandler(sql::Store& store, CalendarService& calendars, DavConfig config);
  ~DavHandler();
  DavResponse handle(const DavRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jadwal::caldav
