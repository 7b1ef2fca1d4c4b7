#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <charconv>

#include "caldav/dav_context.h"

namespace jadwal::caldav {

DavResponse textResponse(int status, std::string_view message) {
  DavResponse r;
  r.status = status;
  r.setHeader("Content-Type", "text/plain; charset=utf-8");
  r.body = std::string(message) + "\n";
  return r;
}

DavResponse multistatusResponse(std::string body) {
  DavResponse r;
  r.status = 207;
  r.setHeader("Content-Type", "application/xml; charset=utf-8");
  r.body = std::move(body);
  return r;
}

DavResponse conditionResponse(int status, std::string_view ns, std::string_view element, std::string_view reason,
                              std::string_view innerXml) {
  XmlWriter w;
  w.open(ns::kDav, "error");
  w.open(ns, element);
  w.raw(innerXml);
  w.close();
  w.element(ns::kDav, "responsedescription", reason);
  DavResponse r;
  r.status = status;
  r.setHeader("Content-Type", "application/xml; charset=utf-8");
  r.body = w.finish();
  return r;
}

bool parseBody(const DavContext& ctx, XmlElement& out, DavResponse& error) {
  try {
    out = parseXml(ctx.request.body, ctx.config.xml);
    return true;
  } catch (const XmlError& e) {
    error = textResponse(400, std::string("Bad XML body: ") + e.what());
    return false;
  }
}

int depthOf(const DavRequest& request, int fallback) {
  std::string depth = request.header("Depth");
  if (depth.empty()) return fallback;
  if (depth == "0") return 0;
  if (depth == "1") return 1;
  if (depth == "infinity" || depth == "Infinity") return -1;
  return -2;
}

std::string syncTokenFor(const sql::Calendar& calendar, std::int64_t seq) {
  return "urn:jadwal:sync:" + std::to_string(calendar.id) + ":" + std::to_string(seq);
}

bool parseSyncToken(std::string_view token, const sql::Calendar& calendar, std::int64_t& seq) {
  std::string prefix = "urn:jadwal:sync:" + std::to_string(calendar.id) + ":";
  if (token.substr(0, prefix.size()) != prefix) return false;
  auto digits = token.substr(prefix.size());
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  return ec == std::errc() && end == digits.data() + digits.size() && seq >= 0;
}

sql::Precondition preconditionOf(const DavRequest& request) {
  sql::Precondition pre;
  std::string ifMatch = request.header("If-Match");
  if (!ifMatch.empty()) pre.ifMatch = ifMatch;
  pre.ifNoneMatchAny = request.header("If-None-Match") == "*";
  return pre;
}

std::string collectionEtag(const sql::Calendar& calendar) {
  return "\"c" + std::to_string(calendar.id) + "-" + std::to_string(calendar.syncSeq) + "\"";
}

std::string httpDate(sql::Instant instant) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(instant)),
                                         Poco::DateTimeFormat::HTTP_FORMAT);
}

}  // namespace jadwal::caldav
