// The staff inbox's search. The tracking code is the requester's key (to
// withdraw or revise): only the requester and staff use it, so only staff
// (protokol, admin) find a request by it. Leaders and aides search their
// requests by what the request says, and a code typed into their search box
// neither finds nor confirms anything.
#define BOOST_TEST_MODULE inbox_search
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;

namespace {

struct Fixture : WebFixture {
  Fixture() {
    addUser("admin", sql::Role::Admin, "Admin");
    const auto aide = addUser("ajudan", sql::Role::Aide, "Ajudan Bupati");
    store->assignAide(aide.id, store->findUser("bupati")->id);
  }

  // Whether the inbox of `user`, searched for `text`, lists `row`.
  bool finds(const std::string& user, const std::string& text, const sql::RequestRow& row) {
    const auto page = getAs(sessionOf(user), "/staf", {{"q", text}});
    BOOST_REQUIRE_EQUAL(page.status, 200);
    return contains(page.body, "/staf/permohonan/" + std::to_string(row.id) + "\"");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(inbox_search, Fixture)

BOOST_AUTO_TEST_CASE(only_staff_find_a_request_by_its_tracking_code) {
  const auto row = submit();
  const std::string code = row.code;
  const std::string part = code.substr(code.size() - 4);
  for (const std::string user : {"bupati", "ajudan"}) {
    BOOST_TEST(finds(user, "Peresmian", row), user);  // their request, found by what it says
    BOOST_TEST(!finds(user, code, row), user);
    BOOST_TEST(!finds(user, part, row), user);
  }
  for (const std::string user : {"protokol", "admin"}) {
    BOOST_TEST(finds(user, code, row), user);
    BOOST_TEST(finds(user, part, row), user);
  }
}

BOOST_AUTO_TEST_CASE(the_counts_of_a_code_search_confirm_nothing_either) {
  const auto row = submit();
  const auto page = getAs(sessionOf("ajudan"), "/staf", {{"q", row.code}});
  BOOST_REQUIRE_EQUAL(page.status, 200);
  // Every tab counts nothing for a code: the numbers tell no more than the list.
  const auto tabs =
      page.body.substr(page.body.find("tab-status"), page.body.find("</ul>") - page.body.find("tab-status"));
  BOOST_TEST(contains(tabs, "(0)"));
  BOOST_TEST(!std::regex_search(tabs, std::regex("\\([1-9]")), tabs);
}

BOOST_AUTO_TEST_CASE(the_store_matches_the_code_only_when_asked) {
  const auto row = submit();
  sql::RequestQuery query;
  query.text = row.code.substr(4, 4);
  BOOST_TEST(store->requests().listRequests(query).empty());
  BOOST_TEST(store->requests().countRequests(query) == 0);
  query.matchCode = true;
  BOOST_TEST(store->requests().countRequests(query) == 1);
  BOOST_TEST(store->requests().listRequests(query).at(0).id == row.id);
}

BOOST_AUTO_TEST_SUITE_END()
