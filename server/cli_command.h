#pragma once
// The command line of jadwald: the program options, and the operator
// commands that follow them. Parsing only: nothing here touches the store.
//
//   jadwald --config FILE [--daemon] [--pidfile=PATH]      run the server
//   jadwald --config FILE COMMAND ARGS...                  run one operator command

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sql/store.h"

namespace jadwal::server {

struct UserAdd {
  std::string name;
  sql::Role role = sql::Role::Viewer;
  std::string displayName;
};
struct UserList {};
struct UserPasswd {
  std::string name;
};
struct UserSetDisabled {
  std::string name;
  bool disabled = true;
};
// Lets an aide or a viewer create calendars (leaders, staff and admins may anyway).
struct UserSetCalendarCreation {
  std::string name;
  bool allowed = true;
};
struct ShareCalendar {
  std::string owner;
  std::string calendar;
  std::string user;
  bool write = false;
};
struct UnshareCalendar {
  std::string owner;
  std::string calendar;
  std::string user;
};
struct AssignAide {
  std::string aide;
  std::string leader;
  bool assign = true;  // false: unassign
};
struct CalendarAdd {
  std::string owner;
  std::string slug;
  std::string displayName;
};
struct ImportCalendar {
  std::string owner;
  std::string calendar;
  std::string file;
};
// The whole database into one archive file (server/export_archive.h).
struct ExportArchive {
  std::string file;
  bool force = false;  // overwrite an existing file
};
// An archive back into the database (server/import_archive.h).
struct ImportArchive {
  std::string file;
  bool replaceAll = false;  // a database with data is emptied first
};

using Command = std::variant<UserAdd, UserList, UserPasswd, UserSetDisabled, UserSetCalendarCreation, ShareCalendar,
                             UnshareCalendar, AssignAide, CalendarAdd, ImportCalendar, ExportArchive, ImportArchive>;

struct UsageError {
  std::string message;
};

// Parses the words after the program options, e.g. {"user", "add", "ani", "--role", "viewer"}.
std::variant<Command, UsageError> parseCommand(const std::vector<std::string>& words);

// The program options and what follows them.
struct ProgramArguments {
  std::string configPath;
  std::vector<std::string> serverOptions;  // --daemon, --pidfile=..., --umask=... for ServerApplication
  std::vector<std::string> command;        // empty: run the server
  bool showVersion = false;                // --version: print it and exit, no config needed
};
std::variant<ProgramArguments, UsageError> parseProgramArguments(const std::vector<std::string>& args);

// Login names: [a-z0-9._-], 2..64 characters, starting with a letter or digit.
bool isValidUserName(const std::string& name);
// Calendar slugs: the same alphabet, 1..64 characters.
bool isValidCalendarSlug(const std::string& slug);
std::optional<sql::Role> roleFromName(const std::string& name);

// The usage text printed with a usage error.
const char* usageText();

}  // namespace jadwal::server
