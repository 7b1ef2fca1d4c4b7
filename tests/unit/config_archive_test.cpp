// The [archive] section: how much of each PDF letter the archive's search
// reads (workflow::LetterTextLimits), with defaults, and bounds refused
// outside their range.
#define BOOST_TEST_MODULE config_archive
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

ConfigResult withArchive(const std::string& lines) { return parseConfig(kMinimal + "[archive]\n" + lines + "\n"); }

std::string errorOf(const ConfigResult& result) {
  const auto* error = std::get_if<ConfigError>(&result);
  return error ? error->message : "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_defaults_bound_each_letter) {
  const auto config = std::get<ServerConfig>(parseConfig(kMinimal));
  BOOST_TEST(config.letters.maxPages == 30);
  BOOST_TEST(config.letters.maxBytes == 65536u);
}

BOOST_AUTO_TEST_CASE(the_bounds_are_read) {
  const auto result = withArchive("max_pdf_pages = 5\nmax_letter_text_bytes = 2048");
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  const auto& config = std::get<ServerConfig>(result);
  BOOST_TEST(config.letters.maxPages == 5);
  BOOST_TEST(config.letters.maxBytes == 2048u);
}

BOOST_AUTO_TEST_CASE(bounds_out_of_range_are_refused) {
  for (const std::string line :
       {"max_pdf_pages = 0", "max_pdf_pages = 10001", "max_pdf_pages = lima", "max_letter_text_bytes = 1023",
        "max_letter_text_bytes = 16777217", "max_letter_text_bytes = 64KB"}) {
    const std::string key = "config: archive." + line.substr(0, line.find(' ')) + ":";
    BOOST_TEST(errorOf(withArchive(line)).find(key) == 0u, line << " -> " << errorOf(withArchive(line)));
  }
  BOOST_TEST(errorOf(withArchive("max_pages = 5")) == "config: archive.max_pages: unknown key");
}

BOOST_AUTO_TEST_CASE(the_shipped_sample_documents_the_defaults) {
  const auto result = loadConfig(std::string(JADWAL_SOURCE_DIR) + "/conf/jadwal.ini");
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  const auto& config = std::get<ServerConfig>(result);
  const auto defaults = std::get<ServerConfig>(parseConfig(kMinimal));
  BOOST_TEST(config.letters.maxPages == defaults.letters.maxPages);
  BOOST_TEST(config.letters.maxBytes == defaults.letters.maxBytes);
}
