#pragma once
// What every method handler gets: the stores, the configuration and the
// request, plus the handlers themselves (one translation unit each, named
// after the method or report they implement).

#include <string>
#include <string_view>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "caldav/resource.h"
#include "caldav/xml.h"

namespace jadwal::caldav {

struct DavContext {
  sql::Store& store;
  CalendarService& calendars;
  const DavConfig& config;
  const DavRequest& request;
  // The time context of this answer, with its budget; null: the service's.
  const TimeContext* answerTime = nullptr;

  const Principal& user() const { return request.user; }
  const TimeContext& time() const { return answerTime ? *answerTime : calendars.time(); }
};

// --- answers shared by the handlers (dav_response.cpp) ---
DavResponse textResponse(int status, std::string_view message);
DavResponse multistatusResponse(std::string body);
// A failed WebDAV/CalDAV precondition: <D:error> holding the named element
// (with `innerXml` inside it, already well-formed) and the reason in words.
DavResponse conditionResponse(int status, std::string_view ns, std::string_view element, std::string_view reason,
                              std::string_view innerXml = "");
// Reads the body as XML; on failure fills `error` with a 400 answer.
bool parseBody(const DavContext& ctx, XmlElement& out, DavResponse& error);
// "Depth" header: 0, 1, or -1 for infinity; `fallback` when absent; -2 when malformed.
int depthOf(const DavRequest& request, int fallback);
// The sync token of a calendar at a sequence, and its inverse.
std::string syncTokenFor(const sql::Calendar& calendar, std::int64_t seq);
bool parseSyncToken(std::string_view token, const sql::Calendar& calendar, std::int64_t& seq);
// If-Match / If-None-Match of a request as a store precondition.
sql::Precondition preconditionOf(const DavRequest& request);
// A calendar collection's ETag: changes with every write to it.
std::string collectionEtag(const sql::Calendar& calendar);
// HTTP-date (RFC 7231) of an instant.
std::string httpDate(sql::Instant instant);

// --- the methods ---
DavResponse handleOptions(DavContext& ctx, const Resource& resource);
DavResponse handlePropfind(DavContext& ctx, const Resource& resource);
DavResponse handleProppatch(DavContext& ctx, const Resource& resource);
DavResponse handleMkcalendar(DavContext& ctx, const Resource& resource);  // MKCALENDAR and extended MKCOL
DavResponse handleGet(DavContext& ctx, const Resource& resource);         // GET and HEAD
DavResponse handlePut(DavContext& ctx, const Resource& resource);
DavResponse handleDelete(DavContext& ctx, const Resource& resource);
DavResponse handleReport(DavContext& ctx, const Resource& resource);

// --- the reports (dispatched by handleReport) ---
// Each takes the parsed body: its answer may be produced after the handler returned.
DavResponse reportCalendarQuery(DavContext& ctx, const Resource& resource, XmlElement body);
DavResponse reportCalendarMultiget(DavContext& ctx, const Resource& resource, XmlElement body);
DavResponse reportSyncCollection(DavContext& ctx, const Resource& resource, XmlElement body);
DavResponse reportFreeBusy(DavContext& ctx, const Resource& resource, const XmlElement& body);

}  // namespace jadwal::caldav
