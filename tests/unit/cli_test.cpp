#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "caldav/calendar_service.h"
#include "server/cli.h"
#include "server/cli_command.h"
#include "server/ics_split.h"
#include "server/password.h"
#include "sql/request_store.h"

using namespace jadwal::server;
using jadwal::sql::Role;

namespace {

using Words = std::vector<std::string>;

template <class T>
T expectCommand(const Words& words) {
  auto parsed = parseCommand(words);
  if (auto* error = std::get_if<UsageError>(&parsed)) BOOST_FAIL("usage error: " << error->message);
  auto& command = std::get<Command>(parsed);
  BOOST_REQUIRE(std::holds_alternative<T>(command));
  return std::get<T>(command);
}

std::string expectUsage(const Words& words) {
  auto parsed = parseCommand(words);
  BOOST_REQUIRE(std::holds_alternative<UsageError>(parsed));
  return std::get<UsageError>(parsed).message;
}

// A real SQLite store and calendar service in a fresh file.
struct CliFixture {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("jadwal-cli-test-" + std::to_string(::getpid()));
  std::unique_ptr<jadwal::sql::Store> store;
  std::unique_ptr<jadwal::caldav::CalendarService> calendars;
  std::ostringstream out;
  std::ostringstream err;

  CliFixture() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = jadwal::sql::openStore("sqlite:" + (dir / "jadwal.db").string());
    store->migrate();
    calendars = std::make_unique<jadwal::caldav::CalendarService>(*store, jadwal::caldav::TimeContext{});
  }
  ~CliFixture() {
    calendars.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }

  int run(const Words& words, const std::string& input = "") {
    auto parsed = parseCommand(words);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<Command>(parsed), "usage error for the test's own command");
    std::istringstream in(input);
    out.str("");
    err.str("");
    return runCommand(std::get<Command>(parsed), *store, *calendars, in, out, err);
  }

  std::string writeFile(const std::string& name, const std::string& text) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
};

const std::string kExport =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Test//Export//EN\r\n"
    "METHOD:PUBLISH\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Asia/Jakarta\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0700\r\n"
    "TZOFFSETTO:+0700\r\n"
    "TZNAME:WIB\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Unused/Zone\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:apel-senin@example\r\n"
    "DTSTAMP:20231101T000000Z\r\n"
    "DTSTART;TZID=Asia/Jakarta:20231106T073000\r\n"
    "DTEND;TZID=Asia/Jakarta:20231106T083000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=10\r\n"
    "SUMMARY:Apel Senin\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:rapat/inflasi 2023\r\n"
    "DTSTAMP:20231101T000000Z\r\n"
    "DTSTART:20231122T030000Z\r\n"
    "DTEND:20231122T043000Z\r\n"
    "SUMMARY:Rapat Koordinasi Pengendalian Inflasi\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:apel-senin@example\r\n"
    "RECURRENCE-ID;TZID=Asia/Jakarta:20231113T073000\r\n"
    "DTSTAMP:20231101T000000Z\r\n"
    "DTSTART;TZID=Asia/Jakarta:20231113T080000\r\n"
    "DTEND;TZID=Asia/Jakarta:20231113T090000\r\n"
    "SUMMARY:Apel Senin (diundur)\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTAMP:20231101T000000Z\r\n"
    "DTSTART:20231122T030000Z\r\n"
    "SUMMARY:Tanpa UID\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

}  // namespace

// --- parsing ---

BOOST_AUTO_TEST_CASE(user_add_with_role_and_name) {
  auto add = expectCommand<UserAdd>({"user", "add", "bupati", "--role", "pimpinan", "--name", "H. Panca Wijaya Akbar"});
  BOOST_TEST(add.name == "bupati");
  BOOST_TEST((add.role == Role::Leader));
  BOOST_TEST(add.displayName == "H. Panca Wijaya Akbar");

  auto equals = expectCommand<UserAdd>({"user", "add", "--name=Staf Satu", "staf.1", "--role=protokol"});
  BOOST_TEST(equals.name == "staf.1");
  BOOST_TEST((equals.role == Role::ProtocolStaff));
  BOOST_TEST(equals.displayName == "Staf Satu");

  auto noName = expectCommand<UserAdd>({"user", "add", "tamu", "--role", "viewer"});
  BOOST_TEST(noName.displayName == "tamu");
}

BOOST_AUTO_TEST_CASE(user_add_without_or_with_a_bad_role) {
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--name", "Bupati"}).find("--role is required") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--role", "raja"}).find("\"raja\" is not a role") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--role", "Admin"}).find("is not a role") != std::string::npos);
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--role"}).find("--role needs a value") != std::string::npos);
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--role", "admin", "--role", "viewer"}).find("twice") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"user", "add", "bupati", "--role", "admin", "--email", "x"}).find("unknown option --email") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(user_names_are_checked) {
  for (const std::string& good : Words{"ab", "bupati", "wakil.bupati", "staf_2", "1sekda", std::string(64, 'a')}) {
    BOOST_TEST(isValidUserName(good), good);
  }
  for (const std::string& bad :
       Words{"a", "Bupati", "-staf", ".staf", "_x", "ani budi", "ani/budi", "an\xC3\xAD", std::string(65, 'a'), ""}) {
    BOOST_TEST(!isValidUserName(bad), bad);
    BOOST_TEST(expectUsage({"user", "add", bad, "--role", "viewer"}).find("is not a valid user name") !=
               std::string::npos);
  }
  BOOST_TEST(expectUsage({"user", "passwd", "Bupati"}).find("is not a valid user name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_commands_parse) {
  expectCommand<UserList>({"user", "list"});
  BOOST_TEST(expectCommand<UserPasswd>({"user", "passwd", "ani"}).name == "ani");
  BOOST_TEST(expectCommand<UserSetDisabled>({"user", "disable", "ani"}).disabled);
  BOOST_TEST(!expectCommand<UserSetDisabled>({"user", "enable", "ani"}).disabled);

  auto share = expectCommand<ShareCalendar>({"share", "bupati/agenda", "ajudan1", "write"});
  BOOST_TEST(share.owner == "bupati");
  BOOST_TEST(share.calendar == "agenda");
  BOOST_TEST(share.user == "ajudan1");
  BOOST_TEST(share.write);
  BOOST_TEST(!expectCommand<ShareCalendar>({"share", "bupati/agenda", "ajudan1", "read"}).write);
  BOOST_TEST(expectCommand<UnshareCalendar>({"unshare", "bupati/agenda", "ajudan1"}).user == "ajudan1");

  auto assign = expectCommand<AssignAide>({"assign", "ajudan1", "bupati"});
  BOOST_TEST(assign.aide == "ajudan1");
  BOOST_TEST(assign.leader == "bupati");
  BOOST_TEST(assign.assign);
  BOOST_TEST(!expectCommand<AssignAide>({"unassign", "ajudan1", "bupati"}).assign);

  auto calendar = expectCommand<CalendarAdd>({"calendar", "add", "protokol1/staf", "--name", "Agenda Staf"});
  BOOST_TEST(calendar.owner == "protokol1");
  BOOST_TEST(calendar.slug == "staf");
  BOOST_TEST(calendar.displayName == "Agenda Staf");

  auto import = expectCommand<ImportCalendar>({"import", "bupati/agenda", "/tmp/agenda.ics"});
  BOOST_TEST(import.file == "/tmp/agenda.ics");
  auto importIcs = expectCommand<ImportCalendar>({"import-ics", "bupati/agenda", "/tmp/google.ics"});
  BOOST_TEST(importIcs.owner == "bupati");
  BOOST_TEST(importIcs.calendar == "agenda");
  BOOST_TEST(importIcs.file == "/tmp/google.ics");
}

BOOST_AUTO_TEST_CASE(archive_commands) {
  auto exported = expectCommand<ExportArchive>({"export", "/var/backups/jadwal.tar"});
  BOOST_TEST(exported.file == "/var/backups/jadwal.tar");
  BOOST_TEST(!exported.force);
  BOOST_TEST(expectCommand<ExportArchive>({"export", "--force", "out.tar"}).force);
  BOOST_TEST(expectCommand<ExportArchive>({"export", "out.tar", "--force"}).file == "out.tar");

  // One word is an archive, two are a calendar and its file.
  auto restored = expectCommand<ImportArchive>({"import", "/var/backups/jadwal.tar"});
  BOOST_TEST(restored.file == "/var/backups/jadwal.tar");
  BOOST_TEST(!restored.replaceAll);
  BOOST_TEST(expectCommand<ImportArchive>({"import", "jadwal.tar", "--replace-all"}).replaceAll);
  BOOST_TEST(expectCommand<ImportArchive>({"import", "bupati/agenda.tar"}).file == "bupati/agenda.tar");
  BOOST_TEST(expectCommand<ImportArchive>({"import", "./bupati/agenda"}).file == "./bupati/agenda");

  BOOST_TEST(expectUsage({"export"}).find("expected FILE") != std::string::npos);
  BOOST_TEST(expectUsage({"export", "a.tar", "b.tar"}).find("expected FILE") != std::string::npos);
  BOOST_TEST(expectUsage({"export", "a.tar", "--overwrite", "x"}).find("unknown option") != std::string::npos);
  BOOST_TEST(expectUsage({"import"}).find("expected") != std::string::npos);
  BOOST_TEST(expectUsage({"import", "bupati/agenda", "x.ics", "--replace-all"}).find("archive only") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"import-ics", "x.tar"}).find("expected OWNER/CALENDAR FILE.ics") != std::string::npos);
  BOOST_TEST(expectUsage({"import-ics", "bupati/agenda", "x.ics", "--replace-all"}).find("--replace-all") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_commands_are_usage_errors) {
  BOOST_TEST(expectUsage({}) == "no command given");
  BOOST_TEST(expectUsage({"frobnicate"}).find("unknown command") != std::string::npos);
  BOOST_TEST(expectUsage({"user"}).find("expected add") != std::string::npos);
  BOOST_TEST(expectUsage({"user", "remove", "ani"}).find("unknown action") != std::string::npos);
  BOOST_TEST(expectUsage({"user", "list", "extra"}).find("expected") != std::string::npos);
  BOOST_TEST(expectUsage({"share", "bupati", "ajudan1", "read"}).find("is not OWNER/CALENDAR") != std::string::npos);
  BOOST_TEST(expectUsage({"share", "bupati/agenda", "ajudan1", "admin"}).find("is not read or write") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"share", "bupati/agenda", "ajudan1"}).find("expected") != std::string::npos);
  BOOST_TEST(expectUsage({"share", "bupati/../x", "ajudan1", "read"}).find("not a valid calendar name") !=
             std::string::npos);
  BOOST_TEST(expectUsage({"assign", "ajudan1"}).find("expected AIDE LEADER") != std::string::npos);
  BOOST_TEST(expectUsage({"calendar", "remove", "a/b"}).find("expected add") != std::string::npos);
  BOOST_TEST(expectUsage({"import", "bupati/agenda"}).find("expected") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(program_arguments) {
  auto serve = parseProgramArguments({"--config", "/etc/jadwal.ini", "--daemon"});
  BOOST_REQUIRE(std::holds_alternative<ProgramArguments>(serve));
  BOOST_TEST(std::get<ProgramArguments>(serve).configPath == "/etc/jadwal.ini");
  BOOST_TEST(std::get<ProgramArguments>(serve).command.empty());
  BOOST_TEST(std::get<ProgramArguments>(serve).serverOptions == Words{"--daemon"});

  auto command = parseProgramArguments({"--config=/etc/jadwal.ini", "user", "add", "ani", "--role", "viewer"});
  BOOST_REQUIRE(std::holds_alternative<ProgramArguments>(command));
  BOOST_TEST(std::get<ProgramArguments>(command).command == (Words{"user", "add", "ani", "--role", "viewer"}));

  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({})));
  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({"--config"})));
  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({"user", "list"})));
  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({"--config", "a.ini", "--verbose"})));
  BOOST_TEST(
      std::holds_alternative<UsageError>(parseProgramArguments({"--config", "a.ini", "--daemon", "user", "list"})));
}

BOOST_AUTO_TEST_CASE(version_needs_no_config_and_no_command) {
  auto version = parseProgramArguments({"--version"});
  BOOST_REQUIRE(std::holds_alternative<ProgramArguments>(version));
  BOOST_TEST(std::get<ProgramArguments>(version).showVersion);
  BOOST_TEST(!std::get<ProgramArguments>(parseProgramArguments({"--config", "a.ini"})).showVersion);
  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({"--version", "user", "list"})));
  BOOST_TEST(std::holds_alternative<UsageError>(parseProgramArguments({"--version", "--daemon"})));
}

// --- splitting an export ---

BOOST_AUTO_TEST_CASE(split_groups_by_uid_with_the_timezones_used) {
  const SplitCalendar split = splitCalendar(kExport);
  BOOST_TEST(split.parsed);
  BOOST_REQUIRE(split.objects.size() == 2u);
  BOOST_TEST(split.objects[0].uid == "apel-senin@example");
  BOOST_TEST(split.objects[1].uid == "rapat/inflasi 2023");

  const std::string& apel = split.objects[0].ical;
  BOOST_TEST(apel.find("RECURRENCE-ID") != std::string::npos);  // override travels with its master
  BOOST_TEST(apel.find("TZID:Asia/Jakarta") != std::string::npos);
  BOOST_TEST(apel.find("Unused/Zone") == std::string::npos);
  BOOST_TEST(apel.find("METHOD") == std::string::npos);
  BOOST_TEST(apel.find("PRODID:-//Test//Export//EN") != std::string::npos);
  BOOST_TEST(apel.find("Rapat Koordinasi") == std::string::npos);

  const std::string& rapat = split.objects[1].ical;
  BOOST_TEST(rapat.find("BEGIN:VTIMEZONE") == std::string::npos);  // UTC times need none

  BOOST_REQUIRE(split.problems.size() == 1u);
  BOOST_TEST(split.problems[0].uid.empty());
  BOOST_TEST(split.problems[0].reason == "VEVENT without UID");
}

BOOST_AUTO_TEST_CASE(split_refuses_text_that_is_not_icalendar) {
  BOOST_TEST(!splitCalendar("hello, world").parsed);
  BOOST_TEST(!splitCalendar("").parsed);
}

// Found by fuzzing: libical names no unknown component, and the report of
// it dereferenced that null name.
BOOST_AUTO_TEST_CASE(split_reports_unknown_components_by_a_name) {
  const SplitCalendar split = splitCalendar(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VDVENT\r\nUID:a\r\nEND:VDVENT\r\n"
      "BEGIN:X-RAPAT\r\nUID:b\r\nEND:X-RAPAT\r\nEND:VCALENDAR\r\n");
  BOOST_TEST(split.parsed);
  BOOST_TEST(split.objects.empty());
  BOOST_REQUIRE(split.problems.size() == 2u);
  BOOST_TEST(split.problems[0].reason == "unsupported component X-");
}

BOOST_AUTO_TEST_CASE(resource_names_are_safe_and_distinct) {
  BOOST_TEST(resourceNameForUid("apel-senin@example") == "apel-senin@example.ics");
  const std::string slashed = resourceNameForUid("rapat/inflasi 2023");
  BOOST_TEST(slashed.find('/') == std::string::npos);
  BOOST_TEST(slashed.find(' ') == std::string::npos);
  BOOST_TEST(slashed.rfind("rapat_inflasi_2023-", 0) == 0u, slashed);
  BOOST_TEST(resourceNameForUid("rapat/inflasi 2023") == slashed);  // stable
  BOOST_TEST(resourceNameForUid("rapat_inflasi 2023") != slashed);  // distinct UIDs, distinct names
  BOOST_TEST(resourceNameForUid("../../etc/passwd").find("..") == std::string::npos);
  BOOST_TEST(resourceNameForUid(std::string(500, 'x')).size() < 80u);
}

// --- running against a real store ---

BOOST_FIXTURE_TEST_CASE(user_add_creates_the_user_and_a_leaders_agenda, CliFixture) {
  BOOST_TEST(run({"user", "add", "bupati", "--role", "pimpinan", "--name", "Bupati Ogan Ilir"}, "sandi-bupati\n") == 0,
             err.str());
  auto user = store->findUser("bupati");
  BOOST_REQUIRE(user);
  BOOST_TEST((user->role == Role::Leader));
  BOOST_TEST(user->displayName == "Bupati Ogan Ilir");
  BOOST_TEST(user->passwordHash.rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(verifyPassword("sandi-bupati", user->passwordHash));
  auto agenda = store->findCalendar("bupati", "agenda");
  BOOST_REQUIRE(agenda);
  BOOST_TEST(agenda->displayName == "Agenda Bupati Ogan Ilir");

  BOOST_TEST(run({"user", "add", "staf1", "--role", "protokol"}, "sandi-staf1\r\n") == 0);
  BOOST_TEST(verifyPassword("sandi-staf1", store->findUser("staf1")->passwordHash));  // CR of CRLF dropped
  BOOST_TEST(store->calendarsOwnedBy(store->findUser("staf1")->id).empty());

  BOOST_TEST(run({"user", "list"}) == 0);
  BOOST_TEST(out.str().find("bupati\tpimpinan\tBupati Ogan Ilir\tenabled\tcalendars\n") != std::string::npos,
             out.str());
}

BOOST_FIXTURE_TEST_CASE(user_add_failures, CliFixture) {
  BOOST_TEST(run({"user", "add", "ani", "--role", "viewer"}, "pendek\n") == kExitFailure);
  BOOST_TEST(err.str().find("at least 8 characters") != std::string::npos);
  BOOST_TEST(!store->findUser("ani"));
  BOOST_TEST(run({"user", "add", "ani", "--role", "viewer"}, "") == kExitFailure);
  BOOST_TEST(err.str().find("no password") != std::string::npos);
  BOOST_TEST(run({"user", "add", "ani", "--role", "viewer"}, "cukup-panjang\n") == 0);
  BOOST_TEST(run({"user", "add", "ani", "--role", "admin"}, "cukup-panjang\n") == kExitFailure);
  BOOST_TEST(err.str().find("already exists") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(passwd_disable_enable, CliFixture) {
  BOOST_REQUIRE(run({"user", "add", "ani", "--role", "viewer"}, "sandi-pertama\n") == 0);
  BOOST_TEST_REQUIRE((store->sessions().createSession({"sesi-lama", store->findUser("ani")->id, "csrf", 0,
                                                       4102444800}) == jadwal::sql::CreateStatus::Created));
  BOOST_TEST(run({"user", "passwd", "ani"}, "sandi-kedua-2\n") == 0);
  BOOST_TEST(!store->sessions().findSession("sesi-lama", 1));  // the old password's login is over
  BOOST_TEST(verifyPassword("sandi-kedua-2", store->findUser("ani")->passwordHash));
  BOOST_TEST(run({"user", "passwd", "ani"}, "short\n") == kExitFailure);
  BOOST_TEST(verifyPassword("sandi-kedua-2", store->findUser("ani")->passwordHash));  // unchanged
  BOOST_TEST(run({"user", "disable", "ani"}) == 0);
  BOOST_TEST(store->findUser("ani")->disabled);
  BOOST_TEST(run({"user", "enable", "ani"}) == 0);
  BOOST_TEST(!store->findUser("ani")->disabled);
  BOOST_TEST(run({"user", "disable", "budi"}) == kExitFailure);
  BOOST_TEST(err.str().find("no user named budi") != std::string::npos);
  BOOST_TEST(run({"user", "passwd", "budi"}, "whatever-long\n") == kExitFailure);
}

BOOST_FIXTURE_TEST_CASE(share_assign_and_calendar_add, CliFixture) {
  BOOST_REQUIRE(run({"user", "add", "bupati", "--role", "pimpinan", "--name", "Bupati"}, "sandi-bupati\n") == 0);
  BOOST_REQUIRE(run({"user", "add", "ajudan1", "--role", "ajudan"}, "sandi-ajudan\n") == 0);
  BOOST_REQUIRE(run({"user", "add", "staf1", "--role", "protokol"}, "sandi-staf1\n") == 0);
  const auto bupati = *store->findUser("bupati");
  const auto ajudan = *store->findUser("ajudan1");
  const auto staf = *store->findUser("staf1");
  const auto agenda = *store->findCalendar("bupati", "agenda");

  BOOST_TEST(run({"share", "bupati/agenda", "staf1", "write"}) == 0, err.str());
  auto shares = store->sharesOfUser(staf.id);
  BOOST_REQUIRE(shares.size() == 1u);
  BOOST_TEST(shares[0].calendarId == agenda.id);
  BOOST_TEST(shares[0].write);
  BOOST_TEST(run({"share", "bupati/agenda", "staf1", "read"}) == 0);
  BOOST_TEST(!store->sharesOfUser(staf.id).at(0).write);
  BOOST_TEST(run({"unshare", "bupati/agenda", "staf1"}) == 0);
  BOOST_TEST(store->sharesOfUser(staf.id).empty());
  BOOST_TEST(run({"share", "bupati/rahasia", "staf1", "read"}) == kExitFailure);
  BOOST_TEST(err.str().find("no calendar bupati/rahasia") != std::string::npos);
  BOOST_TEST(run({"share", "bupati/agenda", "nobody", "read"}) == kExitFailure);
  BOOST_TEST(run({"share", "bupati/agenda", "bupati", "read"}) == kExitFailure);

  BOOST_TEST(run({"assign", "ajudan1", "bupati"}) == 0, err.str());
  BOOST_TEST(store->leadersOfAide(ajudan.id) == std::vector<std::int64_t>{bupati.id});
  BOOST_TEST(run({"assign", "staf1", "bupati"}) == kExitFailure);   // not an ajudan
  BOOST_TEST(run({"assign", "ajudan1", "staf1"}) == kExitFailure);  // not a pimpinan
  BOOST_TEST(run({"unassign", "ajudan1", "bupati"}) == 0);
  BOOST_TEST(store->leadersOfAide(ajudan.id).empty());

  BOOST_TEST(run({"calendar", "add", "staf1/staf", "--name", "Agenda Staf"}) == 0, err.str());
  auto created = store->findCalendar("staf1", "staf");
  BOOST_REQUIRE(created);
  BOOST_TEST(created->displayName == "Agenda Staf");
  BOOST_TEST(run({"calendar", "add", "staf1/staf", "--name", "Lagi"}) == kExitFailure);
  BOOST_TEST(err.str().find("already exists") != std::string::npos);
  BOOST_TEST(run({"calendar", "add", "nobody/x"}) == kExitFailure);
}

BOOST_FIXTURE_TEST_CASE(import_writes_one_object_per_uid, CliFixture) {
  BOOST_REQUIRE(run({"user", "add", "bupati", "--role", "pimpinan", "--name", "Bupati"}, "sandi-bupati\n") == 0);
  const auto before = *store->findCalendar("bupati", "agenda");
  const std::string file = writeFile("export.ics", kExport);
  BOOST_TEST(run({"import", "bupati/agenda", file}) == 0, err.str());
  BOOST_TEST(out.str() == "imported 2 objects into bupati/agenda, skipped 1\n");
  BOOST_TEST(err.str().find("VEVENT without UID") != std::string::npos);

  const auto agenda = *store->findCalendar("bupati", "agenda");
  auto objects = store->listObjects(agenda.id);
  BOOST_REQUIRE(objects.size() == 2u);
  auto apel = store->getObject(agenda.id, "apel-senin@example.ics");
  BOOST_REQUIRE(apel);
  BOOST_TEST(apel->uid == "apel-senin@example");
  BOOST_TEST(apel->ical.find("RECURRENCE-ID") != std::string::npos);
  BOOST_TEST(agenda.syncSeq == before.syncSeq + 2);  // one write per object

  // Importing again updates in place rather than duplicating.
  BOOST_TEST(run({"import", "bupati/agenda", file}) == 0);
  BOOST_TEST(store->listObjects(agenda.id).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(import_failures, CliFixture) {
  BOOST_REQUIRE(run({"user", "add", "bupati", "--role", "pimpinan", "--name", "Bupati"}, "sandi-bupati\n") == 0);
  BOOST_TEST(run({"import", "bupati/agenda", (dir / "missing.ics").string()}) == kExitFailure);
  BOOST_TEST(err.str().find("cannot read") != std::string::npos);
  BOOST_TEST(run({"import", "bupati/agenda", writeFile("notes.txt", "just some notes\n")}) == kExitFailure);
  BOOST_TEST(err.str().find("is not an iCalendar file") != std::string::npos);
  BOOST_TEST(run({"import", "bupati/lain", writeFile("x.ics", kExport)}) == kExitFailure);

  // An event the calendar service refuses (a TZID that resolves nowhere) is reported by UID and skipped.
  const std::string bad =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//T//EN\r\n"
      "BEGIN:VEVENT\r\nUID:bad-one\r\nDTSTAMP:20231101T000000Z\r\nDTSTART;TZID=Nowhere/Land:20231122T080000\r\n"
      "SUMMARY:x\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:good-one\r\nDTSTAMP:20231101T000000Z\r\nDTSTART:20231122T010000Z\r\n"
      "SUMMARY:y\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  BOOST_TEST(run({"import", "bupati/agenda", writeFile("bad.ics", bad)}) == 0);
  BOOST_TEST(out.str() == "imported 1 object into bupati/agenda, skipped 1\n");
  BOOST_TEST(err.str().find("skipped UID bad-one") != std::string::npos, err.str());
}

// Also: an empty property (Google writes "DESCRIPTION:") does not cost the event.
BOOST_FIXTURE_TEST_CASE(import_keeps_the_first_of_a_duplicate_uid, CliFixture) {
  BOOST_REQUIRE(run({"user", "add", "bupati", "--role", "pimpinan", "--name", "Bupati"}, "sandi-bupati\n") == 0);
  const std::string event =
      "BEGIN:VEVENT\r\nUID:%U\r\nDTSTAMP:20231101T000000Z\r\n%R"
      "DTSTART:20231122T010000Z\r\nSUMMARY:%S\r\nEND:VEVENT\r\n";
  auto make = [&](const std::string& uid, const std::string& recurrence, const std::string& summary) {
    std::string text = event;
    text.replace(text.find("%U"), 2, uid);
    text.replace(text.find("%R"), 2, recurrence.empty() ? "" : "RECURRENCE-ID:" + recurrence + "\r\n");
    text.replace(text.find("%S"), 2, summary);
    return text;
  };
  const std::string file =
      writeFile("dupes.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//T//EN\r\n" + make("dua", "", "Pertama") +
                                 make("dua", "", "Salinan") +
                                 "BEGIN:VEVENT\r\nUID:seri\r\nDTSTAMP:20231101T000000Z\r\nDTSTART:20231120T010000Z\r\n"
                                 "RRULE:FREQ=WEEKLY\r\nSUMMARY:Seri\r\nDESCRIPTION:\r\nEND:VEVENT\r\n" +
                                 make("seri", "20231127T010000Z", "Dipindah") +
                                 make("seri", "20231127T010000Z", "Lagi") + "END:VCALENDAR\r\n");
  BOOST_TEST(run({"import-ics", "bupati/agenda", file}) == 0, err.str());
  BOOST_TEST(out.str() == "imported 2 objects into bupati/agenda, skipped 2\n");
  BOOST_TEST(err.str().find("skipped UID dua: duplicate UID: a second VEVENT with the same UID, the first was kept") !=
                 std::string::npos,
             err.str());
  BOOST_TEST(err.str().find("skipped UID seri: duplicate UID: a second VEVENT with the same UID and RECURRENCE-ID") !=
                 std::string::npos,
             err.str());
  BOOST_TEST(err.str().find("import: 1 skipped: duplicate UID") != std::string::npos, err.str());
  const auto agenda = *store->findCalendar("bupati", "agenda");
  auto kept = store->getObject(agenda.id, "dua.ics");
  BOOST_REQUIRE(kept);
  BOOST_TEST(kept->ical.find("Pertama") != std::string::npos);
  BOOST_TEST(kept->ical.find("Salinan") == std::string::npos);
  auto series = store->getObject(agenda.id, "seri.ics");
  BOOST_REQUIRE(series);
  BOOST_TEST(series->ical.find("Dipindah") != std::string::npos);
  BOOST_TEST(series->ical.find("Lagi") == std::string::npos);
}
