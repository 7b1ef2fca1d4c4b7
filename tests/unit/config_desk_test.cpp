// [workflow] near_date_days: how close to its date a waiting request is
// marked in the staff inbox, with its default and its bounds.
#define BOOST_TEST_MODULE config_desk
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
