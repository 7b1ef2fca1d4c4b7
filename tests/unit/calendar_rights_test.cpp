// Who may create calendars: leaders, protocol staff and admins; aides and
// viewers only once an admin allows it with the command line. Driven through
// the DAV handler and the operator commands on a real SQLite store.
#define BOOST_TEST_MODULE calendar_rights
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "caldav/access.h"
#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "dav_fixture.h"
#include "server/cli.h"
#include "server/cli_command.h"
#include "sql/store.h"

using namespace jadwal;
using caldav::DavRequest;
using caldav::DavResponse;

namespace {

struct Fixture : testing::DavWorld {
  caldav::Principal admin, staf, bupati, ajudan, viewer;
  std::ostringstream out, err;

  Fixture() {
    admin = add("admin", sql::Role::Admin);
    staf = add("staf", sql::Role::ProtocolStaff);
    bupati = add("bupati", sql::Role::Leader);
    ajudan = add("ajudan", sql::Role::Aide);
    viewer = add("humas", sql::Role::Viewer);
  }

  DavResponse mkcalendar(const caldav::Principal& who, const std::string& home, const std::string& slug,
                         const std::string& method = "MKCALENDAR") {
    DavRequest r;
    r.method = method;
    r.path = "/dav/calendars/" + home + "/" + slug + "/";
    r.user = who;
    return dav->handle(r);
  }

  std::string homePrivileges(const caldav::Principal& who) {
    DavRequest r;
    r.method = "PROPFIND";
    r.path = "/dav/calendars/" + who.name + "/";
    r.user = who;
    r.headers["Depth"] = "0";
    r.body =
        "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-privilege-set/></D:prop>"
        "</D:propfind>";
    return dav->handle(r).body;
  }

  int cli(const std::vector<std::string>& words) {
    auto parsed = server::parseCommand(words);
    if (auto* usage = std::get_if<server::UsageError>(&parsed)) {
      err << usage->message;
      return server::kExitUsage;
    }
    std::istringstream in;
    return server::runCommand(std::get<server::Command>(parsed), *store, *service, in, out, err);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(calendar_rights, Fixture)

BOOST_AUTO_TEST_CASE(leaders_staff_and_admins_create_calendars) {
  BOOST_TEST(mkcalendar(bupati, "bupati", "kunjungan").status == 201);
  BOOST_TEST(mkcalendar(staf, "staf", "rapat").status == 201);
  BOOST_TEST(mkcalendar(admin, "admin", "umum").status == 201);
  BOOST_TEST(mkcalendar(bupati, "bupati", "lewat-mkcol", "MKCOL").status == 201);
}

BOOST_AUTO_TEST_CASE(aides_and_viewers_are_refused_with_a_reason) {
  for (const caldav::Principal* who : {&ajudan, &viewer}) {
    for (const std::string method : {"MKCALENDAR", "MKCOL"}) {
      auto refused = mkcalendar(*who, who->name, "pribadi", method);
      BOOST_TEST(refused.status == 403, who->name << " " << method);
      BOOST_TEST(refused.body.find("<D:need-privileges>") != std::string::npos, refused.body);
      BOOST_TEST(refused.body.find("<D:bind/>") != std::string::npos);
      BOOST_TEST(refused.body.find("allow-calendars") != std::string::npos);
    }
    BOOST_TEST(store->calendarsOwnedBy(who->id).empty());
    // Their home does not offer what they may not do.
    BOOST_TEST(homePrivileges(*who).find("<D:bind/>") == std::string::npos);
  }
  BOOST_TEST(homePrivileges(bupati).find("<D:bind/>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_admin_allows_and_disallows_with_the_command_line) {
  BOOST_TEST(cli({"user", "allow-calendars", "humas"}) == 0, err.str());
  BOOST_TEST(out.str() == "user humas may now create calendars\n");
  BOOST_TEST(store->findUser("humas")->mayCreateCalendars);
  BOOST_TEST(mkcalendar(viewer, "humas", "pribadi").status == 201);
  BOOST_TEST(homePrivileges(viewer).find("<D:bind/>") != std::string::npos);
  // The aide still may not.
  BOOST_TEST(mkcalendar(ajudan, "ajudan", "pribadi").status == 403);

  out.str("");
  BOOST_TEST(cli({"user", "list"}) == 0);
  BOOST_TEST(out.str().find("humas\tviewer\thumas\tenabled\tcalendars\n") != std::string::npos, out.str());
  BOOST_TEST(out.str().find("ajudan\tajudan\tajudan\tenabled\tno-calendars\n") != std::string::npos, out.str());

  BOOST_TEST(cli({"user", "disallow-calendars", "humas"}) == 0);
  BOOST_TEST(mkcalendar(viewer, "humas", "lagi").status == 403);
  // What was made meanwhile stays theirs.
  BOOST_TEST(store->findCalendar("humas", "pribadi").has_value());
}

BOOST_AUTO_TEST_CASE(the_command_line_refuses_what_makes_no_sense) {
  BOOST_TEST(cli({"user", "allow-calendars", "nobody"}) == server::kExitFailure);
  BOOST_TEST(err.str().find("no user named nobody") != std::string::npos);
  BOOST_TEST(cli({"user", "allow-calendars", "bupati"}) == server::kExitFailure);
  BOOST_TEST(err.str().find("may create calendars anyway") != std::string::npos);
  BOOST_TEST(cli({"user", "allow-calendars"}) == server::kExitUsage);
  BOOST_TEST(cli({"user", "disallow-calendars", "a", "b"}) == server::kExitUsage);
  BOOST_TEST(std::string(server::usageText()).find("allow-calendars") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_admin_may_create_a_calendar_for_anyone) {
  BOOST_TEST(mkcalendar(admin, "humas", "dari-admin").status == 201);
  BOOST_TEST(store->findCalendar("humas", "dari-admin").has_value());
  // Another user's home stays closed to everybody else.
  BOOST_TEST(mkcalendar(staf, "bupati", "susupan").status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
