#include "server/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "caldav/access.h"
#include "caldav/calendar_service.h"
#include "server/export_archive.h"
#include "server/ics_import.h"
#include "server/import_archive.h"
#include "server/password.h"
#include "sql/request_store.h"
#include "sql/user_admin_store.h"

namespace jadwal::server {
namespace {

constexpr std::size_t kMinPasswordLength = 8;

// Thrown inside a command for an expected failure; becomes exit code 1.
struct CommandFailed {
  std::string message;
};

class CommandRunner {
 public:
  CommandRunner(sql::Store& store, caldav::CalendarService& calendars, std::istream& in, std::ostream& out,
                std::ostream& err, std::string databaseUrl)
      : store_(store), calendars_(calendars), in_(in), out_(out), err_(err), databaseUrl_(std::move(databaseUrl)) {}

  void operator()(const UserAdd& command) {
    if (store_.findUser(command.name)) fail("user " + command.name + " already exists");
    const std::string password = readPassword();
    sql::User user;
    user.name = command.name;
    user.role = command.role;
    user.displayName = command.displayName;
    user.passwordHash = hashOf(password);
    auto made = store_.createUser(user);
    if (!made.ok()) fail("user " + command.name + " already exists");  // made meanwhile by another command
    const sql::User created = std::move(made).value();
    audit("create", created.name, std::string(sql::roleName(created.role)));
    out_ << "created user " << created.name << " (" << sql::roleName(created.role) << ")\n";
    if (created.role == sql::Role::Leader) {
      // A leader's agenda is what the whole system is for: it exists from the start.
      sql::Calendar agenda;
      agenda.ownerId = created.id;
      agenda.slug = "agenda";
      agenda.displayName = "Agenda " + created.displayName;
      if (store_.createCalendar(agenda).ok())
        out_ << "created calendar " << created.name << "/agenda\n";
      else
        out_ << "calendar " << created.name << "/agenda already exists, kept\n";
    }
  }

  void operator()(const UserList&) {
    for (const auto& user : store_.listUsers()) {
      out_ << user.name << '\t' << sql::roleName(user.role) << '\t' << user.displayName << '\t'
           << (user.disabled ? "disabled" : "enabled") << '\t'
           << (caldav::mayCreateOwnCalendars(user) ? "calendars" : "no-calendars") << '\n';
    }
  }

  void operator()(const UserPasswd& command) {
    const sql::User user = requireUser(command.name);
    const std::string password = readPassword();
    if (!store_.setPasswordHash(command.name, hashOf(password))) fail("no user named " + command.name);
    // A cookie taken with the old password must not outlive it.
    store_.sessions().deleteSessionsOf(user.id);
    audit("password", command.name, "");
    out_ << "password of " << command.name << " changed\n";
  }

  void operator()(const UserSetDisabled& command) {
    if (!store_.setDisabled(command.name, command.disabled)) fail("no user named " + command.name);
    audit(command.disabled ? "disable" : "enable", command.name, "");
    out_ << "user " << command.name << (command.disabled ? " disabled\n" : " enabled\n");
  }

  void operator()(const UserSetCalendarCreation& command) {
    const sql::User user = requireUser(command.name);
    if (user.role != sql::Role::Aide && user.role != sql::Role::Viewer) {
      fail(user.name + " is a " + roleText(user) + ", who may create calendars anyway");
    }
    if (!store_.setMayCreateCalendars(command.name, command.allowed)) fail("no user named " + command.name);
    audit(command.allowed ? "allow_calendars" : "deny_calendars", command.name, "");
    out_ << "user " << command.name
         << (command.allowed ? " may now create calendars\n" : " may no longer create calendars\n");
  }

  void operator()(const ShareCalendar& command) {
    const sql::Calendar calendar = requireCalendar(command.owner, command.calendar);
    const sql::User user = requireUser(command.user);
    if (user.id == calendar.ownerId) fail(command.user + " owns " + command.owner + "/" + command.calendar);
    store_.setShare({calendar.id, user.id, command.write});
    audit(command.write ? "share_write" : "share_read", command.user, command.owner + "/" + command.calendar);
    out_ << command.owner << "/" << command.calendar << " shared with " << command.user
         << (command.write ? " (read and write)\n" : " (read only)\n");
  }

  void operator()(const UnshareCalendar& command) {
    const sql::Calendar calendar = requireCalendar(command.owner, command.calendar);
    const sql::User user = requireUser(command.user);
    store_.removeShare(calendar.id, user.id);
    audit("unshare", command.user, command.owner + "/" + command.calendar);
    out_ << command.owner << "/" << command.calendar << " no longer shared with " << command.user << "\n";
  }

  void operator()(const AssignAide& command) {
    const sql::User aide = requireUser(command.aide);
    const sql::User leader = requireUser(command.leader);
    if (command.assign) {
      if (aide.role != sql::Role::Aide) fail(aide.name + " is not an ajudan (role " + roleText(aide) + ")");
      if (leader.role != sql::Role::Leader) fail(leader.name + " is not a pimpinan (role " + roleText(leader) + ")");
      store_.assignAide(aide.id, leader.id);
      audit("assign", aide.name, leader.name);
      out_ << aide.name << " assigned to " << leader.name << "\n";
    } else {
      store_.unassignAide(aide.id, leader.id);
      audit("unassign", aide.name, leader.name);
      out_ << aide.name << " no longer assigned to " << leader.name << "\n";
    }
  }

  void operator()(const CalendarAdd& command) {
    const sql::User owner = requireUser(command.owner);
    if (store_.findCalendar(command.owner, command.slug)) {
      fail("calendar " + command.owner + "/" + command.slug + " already exists");
    }
    sql::Calendar calendar;
    calendar.ownerId = owner.id;
    calendar.slug = command.slug;
    calendar.displayName = command.displayName;
    if (!store_.createCalendar(calendar).ok()) {
      fail("calendar " + command.owner + "/" + command.slug + " already exists");  // made meanwhile
    }
    audit("calendar_add", command.owner, command.owner + "/" + command.slug);
    out_ << "created calendar " << command.owner << "/" << command.slug << "\n";
  }

  void operator()(const ImportCalendar& command) {
    const sql::Calendar calendar = requireCalendar(command.owner, command.calendar);
    std::ifstream file(command.file, std::ios::binary);
    if (!file) fail("cannot read " + command.file);
    std::ostringstream text;
    text << file.rdbuf();
    const IcsImportReport report = importIcs(calendars_, calendar, text.str());
    if (!report.parsed) fail(command.file + " is not an iCalendar file");
    for (const auto& skipped : report.skipped) {
      err_ << "import: skipped " << (skipped.uid.empty() ? "a component" : "UID " + skipped.uid) << ": "
           << skipped.reason << "\n";
    }
    for (const auto& [reason, count] : report.byReason) err_ << "import: " << count << " skipped: " << reason << "\n";
    out_ << "imported " << report.imported << " object" << (report.imported == 1 ? "" : "s") << " into "
         << command.owner << "/" << command.calendar;
    if (!report.skipped.empty()) out_ << ", skipped " << report.skipped.size();
    out_ << "\n";
  }

  void operator()(const ExportArchive& command) { exportArchive(sqlitePath(), command.file, command.force, out_); }

  void operator()(const ImportArchive& command) { importArchive(sqlitePath(), command.file, command.replaceAll, out_); }

 private:
  [[noreturn]] static void fail(std::string message) { throw CommandFailed{std::move(message)}; }

  // Changes made here are audited as the browser's are (sql/user_admin_store.h).
  void audit(const std::string& action, const std::string& target, const std::string& detail) {
    store_.userAdmin().addAudit(
        {0, base::systemClock().now(), std::string(sql::kCommandLineActor), action, target, detail});
  }

  static std::string roleText(const sql::User& user) { return std::string(sql::roleName(user.role)); }

  sql::User requireUser(const std::string& name) {
    auto user = store_.findUser(name);
    if (!user) fail("no user named " + name);
    return *user;
  }

  sql::Calendar requireCalendar(const std::string& owner, const std::string& slug) {
    requireUser(owner);
    auto calendar = store_.findCalendar(owner, slug);
    if (!calendar) fail("no calendar " + owner + "/" + slug);
    return *calendar;
  }

  std::string readPassword() {
    std::string password;
    if (!std::getline(in_, password)) fail("no password on standard input");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (utf8Length(password) < kMinPasswordLength) {
      fail("the password must be at least " + std::to_string(kMinPasswordLength) + " characters");
    }
    return password;
  }

  static std::string hashOf(const std::string& password) {
    auto hash = hashPassword(password);
    if (!hash) fail("hashing the password failed (out of memory?)");
    return *hash;
  }

  // The archive works on the SQLite file itself.
  std::string sqlitePath() const {
    constexpr std::string_view kPrefix = "sqlite:";
    if (!databaseUrl_.starts_with(kPrefix)) fail("export and import need an SQLite database (db.url sqlite:PATH)");
    return databaseUrl_.substr(kPrefix.size());
  }

  sql::Store& store_;
  caldav::CalendarService& calendars_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  std::string databaseUrl_;
};

}  // namespace

int runCommand(const Command& command, sql::Store& store, caldav::CalendarService& calendars, std::istream& in,
               std::ostream& out, std::ostream& err, const std::string& databaseUrl) {
  try {
    std::visit(CommandRunner(store, calendars, in, out, err, databaseUrl), command);
    return 0;
  } catch (const CommandFailed& failure) {
    err << "jadwald: " << failure.message << "\n";
  } catch (const sql::StoreError& e) {
    err << "jadwald: database: " << e.what() << "\n";
  } catch (const std::runtime_error& e) {  // export and import: a file that cannot be written or read
    err << "jadwald: " << e.what() << "\n";
  }
  return kExitFailure;
}

}  // namespace jadwal::server
