#define BOOST_TEST_MODULE agenda
// The leaders' agenda read from a real SQLite store, with events as
// Thunderbird writes them, for every kind of reader; the calendars public by
// default; local days.
#include "workflow/agenda.h"

#include <boost/test/unit_test.hpp>

#include "temp_database.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "caldav/calendar_service.h"
#include "sql/store.h"
#include "workflow/agenda_text.h"

using namespace jadwal;
using namespace jadwal::workflow;
using jadwal::testing::TempDatabase;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<jadwal::workflow::LocalDate>)

namespace {

const std::string kJakarta = "Asia/Jakarta";
const LocalDate kWednesday{2023, 11, 22};

// A VCALENDAR as Thunderbird writes it: its product, the zone it uses.
std::string thunderbirdEvent(const std::string& uid, const std::string& lines) {
  return "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nVERSION:2.0\r\n"
         "BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\nX-TZINFO:Asia/Jakarta[2023c]\r\nBEGIN:STANDARD\r\n"
         "TZOFFSETFROM:+070000\r\nTZOFFSETTO:+070000\r\nTZNAME:WIB\r\nDTSTART:19700101T000000\r\n"
         "END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nCREATED:20231101T000000Z\r\n"
         "LAST-MODIFIED:20231101T000000Z\r\nDTSTAMP:20231101T000000Z\r\nUID:" +
         uid + "\r\n" + lines + "TRANSP:OPAQUE\r\nX-MOZ-GENERATION:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

caldav::Principal principalOf(const sql::User& user) { return {user.id, user.name, user.role, user.displayName}; }

struct Fixture {
  TempDatabase db;
  std::unique_ptr<sql::Store> store = sql::openStore("sqlite:" + db.path.string());
  caldav::TimeContext time;
  caldav::CalendarService calendars{*store, time};
  caldav::ExpansionBudget budget;
  AgendaConfig config;
  sql::User bupati, wabup, sekda, protokol, ajudan, tamu, admin;
  sql::Calendar bupatiAgenda, bupatiPribadi, wabupAgenda, sekdaAgenda;

  Fixture() {
    store->migrate();
    bupati = addUser("bupati", sql::Role::Leader, "Bupati");
    wabup = addUser("wabup", sql::Role::Leader, "Wakil Bupati");
    sekda = addUser("sekda", sql::Role::Leader, "Sekretaris Daerah");
    protokol = addUser("protokol", sql::Role::ProtocolStaff, "Staf Protokol");
    ajudan = addUser("ajudan", sql::Role::Aide, "Ajudan");
    tamu = addUser("tamu", sql::Role::Viewer, "Tamu");
    admin = addUser("admin", sql::Role::Admin, "Admin");
    bupatiAgenda = addCalendar(bupati.id, "agenda");
    bupatiPribadi = addCalendar(bupati.id, "pribadi");
    wabupAgenda = addCalendar(wabup.id, "agenda");
    sekdaAgenda = addCalendar(sekda.id, "agenda");
    store->assignAide(ajudan.id, wabup.id);
    store->setShare({bupatiPribadi.id, tamu.id, false});
    config.leaderOrder = {"bupati", "wabup"};

    put(bupatiAgenda, "apel",
        "SUMMARY:Apel Gabungan ASN\r\nDTSTART;TZID=Asia/Jakarta:20231122T080000\r\n"
        "LOCATION:Halaman Kantor Bupati\\, Indralaya\r\nDESCRIPTION:Pakaian: PDH\\nKet.: Sambutan\r\n");
    put(bupatiAgenda, "rakor",
        "SUMMARY:Rapat Koordinasi (diwakili)\r\nDTSTART;TZID=Asia/Jakarta:20231122T100000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T113000\r\nLOCATION:Ruang Rapat Bupati\r\n"
        "DESCRIPTION:Diwakili oleh: Sekretaris Daerah\\nNarahubung: Budi\r\n");
    put(bupatiAgenda, "periksa",
        "SUMMARY:Periksa Kesehatan\r\nCLASS:PRIVATE\r\nDTSTART;TZID=Asia/Jakarta:20231122T120000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T130000\r\nLOCATION:Rumah Sakit\r\n");
    put(bupatiAgenda, "audiensi",
        "SUMMARY:[Permohonan] Audiensi\r\nSTATUS:TENTATIVE\r\nDTSTART;TZID=Asia/Jakarta:20231122T130000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T140000\r\n");
    put(bupatiAgenda, "batal",
        "SUMMARY:Kunjungan Batal\r\nSTATUS:CANCELLED\r\nDTSTART;TZID=Asia/Jakarta:20231122T140000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T150000\r\n");
    put(bupatiAgenda, "senam",
        "SUMMARY:Senam Pagi\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\nDTSTART;TZID=Asia/Jakarta:20231101T060000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231101T070000\r\nDESCRIPTION:Publik: tidak\r\n");
    put(bupatiPribadi, "hari-guru",
        "SUMMARY:Hari Guru\r\nDTSTART;VALUE=DATE:20231122\r\nDTEND;VALUE=DATE:20231123\r\n");
    put(bupatiPribadi, "masjid",
        "SUMMARY:Peresmian Masjid\r\nCLASS:PUBLIC\r\nDTSTART;TZID=Asia/Jakarta:20231122T160000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T170000\r\n");
    put(wabupAgenda, "wabup-rapat",
        "SUMMARY:Rapat Paripurna\r\nDTSTART;TZID=Asia/Jakarta:20231122T090000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T100000\r\n");
  }

  sql::User addUser(const std::string& name, sql::Role role, const std::string& displayName) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = displayName;
    user.passwordHash = "x";
    return store->createUser(user).value();
  }
  sql::Calendar addCalendar(std::int64_t ownerId, const std::string& slug) {
    sql::Calendar calendar;
    calendar.ownerId = ownerId;
    calendar.slug = slug;
    calendar.displayName = slug;
    return store->createCalendar(calendar).value();
  }
  void put(const sql::Calendar& calendar, const std::string& uid, const std::string& lines) {
    const sql::WriteResult result =
        calendars.put(calendar, uid + ".ics", thunderbirdEvent(uid, lines), sql::Precondition{});
    BOOST_REQUIRE(result.status == sql::WriteStatus::Created || result.status == sql::WriteStatus::Updated);
  }
  AgendaQuery wednesday() const {
    AgendaQuery query;
    query.from = dayStart(kWednesday, kJakarta);
    query.to = dayStart(nextDay(kWednesday), kJakarta);
    return query;
  }
  Agenda read(const std::optional<sql::User>& reader, const AgendaQuery& query) {
    std::optional<caldav::Principal> principal;
    if (reader) principal = principalOf(*reader);
    return readAgenda(*store, time, budget, config, principal, query);
  }
  Agenda read(const std::optional<sql::User>& reader) { return read(reader, wednesday()); }
};

std::vector<std::string> leadersOf(const Agenda& agenda) {
  std::vector<std::string> names;
  for (const LeaderAgenda& leader : agenda.leaders) names.push_back(leader.userName);
  return names;
}

// "activity@calendar" of every entry of a leader, in order.
std::vector<std::string> entriesOf(const Agenda& agenda, const std::string& leader) {
  std::vector<std::string> names;
  for (const LeaderAgenda& one : agenda.leaders) {
    if (one.userName != leader) continue;
    for (const AgendaEntry& entry : one.entries)
      names.push_back((entry.confidential ? "(internal)" : entry.activity) + "@" + entry.calendarPath);
  }
  return names;
}

using Names = std::vector<std::string>;

const AgendaEntry& entryNamed(const Agenda& agenda, const std::string& objectName) {
  for (const LeaderAgenda& leader : agenda.leaders) {
    for (const AgendaEntry& entry : leader.entries) {
      if (entry.objectName == objectName) return entry;
    }
  }
  BOOST_FAIL("no entry " + objectName);
  throw std::logic_error("unreachable");
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(protocol_staff_see_every_leader_in_the_configured_order, Fixture) {
  const Agenda agenda = read(protokol);
  BOOST_TEST(leadersOf(agenda) == (Names{"bupati", "wabup", "sekda"}), boost::test_tools::per_element());
  BOOST_TEST(agenda.leaders[0].title == "BUPATI");
  BOOST_TEST(agenda.leaders[1].title == "WAKIL BUPATI");
  BOOST_TEST(agenda.leaders[2].entries.empty());
  // Cancelled left out, tentative not asked for; by start.
  BOOST_TEST(entriesOf(agenda, "bupati") == (Names{"Hari Guru@bupati/pribadi", "Senam Pagi@bupati/agenda",
                                                   "Apel Gabungan ASN@bupati/agenda", "Rapat Koordinasi@bupati/agenda",
                                                   "(internal)@bupati/agenda", "Peresmian Masjid@bupati/pribadi"}),
             boost::test_tools::per_element());
  BOOST_TEST(entriesOf(agenda, "wabup") == (Names{"Rapat Paripurna@wabup/agenda"}), boost::test_tools::per_element());
  BOOST_TEST(!agenda.incomplete);
  BOOST_TEST(!agenda.query.publicOnly);
}

BOOST_FIXTURE_TEST_CASE(the_whatsapp_text_of_the_calendars, Fixture) {
  config.region = "KABUPATEN OGAN ILIR";
  BOOST_TEST(whatsappText(read(protokol), config, "Bagian Protokol", kJakarta) ==
             "*AGENDA PIMPINAN KABUPATEN OGAN ILIR*\n"
             "*Rabu, 22 November 2023*\n"
             "\n"
             "*BUPATI*\n"
             "1. Sepanjang hari\n"
             "   Hari Guru\n"
             "2. 06.00\u201307.00 WIB\n"
             "   Senam Pagi\n"
             "3. 08.00 WIB s.d. selesai\n"
             "   Apel Gabungan ASN\n"
             "   Tempat  : Halaman Kantor Bupati, Indralaya\n"
             "   Pakaian : PDH\n"
             "   Ket.    : Sambutan\n"
             "4. 10.00\u201311.30 WIB\n"
             "   Rapat Koordinasi\n"
             "   Tempat  : Ruang Rapat Bupati\n"
             "   Diwakili oleh : Sekretaris Daerah\n"
             "   Narahubung : Budi\n"
             "5. 12.00\u201313.00 WIB\n"
             "   Acara internal\n"
             "6. 16.00\u201317.00 WIB\n"
             "   Peresmian Masjid\n"
             "\n"
             "*WAKIL BUPATI*\n"
             "1. 09.00\u201310.00 WIB\n"
             "   Rapat Paripurna\n"
             "\n"
             "*SEKRETARIS DAERAH*\n"
             "Tidak ada agenda\n"
             "\n"
             "_Bagian Protokol_\n");
}

BOOST_FIXTURE_TEST_CASE(without_an_order_leaders_go_by_display_name, Fixture) {
  config.leaderOrder = {"wabup"};
  BOOST_TEST(leadersOf(read(admin)) == (Names{"wabup", "bupati", "sekda"}), boost::test_tools::per_element());
  config.leaderOrder.clear();
  BOOST_TEST(leadersOf(read(admin)) == (Names{"bupati", "sekda", "wabup"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(entries_carry_what_the_event_says, Fixture) {
  const Agenda agenda = read(protokol);
  const AgendaEntry& apel = entryNamed(agenda, "apel.ics");
  BOOST_TEST(apel.leader == "bupati");
  BOOST_TEST(apel.uid == "apel");
  BOOST_TEST(apel.openEnd);  // no DTEND
  BOOST_TEST(apel.place == "Halaman Kantor Bupati, Indralaya");
  BOOST_TEST(apel.dressCode == "PDH");
  BOOST_TEST(apel.role == "Sambutan");
  BOOST_TEST(apel.published);
  BOOST_TEST(apel.modifiedAt > 0);
  const AgendaEntry& rakor = entryNamed(agenda, "rakor.ics");
  BOOST_TEST(rakor.representedBy == "Sekretaris Daerah");
  BOOST_TEST(rakor.contact == "Budi");
  BOOST_TEST(!rakor.openEnd);
  BOOST_TEST(rakor.end - rakor.start == 90 * 60);
  const AgendaEntry& periksa = entryNamed(agenda, "periksa.ics");
  BOOST_TEST(periksa.confidential);
  BOOST_TEST(periksa.place.empty());
  BOOST_TEST(entryNamed(agenda, "hari-guru.ics").allDay);
  BOOST_TEST(!entryNamed(agenda, "hari-guru.ics").published);
  BOOST_TEST(!entryNamed(agenda, "senam.ics").published);  // "Publik: tidak"
  BOOST_TEST(entryNamed(agenda, "masjid.ics").published);  // CLASS:PUBLIC in a calendar not public
}

BOOST_FIXTURE_TEST_CASE(tentative_holds_only_when_asked, Fixture) {
  AgendaQuery query = wednesday();
  query.includeTentative = true;
  const Agenda agenda = read(protokol, query);
  const AgendaEntry& audiensi = entryNamed(agenda, "audiensi.ics");
  BOOST_TEST(audiensi.tentative);
  BOOST_TEST(!audiensi.published);
  for (const std::string& name : entriesOf(agenda, "bupati")) BOOST_TEST(name.find("Batal") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(an_aide_sees_the_leaders_assigned_only, Fixture) {
  const Agenda agenda = read(ajudan);
  BOOST_TEST(leadersOf(agenda) == (Names{"wabup"}), boost::test_tools::per_element());
  BOOST_TEST(entriesOf(agenda, "wabup") == (Names{"Rapat Paripurna@wabup/agenda"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_viewer_sees_the_calendars_shared_only, Fixture) {
  const Agenda agenda = read(tamu);
  BOOST_TEST(leadersOf(agenda) == (Names{"bupati"}), boost::test_tools::per_element());
  BOOST_TEST(entriesOf(agenda, "bupati") == (Names{"Hari Guru@bupati/pribadi", "Peresmian Masjid@bupati/pribadi"}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_leader_sees_their_own_calendars, Fixture) {
  const Agenda agenda = read(sekda);
  BOOST_TEST(leadersOf(agenda) == (Names{"sekda"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(the_public_sees_every_leader_and_published_entries_only, Fixture) {
  const Agenda agenda = read(std::nullopt);
  BOOST_TEST(agenda.query.publicOnly);
  BOOST_TEST(leadersOf(agenda) == (Names{"bupati", "wabup", "sekda"}), boost::test_tools::per_element());
  BOOST_TEST(entriesOf(agenda, "bupati") == (Names{"Apel Gabungan ASN@bupati/agenda", "Rapat Koordinasi@bupati/agenda",
                                                   "Peresmian Masjid@bupati/pribadi"}),
             boost::test_tools::per_element());
  // Tentative holds stay internal even when asked for.
  AgendaQuery query = wednesday();
  query.includeTentative = true;
  for (const LeaderAgenda& leader : read(std::nullopt, query).leaders) {
    for (const AgendaEntry& entry : leader.entries) {
      BOOST_TEST(entry.published);
      BOOST_TEST(!entry.tentative);
      BOOST_TEST(!entry.confidential);
    }
  }
  // A reader may ask for the public view too.
  query.publicOnly = true;
  query.includeTentative = false;
  BOOST_TEST(entriesOf(read(protokol, query), "bupati") == entriesOf(agenda, "bupati"),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_disabled_leader_is_left_out_one_without_calendars_is_not, Fixture) {
  BOOST_REQUIRE(store->setDisabled("sekda", true));
  addUser("asisten", sql::Role::Leader, "Asisten I");
  BOOST_TEST(leadersOf(read(protokol)) == (Names{"bupati", "wabup", "asisten"}), boost::test_tools::per_element());
  BOOST_TEST(leadersOf(read(std::nullopt)) == (Names{"bupati", "wabup", "asisten"}), boost::test_tools::per_element());
  BOOST_TEST(leadersOf(read(ajudan)) == (Names{"wabup"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(one_leader_when_asked, Fixture) {
  AgendaQuery query = wednesday();
  query.leader = "wabup";
  BOOST_TEST(leadersOf(read(protokol, query)) == (Names{"wabup"}), boost::test_tools::per_element());
  query.leader = "protokol";  // not a leader
  BOOST_TEST(read(protokol, query).leaders.empty());
  query.leader = "bupati";  // not the aide's
  BOOST_TEST(read(ajudan, query).leaders.empty());
}

BOOST_FIXTURE_TEST_CASE(a_weekly_event_shows_on_each_of_its_days, Fixture) {
  AgendaQuery query = wednesday();
  query.to = dayStart(nextDay(kWednesday, 14), kJakarta);
  int senam = 0;
  // Held in a variable: a range-for over a member of a temporary reads freed memory.
  const Agenda agenda = read(protokol, query);
  for (const AgendaEntry& entry : agenda.leaders[0].entries) senam += entry.uid == "senam";
  BOOST_TEST(senam == 2);  // the 22nd and the 29th
}

BOOST_FIXTURE_TEST_CASE(a_spent_budget_makes_the_agenda_incomplete, Fixture) {
  budget.stepsLeft = 0;
  const Agenda agenda = read(protokol);
  BOOST_TEST(agenda.incomplete);
  for (const std::string& name : entriesOf(agenda, "bupati")) BOOST_TEST(name.find("Senam") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_etag_changes_with_what_the_answer_shows, Fixture) {
  const Agenda first = read(protokol);
  BOOST_TEST(first.etag.size() > 2);
  BOOST_TEST(first.etag.front() == '"');
  BOOST_TEST(first.etag.back() == '"');
  BOOST_TEST(read(protokol).etag == first.etag);
  BOOST_TEST(first.lastModified > 0);
  // Another kind of reader, another query, another set of calendars.
  BOOST_TEST(read(std::nullopt).etag != first.etag);
  AgendaQuery tentative = wednesday();
  tentative.includeTentative = true;
  BOOST_TEST(read(protokol, tentative).etag != first.etag);
  BOOST_TEST(read(ajudan).etag != first.etag);
  // A write to any calendar read.
  put(wabupAgenda, "wabup-rapat",
      "SUMMARY:Rapat Paripurna DPRD\r\nDTSTART;TZID=Asia/Jakarta:20231122T090000\r\n"
      "DTEND;TZID=Asia/Jakarta:20231122T100000\r\n");
  const Agenda changed = read(protokol);
  BOOST_TEST(changed.etag != first.etag);
  BOOST_TEST(changed.lastModified >= first.lastModified);
  // The settings the answer follows.
  config.leaderOrder = {"wabup"};
  BOOST_TEST(read(protokol).etag != changed.etag);
  // Losing a calendar changes it too.
  store->removeShare(bupatiPribadi.id, tamu.id);
  const std::string before = read(tamu).etag;
  store->setShare({bupatiPribadi.id, tamu.id, false});
  BOOST_TEST(read(tamu).etag != before);
}

BOOST_FIXTURE_TEST_CASE(the_plan_gives_the_etag_and_the_leaders_without_reading_events, Fixture) {
  for (const auto& reader : {std::optional(protokol), std::optional(ajudan), std::optional<sql::User>()}) {
    std::optional<caldav::Principal> principal;
    if (reader) principal = principalOf(*reader);
    const AgendaPlan plan = planAgenda(*store, config, principal, wednesday());
    const Agenda agenda = read(reader);
    BOOST_TEST(plan.etag == agenda.etag);
    BOOST_REQUIRE(plan.leaders.size() == agenda.leaders.size());
    for (std::size_t i = 0; i < plan.leaders.size(); ++i)
      BOOST_TEST(plan.leaders[i].leader.name == agenda.leaders[i].userName);
  }
  BOOST_TEST(planAgenda(*store, config, std::nullopt, wednesday()).query.publicOnly, "the public reads published only");
}

BOOST_FIXTURE_TEST_CASE(an_empty_range_reads_nothing, Fixture) {
  AgendaQuery query = wednesday();
  query.to = query.from;
  const Agenda agenda = read(protokol, query);
  BOOST_TEST(agenda.leaders.empty());
  BOOST_TEST(agenda.lastModified == 0);
}

BOOST_FIXTURE_TEST_CASE(public_by_default_leaders_agendas_or_named_calendars, Fixture) {
  AgendaConfig leaders;
  BOOST_TEST(publishedByDefault(leaders, bupatiAgenda, sql::Role::Leader));
  BOOST_TEST(!publishedByDefault(leaders, bupatiPribadi, sql::Role::Leader));
  sql::Calendar staffAgenda = addCalendar(protokol.id, "agenda");
  BOOST_TEST(!publishedByDefault(leaders, staffAgenda, sql::Role::ProtocolStaff));
  AgendaConfig named;
  named.publicCalendars = {"bupati/pribadi", "protokol/agenda"};
  BOOST_TEST(!publishedByDefault(named, bupatiAgenda, sql::Role::Leader));
  BOOST_TEST(publishedByDefault(named, bupatiPribadi, sql::Role::Leader));
  BOOST_TEST(publishedByDefault(named, staffAgenda, sql::Role::ProtocolStaff));
  AgendaConfig none;
  none.publicCalendars.clear();
  BOOST_TEST(!publishedByDefault(none, bupatiAgenda, sql::Role::Leader));
  // Nothing public by default: only what an event publishes itself.
  config.publicCalendars.clear();
  BOOST_TEST(entriesOf(read(std::nullopt), "bupati") == (Names{"Peresmian Masjid@bupati/pribadi"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(local_days_in_jakarta) {
  // 2023-11-21 17:00 UTC is Wednesday 00.00 WIB.
  BOOST_TEST(dayStart(kWednesday, kJakarta) == 1700586000);
  BOOST_CHECK(localDateOf(1700586000, kJakarta) == kWednesday);
  BOOST_CHECK(localDateOf(1700586000 - 1, kJakarta) == (LocalDate{2023, 11, 21}));
  BOOST_TEST(weekdayOf(kWednesday) == 3);
  BOOST_TEST(weekdayOf(LocalDate{1970, 1, 1}) == 4);
  BOOST_TEST(weekdayOf(LocalDate{1969, 12, 28}) == 0);
}

BOOST_AUTO_TEST_CASE(days_count_across_months_and_years) {
  BOOST_CHECK(nextDay(LocalDate{2023, 11, 30}) == (LocalDate{2023, 12, 1}));
  BOOST_CHECK(nextDay(LocalDate{2023, 12, 31}) == (LocalDate{2024, 1, 1}));
  BOOST_CHECK(nextDay(LocalDate{2024, 2, 28}) == (LocalDate{2024, 2, 29}));
  BOOST_CHECK(nextDay(LocalDate{2024, 3, 1}, -1) == (LocalDate{2024, 2, 29}));
  BOOST_CHECK(nextDay(LocalDate{2024, 1, 1}, -1) == (LocalDate{2023, 12, 31}));
  BOOST_CHECK(nextDay(kWednesday, 7) == (LocalDate{2023, 11, 29}));
  BOOST_CHECK(nextDay(kWednesday, 0) == kWednesday);
}

BOOST_AUTO_TEST_CASE(iso_dates_read_and_written) {
  BOOST_CHECK(parseIsoDate("2023-11-22") == std::optional<LocalDate>(kWednesday));
  BOOST_CHECK(parseIsoDate("2024-02-29") == std::optional<LocalDate>(LocalDate{2024, 2, 29}));
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-11-31", "22-11-2023", "2023-11-2", "", "2023-11-22x"})
    BOOST_TEST(!parseIsoDate(bad).has_value(), bad);
  BOOST_TEST(isoDateText(kWednesday) == "2023-11-22");
  BOOST_TEST(isoDateText(LocalDate{2024, 1, 5}) == "2024-01-05");
}
