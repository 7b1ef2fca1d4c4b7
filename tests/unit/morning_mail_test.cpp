// The morning mail's decision: nothing before the hour, one mail per user
// and day after it, nothing again after a restart once the day is claimed,
// again the next day; a failed send is tried again that day, a bounded
// number of times; a user who may read no leader gets no mail.
#define BOOST_TEST_MODULE morning_mail
#include <boost/test/unit_test.hpp>

#include <memory>
#include <vector>

#include "caldav/calendar_service.h"
#include "sql/agenda_mail_store.h"
#include "temp_database.h"
#include "workflow/morning_mail.h"
#include "workflow/wib_format.h"

using namespace jadwal;

namespace {

const std::string kZone = "Asia/Jakarta";

sql::Instant wib(const char* date, const char* time) {
  const auto instant = workflow::fromLocal(date, time, kZone);
  BOOST_REQUIRE(instant);
  return *instant;
}

struct Fixture {
  testing::TempDatabase db;
  std::unique_ptr<sql::Store> store = sql::openStore("sqlite:" + db.path.string());
  std::vector<workflow::MailMessage> sent;
  bool smtpUp = true;
  sql::User bupati, protokol, tamu;

  Fixture() {
    store->migrate();
    bupati = addUser("bupati", sql::Role::Leader, "Bupati");
    protokol = addUser("protokol", sql::Role::ProtocolStaff, "Protokol");
    tamu = addUser("tamu", sql::Role::Viewer, "Tamu");
    sql::Calendar agenda;
    agenda.ownerId = bupati.id;
    agenda.slug = "agenda";
    agenda.displayName = "Agenda Bupati";
    const sql::Calendar calendar = store->createCalendar(agenda).value();
    caldav::CalendarService calendars(*store, caldav::TimeContext{});
    const std::string ical =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:apel\r\n"
        "DTSTAMP:20231101T000000Z\r\nDTSTART;TZID=Asia/Jakarta:20231122T080000\r\n"
        "DTEND;TZID=Asia/Jakarta:20231122T093000\r\nSUMMARY:Apel Gabungan ASN\r\n"
        "LOCATION:Halaman Kantor Bupati\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    BOOST_REQUIRE(calendars.put(calendar, "apel.ics", ical, {}).status == sql::WriteStatus::Created);
  }

  sql::User addUser(const std::string& name, sql::Role role, const std::string& display) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = display;
    user.passwordHash = "$argon2id$hash-of-" + name;
    return store->createUser(user).value();
  }

  workflow::MorningMailSettings settings() const {
    workflow::MorningMailSettings settings;
    settings.agenda.region = "KABUPATEN OGAN ILIR";
    settings.agenda.morningMailTime = "05:30";
    settings.officeName = "Bagian Protokol dan Komunikasi Pimpinan";
    settings.timezone = kZone;
    return settings;
  }

  // A server: its own store on the same file, as after a restart.
  workflow::MorningMail server(sql::Store& on) {
    return workflow::MorningMail(on, settings(), [this](const workflow::MailMessage& message) {
      if (!smtpUp) return false;
      sent.push_back(message);
      return true;
    });
  }
  workflow::MorningMail server() { return server(*store); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_mail_is_due_from_its_hour_to_the_end_of_the_local_day) {
  using workflow::morningMailDue;
  BOOST_TEST(!morningMailDue(wib("2023-11-22", "05:29"), "05:30", kZone));
  const auto due = morningMailDue(wib("2023-11-22", "05:30"), "05:30", kZone);
  BOOST_TEST_REQUIRE(due.has_value());
  BOOST_TEST(workflow::isoDateText(*due) == "2023-11-22");
  BOOST_TEST(workflow::isoDateText(*morningMailDue(wib("2023-11-22", "23:59"), "05:30", kZone)) == "2023-11-22");
  // After midnight it is the next day's mail, not yet due.
  BOOST_TEST(!morningMailDue(wib("2023-11-23", "00:10"), "05:30", kZone));
  // 05.30 WIB is 22.30 UTC the evening before.
  BOOST_TEST(!morningMailDue(1700605799, "05:30", kZone));             // 2023-11-21T22:29:59Z
  BOOST_TEST(morningMailDue(1700605800, "05:30", kZone).has_value());  // 2023-11-21T22:30:00Z
  BOOST_TEST(!morningMailDue(wib("2023-11-22", "06:00"), "6:00", kZone));
}

BOOST_FIXTURE_TEST_CASE(before_the_hour_nothing_after_it_once, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  auto mail = server();
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "05:00")).sent == 0);
  BOOST_TEST(sent.empty());

  BOOST_TEST(mail.runOnce(wib("2023-11-22", "05:31")).sent == 1);
  BOOST_TEST_REQUIRE(sent.size() == 1u);
  BOOST_TEST(sent[0].to == "protokol@example.go.id");
  BOOST_TEST(sent[0].subject == "Agenda pimpinan Rabu, 22 November 2023");
  BOOST_TEST(sent[0].body.find("*AGENDA PIMPINAN KABUPATEN OGAN ILIR*") != std::string::npos);
  BOOST_TEST(sent[0].body.find("Apel Gabungan ASN") != std::string::npos);
  BOOST_TEST(sent[0].body.find("Halaman Kantor Bupati") != std::string::npos);

  BOOST_TEST(mail.runOnce(wib("2023-11-22", "05:32")).sent == 0);
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "23:00")).sent == 0);
  BOOST_TEST(sent.size() == 1u);
  BOOST_TEST(store->agendaMails().findAgendaMail(protokol.id)->lastDay == "2023-11-22");
}

BOOST_FIXTURE_TEST_CASE(a_restarted_server_sends_nothing_twice_and_the_next_day_again, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  {
    auto mail = server();
    BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:00")).sent == 1);
  }
  auto reopened = sql::openStore("sqlite:" + db.path.string());
  auto restarted = server(*reopened);
  BOOST_TEST(restarted.runOnce(wib("2023-11-22", "06:01")).sent == 0);
  BOOST_TEST(sent.size() == 1u);
  BOOST_TEST(restarted.runOnce(wib("2023-11-23", "05:29")).sent == 0);
  BOOST_TEST(restarted.runOnce(wib("2023-11-23", "05:30")).sent == 1);
  BOOST_TEST_REQUIRE(sent.size() == 2u);
  BOOST_TEST(sent[1].subject == "Agenda pimpinan Kamis, 23 November 2023");
  BOOST_TEST(sent[1].body.find("Tidak ada agenda") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_server_started_after_the_hour_sends_the_days_mail, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  auto mail = server();
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "14:00")).sent == 1);
  BOOST_TEST(sent.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(two_servers_claim_a_day_once, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  auto other = sql::openStore("sqlite:" + db.path.string());
  BOOST_TEST(store->agendaMails().claimAgendaMailDay(protokol.id, "2023-11-22", workflow::kMaxFailedSends));
  BOOST_TEST(!other->agendaMails().claimAgendaMailDay(protokol.id, "2023-11-22", workflow::kMaxFailedSends));
  BOOST_TEST(other->agendaMails().agendaMailsDue("2023-11-22").empty());
  auto mail = server(*other);
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:00")).sent == 0);
  BOOST_TEST(sent.empty());
}

BOOST_FIXTURE_TEST_CASE(a_failed_send_is_tried_again_that_day_a_bounded_number_of_times, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  auto mail = server();
  smtpUp = false;
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:00")).failed == 1);
  BOOST_TEST(store->agendaMails().findAgendaMail(protokol.id)->lastDay == "");
  smtpUp = true;
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:01")).sent == 1);
  BOOST_TEST(sent.size() == 1u);

  // The SMTP server down all of the next day: kMaxFailedSends tries, then none.
  smtpUp = false;
  for (int i = 0; i < workflow::kMaxFailedSends; ++i) {
    BOOST_TEST(mail.runOnce(wib("2023-11-23", "06:00") + 60 * i).failed == 1);
  }
  BOOST_TEST(mail.runOnce(wib("2023-11-23", "07:00")).failed == 0);
  smtpUp = true;
  BOOST_TEST(mail.runOnce(wib("2023-11-23", "08:00")).sent == 0);
  // A new day counts anew.
  BOOST_TEST(mail.runOnce(wib("2023-11-24", "06:00")).sent == 1);
  BOOST_TEST(sent.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_user_who_may_read_no_leader_gets_no_mail, Fixture) {
  store->agendaMails().saveAgendaMail(tamu.id, "tamu@example.go.id", true);
  auto mail = server();
  const auto pass = mail.runOnce(wib("2023-11-22", "06:00"));
  BOOST_TEST(pass.sent == 0);
  BOOST_TEST(pass.nothingToSend == 1);
  BOOST_TEST(sent.empty());
  // The day is settled: not looked at again every check.
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:01")).nothingToSend == 0);
}

BOOST_FIXTURE_TEST_CASE(only_users_who_opted_in_and_are_not_disabled_receive_it, Fixture) {
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", false);
  const sql::User leaving = addUser("pensiun", sql::Role::ProtocolStaff, "Pensiun");
  store->agendaMails().saveAgendaMail(leaving.id, "pensiun@example.go.id", true);
  BOOST_REQUIRE(store->setDisabled("pensiun", true));
  auto mail = server();
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "06:00")).sent == 0);
  BOOST_TEST(sent.empty());

  // Switched on later that day: the day's mail still comes, once; switching
  // off and on again sends nothing more.
  store->agendaMails().saveAgendaMail(protokol.id, "protokol@example.go.id", true);
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "10:00")).sent == 1);
  store->agendaMails().saveAgendaMail(protokol.id, "baru@example.go.id", false);
  store->agendaMails().saveAgendaMail(protokol.id, "baru@example.go.id", true);
  BOOST_TEST(mail.runOnce(wib("2023-11-22", "10:01")).sent == 0);
  const auto saved = store->agendaMails().findAgendaMail(protokol.id);
  BOOST_TEST_REQUIRE(saved.has_value());
  BOOST_TEST(saved->address == "baru@example.go.id");
  BOOST_TEST(saved->enabled);
  BOOST_TEST(!store->agendaMails().findAgendaMail(tamu.id).has_value());
}
