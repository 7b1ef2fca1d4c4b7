// What bounds the server's resident memory: the database pool ([db]
// pool_size), each pooled connection's page cache ([db] cache_kib) and
// glibc's malloc arenas (malloc_arenas), with defaults, and values refused
// outside their range.
#define BOOST_TEST_MODULE config_memory
#include <boost/test/unit_test.hpp>

#include <string>

#include "server/config.h"

using namespace jadwal::server;

namespace {

const std::string kTop = "public_url = https://agenda.example.go.id\n";
const std::string kRest =
    "[http]\n"
    "port = 8080\n"
    "[db]\n"
    "url = sqlite:/var/lib/jadwal/jadwal.db\n";

ConfigResult with(const std::string& top, const std::string& db) { return parseConfig(kTop + top + kRest + db); }

std::string errorOf(const ConfigResult& result) {
  const auto* error = std::get_if<ConfigError>(&result);
  return error ? error->message : "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_defaults_bound_memory) {
  const auto config = std::get<ServerConfig>(with("", ""));
  BOOST_TEST(config.dbPoolSize == 16u);
  BOOST_TEST(config.dbCacheKib == 1024u);
  BOOST_TEST(config.mallocArenas == 2);
}

BOOST_AUTO_TEST_CASE(the_bounds_are_read) {
  const auto result = with("malloc_arenas = 0\n", "pool_size = 4\ncache_kib = 256\n");
  BOOST_TEST_REQUIRE(errorOf(result) == "");
  const auto& config = std::get<ServerConfig>(result);
  BOOST_TEST(config.dbPoolSize == 4u);
  BOOST_TEST(config.dbCacheKib == 256u);
  BOOST_TEST(config.mallocArenas == 0);
}

BOOST_AUTO_TEST_CASE(values_outside_their_range_are_refused) {
  BOOST_TEST(errorOf(with("", "pool_size = 0\n")).find("db.pool_size") != std::string::npos);
  BOOST_TEST(errorOf(with("", "pool_size = 257\n")).find("db.pool_size") != std::string::npos);
  BOOST_TEST(errorOf(with("", "cache_kib = 63\n")).find("db.cache_kib") != std::string::npos);
  BOOST_TEST(errorOf(with("", "cache_kib = lots\n")).find("db.cache_kib") != std::string::npos);
  BOOST_TEST(errorOf(with("malloc_arenas = -1\n", "")).find("malloc_arenas") != std::string::npos);
  BOOST_TEST(errorOf(with("malloc_arenas = 65\n", "")).find("malloc_arenas") != std::string::npos);
}
