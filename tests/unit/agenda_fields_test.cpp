#define BOOST_TEST_MODULE agenda_fields
// The description convention, an event's publication, and the entry made
// of one occurrence.
#include "workflow/agenda_fields.h"

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "ical_test_support.h"

using namespace jadwal;
using namespace jadwal::workflow;
using caldav::testing::calendarOf;
using caldav::testing::utc;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<bool>)

namespace {

// The one entry of a calendar holding one event.
AgendaEntry entryOfEvent(std::initializer_list<std::string_view> lines, bool byDefault = false) {
  const caldav::IcalComponent calendar = calendarOf(lines);
  const std::vector<caldav::Instance> instances = caldav::instancesOverlapping(
      calendar.get(), "VEVENT", utc("20231101T000000Z"), utc("20231201T000000Z"), caldav::TimeContext{});
  BOOST_REQUIRE_EQUAL(instances.size(), 1u);
  return entryOf(instances.front(), byDefault);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_labels_the_approval_writes_are_read) {
  const DescriptionFields fields = readDescriptionFields(
      "Waktu: Rabu, 22 November 2023, 08.00 WIB s.d. selesai\n"
      "Instansi: Dinas Pendidikan\n"
      "Pakaian: PDH\n"
      "Ket.: Sambutan\n"
      "Diwakili oleh: Sekretaris Daerah\n"
      "Narahubung: Budi, 0812 3456 7890\n"
      "Publik: tidak\n"
      "s.d. selesai");
  BOOST_TEST(fields.dressCode == "PDH");
  BOOST_TEST(fields.role == "Sambutan");
  BOOST_TEST(fields.representedBy == "Sekretaris Daerah");
  BOOST_TEST(fields.contact == "Budi, 0812 3456 7890");
  BOOST_TEST(fields.published == std::optional<bool>(false));
  BOOST_TEST(fields.openEnd);
}

BOOST_AUTO_TEST_CASE(every_alias_of_every_label) {
  for (const char* label : {"Ket", "Ket.", "Keterangan", "Peran", "Peran pimpinan", "Peran Pimpinan."})
    BOOST_TEST(readDescriptionFields(std::string(label) + ": Narasumber").role == "Narasumber", label);
  for (const char* label : {"Diwakili oleh", "Diwakili", "DIWAKILI OLEH."})
    BOOST_TEST(readDescriptionFields(std::string(label) + ": Asisten I").representedBy == "Asisten I", label);
  for (const char* label : {"Narahubung", "Kontak", "CP", "cp.", "kontak"})
    BOOST_TEST(readDescriptionFields(std::string(label) + ": Sari 0813").contact == "Sari 0813", label);
  for (const char* label : {"Pakaian", "pakaian", "PAKAIAN.", "Pakaian."})
    BOOST_TEST(readDescriptionFields(std::string(label) + ": Batik").dressCode == "Batik", label);
}

BOOST_AUTO_TEST_CASE(labels_ignore_case_and_the_spaces_around) {
  const DescriptionFields fields =
      readDescriptionFields("  pakaian  :   PDL  \r\n\tKET .:Pembukaan\r\n  Peran   pimpinan : Sambutan\r\n");
  BOOST_TEST(fields.dressCode == "PDL");
  BOOST_TEST(fields.role == "Pembukaan");  // the first line of a label counts
}

BOOST_AUTO_TEST_CASE(other_lines_and_empty_values_give_nothing) {
  const DescriptionFields fields = readDescriptionFields(
      "Catatan: bawa undangan\nPakaian:\nPakaian tradisional\nPerihal: Narahubung: x\nhttps://contoh.go.id/a:b");
  BOOST_TEST(fields.dressCode.empty());
  BOOST_TEST(fields.contact.empty());
  BOOST_TEST(fields.role.empty());
  BOOST_TEST(!fields.published.has_value());
  BOOST_TEST(!fields.openEnd);
  BOOST_TEST(readDescriptionFields("").dressCode.empty());
}

BOOST_AUTO_TEST_CASE(publik_says_yes_or_no_in_either_language) {
  BOOST_TEST(readDescriptionFields("Publik: ya").published == std::optional<bool>(true));
  BOOST_TEST(readDescriptionFields("publik: YES").published == std::optional<bool>(true));
  BOOST_TEST(readDescriptionFields("Publik.: Tidak").published == std::optional<bool>(false));
  BOOST_TEST(readDescriptionFields("PUBLIK: no").published == std::optional<bool>(false));
  BOOST_TEST(!readDescriptionFields("Publik: mungkin").published.has_value());
}

BOOST_AUTO_TEST_CASE(the_open_end_line_alone_in_any_spelling) {
  for (const char* line : {"s.d. selesai", "S.D. SELESAI", "s/d selesai", "sd selesai", "  Sd   Selesai  \r"})
    BOOST_TEST(readDescriptionFields(std::string("Pakaian: PDH\n") + line).openEnd, line);
  for (const char* line : {"08.00 s.d. selesai", "s.d. selesai acara", "selesai", "sd"})
    BOOST_TEST(!readDescriptionFields(line).openEnd, line);
}

BOOST_AUTO_TEST_CASE(publication_follows_class_then_publik_then_the_calendar) {
  // Private and confidential never, whatever else says yes.
  BOOST_TEST(!entryPublished("PRIVATE", "CONFIRMED", true, true));
  BOOST_TEST(!entryPublished("CONFIDENTIAL", "", true, true));
  // Tentative and cancelled never.
  BOOST_TEST(!entryPublished("PUBLIC", "TENTATIVE", true, true));
  BOOST_TEST(!entryPublished("", "CANCELLED", true, true));
  // A Publik line decides over CLASS:PUBLIC and the calendar.
  BOOST_TEST(!entryPublished("PUBLIC", "CONFIRMED", false, true));
  BOOST_TEST(entryPublished("", "CONFIRMED", true, false));
  // Then an explicit CLASS:PUBLIC, then the calendar's default.
  BOOST_TEST(entryPublished("PUBLIC", "", std::nullopt, false));
  BOOST_TEST(entryPublished("", "", std::nullopt, true));
  BOOST_TEST(!entryPublished("", "CONFIRMED", std::nullopt, false));
}

BOOST_AUTO_TEST_CASE(an_entry_as_thunderbird_writes_it) {
  const AgendaEntry entry =
      entryOfEvent({"BEGIN:VEVENT", "UID:tb-1", "DTSTAMP:20231101T000000Z", "CLASS:PUBLIC",
                    "DTSTART;TZID=Asia/Jakarta:20231122T100000", "DTEND;TZID=Asia/Jakarta:20231122T113000",
                    "SUMMARY:Rapat Koordinasi (diwakili)", "LOCATION:Ruang Rapat\\nBupati",
                    "DESCRIPTION:Pakaian: PDH\\nKet.: Sambutan\\nDiwakili oleh: Sekretaris Daerah\\nNarahubung: Budi",
                    "STATUS:CONFIRMED", "END:VEVENT"});
  BOOST_TEST(entry.uid == "tb-1");
  BOOST_TEST(entry.start == utc("20231122T030000Z"));
  BOOST_TEST(entry.end == utc("20231122T043000Z"));
  BOOST_TEST(!entry.openEnd);
  BOOST_TEST(!entry.allDay);
  BOOST_TEST(entry.activity == "Rapat Koordinasi");  // represented: the mark goes
  BOOST_TEST(entry.place == "Ruang Rapat Bupati");
  BOOST_TEST(entry.dressCode == "PDH");
  BOOST_TEST(entry.role == "Sambutan");
  BOOST_TEST(entry.representedBy == "Sekretaris Daerah");
  BOOST_TEST(entry.contact == "Budi");
  BOOST_TEST(entry.published);
  BOOST_TEST(!entry.confidential);
  BOOST_TEST(!entry.tentative);
}

BOOST_AUTO_TEST_CASE(the_represented_mark_stays_when_nobody_is_named) {
  const AgendaEntry entry = entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T030000Z", "DTEND:20231122T040000Z",
                                          "SUMMARY:Rapat (diwakili)", "END:VEVENT"});
  BOOST_TEST(entry.activity == "Rapat (diwakili)");
}

BOOST_AUTO_TEST_CASE(no_end_nor_duration_is_an_open_end) {
  const AgendaEntry open = entryOfEvent(
      {"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Asia/Jakarta:20231122T080000", "SUMMARY:Apel", "END:VEVENT"});
  BOOST_TEST(open.openEnd);
  BOOST_TEST(open.end == open.start);
  // The line says so too, beside an end the calendar keeps.
  const AgendaEntry said = entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DTEND:20231122T030000Z",
                                         "DESCRIPTION:s.d. selesai", "END:VEVENT"});
  BOOST_TEST(said.openEnd);
  BOOST_TEST(said.end == utc("20231122T030000Z"));
}

BOOST_AUTO_TEST_CASE(a_date_start_is_all_day_never_open) {
  const AgendaEntry entry = entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20231122", "SUMMARY:Hari Guru",
                                          "DESCRIPTION:s.d. selesai", "END:VEVENT"});
  BOOST_TEST(entry.allDay);
  BOOST_TEST(!entry.openEnd);
}

BOOST_AUTO_TEST_CASE(a_private_entry_keeps_its_time_only) {
  for (const char* classLine : {"CLASS:PRIVATE", "CLASS:CONFIDENTIAL"}) {
    const AgendaEntry entry =
        entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DTEND:20231122T020000Z", classLine,
                      "SUMMARY:Rahasia", "LOCATION:Rumah", "ATTACH:https://dokumen.example/rahasia.pdf",
                      "DESCRIPTION:Pakaian: A\\nKet.: B\\nDiwakili oleh: C\\nKontak: D\\nPublik: ya", "END:VEVENT"},
                     true);
    BOOST_TEST(entry.confidential);
    BOOST_TEST(!entry.published);
    BOOST_TEST(entry.start == utc("20231122T010000Z"));
    BOOST_TEST(entry.end == utc("20231122T020000Z"));
    for (const std::string* field : {&entry.activity, &entry.place, &entry.dressCode, &entry.role, &entry.representedBy,
                                     &entry.contact, &entry.link})
      BOOST_TEST(field->empty());
  }
}

BOOST_AUTO_TEST_CASE(a_tentative_entry_is_marked_and_never_published) {
  const AgendaEntry entry =
      entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DTEND:20231122T020000Z", "STATUS:TENTATIVE",
                    "CLASS:PUBLIC", "SUMMARY:[Permohonan] Audiensi", "END:VEVENT"},
                   true);
  BOOST_TEST(entry.tentative);
  BOOST_TEST(!entry.published);
}

BOOST_AUTO_TEST_CASE(the_link_is_the_first_web_attachment_else_the_url) {
#define EVENT_WITH(...)                                                                                         \
  entryOfEvent({"BEGIN:VEVENT", "UID:a", "DTSTART:20231122T010000Z", "DTEND:20231122T020000Z", "SUMMARY:Rapat", \
                __VA_ARGS__, "END:VEVENT"})                                                                     \
      .link
  BOOST_TEST(EVENT_WITH("LOCATION:Aula") == "");
  BOOST_TEST(EVENT_WITH("URL:https://jadwal.example/staf/permohonan/4") == "https://jadwal.example/staf/permohonan/4");
  BOOST_TEST(EVENT_WITH("URL:https://jadwal.example/a", "ATTACH;FMTTYPE=application/pdf:https://x.example/surat.pdf",
                        "ATTACH:https://x.example/dua.pdf") == "https://x.example/surat.pdf");
  // An inline file, a javascript: or data: link is never offered.
  BOOST_TEST(EVENT_WITH("ATTACH;ENCODING=BASE64;VALUE=BINARY:SGFsbw==") == "");
  BOOST_TEST(EVENT_WITH("URL:javascript:alert(1)", "ATTACH:data:text/html,hai") == "");
  BOOST_TEST(EVENT_WITH("ATTACH:JavaScript://x.example/%0aalert(1)", "URL:http://x.example/ok") ==
             "http://x.example/ok");
#undef EVENT_WITH
}
