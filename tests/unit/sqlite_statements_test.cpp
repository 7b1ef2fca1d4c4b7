// Statements kept with a pooled connection: compiled once and used again,
// and never left holding a read snapshot, so that a read after a write on
// another connection sees the write.
#define BOOST_TEST_MODULE sqlite_statements
#include <boost/test/unit_test.hpp>

#include <Poco/Data/Session.h>

#include "sql/sqlite_connection_pool.h"
#include "sql/store.h"
#include "temp_database.h"

using namespace jadwal;
using namespace Poco::Data::Keywords;

BOOST_AUTO_TEST_CASE(a_kept_statement_is_used_again_with_new_values) {
  testing::TempDatabase db;
  sql::SqliteConnectionPool pool(db.path.string(), 2);
  auto lease = pool.acquire();
  for (std::int64_t i = 0; i < 3; ++i) {
    auto use = lease.statements().use("SELECT ? + 1, ?");
    use.bind(i).bind("teks");
    BOOST_REQUIRE(use.step());
    BOOST_TEST(use.integer(0) == i + 1);
    BOOST_TEST(use.text(1) == "teks");
    BOOST_TEST(!use.step());
  }
}

BOOST_AUTO_TEST_CASE(a_read_left_unfinished_keeps_no_snapshot) {
  testing::TempDatabase db;
  sql::SqliteConnectionPool pool(db.path.string(), 2);
  {
    auto lease = pool.acquire();
    lease.session() << "CREATE TABLE t (v INTEGER)", now;
    lease.session() << "INSERT INTO t VALUES (1), (2)", now;
  }
  auto reader = pool.acquire();
  {
    auto use = reader.statements().use("SELECT v FROM t ORDER BY v");
    BOOST_REQUIRE(use.step());  // one row read of two: the statement stops mid-way
  }
  {
    auto writer = pool.acquire();  // another connection
    writer.session() << "INSERT INTO t VALUES (3)", now;
  }
  auto use = reader.statements().use("SELECT count(*) FROM t");
  BOOST_REQUIRE(use.step());
  BOOST_TEST(use.integer(0) == 3);
}

BOOST_AUTO_TEST_CASE(bad_sql_is_a_store_error) {
  testing::TempDatabase db;
  sql::SqliteConnectionPool pool(db.path.string(), 1);
  auto lease = pool.acquire();
  BOOST_CHECK_THROW(lease.statements().use("SELECT FROM nowhere"), sql::StoreError);
}
