// The SQLite pool's bounds on memory: every connection it opens has the page
// cache it was given ([db] cache_kib), whichever connection a caller gets.
#define BOOST_TEST_MODULE sqlite_connection_pool
#include <boost/test/unit_test.hpp>

#include <Poco/Data/Session.h>

#include <optional>

#include "sql/sqlite_connection_pool.h"
#include "temp_database.h"

using jadwal::sql::SqliteConnectionPool;
using jadwal::testing::TempDatabase;

namespace {

int cacheSizeOf(SqliteConnectionPool::Lease& lease) {
  using namespace Poco::Data::Keywords;
  int size = 0;
  lease.session() << "PRAGMA cache_size", into(size), now;
  return size;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_connection_has_the_configured_page_cache) {
  TempDatabase db;
  SqliteConnectionPool pool(db.path.string(), 2, 512);
  auto first = pool.acquire();
  auto second = pool.acquire();  // a connection opened later, on demand
  BOOST_TEST(cacheSizeOf(first) == -512);
  BOOST_TEST(cacheSizeOf(second) == -512);
}

BOOST_AUTO_TEST_CASE(the_default_page_cache_is_stated) {
  TempDatabase db;
  SqliteConnectionPool pool(db.path.string(), 1);
  auto lease = pool.acquire();
  BOOST_TEST(cacheSizeOf(lease) == -static_cast<int>(SqliteConnectionPool::kDefaultCacheKib));
}
