#pragma once
// The server log: every module logs through its own Poco logger,
// "jadwal.<module>" (jadwal.http, jadwal.caldav, ...), and all of them write
// to one channel set up at start: standard error (the journal under systemd)
// or a file, each line stamped with the UTC time, level and logger.
// `[log] level` sets every module's level, `[log] levels` overrides it per
// module. The access log is apart (server/access_log.h).

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jadwal::server {

// The modules `[log] levels` may name; their loggers are "jadwal.<module>".
inline constexpr std::array<std::string_view, 7> kLogModules = {"server",   "http", "web",  "caldav",
                                                                "workflow", "mail", "store"};

struct LogSettings {
  std::string level = "information";                // every module
  std::map<std::string, std::string> moduleLevels;  // module -> level, over `level`
  std::string file;                                 // empty: standard error
};

// none, fatal, critical, error, warning, notice, information, debug, trace
// (any case).
bool isLogLevel(const std::string& name);

// Reads "caldav:debug, workflow:warning" into `out`; on a bad entry returns
// why (an unknown module or level, a missing colon) and leaves `out` alone.
std::optional<std::string> parseModuleLevels(const std::string& text, std::map<std::string, std::string>& out);

// Points every logger at one formatting channel writing to `sink`, or when
// it is null, to the console or file of `settings`, and sets the levels.
// Call at start, before threads log. Throws Poco::Exception when the file
// cannot be opened.
void configureLogging(const LogSettings& settings, Poco::AutoPtr<Poco::Channel> sink = nullptr);

}  // namespace jadwal::server
