#define BOOST_TEST_MODULE agenda_web
#include <boost/test/unit_test.hpp>

#include <string>

#include "base/utf8.h"
#include "caldav/dav_context.h"
#include "caldav/ical/zones.h"
#include "web/agenda_formats.h"
#include "web/agenda_request.h"
#include "web/conditional_get.h"

using namespace jadwal;
using web::agenda::DayRange;
using workflow::LocalDate;

namespace {

const std::string kZone = "Asia/Jakarta";

sql::Instant wib(int year, int month, int day, int hour, int minute = 0) {
  return caldav::civilToInstant({year, month, day, hour, minute, 0}) - 7 * 3600;
}

workflow::AgendaEntry entry(const std::string& activity, sql::Instant start, sql::Instant end) {
  workflow::AgendaEntry e;
  e.leader = "bupati";
  e.calendarPath = "bupati/agenda";
  e.objectName = "a.ics";
  e.uid = "permohonan-7-agenda@jadwal";
  e.start = start;
  e.end = end;
  e.activity = activity;
  e.published = true;
  e.modifiedAt = wib(2023, 11, 20, 9);
  return e;
}

workflow::Agenda agendaOf(std::vector<workflow::AgendaEntry> entries) {
  workflow::Agenda agenda;
  agenda.query.from = wib(2023, 11, 22, 0);
  agenda.query.to = wib(2023, 11, 23, 0);
  agenda.query.publicOnly = true;
  workflow::LeaderAgenda leader;
  leader.userName = "bupati";
  leader.title = "BUPATI";
  leader.entries = std::move(entries);
  agenda.leaders.push_back(std::move(leader));
  agenda.etag = "\"7-3\"";
  return agenda;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    BOOST_REQUIRE(end != std::string::npos);
    out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(day_ranges) {
  const LocalDate today{2023, 11, 22};
  auto choice = web::agenda::dayRange("", "", today, 31);
  BOOST_REQUIRE(choice.range);
  BOOST_TEST((choice.range->first == today && choice.range->last == today));
  BOOST_TEST(choice.range->days() == 1);

  choice = web::agenda::dayRange("2023-11-01", "2023-12-01", today, 31);
  BOOST_REQUIRE(choice.range);
  BOOST_TEST(choice.range->days() == 31);
  BOOST_TEST(web::agenda::dayRange("2023-11-01", "2023-12-02", today, 31).error == "agenda.too_long");
  BOOST_TEST(web::agenda::dayRange("2023-11-22", "2023-11-21", today, 31).error == "agenda.until_before");
  BOOST_TEST(web::agenda::dayRange("2023-02-29", "", today, 31).error == "agenda.bad_date");
  BOOST_TEST(web::agenda::dayRange("22-11-2023", "", today, 31).error == "agenda.bad_date");
  BOOST_TEST(web::agenda::dayRange("2023-11-22", "besok", today, 31).error == "agenda.bad_until");
  BOOST_TEST(web::agenda::daysFrom({2023, 12, 31}, {2024, 3, 1}) == 61);
}

BOOST_AUTO_TEST_CASE(weeks_run_monday_to_sunday) {
  // 22 November 2023 is a Wednesday; 26 November a Sunday; 27 November a Monday.
  for (int day = 20; day <= 26; ++day) {
    const auto week = web::agenda::weekRange("2023-11-" + std::to_string(day), 31);
    BOOST_REQUIRE(week.range);
    BOOST_TEST((week.range->first == LocalDate{2023, 11, 20}), day);
    BOOST_TEST((week.range->last == LocalDate{2023, 11, 26}), day);
  }
  BOOST_TEST((web::agenda::mondayOf({2024, 1, 3}) == LocalDate{2024, 1, 1}));
  BOOST_TEST((web::agenda::mondayOf({2023, 1, 1}) == LocalDate{2022, 12, 26}));
  BOOST_TEST(web::agenda::weekRange("pekan", 31).error == "agenda.bad_date");
  BOOST_TEST(web::agenda::weekRange("2023-11-22", 6).error == "agenda.too_long");
}

BOOST_AUTO_TEST_CASE(etags_differ_by_output_parameters_and_agenda) {
  const auto agenda = agendaOf({});
  const std::string page = web::agenda::etagOf(agenda.etag, "page", "2023-11-22..2023-11-22 day id");
  BOOST_TEST(page.front() == '"');
  BOOST_TEST(page.back() == '"');
  BOOST_TEST(page == web::agenda::etagOf(agenda.etag, "page", "2023-11-22..2023-11-22 day id"));
  BOOST_TEST(page != web::agenda::etagOf(agenda.etag, "json", "2023-11-22..2023-11-22 day id"));
  BOOST_TEST(page != web::agenda::etagOf(agenda.etag, "page", "2023-11-23..2023-11-23 day id"));
  auto changed = agenda;
  changed.etag = "\"7-4\"";
  BOOST_TEST(page != web::agenda::etagOf(changed.etag, "page", "2023-11-22..2023-11-22 day id"));
}

BOOST_AUTO_TEST_CASE(conditional_get) {
  web::WebRequest request;
  const std::string etag = "\"abc\"";
  const sql::Instant modified = caldav::civilToInstant({2023, 11, 22, 1, 2, 3});
  BOOST_TEST(caldav::httpDate(modified) == "Wed, 22 Nov 2023 01:02:03 GMT");
  BOOST_TEST(!web::clientHasVersion(request, etag, modified));
  request.headers["If-None-Match"] = "\"x\", W/\"abc\"";
  BOOST_TEST(web::clientHasVersion(request, etag, modified));
  request.headers["If-None-Match"] = "*";
  BOOST_TEST(web::clientHasVersion(request, etag, modified));
  // If-None-Match decides when present, even with a matching date.
  request.headers["If-None-Match"] = "\"old\"";
  request.headers["If-Modified-Since"] = "Wed, 22 Nov 2023 01:02:03 GMT";
  BOOST_TEST(!web::clientHasVersion(request, etag, modified));
  request.headers.erase("If-None-Match");
  BOOST_TEST(web::clientHasVersion(request, etag, modified));
  BOOST_TEST(!web::clientHasVersion(request, etag, modified + 1));
  BOOST_TEST(!web::clientHasVersion(request, etag, 0), "an answer of no objects has no date to compare");
  request.headers["If-Modified-Since"] = "kemarin";
  BOOST_TEST(!web::clientHasVersion(request, etag, modified));

  const auto answer = web::agenda::notModified(etag, modified, 60);
  BOOST_TEST(answer.status == 304);
  BOOST_TEST(answer.body.empty());
  bool cache = false;
  for (const auto& [name, value] : answer.headers)
    cache = cache || (name == "Cache-Control" && value == "public, max-age=60");
  BOOST_TEST(cache);
}

BOOST_AUTO_TEST_CASE(ics_holds_the_public_fields_only) {
  auto apel = entry("Apel, Gabungan; ASN", wib(2023, 11, 22, 8), wib(2023, 11, 22, 8));
  apel.openEnd = true;
  apel.place = "Halaman Kantor Bupati";
  apel.dressCode = "PDH-RAHASIA";
  apel.role = "Sambutan-RAHASIA";
  apel.contact = "Budi 0812-RAHASIA";
  auto rapat = entry("Rapat Koordinasi Pengendalian Inflasi Daerah dengan Seluruh Kepala Perangkat Daerah",
                     wib(2023, 11, 22, 10), wib(2023, 11, 22, 11, 30));
  rapat.representedBy = "Sekretaris Daerah";
  rapat.place = "Ruang Rapat Bupati — Gedung Utama Lantai Dua, Jalan Lintas Timur Kilometer Tiga Puluh Lima";
  auto hidden = entry("Tidak untuk umum", wib(2023, 11, 22, 13), wib(2023, 11, 22, 14));
  hidden.published = false;
  auto internal = entry("Acara internal", wib(2023, 11, 22, 15), wib(2023, 11, 22, 16));
  internal.confidential = true;
  auto allDay = entry("Hari Jadi Kabupaten", wib(2023, 11, 22, 0), wib(2023, 11, 23, 0));
  allDay.allDay = true;

  const std::string ics = web::agenda::publicIcs(agendaOf({apel, rapat, hidden, internal, allDay}),
                                                 "Agenda Pimpinan KABUPATEN OGAN ILIR", kZone);
  BOOST_TEST(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  BOOST_TEST(ics.ends_with("END:VCALENDAR\r\n"));
  for (const auto& line : lines(ics)) {
    BOOST_TEST(line.size() <= 75u, line);
    BOOST_TEST(base::isValidUtf8(line), "folded between characters, never inside one: " << line);
  }
  std::string unfolded;
  for (const auto& line : lines(ics)) {
    if (line.starts_with(" ")) {
      unfolded += line.substr(1);
    } else {
      unfolded += (unfolded.empty() ? "" : "\n") + line;
    }
  }
  BOOST_TEST(unfolded.find("SUMMARY:Apel\\, Gabungan\\; ASN\n") != std::string::npos);
  BOOST_TEST(unfolded.find("DTSTART:20231122T010000Z\n") != std::string::npos);
  BOOST_TEST(unfolded.find("DTEND:20231122T043000Z\n") != std::string::npos);
  BOOST_TEST(unfolded.find("DTSTART;VALUE=DATE:20231122\nDTEND;VALUE=DATE:20231123\n") != std::string::npos);
  BOOST_TEST(unfolded.find("LOCATION:Ruang Rapat Bupati — Gedung Utama Lantai Dua\\, Jalan Lintas Timur Kilometer Tiga "
                           "Puluh Lima\n") != std::string::npos,
             "the place whole");
  BOOST_TEST(unfolded.find("Diwakili oleh: Sekretaris Daerah") != std::string::npos);
  std::size_t events = 0, ends = 0;
  for (std::size_t at = unfolded.find("BEGIN:VEVENT"); at != std::string::npos;
       at = unfolded.find("BEGIN:VEVENT", at + 1))
    ++events;
  for (std::size_t at = unfolded.find("DTEND"); at != std::string::npos; at = unfolded.find("DTEND", at + 1)) ++ends;
  BOOST_TEST(events == 3u);
  BOOST_TEST(ends == 2u, "the open end has no DTEND");
  for (const char* secret : {"RAHASIA", "Tidak untuk umum", "Acara internal", "permohonan-7", "bupati/agenda"})
    BOOST_TEST(unfolded.find(secret) == std::string::npos, secret);
}
