// User administration's records on a real SQLite file: each change with its
// audit row in one transaction, the last enabled admin kept, the must-change
// mark, the last login, and the pages of users and audit rows.
#define BOOST_TEST_MODULE user_admin_store
#include "sql/user_admin_store.h"

#include "sql/session_store.h"
#include "sqlite_store_fixture.h"

namespace {

UserAuditRow audit(const std::string& action, const std::string& target, Instant at = 100) {
  return {0, at, "admin", action, target, ""};
}

User newUser(const std::string& name, Role role) {
  User user;
  user.name = name;
  user.role = role;
  user.displayName = "Nama " + name;
  user.passwordHash = "$argon2id$x";
  return user;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_created_user_carries_the_mark_and_its_audit_row, Fixture) {
  auto& admin = store.userAdmin();
  const auto made = admin.createUser(newUser("baru", Role::Aide), true, audit("create", "baru"));
  BOOST_TEST_REQUIRE(made.ok());
  BOOST_TEST(admin.mustChangePassword(made.value().id));
  BOOST_TEST((store.findUser("baru")->role == Role::Aide));
  const auto again = admin.createUser(newUser("baru", Role::Viewer), false, audit("create", "baru"));
  BOOST_TEST((again.status == CreateStatus::Exists));
  const auto rows = admin.auditPage(0, 10);
  BOOST_TEST_REQUIRE(rows.size() == 1u);  // the refused create wrote nothing
  BOOST_TEST(rows[0].action == "create");
  BOOST_TEST(rows[0].actor == "admin");
  BOOST_TEST(rows[0].target == "baru");
}

BOOST_FIXTURE_TEST_CASE(a_change_is_written_with_its_audit_and_ends_sessions_when_asked, Fixture) {
  auto& admin = store.userAdmin();
  const User user = addUser("pengguna", Role::Viewer);
  BOOST_TEST_REQUIRE((store.sessions().createSession({"h", user.id, "c", 1, 1000}) == CreateStatus::Created));
  UserChange change;
  change.passwordHash = "$argon2id$baru";
  change.mustChangePassword = true;
  change.endSessions = true;
  BOOST_TEST((admin.changeUser(user.id, change, audit("reset_password", "pengguna")) == UserChangeStatus::Done));
  BOOST_TEST(store.findUser("pengguna")->passwordHash == "$argon2id$baru");
  BOOST_TEST(admin.mustChangePassword(user.id));
  BOOST_TEST(!store.sessions().findSession("h", 2).has_value());
  UserChange cleared;
  cleared.mustChangePassword = false;
  BOOST_TEST((admin.changeUser(user.id, cleared, audit("password_chosen", "pengguna")) == UserChangeStatus::Done));
  BOOST_TEST(!admin.mustChangePassword(user.id));
  BOOST_TEST((admin.changeUser(9999, cleared, audit("x", "none")) == UserChangeStatus::NotFound));
  BOOST_TEST(admin.auditCount() == 2);
}

BOOST_FIXTURE_TEST_CASE(the_last_enabled_admin_cannot_be_disabled_nor_demoted, Fixture) {
  auto& admin = store.userAdmin();
  const User first = addUser("admin", Role::Admin);
  UserChange disable;
  disable.disabled = true;
  BOOST_TEST((admin.changeUser(first.id, disable, audit("disable", "admin")) == UserChangeStatus::LastAdmin));
  UserChange demote;
  demote.role = Role::ProtocolStaff;
  BOOST_TEST((admin.changeUser(first.id, demote, audit("role", "admin")) == UserChangeStatus::LastAdmin));
  BOOST_TEST((store.findUser("admin")->role == Role::Admin));
  BOOST_TEST(!store.findUser("admin")->disabled);
  BOOST_TEST(admin.auditCount() == 0);  // refused changes are not audited

  const User second = addUser("admin2", Role::Admin);
  BOOST_TEST((admin.changeUser(first.id, demote, audit("role", "admin")) == UserChangeStatus::Done));
  BOOST_TEST((admin.changeUser(second.id, disable, audit("disable", "admin2")) == UserChangeStatus::LastAdmin));
}

BOOST_FIXTURE_TEST_CASE(aides_and_shares_change_with_their_audit_rows, Fixture) {
  auto& admin = store.userAdmin();
  const User leader = addUser("bupati", Role::Leader);
  const User aide = addUser("ajudan", Role::Aide);
  const Calendar agenda = addCalendar(leader.id, "agenda");
  admin.setAide(aide.id, leader.id, true, audit("assign", "ajudan"));
  BOOST_TEST(store.leadersOfAide(aide.id) == std::vector<std::int64_t>{leader.id});
  admin.setAide(aide.id, leader.id, false, audit("unassign", "ajudan"));
  BOOST_TEST(store.leadersOfAide(aide.id).empty());
  admin.setShare(agenda.id, aide.id, true, audit("share_write", "ajudan"));
  BOOST_TEST_REQUIRE(store.sharesOfUser(aide.id).size() == 1u);
  BOOST_TEST(store.sharesOfUser(aide.id)[0].write);
  admin.setShare(agenda.id, aide.id, false, audit("share_read", "ajudan"));
  BOOST_TEST(!store.sharesOfUser(aide.id)[0].write);
  admin.setShare(agenda.id, aide.id, std::nullopt, audit("unshare", "ajudan"));
  BOOST_TEST(store.sharesOfUser(aide.id).empty());
  const auto rows = admin.auditOf("ajudan", 10);
  BOOST_TEST_REQUIRE(rows.size() == 5u);
  BOOST_TEST(rows.front().action == "unshare");  // latest first
  BOOST_TEST(rows.back().action == "assign");
  BOOST_TEST(admin.auditOf("ajudan", 2).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(the_last_login_moves_forward_only, Fixture) {
  auto& admin = store.userAdmin();
  const User user = addUser("pengguna");
  BOOST_TEST(admin.listing(user.id)->lastLoginAt == 0);
  admin.recordLogin(user.id, 500);
  BOOST_TEST(admin.listing(user.id)->lastLoginAt == 500);
  admin.recordLogin(user.id, 400);  // a slower request that finished later
  BOOST_TEST(admin.listing(user.id)->lastLoginAt == 500);
  admin.recordLogin(user.id, 600);
  BOOST_TEST(admin.listing(user.id)->lastLoginAt == 600);
  BOOST_TEST(admin.listing(user.id)->user.passwordHash.empty());  // the listing carries no hash
}

BOOST_FIXTURE_TEST_CASE(users_and_audit_rows_come_a_page_at_a_time, Fixture) {
  auto& admin = store.userAdmin();
  for (int i = 0; i < 7; ++i) {
    addUser("u" + std::to_string(i));
    admin.addAudit(audit("create", "u" + std::to_string(i), 100 + i));
  }
  BOOST_TEST(admin.userCount() == 7);
  const auto page = admin.usersPage(5, 5);
  BOOST_TEST_REQUIRE(page.size() == 2u);
  BOOST_TEST(page[0].user.name == "u5");
  BOOST_TEST(admin.auditCount() == 7);
  const auto latest = admin.auditPage(0, 3);
  BOOST_TEST_REQUIRE(latest.size() == 3u);
  BOOST_TEST(latest[0].target == "u6");
  BOOST_TEST(latest[0].at == 106);
  BOOST_TEST(admin.auditPage(6, 3).size() == 1u);
}
