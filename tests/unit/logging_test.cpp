#define BOOST_TEST_MODULE logging
#include <boost/test/unit_test.hpp>

#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include <unistd.h>

#include "server/access_log.h"
#include "server/config.h"
#include "server/logging.h"

using namespace jadwal::server;

namespace {

// Keeps the formatted lines that reach the server log's channel.
class CaptureChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard lock(mutex_);
    lines_.push_back(message.getText());
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  bool has(const std::string& text) const {
    for (const auto& line : lines())
      if (line.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

const std::string kBase = "public_url = https://agenda.example.go.id\n[http]\nport = 8080\n[db]\nurl = sqlite:x.db\n";

ServerConfig configWith(const std::string& logSection) {
  auto parsed = parseConfig(kBase + "[log]\n" + logSection);
  if (auto* error = std::get_if<ConfigError>(&parsed)) BOOST_FAIL(error->message);
  return std::get<ServerConfig>(parsed);
}

std::string errorOf(const std::string& logSection) {
  auto parsed = parseConfig(kBase + "[log]\n" + logSection);
  BOOST_REQUIRE(std::holds_alternative<ConfigError>(parsed));
  return std::get<ConfigError>(parsed).message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_module_in_debug_while_the_rest_stays_at_warning) {
  const ServerConfig config = configWith("level = warning\nlevels = caldav:debug, mail: error\n");
  BOOST_TEST(config.log.level == "warning");
  BOOST_TEST((config.log.moduleLevels == std::map<std::string, std::string>{{"caldav", "debug"}, {"mail", "error"}}));

  Poco::AutoPtr<CaptureChannel> capture(new CaptureChannel);
  configureLogging(config.log, capture);
  Poco::Logger::get("jadwal.caldav").debug("caldav debug line");
  Poco::Logger::get("jadwal.workflow").debug("workflow debug line");
  Poco::Logger::get("jadwal.workflow").information("workflow information line");
  Poco::Logger::get("jadwal.workflow").warning("workflow warning line");
  Poco::Logger::get("jadwal.mail").warning("mail warning line");
  Poco::Logger::get("jadwal.mail").error("mail error line");

  BOOST_TEST(capture->has("caldav debug line"));
  BOOST_TEST(!capture->has("workflow debug line"));
  BOOST_TEST(!capture->has("workflow information line"));
  BOOST_TEST(capture->has("workflow warning line"));
  BOOST_TEST(!capture->has("mail warning line"));
  BOOST_TEST(capture->has("mail error line"));
}

BOOST_AUTO_TEST_CASE(lines_carry_time_level_and_module) {
  Poco::AutoPtr<CaptureChannel> capture(new CaptureChannel);
  configureLogging(configWith("level = information\n").log, capture);
  Poco::Logger::get("jadwal.http").error("accept: too many open files");
  BOOST_REQUIRE(capture->lines().size() == 1u);
  const std::string line = capture->lines().front();
  BOOST_TEST(std::regex_match(line, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Error jadwal\.http: )"
                                               R"(accept: too many open files)")),
             line);
}

BOOST_AUTO_TEST_CASE(a_later_configuration_replaces_the_levels) {
  Poco::AutoPtr<CaptureChannel> capture(new CaptureChannel);
  configureLogging(configWith("level = error\nlevels = workflow:debug\n").log, capture);
  configureLogging(configWith("level = notice\n").log, capture);
  Poco::Logger::get("jadwal.workflow").debug("old override");
  Poco::Logger::get("jadwal.store").notice("store notice");
  BOOST_TEST(!capture->has("old override"));
  BOOST_TEST(capture->has("store notice"));
}

BOOST_AUTO_TEST_CASE(unknown_levels_and_modules_are_refused_at_start) {
  BOOST_TEST(errorOf("level = loud\n").find("config: log.level: \"loud\" is not a log level") == 0u);
  BOOST_TEST(errorOf("levels = caldav:loud\n").find("config: log.levels: \"loud\" is not a log level") == 0u);
  BOOST_TEST(errorOf("levels = kaldav:debug\n").find("config: log.levels: \"kaldav\" is not a module") == 0u);
  BOOST_TEST(errorOf("levels = caldav\n").find("config: log.levels: \"caldav\" is not MODULE:LEVEL") == 0u);
  // Case and spaces are forgiven, an empty list is none.
  BOOST_TEST(configWith("level = WARNING\nlevels = CalDAV : Debug ,\n").log.moduleLevels.at("caldav") == "debug");
  BOOST_TEST(configWith("levels =\n").log.moduleLevels.empty());
}

BOOST_AUTO_TEST_CASE(a_log_file_that_cannot_be_written_stops_the_start) {
  LogSettings settings;
  settings.file = "/nonexistent-directory/jadwal.log";
  BOOST_CHECK_THROW(configureLogging(settings), Poco::Exception);
}

BOOST_AUTO_TEST_CASE(the_access_log_is_not_the_server_log) {
  Poco::AutoPtr<CaptureChannel> capture(new CaptureChannel);
  configureLogging(configWith("level = trace\n").log, capture);
  const auto path = std::filesystem::temp_directory_path() / ("jadwal-access-" + std::to_string(::getpid()) + ".log");
  {
    AccessLog access(path.string());
    AccessRecord record;
    record.method = "OPTIONS";
    record.path = "/dav/";
    record.status = 200;
    access.write(record);
  }
  BOOST_TEST(std::filesystem::file_size(path) > 0u);
  BOOST_TEST(!capture->has("OPTIONS /dav/"));
  std::filesystem::remove(path);
}
