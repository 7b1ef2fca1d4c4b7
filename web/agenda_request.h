#pragma once
// What the agenda outputs (the staff page and its text and PDF, the public
// page, JSON and iCalendar) share: the days a request asks for, and the
// conditional GET that keeps a crowd on the public agenda cheap.

#include <optional>
#include <string>
#include <string_view>

#include "web/web.h"
#include "workflow/agenda.h"

namespace jadwal::web::agenda {

// Whole local days, first..last inclusive.
struct DayRange {
  workflow::LocalDate first;
  workflow::LocalDate last;
  int days() const;
};

// The days asked for, or the id of the message that says what is wrong
// (every output answers 400 with it).
struct RangeChoice {
  std::optional<DayRange> range;
  std::string error;  // a message id; empty when range is set
};

// tanggal=YYYY-MM-DD (default `today`) and sampai=YYYY-MM-DD (the last day,
// inclusive; default the same day); at most `maxDays` days.
RangeChoice dayRange(std::string_view from, std::string_view until, const workflow::LocalDate& today, int maxDays);
// minggu=YYYY-MM-DD: Monday..Sunday of that date's week.
RangeChoice weekRange(std::string_view anyDay, int maxDays);
// The message of a refused choice in `language`, with the bound filled in.
std::string rangeErrorText(const std::string& language, const RangeChoice& choice, int maxDays);
// The Monday of `date`'s week.
workflow::LocalDate mondayOf(const workflow::LocalDate& date);
// Whole days from `a` to `b` (negative when b is earlier).
int daysFrom(const workflow::LocalDate& a, const workflow::LocalDate& b);

// Today in the office's zone.
workflow::LocalDate today(const WebContext& context);
// The query for `range` in `timezone`, every leader.
workflow::AgendaQuery queryOf(const DayRange& range, const std::string& timezone);

// Reads the agenda with one expansion budget for the answer, as one CalDAV report.
workflow::Agenda read(WebContext& context, const std::optional<caldav::Principal>& reader,
                      const workflow::AgendaQuery& query);
// The same for a plan made first (workflow::planAgenda), to answer 304 before reading.
workflow::Agenda read(WebContext& context, const workflow::AgendaPlan& plan);

// --- conditional GET ---
// The ETag of one output of `agenda`: its own ETag, which output
// ("html", "json", ...) and the parameters that shaped the answer.
std::string etagOf(const std::string& agendaEtag, std::string_view variant, std::string_view parameters);
// ETag, Last-Modified (when known) and Cache-Control: public, max-age.
void setPublicCaching(WebResponse& response, const std::string& etag, sql::Instant lastModified, int maxAgeSeconds);
// 304 with the same validators.
WebResponse notModified(const std::string& etag, sql::Instant lastModified, int maxAgeSeconds);

}  // namespace jadwal::web::agenda
