// GET and HEAD /ics/<token>.ics: one VCALENDAR of the events of a feed's
// calendars that its owner may read now, within a window around today.
// Every refusal (unknown, malformed or revoked token, a disabled owner) is
// the same 404 as any unknown page, so a caller learns nothing from it.

#include <Poco/Logger.h>

#include <algorithm>
#include <cstdio>

#include "caldav/access.h"
#include "caldav/dav_context.h"
#include "caldav/ical/export.h"
#include "caldav/ical/zones.h"
#include "sql/feed_store.h"
#include "web/conditional_get.h"
#include "web/feeds.h"
#include "web/version_times.h"
#include "web/web_page.h"
#include "web/web_session_internal.h"

namespace jadwal::web {

namespace {

constexpr std::string_view kPrefix = "/ics/";
constexpr std::string_view kSuffix = ".ics";
constexpr sql::Instant kDay = 86400;

// [first day 00.00, day after the last 00.00) in the office's zone.
struct FeedWindow {
  sql::Instant start = 0;
  sql::Instant end = 0;
  std::string firstDay;  // "2023-11-22": part of the ETag, so the answer changes when the window moves
};

FeedWindow windowAt(sql::Instant now, const std::string& timezone, int daysBack, int daysAhead) {
  caldav::CivilTime today = caldav::civilTimeOf(now + caldav::utcOffsetAt(now, timezone));
  today.hour = today.minute = today.second = 0;
  const sql::Instant todayAsUtc = caldav::civilToInstant(today);
  const caldav::CivilTime first = caldav::civilTimeOf(todayAsUtc - daysBack * kDay);
  const caldav::CivilTime after = caldav::civilTimeOf(todayAsUtc + (daysAhead + 1) * kDay);
  FeedWindow window;
  window.start = caldav::instantOfWallClock(first, timezone);
  window.end = caldav::instantOfWallClock(after, timezone);
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", first.year, first.month, first.day);
  window.firstDay = day;
  return window;
}

// 507: the feed holds more than one answer may. Its owner makes feeds of
// fewer calendars; the text says so to whoever reads the error.
WebResponse tooLarge(const sql::FeedRow& feed, std::size_t limit) {
  Poco::Logger::get("jadwal.web")
      .warning("feed " + std::to_string(feed.id) + " is larger than " + std::to_string(limit) + " bytes; refused");
  WebResponse response;
  response.status = 507;
  response.contentType = "text/plain; charset=utf-8";
  response.body =
      "Umpan kalender ini terlalu besar untuk dikirim. Buat umpan dengan lebih sedikit kalender di halaman Akun.\n"
      "This calendar feed is too large to send. Make feeds of fewer calendars on the account page.\n";
  return response;
}

// A feed's versions (version_times.h): its Last-Modified.
VersionTimes& feedVersions() {
  static VersionTimes versions;
  return versions;
}

std::string etagOf(const sql::FeedRow& feed, const FeedWindow& window, const std::vector<sql::Calendar>& calendars) {
  std::string basis = "feed:" + std::to_string(feed.id) + "|" + window.firstDay;
  for (const auto& calendar : calendars) {
    basis += "|" + std::to_string(calendar.id) + ":" + std::to_string(calendar.syncSeq);
  }
  return "\"" + sessionTokenHash(basis).substr(0, 32) + "\"";
}

WebResponse notFound(const WebRequest& request) {
  return messagePage(404, languageOf(request), "error.not_found_title", "error.not_found");
}

}  // namespace

std::optional<WebResponse> feedFiles(WebContext& context, const WebRequest& request) {
  const std::string_view path = request.path;
  if (!path.starts_with(kPrefix)) return std::nullopt;
  if (request.method != "GET") {
    WebResponse refused = messagePage(405, languageOf(request), "error.method_title", "error.method");
    refused.setHeader("Allow", "GET, HEAD");
    return refused;
  }
  std::string_view token = path.substr(kPrefix.size());
  if (!token.ends_with(kSuffix)) return notFound(request);
  token.remove_suffix(kSuffix.size());
  if (!looksLikeFeedToken(token)) return notFound(request);
  const auto feed = context.store.feeds().findFeedByTokenHash(sessionTokenHash(token));
  if (!feed) return notFound(request);
  const auto owner = context.store.findUserById(feed->userId);
  if (!owner || owner->disabled) return notFound(request);

  // Rights are checked now, not when the feed was made: a calendar the
  // owner may no longer read is left out from this answer on.
  const caldav::Principal principal{owner->id, owner->name, owner->role, owner->displayName};
  std::vector<sql::Calendar> calendars;
  for (const std::int64_t id : feed->calendarIds) {
    auto calendar = context.store.findCalendarById(id);
    if (calendar && caldav::canRead(caldav::calendarAccess(context.store, principal, *calendar))) {
      calendars.push_back(std::move(*calendar));
    }
  }
  // Nothing left the owner may read: refused like a revoked feed, not an empty calendar.
  if (calendars.empty()) return notFound(request);
  const sql::Instant now = context.clock->now();
  const FeedWindow window =
      windowAt(now, context.time.defaultTzid, context.agenda.feedDaysBack, context.agenda.feedDaysAhead);
  const std::string etag = etagOf(*feed, window, calendars);
  const sql::Instant lastModified = feedVersions().firstSeen(std::to_string(feed->id), etag, now);

  WebResponse response;
  response.setHeader("ETag", etag);
  response.setHeader("Last-Modified", caldav::httpDate(lastModified));
  response.setHeader("Cache-Control", "private, max-age=300");
  if (clientHasVersion(request, etag, lastModified)) {
    response.status = 304;
    return response;
  }
  response.contentType = "text/calendar; charset=utf-8";
  response.body = caldav::exportHead("-//Jadwal//Feed//ID", feed->name);
  std::vector<std::string> zones;
  for (const auto& calendar : calendars) {
    // A recurring event comes whole: its overrides are VEVENTs of their own with RECURRENCE-ID.
    for (const auto& object : context.store.objectsOverlapping(calendar.id, "VEVENT", window.start, window.end)) {
      // Bounded as a CalDAV report is: a feed of many busy calendars is refused, not built without end.
      if (response.body.size() > context.maxAnswerBytes) return tooLarge(*feed, context.maxAnswerBytes);
      try {
        caldav::appendExportComponents(object.ical, zones, response.body);
      } catch (const std::exception& e) {
        Poco::Logger::get("jadwal.web")
            .warning("feed " + std::to_string(feed->id) + ": object " + object.name + " left out: " + e.what());
      }
    }
  }
  if (response.body.size() > context.maxAnswerBytes) return tooLarge(*feed, context.maxAnswerBytes);
  response.body += caldav::kExportEnd;
  return response;
}

}  // namespace jadwal::web
