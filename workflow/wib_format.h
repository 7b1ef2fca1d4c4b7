#pragma once
// Dates and times as people in the office read them: local time of the
// configured zone, day and month names in Indonesian ("id") or English
// ("en"), 24-hour clock with a dot in Indonesian ("08.00") and a colon in
// English ("08:00"), and the zone's Indonesian abbreviation (WIB, WITA, WIT).
// Every page, mail and event description formats through here so that the
// same moment reads the same everywhere.
//
// `timezone` is an Olson name known to the iCalendar library's zone database
// ("Asia/Jakarta"); an unknown name is treated as UTC. Any language other than "en" is Indonesian.

#include <optional>
#include <string>
#include <string_view>

#include "sql/store.h"

namespace jadwal::workflow {

struct LocalDateTime {
  int year = 1970, month = 1, day = 1;  // month 1..12
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday ... 6 = Saturday
};

// The wall-clock time of `instant` in `timezone`.
LocalDateTime toLocal(sql::Instant instant, const std::string& timezone);
// The instant of a wall-clock time typed as "YYYY-MM-DD" and "HH:MM" in
// `timezone`; nullopt when either is malformed or not a real date or time.
std::optional<sql::Instant> fromLocal(std::string_view date, std::string_view time, const std::string& timezone);

std::string_view dayName(int weekday, std::string_view language);  // "Rabu" / "Wednesday"
std::string_view monthName(int month, std::string_view language);  // "November"; "" out of 1..12
// "WIB" for Asia/Jakarta (and the other zones at UTC+7 in Indonesia), "WITA",
// "WIT"; otherwise the zone name itself.
std::string zoneAbbreviation(const std::string& timezone);

// "Rabu, 22 November 2023" / "Wednesday, 22 November 2023"
std::string formatDate(sql::Instant instant, const std::string& timezone, std::string_view language);
// "08.00" / "08:00"
std::string formatTime(sql::Instant instant, const std::string& timezone, std::string_view language);
// "Rabu, 22 November 2023, 08.00 WIB"
std::string formatDateTime(sql::Instant instant, const std::string& timezone, std::string_view language);
// An activity's span: "Rabu, 22 November 2023, 08.00–10.00 WIB";
// "Rabu, 22 November 2023, 08.00 WIB s.d. selesai" ("until finished") when
// the end is open; both dates written out when the end falls on another day.
std::string formatSpan(sql::Instant start, std::optional<sql::Instant> end, const std::string& timezone,
                       std::string_view language);

// For form fields: "2023-11-22" and "08:00" in `timezone`.
std::string isoDate(sql::Instant instant, const std::string& timezone);
std::string isoTime(sql::Instant instant, const std::string& timezone);

}  // namespace jadwal::workflow
