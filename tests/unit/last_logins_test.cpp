// Last logins are written at most once per interval per user, and what was
// written when is remembered for a bounded number of users.
#define BOOST_TEST_MODULE last_logins
#include "server/last_logins.h"

#include "sqlite_store_fixture.h"

using jadwal::server::LastLogins;

BOOST_FIXTURE_TEST_CASE(a_login_is_written_once_per_interval, Fixture) {
  jadwal::base::ManualClock clock(1000);
  LastLogins logins(store.userAdmin(), clock, std::chrono::seconds(300), 16);
  const User user = addUser("pengguna");
  BOOST_TEST(logins.seen(user.id));
  BOOST_TEST(store.userAdmin().listing(user.id)->lastLoginAt == 1000);
  clock.advance(299);
  BOOST_TEST(!logins.seen(user.id));
  BOOST_TEST(store.userAdmin().listing(user.id)->lastLoginAt == 1000);
  clock.advance(1);
  BOOST_TEST(logins.seen(user.id));
  BOOST_TEST(store.userAdmin().listing(user.id)->lastLoginAt == 1300);
}

BOOST_FIXTURE_TEST_CASE(the_memory_is_bounded, Fixture) {
  jadwal::base::ManualClock clock(1000);
  LastLogins logins(store.userAdmin(), clock, std::chrono::seconds(300), 4);
  std::vector<User> users;
  for (int i = 0; i < 10; ++i) users.push_back(addUser("u" + std::to_string(i)));
  for (const auto& user : users) BOOST_TEST(logins.seen(user.id));
  BOOST_TEST(logins.remembered() <= 4u);
  for (const auto& user : users) BOOST_TEST(store.userAdmin().listing(user.id)->lastLoginAt == 1000);
  // Past the interval the old entries make room before anything is forgotten early.
  clock.advance(300);
  BOOST_TEST(logins.seen(users[0].id));
  BOOST_TEST(logins.remembered() <= 4u);
}
