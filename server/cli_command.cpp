#include "server/cli_command.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace jadwal::server {
namespace {

constexpr std::array<std::pair<const char*, sql::Role>, 5> kRoles = {{{"admin", sql::Role::Admin},
                                                                      {"protokol", sql::Role::ProtocolStaff},
                                                                      {"pimpinan", sql::Role::Leader},
                                                                      {"ajudan", sql::Role::Aide},
                                                                      {"viewer", sql::Role::Viewer}}};

bool isNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool isValidSegment(const std::string& text, std::size_t minLength) {
  if (text.size() < minLength || text.size() > 64) return false;
  const char first = text.front();
  if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) return false;
  return std::all_of(text.begin(), text.end(), isNameCharacter);
}

UsageError usage(std::string message) { return UsageError{std::move(message)}; }

// Splits positional words from "--key VALUE" / "--key=VALUE" options, only
// accepting the option names given.
struct Words {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
};

std::variant<Words, UsageError> splitWords(const std::vector<std::string>& words, std::size_t from,
                                           const std::vector<std::string>& allowedOptions, const std::string& what) {
  Words out;
  for (std::size_t i = from; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--")) {
      out.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::string value;
    if (auto equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    } else if (i + 1 < words.size()) {
      value = words[++i];
    } else {
      return usage(what + ": --" + name + " needs a value");
    }
    if (std::find(allowedOptions.begin(), allowedOptions.end(), name) == allowedOptions.end()) {
      return usage(what + ": unknown option --" + name);
    }
    if (out.options.count(name)) return usage(what + ": --" + name + " given twice");
    out.options[name] = value;
  }
  return out;
}

std::optional<UsageError> expectCount(const Words& words, std::size_t count, const std::string& what,
                                      const std::string& shape) {
  if (words.positional.size() != count) return usage(what + ": expected " + shape);
  return std::nullopt;
}

std::optional<UsageError> checkUserName(const std::string& name, const std::string& what) {
  if (!isValidUserName(name)) {
    return usage(what + ": \"" + name +
                 "\" is not a valid user name ([a-z0-9._-], 2 to 64 characters, starting with a letter or digit)");
  }
  return std::nullopt;
}

// "OWNER/CALENDAR" into its two parts.
std::variant<std::pair<std::string, std::string>, UsageError> splitCalendarPath(const std::string& text,
                                                                                const std::string& what) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return usage(what + ": \"" + text + "\" is not OWNER/CALENDAR");
  std::string owner = text.substr(0, slash);
  std::string slug = text.substr(slash + 1);
  if (!isValidUserName(owner)) return usage(what + ": \"" + owner + "\" is not a valid user name");
  if (!isValidCalendarSlug(slug)) {
    return usage(what + ": \"" + slug + "\" is not a valid calendar name ([a-z0-9._-], 1 to 64 characters)");
  }
  return std::pair{owner, slug};
}

std::variant<Command, UsageError> parseUser(const std::vector<std::string>& words) {
  if (words.size() < 2) {
    return usage("user: expected add, list, passwd, disable, enable, allow-calendars or disallow-calendars");
  }
  const std::string& action = words[1];
  const std::string what = "user " + action;
  if (action == "add") {
    auto split = splitWords(words, 2, {"role", "name"}, what);
    if (auto* error = std::get_if<UsageError>(&split)) return *error;
    auto& parsed = std::get<Words>(split);
    if (auto error = expectCount(parsed, 1, what, "NAME --role ROLE [--name \"DISPLAY NAME\"]")) return *error;
    UserAdd add;
    add.name = parsed.positional[0];
    if (auto error = checkUserName(add.name, what)) return *error;
    auto role = parsed.options.find("role");
    if (role == parsed.options.end()) {
      return usage(what + ": --role is required (admin, protokol, pimpinan, ajudan, viewer)");
    }
    auto parsedRole = roleFromName(role->second);
    if (!parsedRole) {
      return usage(what + ": \"" + role->second + "\" is not a role (admin, protokol, pimpinan, ajudan, viewer)");
    }
    add.role = *parsedRole;
    auto display = parsed.options.find("name");
    add.displayName = display == parsed.options.end() ? add.name : display->second;
    if (add.displayName.empty()) return usage(what + ": --name may not be empty");
    return add;
  }
  auto split = splitWords(words, 2, {}, what);
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (action == "list") {
    if (auto error = expectCount(parsed, 0, what, "no arguments")) return *error;
    return UserList{};
  }
  if (action == "passwd" || action == "disable" || action == "enable") {
    if (auto error = expectCount(parsed, 1, what, "NAME")) return *error;
    if (auto error = checkUserName(parsed.positional[0], what)) return *error;
    if (action == "passwd") return UserPasswd{parsed.positional[0]};
    return UserSetDisabled{parsed.positional[0], action == "disable"};
  }
  if (action == "allow-calendars" || action == "disallow-calendars") {
    if (auto error = expectCount(parsed, 1, what, "NAME")) return *error;
    if (auto error = checkUserName(parsed.positional[0], what)) return *error;
    return UserSetCalendarCreation{parsed.positional[0], action == "allow-calendars"};
  }
  return usage("user: unknown action \"" + action +
               "\" (add, list, passwd, disable, enable, allow-calendars, disallow-calendars)");
}

std::variant<Command, UsageError> parseShare(const std::vector<std::string>& words) {
  const std::string& what = words[0];
  const bool share = what == "share";
  auto split = splitWords(words, 1, {}, what);
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (auto error =
          expectCount(parsed, share ? 3 : 2, what, share ? "OWNER/CALENDAR USER read|write" : "OWNER/CALENDAR USER")) {
    return *error;
  }
  auto calendar = splitCalendarPath(parsed.positional[0], what);
  if (auto* error = std::get_if<UsageError>(&calendar)) return *error;
  auto& [owner, slug] = std::get<std::pair<std::string, std::string>>(calendar);
  if (auto error = checkUserName(parsed.positional[1], what)) return *error;
  if (!share) return UnshareCalendar{owner, slug, parsed.positional[1]};
  const std::string& access = parsed.positional[2];
  if (access != "read" && access != "write") return usage(what + ": \"" + access + "\" is not read or write");
  return ShareCalendar{owner, slug, parsed.positional[1], access == "write"};
}

std::variant<Command, UsageError> parseAssign(const std::vector<std::string>& words) {
  const std::string& what = words[0];
  auto split = splitWords(words, 1, {}, what);
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (auto error = expectCount(parsed, 2, what, "AIDE LEADER")) return *error;
  for (const auto& name : parsed.positional) {
    if (auto error = checkUserName(name, what)) return *error;
  }
  return AssignAide{parsed.positional[0], parsed.positional[1], what == "assign"};
}

std::variant<Command, UsageError> parseCalendar(const std::vector<std::string>& words) {
  if (words.size() < 2 || words[1] != "add") return usage("calendar: expected add OWNER/SLUG --name \"DISPLAY\"");
  const std::string what = "calendar add";
  auto split = splitWords(words, 2, {"name"}, what);
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (auto error = expectCount(parsed, 1, what, "OWNER/SLUG --name \"DISPLAY\"")) return *error;
  auto calendar = splitCalendarPath(parsed.positional[0], what);
  if (auto* error = std::get_if<UsageError>(&calendar)) return *error;
  auto& [owner, slug] = std::get<std::pair<std::string, std::string>>(calendar);
  auto display = parsed.options.find("name");
  std::string displayName = display == parsed.options.end() ? slug : display->second;
  if (displayName.empty()) return usage(what + ": --name may not be empty");
  return CalendarAdd{owner, slug, displayName};
}

// Takes the flag `--NAME` (no value) out of `words`; true if it was there.
bool takeFlag(std::vector<std::string>& words, const std::string& name) {
  auto found = std::find(words.begin(), words.end(), "--" + name);
  if (found == words.end()) return false;
  words.erase(found);
  return true;
}

// A single word that reads as OWNER/CALENDAR: the calendar import missing
// its file rather than an archive (write ./OWNER/CALENDAR for such a file).
bool looksLikeCalendarPath(const std::string& word) {
  const auto slash = word.find('/');
  return slash != std::string::npos && word.find('/', slash + 1) == std::string::npos &&
         isValidUserName(word.substr(0, slash)) && isValidCalendarSlug(word.substr(slash + 1)) &&
         !word.ends_with(".tar");
}

// import OWNER/CALENDAR FILE.ics (the calendar import, also import-ics) or
// import ARCHIVE [--replace-all] (a restore); told apart by their words.
std::variant<Command, UsageError> parseImport(const std::vector<std::string>& words) {
  const std::string& what = words[0];
  std::vector<std::string> rest = words;
  const bool replaceAll = what == "import" && takeFlag(rest, "replace-all");
  auto split = splitWords(rest, 1, {}, what);
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (what == "import" && parsed.positional.size() == 1 && !looksLikeCalendarPath(parsed.positional[0])) {
    return ImportArchive{parsed.positional[0], replaceAll};
  }
  const std::string shape =
      what == "import" ? "OWNER/CALENDAR FILE.ics, or ARCHIVE [--replace-all]" : "OWNER/CALENDAR FILE.ics";
  if (replaceAll) return usage(what + ": --replace-all applies to an archive only");
  if (auto error = expectCount(parsed, 2, what, shape)) return *error;
  auto calendar = splitCalendarPath(parsed.positional[0], what);
  if (auto* error = std::get_if<UsageError>(&calendar)) return *error;
  auto& [owner, slug] = std::get<std::pair<std::string, std::string>>(calendar);
  return ImportCalendar{owner, slug, parsed.positional[1]};
}

std::variant<Command, UsageError> parseExport(const std::vector<std::string>& words) {
  std::vector<std::string> rest = words;
  const bool force = takeFlag(rest, "force");
  auto split = splitWords(rest, 1, {}, "export");
  if (auto* error = std::get_if<UsageError>(&split)) return *error;
  auto& parsed = std::get<Words>(split);
  if (auto error = expectCount(parsed, 1, "export", "FILE [--force]")) return *error;
  return ExportArchive{parsed.positional[0], force};
}

}  // namespace

bool isValidUserName(const std::string& name) { return isValidSegment(name, 2); }
bool isValidCalendarSlug(const std::string& slug) { return isValidSegment(slug, 1); }

std::optional<sql::Role> roleFromName(const std::string& name) {
  for (const auto& [label, role] : kRoles) {
    if (name == label) return role;
  }
  return std::nullopt;
}

std::variant<Command, UsageError> parseCommand(const std::vector<std::string>& words) {
  if (words.empty()) return usage("no command given");
  const std::string& verb = words[0];
  if (verb == "user") return parseUser(words);
  if (verb == "share" || verb == "unshare") return parseShare(words);
  if (verb == "assign" || verb == "unassign") return parseAssign(words);
  if (verb == "calendar") return parseCalendar(words);
  if (verb == "import" || verb == "import-ics") return parseImport(words);
  if (verb == "export") return parseExport(words);
  return usage("unknown command \"" + verb + "\"");
}

std::variant<ProgramArguments, UsageError> parseProgramArguments(const std::vector<std::string>& args) {
  ProgramArguments out;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--config") {
      if (i + 1 >= args.size()) return usage("--config needs a file");
      out.configPath = args[++i];
    } else if (arg.starts_with("--config=")) {
      out.configPath = arg.substr(9);
    } else if (arg == "--version") {
      out.showVersion = true;
    } else if (arg == "--daemon" || arg.starts_with("--pidfile=") || arg.starts_with("--umask=")) {
      out.serverOptions.push_back(arg);
    } else if (arg.starts_with("-")) {
      return usage("unknown option " + arg);
    } else {
      break;  // the command starts here; its own options follow it
    }
  }
  out.command.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (out.showVersion) {
    if (!out.command.empty() || !out.serverOptions.empty()) return usage("--version takes no other options");
    return out;
  }
  if (out.configPath.empty()) return usage("--config FILE is required");
  if (!out.command.empty() && !out.serverOptions.empty()) {
    return usage(out.serverOptions.front() + " only applies when running the server");
  }
  return out;
}

const char* usageText() {
  return "usage: jadwald --config FILE [--daemon] [--pidfile=PATH]\n"
         "       jadwald --version\n"
         "       jadwald --config FILE user add NAME --role ROLE [--name \"DISPLAY NAME\"]   (password on stdin)\n"
         "       jadwald --config FILE user list\n"
         "       jadwald --config FILE user passwd NAME                                 (password on stdin)\n"
         "       jadwald --config FILE user disable|enable NAME\n"
         "       jadwald --config FILE user allow-calendars|disallow-calendars NAME   (aides and viewers)\n"
         "       jadwald --config FILE share OWNER/CALENDAR USER read|write\n"
         "       jadwald --config FILE unshare OWNER/CALENDAR USER\n"
         "       jadwald --config FILE assign|unassign AIDE LEADER\n"
         "       jadwald --config FILE calendar add OWNER/SLUG --name \"DISPLAY\"\n"
         "       jadwald --config FILE import-ics OWNER/CALENDAR FILE.ics   (also: import OWNER/CALENDAR FILE.ics)\n"
         "       jadwald --config FILE export FILE [--force]                 (the whole database, one archive)\n"
         "       jadwald --config FILE import FILE [--replace-all]           (restore an archive)\n"
         "roles: admin, protokol, pimpinan, ajudan, viewer\n";
}

}  // namespace jadwal::server
