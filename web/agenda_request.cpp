#include "web/agenda_request.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>
#include <sodium.h>

#include "base/text.h"
#include "caldav/ical/zones.h"
#include "workflow/request_service.h"

namespace jadwal::web::agenda {
namespace {

sql::Instant utcMidnight(const workflow::LocalDate& date) {
  return caldav::civilToInstant(caldav::CivilTime{date.year, date.month, date.day, 0, 0, 0});
}

std::optional<sql::Instant> parseHttpDate(const std::string& text) {
  Poco::DateTime parsed;
  int zone = 0;
  for (const auto* format : {&Poco::DateTimeFormat::HTTP_FORMAT, &Poco::DateTimeFormat::RFC850_FORMAT,
                             &Poco::DateTimeFormat::ASCTIME_FORMAT}) {
    if (Poco::DateTimeParser::tryParse(*format, text, parsed, zone)) {
      return static_cast<sql::Instant>(parsed.timestamp().epochTime()) - zone;
    }
  }
  return std::nullopt;
}

// Whether an If-None-Match value names `etag` (or is "*"). Weak
// comparison, as RFC 9110 asks for If-None-Match.
bool matchesAny(std::string_view header, std::string_view etag) {
  if (base::trimmed(header) == "*") return true;
  const auto opaque = [](std::string_view tag) {
    tag = base::trimmed(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t comma = std::min(header.find(',', start), header.size());
    if (opaque(header.substr(start, comma - start)) == opaque(etag)) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

int DayRange::days() const { return daysFrom(first, last) + 1; }

int daysFrom(const workflow::LocalDate& a, const workflow::LocalDate& b) {
  return static_cast<int>((utcMidnight(b) - utcMidnight(a)) / 86400);
}

workflow::LocalDate mondayOf(const workflow::LocalDate& date) {
  const int weekday = workflow::weekdayOf(date);  // 0 = Sunday
  return workflow::nextDay(date, -((weekday + 6) % 7));
}

RangeChoice dayRange(std::string_view from, std::string_view until, const workflow::LocalDate& today, int maxDays) {
  RangeChoice choice;
  const auto first = from.empty() ? std::optional(today) : workflow::parseIsoDate(from);
  if (!first) {
    choice.error = "agenda.bad_date";
    return choice;
  }
  const auto last = until.empty() ? first : workflow::parseIsoDate(until);
  if (!last) {
    choice.error = "agenda.bad_until";
    return choice;
  }
  const DayRange range{*first, *last};
  if (*last < *first) {
    choice.error = "agenda.until_before";
  } else if (range.days() > maxDays) {
    choice.error = "agenda.too_long";
  } else {
    choice.range = range;
  }
  return choice;
}

RangeChoice weekRange(std::string_view anyDay, int maxDays) {
  RangeChoice choice;
  const auto day = workflow::parseIsoDate(anyDay);
  if (!day) {
    choice.error = "agenda.bad_date";
    return choice;
  }
  const auto monday = mondayOf(*day);
  if (maxDays < 7) {
    choice.error = "agenda.too_long";
  } else {
    choice.range = DayRange{monday, workflow::nextDay(monday, 6)};
  }
  return choice;
}

workflow::LocalDate today(const WebContext& context) {
  return workflow::localDateOf(context.clock->now(), context.requests.config().timezone);
}

workflow::AgendaQuery queryOf(const DayRange& range, const std::string& timezone) {
  workflow::AgendaQuery query;
  query.from = workflow::dayStart(range.first, timezone);
  query.to = workflow::dayStart(workflow::nextDay(range.last), timezone);
  return query;
}

workflow::Agenda read(WebContext& context, const std::optional<caldav::Principal>& reader,
                      const workflow::AgendaQuery& query) {
  caldav::ExpansionBudget budget;
  budget.stepsLeft = context.maxAnswerSteps;
  caldav::TimeContext time = context.time;
  time.defaultTzid = context.requests.config().timezone;
  time.budget = &budget;
  return workflow::readAgenda(context.store, time, budget, context.agenda, reader, query);
}

std::string etagOf(const workflow::Agenda& agenda, std::string_view variant, std::string_view parameters) {
  const std::string input = agenda.etag + '\n' + std::string(variant) + '\n' + std::string(parameters);
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  static const char* hex = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned char byte : digest) {
    tag += hex[byte >> 4];
    tag += hex[byte & 15];
  }
  return tag + "\"";
}

std::string httpDate(sql::Instant instant) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(instant)),
                                         Poco::DateTimeFormat::HTTP_FORMAT);
}

bool clientHasIt(const WebRequest& request, const std::string& etag, sql::Instant lastModified) {
  const std::string ifNoneMatch = request.header("If-None-Match");
  if (!ifNoneMatch.empty()) return matchesAny(ifNoneMatch, etag);
  const std::string ifModifiedSince = request.header("If-Modified-Since");
  if (ifModifiedSince.empty() || lastModified <= 0) return false;
  const auto since = parseHttpDate(ifModifiedSince);
  return since && lastModified <= *since;
}

void setPublicCaching(WebResponse& response, const std::string& etag, sql::Instant lastModified, int maxAgeSeconds) {
  response.setHeader("ETag", etag);
  if (lastModified > 0) response.setHeader("Last-Modified", httpDate(lastModified));
  response.setHeader("Cache-Control", "public, max-age=" + std::to_string(std::max(0, maxAgeSeconds)));
}

WebResponse notModified(const std::string& etag, sql::Instant lastModified, int maxAgeSeconds) {
  WebResponse response;
  response.status = 304;
  response.contentType = "";
  setPublicCaching(response, etag, lastModified, maxAgeSeconds);
  return response;
}

}  // namespace jadwal::web::agenda
