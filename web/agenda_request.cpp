#include "web/agenda_request.h"

#include <sodium.h>

#include "caldav/dav_context.h"
#include "caldav/ical/zones.h"
#include "workflow/request_service.h"

namespace jadwal::web::agenda {
namespace {

sql::Instant utcMidnight(const workflow::LocalDate& date) {
  return caldav::civilToInstant(caldav::CivilTime{date.year, date.month, date.day, 0, 0, 0});
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

workflow::Agenda read(WebContext& context, const workflow::AgendaPlan& plan) {
  caldav::ExpansionBudget budget;
  budget.stepsLeft = context.maxAnswerSteps;
  caldav::TimeContext time = context.time;
  time.defaultTzid = context.requests.config().timezone;
  time.budget = &budget;
  return workflow::readPlannedAgenda(context.store, time, budget, context.agenda, plan);
}

workflow::Agenda read(WebContext& context, const std::optional<caldav::Principal>& reader,
                      const workflow::AgendaQuery& query) {
  return read(context, workflow::planAgenda(context.store, context.agenda, reader, query));
}

std::string etagOf(const std::string& agendaEtag, std::string_view variant, std::string_view parameters) {
  const std::string input = agendaEtag + '\n' + std::string(variant) + '\n' + std::string(parameters);
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

void setPublicCaching(WebResponse& response, const std::string& etag, sql::Instant lastModified, int maxAgeSeconds) {
  response.setHeader("ETag", etag);
  if (lastModified > 0) response.setHeader("Last-Modified", caldav::httpDate(lastModified));
  response.setHeader("Cache-Control", "public, max-age=" + std::to_string(std::max(0, maxAgeSeconds)));
}

WebResponse notModified(const std::string& etag, sql::Instant lastModified, int maxAgeSeconds) {
  WebResponse response;
  response.status = 304;
  response.contentType = "";
  setPublicCaching(response, etag, lastModified, maxAgeSeconds);
  return response;
}

std::string rangeErrorText(const std::string& language, const RangeChoice& choice, int maxDays) {
  std::string text = tr(language, choice.error);
  if (const auto at = text.find("{days}"); at != std::string::npos) text.replace(at, 6, std::to_string(maxDays));
  return text;
}

}  // namespace jadwal::web::agenda
