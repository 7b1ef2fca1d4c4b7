#define BOOST_TEST_MODULE wib_format
#include <boost/test/unit_test.hpp>

#include "workflow/wib_format.h"

using namespace jadwal::workflow;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<jadwal::sql::Instant>)

namespace {
const std::string kJakarta = "Asia/Jakarta";
// 2023-11-22 01:00:00 UTC = Wednesday 08.00 WIB.
constexpr jadwal::sql::Instant kWednesdayEight = 1700614800;
}  // namespace

BOOST_AUTO_TEST_CASE(local_time_in_jakarta_is_utc_plus_seven) {
  const LocalDateTime local = toLocal(kWednesdayEight, kJakarta);
  BOOST_TEST(local.year == 2023);
  BOOST_TEST(local.month == 11);
  BOOST_TEST(local.day == 22);
  BOOST_TEST(local.hour == 8);
  BOOST_TEST(local.minute == 0);
  BOOST_TEST(local.weekday == 3);
}

BOOST_AUTO_TEST_CASE(local_time_crosses_midnight_and_other_zones) {
  // 2023-11-21 20:30 UTC is already Wednesday 03.30 in Jakarta, 04.30 in Makassar.
  const jadwal::sql::Instant late = kWednesdayEight - 4 * 3600 - 30 * 60;
  BOOST_TEST(formatDateTime(late, kJakarta, "id") == "Rabu, 22 November 2023, 03.30 WIB");
  BOOST_TEST(formatDateTime(late, "Asia/Makassar", "id") == "Rabu, 22 November 2023, 04.30 WITA");
  BOOST_TEST(formatDateTime(late, "Asia/Jayapura", "id") == "Rabu, 22 November 2023, 05.30 WIT");
  BOOST_TEST(toLocal(late, "UTC").day == 21);
  BOOST_TEST(toLocal(late, "UTC").weekday == 2);
}

BOOST_AUTO_TEST_CASE(an_unknown_zone_reads_as_utc) {
  BOOST_TEST(toLocal(kWednesdayEight, "Mars/Olympus").hour == 1);
  BOOST_TEST(fromLocal("2023-11-22", "01:00", "Mars/Olympus") == kWednesdayEight);
}

BOOST_AUTO_TEST_CASE(dates_and_times_in_indonesian) {
  BOOST_TEST(formatDate(kWednesdayEight, kJakarta, "id") == "Rabu, 22 November 2023");
  BOOST_TEST(formatTime(kWednesdayEight + 90 * 60, kJakarta, "id") == "09.30");
  BOOST_TEST(formatDateTime(kWednesdayEight, kJakarta, "id") == "Rabu, 22 November 2023, 08.00 WIB");
}

BOOST_AUTO_TEST_CASE(dates_and_times_in_english) {
  BOOST_TEST(formatDate(kWednesdayEight, kJakarta, "en") == "Wednesday, 22 November 2023");
  BOOST_TEST(formatTime(kWednesdayEight + 90 * 60, kJakarta, "en") == "09:30");
  BOOST_TEST(formatDateTime(kWednesdayEight, kJakarta, "en") == "Wednesday, 22 November 2023, 08:00 WIB");
}

BOOST_AUTO_TEST_CASE(every_day_and_month_has_its_name) {
  BOOST_TEST(dayName(0, "id") == "Minggu");
  BOOST_TEST(dayName(5, "id") == "Jumat");
  BOOST_TEST(dayName(6, "en") == "Saturday");
  BOOST_TEST(dayName(7, "id") == "");
  BOOST_TEST(monthName(1, "id") == "Januari");
  BOOST_TEST(monthName(8, "id") == "Agustus");
  BOOST_TEST(monthName(12, "en") == "December");
  BOOST_TEST(monthName(0, "en") == "");
  BOOST_TEST(monthName(13, "id") == "");
  // A week of consecutive days runs through every name once.
  std::string week;
  for (int i = 0; i < 7; ++i) week += formatDate(kWednesdayEight + i * 86400, kJakarta, "id").substr(0, 3);
  BOOST_TEST(week == "RabKamJumSabMinSenSel");
}

BOOST_AUTO_TEST_CASE(spans_with_end_open_end_and_next_day) {
  BOOST_TEST(formatSpan(kWednesdayEight, kWednesdayEight + 2 * 3600, kJakarta, "id") ==
             "Rabu, 22 November 2023, 08.00\u201310.00 WIB");
  BOOST_TEST(formatSpan(kWednesdayEight, std::nullopt, kJakarta, "id") ==
             "Rabu, 22 November 2023, 08.00 WIB s.d. selesai");
  BOOST_TEST(formatSpan(kWednesdayEight, std::nullopt, kJakarta, "en") ==
             "Wednesday, 22 November 2023, 08:00 WIB until finished");
  BOOST_TEST(formatSpan(kWednesdayEight, kWednesdayEight + 26 * 3600, kJakarta, "id") ==
             "Rabu, 22 November 2023, 08.00 WIB \u2013 Kamis, 23 November 2023, 10.00 WIB");
}

BOOST_AUTO_TEST_CASE(typed_local_times_become_instants) {
  BOOST_TEST(fromLocal("2023-11-22", "08:00", kJakarta) == kWednesdayEight);
  BOOST_TEST(fromLocal("2023-11-22", "08.00", kJakarta) == kWednesdayEight);
  BOOST_TEST(fromLocal("2023-11-22", "08:00:00", kJakarta) == kWednesdayEight);
  BOOST_TEST(fromLocal("2024-02-29", "00:00", kJakarta).has_value());
  BOOST_TEST(isoDate(kWednesdayEight, kJakarta) == "2023-11-22");
  BOOST_TEST(isoTime(kWednesdayEight, kJakarta) == "08:00");
}

BOOST_AUTO_TEST_CASE(malformed_or_impossible_local_times_are_refused) {
  BOOST_TEST(!fromLocal("", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-22", "", kJakarta));
  BOOST_TEST(!fromLocal("22-11-2023", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023/11/22", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-13-01", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-02-29", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-04-31", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-22", "24:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-22", "08:60", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-22", "8:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-2x", "08:00", kJakarta));
  BOOST_TEST(!fromLocal("2023-11-22", "08:00pm", kJakarta));
}
