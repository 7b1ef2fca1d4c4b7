// The [workflow] keys of the office's daily work, each with its default and
// its bounds: near_date_days (how close to its date a waiting request is
// marked in the staff inbox) and open_end_assumed_minutes (how long an
// "s.d. selesai" activity is taken to last).
#define BOOST_TEST_MODULE config_workflow
#include <boost/test/unit_test.hpp>

#include <string>

#include "server/config.h"

using namespace jadwal::server;

namespace {

const std::string kMinimal =
    "public_url = https://agenda.example.go.id\n"
    "[http]\n"
    "port = 8080\n"
    "[db]\n"
    "url = sqlite:/var/lib/jadwal/jadwal.db\n";

ConfigResult withWorkflow(const std::string& lines) { return parseConfig(kMinimal + "[workflow]\n" + lines + "\n"); }

std::string errorOf(const ConfigResult& result) {
  const auto* error = std::get_if<ConfigError>(&result);
  return error ? error->message : "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(near_date_days_defaults_to_three) {
  const auto result = parseConfig(kMinimal);
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  BOOST_TEST(std::get<ServerConfig>(result).workflow.nearDateDays == 3);
}

BOOST_AUTO_TEST_CASE(near_date_days_is_read_within_its_bounds) {
  for (const auto& [text, days] : {std::pair<std::string, int>{"0", 0}, {"7", 7}, {"365", 365}}) {
    const auto result = withWorkflow("near_date_days = " + text);
    BOOST_TEST_REQUIRE(errorOf(result) == "", text);
    BOOST_TEST(std::get<ServerConfig>(result).workflow.nearDateDays == days);
  }
  for (const std::string bad : {"-1", "366", "tiga", ""}) {
    BOOST_TEST(errorOf(withWorkflow("near_date_days = " + bad)).find("config: workflow.near_date_days:") == 0u, bad);
  }
}

BOOST_AUTO_TEST_CASE(an_open_end_lasts_two_hours_by_default) {
  const auto config = std::get<ServerConfig>(parseConfig(kMinimal));
  BOOST_TEST(config.workflow.openEndAssumedMinutes == 120);
}

BOOST_AUTO_TEST_CASE(the_open_end_duration_is_read) {
  const auto result = withWorkflow("open_end_assumed_minutes = 90");
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  BOOST_TEST(std::get<ServerConfig>(result).workflow.openEndAssumedMinutes == 90);
}

BOOST_AUTO_TEST_CASE(open_end_durations_out_of_range_are_refused_by_name) {
  for (const std::string value : {"0", "14", "1441", "2h", "-30", ""}) {
    const std::string message = errorOf(withWorkflow("open_end_assumed_minutes = " + value));
    BOOST_TEST(message.find("config: workflow.open_end_assumed_minutes: ") == 0u, value + ": " + message);
  }
}
