#define BOOST_TEST_MODULE agenda_text
// The agenda in the office's words: the Indonesian time of an entry, the
// entries by day, and the WhatsApp text byte for byte.
#include "workflow/agenda_text.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "workflow/wib_format.h"

using namespace jadwal;
using namespace jadwal::workflow;

namespace {

const std::string kJakarta = "Asia/Jakarta";
const LocalDate kWednesday{2023, 11, 22};

sql::Instant at(const std::string& date, const std::string& time) {
  const std::optional<sql::Instant> instant = fromLocal(date, time, kJakarta);
  BOOST_REQUIRE(instant);
  return *instant;
}

AgendaEntry timed(sql::Instant start, sql::Instant end, const std::string& activity = "Rapat") {
  AgendaEntry entry;
  entry.start = start;
  entry.end = end;
  entry.activity = activity;
  return entry;
}

AgendaEntry openEnded(sql::Instant start, const std::string& activity) {
  AgendaEntry entry = timed(start, start, activity);
  entry.openEnd = true;
  return entry;
}

std::string timeOn(const AgendaEntry& entry, const LocalDate& day = kWednesday) {
  return entryTimeText(entry, day, kJakarta);
}

Agenda agendaOf(const LocalDate& first, int days, std::vector<LeaderAgenda> leaders) {
  Agenda agenda;
  agenda.query.from = dayStart(first, kJakarta);
  agenda.query.to = dayStart(nextDay(first, days), kJakarta);
  agenda.leaders = std::move(leaders);
  return agenda;
}

LeaderAgenda leader(const std::string& name, const std::string& title, std::vector<AgendaEntry> entries = {}) {
  LeaderAgenda agenda;
  agenda.userName = name;
  agenda.title = title;
  agenda.entries = std::move(entries);
  return agenda;
}

AgendaConfig officeConfig() {
  AgendaConfig config;
  config.region = "KABUPATEN OGAN ILIR";
  return config;
}

// The first two lines of a one-day text: the heading and the date.
std::string dateLineOf(const LocalDate& day) {
  const std::string text = whatsappText(agendaOf(day, 1, {}), officeConfig(), "Kantor", kJakarta);
  const std::size_t first = text.find('\n');
  return text.substr(first + 1, text.find('\n', first + 1) - first - 1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_range_on_one_day_uses_an_en_dash) {
  BOOST_TEST(timeOn(timed(at("2023-11-22", "10:00"), at("2023-11-22", "11:30"))) == "10.00\u201311.30 WIB");
}

BOOST_AUTO_TEST_CASE(an_open_end_is_until_finished) {
  BOOST_TEST(timeOn(openEnded(at("2023-11-22", "08:00"), "Apel")) == "08.00 WIB s.d. selesai");
}

BOOST_AUTO_TEST_CASE(an_event_without_duration_has_its_start_only) {
  BOOST_TEST(timeOn(timed(at("2023-11-22", "09:05"), at("2023-11-22", "09:05"))) == "09.05 WIB");
}

BOOST_AUTO_TEST_CASE(an_all_day_event_lasts_all_day_on_each_of_its_days) {
  AgendaEntry entry = timed(at("2023-11-22", "00:00"), at("2023-11-24", "00:00"));
  entry.allDay = true;
  BOOST_TEST(timeOn(entry) == "Sepanjang hari");
  BOOST_TEST(timeOn(entry, LocalDate{2023, 11, 23}) == "Sepanjang hari");
}

BOOST_AUTO_TEST_CASE(crossing_midnight_names_the_other_day) {
  const AgendaEntry late = timed(at("2023-11-22", "22:00"), at("2023-11-23", "02:00"));
  BOOST_TEST(timeOn(late) == "22.00 WIB s.d. Kamis 02.00 WIB");
  BOOST_TEST(timeOn(late, LocalDate{2023, 11, 23}) == "Rabu 22.00 WIB s.d. 02.00 WIB");
  // Up to midnight stays on its day.
  BOOST_TEST(timeOn(timed(at("2023-11-22", "22:00"), at("2023-11-23", "00:00"))) == "22.00\u201324.00 WIB");
  // A middle day of a long event names both ends; a far one by its date.
  const AgendaEntry camp = timed(at("2023-11-21", "08:00"), at("2023-12-04", "12:00"));
  BOOST_TEST(timeOn(camp) == "Selasa 08.00 WIB s.d. 4 Desember 2023 12.00 WIB");
}

BOOST_AUTO_TEST_CASE(every_day_is_named_in_indonesian) {
  const std::vector<std::string> names = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
  const LocalDate sunday{2023, 11, 19};
  for (int i = 0; i < 7; ++i) {
    const LocalDate day = nextDay(sunday, i);
    BOOST_TEST(dateLineOf(day) ==
               "*" + names[static_cast<std::size_t>(i)] + ", " + std::to_string(19 + i) + " November 2023*");
    // The other day of an event across midnight, named from the day before.
    const std::string start = isoDateText(nextDay(day, -1));
    const AgendaEntry late = timed(at(start, "23:00"), at(isoDateText(day), "01:00"));
    BOOST_TEST(timeOn(late, nextDay(day, -1)) == "23.00 WIB s.d. " + names[static_cast<std::size_t>(i)] + " 01.00 WIB");
  }
}

BOOST_AUTO_TEST_CASE(every_month_is_named_in_indonesian) {
  const std::vector<std::string> lines = {
      "*Senin, 1 Januari 2024*",  "*Kamis, 1 Februari 2024*", "*Jumat, 1 Maret 2024*",
      "*Senin, 1 April 2024*",    "*Rabu, 1 Mei 2024*",       "*Sabtu, 1 Juni 2024*",
      "*Senin, 1 Juli 2024*",     "*Kamis, 1 Agustus 2024*",  "*Minggu, 1 September 2024*",
      "*Selasa, 1 Oktober 2024*", "*Jumat, 1 November 2024*", "*Minggu, 1 Desember 2024*"};
  for (int month = 1; month <= 12; ++month) {
    BOOST_TEST(dateLineOf(LocalDate{2024, month, 1}) == lines[static_cast<std::size_t>(month - 1)]);
  }
}

BOOST_AUTO_TEST_CASE(entries_fall_on_every_day_they_touch) {
  Agenda agenda = agendaOf(kWednesday, 3,
                           {leader("bupati", "BUPATI",
                                   {timed(at("2023-11-22", "22:00"), at("2023-11-23", "02:00"), "Malam"),
                                    openEnded(at("2023-11-24", "08:00"), "Apel")}),
                            leader("wabup", "WAKIL BUPATI")});
  const std::vector<AgendaDay> days = agendaByDay(agenda, kJakarta);
  BOOST_REQUIRE_EQUAL(days.size(), 3u);
  BOOST_CHECK(days[0].date == kWednesday);
  BOOST_CHECK(days[2].date == (LocalDate{2023, 11, 24}));
  for (const AgendaDay& day : days) {
    BOOST_REQUIRE_EQUAL(day.leaders.size(), 2u);
    BOOST_TEST(day.leaders[0].title == "BUPATI");
    BOOST_TEST(day.leaders[1].entries.empty());
  }
  BOOST_REQUIRE_EQUAL(days[0].leaders[0].entries.size(), 1u);
  BOOST_REQUIRE_EQUAL(days[1].leaders[0].entries.size(), 1u);
  BOOST_TEST(days[1].leaders[0].entries[0].activity == "Malam");
  BOOST_REQUIRE_EQUAL(days[2].leaders[0].entries.size(), 1u);
  BOOST_TEST(days[2].leaders[0].entries[0].activity == "Apel");
}

BOOST_AUTO_TEST_CASE(the_office_message_byte_for_byte) {
  AgendaEntry apel = openEnded(at("2023-11-22", "08:00"), "Apel Gabungan ASN");
  apel.place = "Halaman Kantor Bupati, Indralaya";
  apel.dressCode = "PDH";
  apel.role = "Sambutan";
  AgendaEntry rakor =
      timed(at("2023-11-22", "10:00"), at("2023-11-22", "11:30"), "Rapat Koordinasi Pengendalian Inflasi");
  rakor.place = "Ruang Rapat Bupati";
  rakor.representedBy = "Sekretaris Daerah";
  rakor.contact = "Budi, 0812 3456 7890";
  AgendaEntry hold = timed(at("2023-11-22", "13:00"), at("2023-11-22", "14:00"), "Audiensi  \n  Karang Taruna");
  hold.tentative = true;
  AgendaEntry internal = timed(at("2023-11-22", "15:00"), at("2023-11-22", "16:00"), "");
  internal.confidential = true;
  const Agenda agenda = agendaOf(
      kWednesday, 1, {leader("bupati", "BUPATI", {apel, rakor, hold, internal}), leader("wabup", "WAKIL BUPATI")});
  AgendaConfig config = officeConfig();
  config.signature = "Bagian Protokol dan Komunikasi Pimpinan";

  BOOST_TEST(whatsappText(agenda, config, "Kantor", kJakarta) ==
             "*AGENDA PIMPINAN KABUPATEN OGAN ILIR*\n"
             "*Rabu, 22 November 2023*\n"
             "\n"
             "*BUPATI*\n"
             "1. 08.00 WIB s.d. selesai\n"
             "   Apel Gabungan ASN\n"
             "   Tempat  : Halaman Kantor Bupati, Indralaya\n"
             "   Pakaian : PDH\n"
             "   Ket.    : Sambutan\n"
             "2. 10.00\u201311.30 WIB\n"
             "   Rapat Koordinasi Pengendalian Inflasi\n"
             "   Tempat  : Ruang Rapat Bupati\n"
             "   Diwakili oleh : Sekretaris Daerah\n"
             "   Narahubung : Budi, 0812 3456 7890\n"
             "3. 13.00\u201314.00 WIB (belum pasti)\n"
             "   Audiensi Karang Taruna\n"
             "4. 15.00\u201316.00 WIB\n"
             "   Acara internal\n"
             "\n"
             "*WAKIL BUPATI*\n"
             "Tidak ada agenda\n"
             "\n"
             "_Bagian Protokol dan Komunikasi Pimpinan_\n");
}

BOOST_AUTO_TEST_CASE(a_confidential_entry_shows_nothing_but_its_time) {
  AgendaEntry secret = timed(at("2023-11-22", "15:00"), at("2023-11-22", "16:00"), "RAHASIA-JUDUL");
  secret.place = "RAHASIA-TEMPAT";
  secret.contact = "RAHASIA-KONTAK";
  secret.confidential = true;
  const std::string text =
      whatsappText(agendaOf(kWednesday, 1, {leader("bupati", "BUPATI", {secret})}), officeConfig(), "Kantor", kJakarta);
  BOOST_TEST(text.find("RAHASIA") == std::string::npos);
  BOOST_TEST(text.find("1. 15.00\u201316.00 WIB\n   Acara internal\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(several_days_one_block_each_and_the_office_signs) {
  const Agenda agenda = agendaOf(
      kWednesday, 2,
      {leader("bupati", "BUPATI", {timed(at("2023-11-23", "09:00"), at("2023-11-23", "10:00"), "Kunjungan Kerja")})});
  BOOST_TEST(whatsappText(agenda, officeConfig(), "Bagian Protokol", kJakarta) ==
             "*AGENDA PIMPINAN KABUPATEN OGAN ILIR*\n"
             "*Rabu, 22 November 2023*\n"
             "\n"
             "*BUPATI*\n"
             "Tidak ada agenda\n"
             "\n"
             "*Kamis, 23 November 2023*\n"
             "\n"
             "*BUPATI*\n"
             "1. 09.00\u201310.00 WIB\n"
             "   Kunjungan Kerja\n"
             "\n"
             "_Bagian Protokol_\n");
}

BOOST_AUTO_TEST_CASE(an_incomplete_agenda_says_so_last) {
  Agenda agenda = agendaOf(kWednesday, 1, {leader("bupati", "BUPATI")});
  agenda.incomplete = true;
  const std::string text = whatsappText(agenda, officeConfig(), "Kantor", kJakarta);
  const std::string last = "_Kantor_\n\nSebagian acara berulang mungkin tidak tercantum.\n";
  BOOST_REQUIRE_GE(text.size(), last.size());
  BOOST_TEST(text.substr(text.size() - last.size()) == last);
}

BOOST_AUTO_TEST_CASE(user_text_is_kept_as_typed_without_entities) {
  AgendaEntry entry = timed(at("2023-11-22", "09:00"), at("2023-11-22", "10:00"), "  Rapat <RT & RW> \"Desa\"  ");
  entry.place = "Balai\r\nDesa";
  const std::string text =
      whatsappText(agendaOf(kWednesday, 1, {leader("bupati", "BUPATI", {entry})}), officeConfig(), "Kantor", kJakarta);
  BOOST_TEST(text.find("   Rapat <RT & RW> \"Desa\"\n") != std::string::npos);
  BOOST_TEST(text.find("   Tempat  : Balai Desa\n") != std::string::npos);
  BOOST_TEST(text.find("&amp;") == std::string::npos);
  BOOST_TEST(text.find("&lt;") == std::string::npos);
}
