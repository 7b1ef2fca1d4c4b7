#include "server/logging.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/String.h>

#include <algorithm>
#include <iostream>

#include "base/text.h"

namespace jadwal::server {
namespace {

constexpr std::array<std::string_view, 9> kLevels = {"none",   "fatal",       "critical", "error", "warning",
                                                     "notice", "information", "debug",    "trace"};

// 2026-12-07T06:50:36.123Z Warning jadwal.mail: mail to ... not sent
constexpr const char* kPattern = "%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t";

}  // namespace

bool isLogLevel(const std::string& name) {
  return std::find(kLevels.begin(), kLevels.end(), Poco::toLower(name)) != kLevels.end();
}

std::optional<std::string> parseModuleLevels(const std::string& text, std::map<std::string, std::string>& out) {
  std::map<std::string, std::string> levels;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string entry = base::trimmedCopy(text.substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) continue;
    const auto colon = entry.find(':');
    if (colon == std::string::npos) return "\"" + entry + "\" is not MODULE:LEVEL";
    const std::string module = Poco::toLower(base::trimmedCopy(entry.substr(0, colon)));
    const std::string level = Poco::toLower(base::trimmedCopy(entry.substr(colon + 1)));
    if (std::find(kLogModules.begin(), kLogModules.end(), module) == kLogModules.end()) {
      return "\"" + module + "\" is not a module (server, http, web, caldav, workflow, mail, store)";
    }
    if (!isLogLevel(level)) {
      return "\"" + level + "\" is not a log level (error, warning, notice, information, debug, ...)";
    }
    levels[module] = level;
  }
  out = std::move(levels);
  return std::nullopt;
}

void configureLogging(const LogSettings& settings, Poco::AutoPtr<Poco::Channel> sink) {
  if (!sink) {
    if (settings.file.empty()) {
      sink = new Poco::ConsoleChannel(std::cerr);
    } else {
      Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(settings.file));
      file->open();  // a path that cannot be written stops the start, not the first error line
      sink = file;
    }
  }
  Poco::AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter(kPattern));
  Poco::AutoPtr<Poco::FormattingChannel> formatted(new Poco::FormattingChannel(pattern, sink));
  // Loggers made later take their parent's channel and level; making the
  // module loggers now gives each its own level from here on.
  for (auto module : kLogModules) Poco::Logger::get("jadwal." + std::string(module));
  Poco::Logger::setChannel("", formatted);
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(Poco::toLower(settings.level)));
  for (const auto& [module, level] : settings.moduleLevels) {
    Poco::Logger::setLevel("jadwal." + module, Poco::Logger::parseLevel(level));
  }
}

}  // namespace jadwal::server
