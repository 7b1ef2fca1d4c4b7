// Local dates and times in Indonesian and English, through the iCalendar
// library's zone database.

#include "workflow/wib_format.h"

#include <array>
#include <cstdio>

#include "caldav/ical/zones.h"

namespace jadwal::workflow {

namespace {

constexpr std::array<std::string_view, 7> kDaysId = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
constexpr std::array<std::string_view, 7> kDaysEn = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonthsId = {"Januari",   "Februari", "Maret",    "April",
                                                        "Mei",       "Juni",     "Juli",     "Agustus",
                                                        "September", "Oktober",  "November", "Desember"};
constexpr std::array<std::string_view, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                        "May",       "June",     "July",     "August",
                                                        "September", "October",  "November", "December"};

bool isEnglish(std::string_view language) { return language == "en"; }

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Reads exactly `width` digits at `pos`.
bool readDigits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

int daysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string twoDigits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

std::string clockText(const LocalDateTime& local, std::string_view language) {
  return twoDigits(local.hour) + (isEnglish(language) ? ":" : ".") + twoDigits(local.minute);
}

std::string dateText(const LocalDateTime& local, std::string_view language) {
  return std::string(dayName(local.weekday, language)) + ", " + std::to_string(local.day) + " " +
         std::string(monthName(local.month, language)) + " " + std::to_string(local.year);
}

bool sameDay(const LocalDateTime& a, const LocalDateTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

}  // namespace

LocalDateTime toLocal(sql::Instant instant, const std::string& timezone) {
  const sql::Instant wall = instant + caldav::utcOffsetAt(instant, timezone);
  const caldav::CivilTime t = caldav::civilTimeOf(wall);
  LocalDateTime local;
  local.year = t.year;
  local.month = t.month;
  local.day = t.day;
  local.hour = t.hour;
  local.minute = t.minute;
  local.second = t.second;
  // 1970-01-01 was a Thursday.
  local.weekday = static_cast<int>(((floorDiv(wall, 86400) + 4) % 7 + 7) % 7);
  return local;
}

std::optional<sql::Instant> fromLocal(std::string_view date, std::string_view time, const std::string& timezone) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  if (!readDigits(date, 0, 4, year) || !readDigits(date, 5, 2, month) || !readDigits(date, 8, 2, day)) {
    return std::nullopt;
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
  // Browsers send "HH:MM" (sometimes with ":SS"); people type "08.00" too.
  if (time.size() == 8 && time[5] == ':') time = time.substr(0, 5);
  if (time.size() != 5 || (time[2] != ':' && time[2] != '.')) return std::nullopt;
  if (!readDigits(time, 0, 2, hour) || !readDigits(time, 3, 2, minute)) return std::nullopt;
  if (hour > 23 || minute > 59) return std::nullopt;

  return caldav::instantOfWallClock(caldav::CivilTime{year, month, day, hour, minute, 0}, timezone);
}

std::string_view dayName(int weekday, std::string_view language) {
  if (weekday < 0 || weekday > 6) return {};
  return (isEnglish(language) ? kDaysEn : kDaysId)[static_cast<std::size_t>(weekday)];
}

std::string_view monthName(int month, std::string_view language) {
  if (month < 1 || month > 12) return {};
  return (isEnglish(language) ? kMonthsEn : kMonthsId)[static_cast<std::size_t>(month - 1)];
}

std::string zoneAbbreviation(const std::string& timezone) {
  if (timezone == "Asia/Jakarta" || timezone == "Asia/Pontianak") return "WIB";
  if (timezone == "Asia/Makassar") return "WITA";
  if (timezone == "Asia/Jayapura") return "WIT";
  return timezone;
}

std::string formatDate(sql::Instant instant, const std::string& timezone, std::string_view language) {
  return dateText(toLocal(instant, timezone), language);
}

std::string formatTime(sql::Instant instant, const std::string& timezone, std::string_view language) {
  return clockText(toLocal(instant, timezone), language);
}

std::string formatDateTime(sql::Instant instant, const std::string& timezone, std::string_view language) {
  const LocalDateTime local = toLocal(instant, timezone);
  return dateText(local, language) + ", " + clockText(local, language) + " " + zoneAbbreviation(timezone);
}

std::string formatSpan(sql::Instant start, std::optional<sql::Instant> end, const std::string& timezone,
                       std::string_view language) {
  const LocalDateTime from = toLocal(start, timezone);
  const std::string zone = zoneAbbreviation(timezone);
  if (!end) {
    return dateText(from, language) + ", " + clockText(from, language) + " " + zone +
           (isEnglish(language) ? " until finished" : " s.d. selesai");
  }
  const LocalDateTime to = toLocal(*end, timezone);
  if (sameDay(from, to)) {
    return dateText(from, language) + ", " + clockText(from, language) + "\u2013" + clockText(to, language) + " " +
           zone;
  }
  return dateText(from, language) + ", " + clockText(from, language) + " " + zone + " \u2013 " +
         dateText(to, language) + ", " + clockText(to, language) + " " + zone;
}

std::string isoDate(sql::Instant instant, const std::string& timezone) {
  const LocalDateTime local = toLocal(instant, timezone);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", local.year, local.month, local.day);
  return buffer;
}

std::string isoTime(sql::Instant instant, const std::string& timezone) {
  const LocalDateTime local = toLocal(instant, timezone);
  return twoDigits(local.hour) + ":" + twoDigits(local.minute);
}

}  // namespace jadwal::workflow
