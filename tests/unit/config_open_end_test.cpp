// [workflow] open_end_assumed_minutes: how long an "s.d. selesai" activity
// is taken to last, with its default, and values outside its range refused.
#define BOOST_TEST_MODULE config_open_end
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

BOOST_AUTO_TEST_CASE(two_hours_by_default) {
  const auto config = std::get<ServerConfig>(parseConfig(kMinimal));
  BOOST_TEST(config.workflow.openEndAssumedMinutes == 120);
}

BOOST_AUTO_TEST_CASE(the_duration_is_read) {
  const auto result = withWorkflow("open_end_assumed_minutes = 90");
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  BOOST_TEST(std::get<ServerConfig>(result).workflow.openEndAssumedMinutes == 90);
}

BOOST_AUTO_TEST_CASE(values_out_of_range_are_refused_by_name) {
  for (const std::string value : {"0", "14", "1441", "2h", "-30", ""}) {
    const std::string message = errorOf(withWorkflow("open_end_assumed_minutes = " + value));
    BOOST_TEST(message.find("config: workflow.open_end_assumed_minutes: ") == 0u, value + ": " + message);
  }
}
