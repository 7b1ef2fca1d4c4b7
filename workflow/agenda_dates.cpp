// Local days of the agenda: which day an instant falls on in a zone, where
// a day starts, and day arithmetic, through the iCalendar library's zones.

#include <cstdio>

#include "caldav/ical/zones.h"
#include "workflow/agenda.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

constexpr sql::Instant kDay = 86400;

std::int64_t daysSinceEpoch(const LocalDate& date) {
  const sql::Instant midnight = caldav::civilToInstant(caldav::CivilTime{date.year, date.month, date.day, 0, 0, 0});
  return midnight >= 0 ? midnight / kDay : -((-midnight + kDay - 1) / kDay);
}

LocalDate dateOfDays(std::int64_t days) {
  const caldav::CivilTime civil = caldav::civilTimeOf(days * kDay);
  return LocalDate{civil.year, civil.month, civil.day};
}

}  // namespace

LocalDate localDateOf(sql::Instant instant, const std::string& timezone) {
  const LocalDateTime local = toLocal(instant, timezone);
  return LocalDate{local.year, local.month, local.day};
}

sql::Instant dayStart(const LocalDate& date, const std::string& timezone) {
  return caldav::instantOfWallClock(caldav::CivilTime{date.year, date.month, date.day, 0, 0, 0}, timezone);
}

LocalDate nextDay(const LocalDate& date, int days) { return dateOfDays(daysSinceEpoch(date) + days); }

std::optional<LocalDate> parseIsoDate(std::string_view text) {
  // fromLocal checks the shape and that the day exists; UTC has no gaps.
  if (!fromLocal(text, "00:00", "UTC")) return std::nullopt;
  const auto number = [&](std::size_t pos, std::size_t width) {
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  return LocalDate{number(0, 4), number(5, 2), number(8, 2)};
}

std::string isoDateText(const LocalDate& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

int weekdayOf(const LocalDate& date) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((daysSinceEpoch(date) + 4) % 7 + 7) % 7);
}

}  // namespace jadwal::workflow
