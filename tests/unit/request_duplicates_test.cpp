// The inbox's likely duplicates on a real SQLite file: the same WhatsApp
// number however it was written, the same email or letter number, on the
// same activity day; and the inbox's orders of listRequests.
#define BOOST_TEST_MODULE request_duplicates
#include "sqlite_request_store_fixture.h"

namespace {

constexpr Instant kDay = 1'800'000'000 - 1'800'000'000 % 86400;  // a UTC midnight
constexpr Instant kNoon = kDay + 12 * 3600;

RequestRow requestWith(const std::string& code, const std::string& whatsapp, const std::string& email,
                       const std::string& letter, Instant start = kNoon) {
  RequestRow row = sampleRequest(code, start);
  row.whatsapp = whatsapp;
  row.email = email;
  row.letterNumber = letter;
  return row;
}

DuplicateProbe probeOf(const RequestRow& row) {
  return DuplicateProbe{row.id, row.whatsapp, row.email, row.letterNumber, kDay, kDay + 86400};
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_same_whatsapp_number_written_differently_on_the_same_day, Fixture) {
  auto add = [&](const RequestRow& row, Instant at) { return requests.createRequest(row, {}, auditAt(at)).value(); };
  const RequestRow first = add(requestWith("A", "0812-3456-7890", "a@example.org", "1/A"), 10);
  const RequestRow second = add(requestWith("B", "+62 812 3456 7890", "b@example.org", "2/B"), 20);
  const RequestRow third = add(requestWith("C", "(0812) 3456.7890", "c@example.org", "3/C", kNoon + 3600), 30);
  const RequestRow otherDay = add(requestWith("D", "081234567890", "d@example.org", "4/D", kNoon + 86400), 40);
  const RequestRow otherNumber = add(requestWith("E", "081299998888", "e@example.org", "5/E"), 50);

  const auto found = requests.likelyDuplicates({probeOf(first), probeOf(second), probeOf(otherNumber)}, 10);
  BOOST_TEST_REQUIRE(found.count(first.id) == 1u);
  BOOST_TEST(found.at(first.id) == (std::vector<std::int64_t>{second.id, third.id}), boost::test_tools::per_element());
  BOOST_TEST(found.at(second.id) == (std::vector<std::int64_t>{first.id, third.id}), boost::test_tools::per_element());
  BOOST_TEST(found.count(otherNumber.id) == 0u, "a request with another number has none");
  (void)otherDay;  // the same number on another day is no duplicate: not among the ids above
  BOOST_TEST(requests.likelyDuplicates({probeOf(first)}, 1).at(first.id).size() == 1u, "at most perRequest ids");
}

BOOST_FIXTURE_TEST_CASE(the_same_email_or_letter_number_on_the_same_day, Fixture) {
  auto add = [&](const RequestRow& row, Instant at) { return requests.createRequest(row, {}, auditAt(at)).value(); };
  const RequestRow first = add(requestWith("A", "081211110000", "Siti@Example.org ", "005/123/DISDIK"), 10);
  const RequestRow sameMail = add(requestWith("B", "081222220000", "siti@example.org", "9/X"), 20);
  const RequestRow sameLetter = add(requestWith("C", "081233330000", "x@example.org", "005 / 123 / disdik"), 30);
  const RequestRow none = add(requestWith("D", "081244440000", "y@example.org", "-"), 40);
  const RequestRow noneEither = add(requestWith("E", "", "", "-"), 50);

  const auto found = requests.likelyDuplicates({probeOf(first), probeOf(none), probeOf(noneEither)}, 10);
  BOOST_TEST_REQUIRE(found.count(first.id) == 1u);
  BOOST_TEST(found.at(first.id) == (std::vector<std::int64_t>{sameMail.id, sameLetter.id}),
             boost::test_tools::per_element());
  BOOST_TEST(found.count(none.id) == 0u, "a letter number of \"-\" (none) matches nothing");
  BOOST_TEST(found.count(noneEither.id) == 0u, "empty keys match nothing");
  BOOST_TEST(requests.likelyDuplicates({}, 10).empty());
}

BOOST_FIXTURE_TEST_CASE(the_inbox_orders, Fixture) {
  auto add = [&](const std::string& code, Instant start, const std::string& institution, const std::string& state,
                 std::vector<std::string> leaders, Instant at) {
    RequestRow row = sampleRequest(code, start);
    row.institution = institution;
    row.state = state;
    row.leadersAsked = std::move(leaders);
    return requests.createRequest(row, {}, auditAt(at)).value();
  };
  addUser("wagub");  // "Display wagub" sorts before the user name "gubernur" (no user)
  add("A", kNoon + 2 * 86400, "dinas kesehatan", "diverifikasi", {"wagub"}, 10);
  add("B", kNoon, "Camat Indralaya", "diajukan", {"gubernur"}, 20);
  add("C", kNoon + 86400, "Bappeda", "ditolak", {"gubernur", "wagub"}, 30);
  RequestQuery query;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"C", "B", "A"}), boost::test_tools::per_element());
  query.ascending = true;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"A", "B", "C"}), boost::test_tools::per_element());
  query.order = RequestQuery::Order::Activity;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"B", "C", "A"}), boost::test_tools::per_element());
  query.order = RequestQuery::Order::Institution;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"C", "B", "A"}), boost::test_tools::per_element());
  query.order = RequestQuery::Order::State;  // by the code: diverifikasi > ditolak > diajukan
  query.ascending = false;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"A", "C", "B"}), boost::test_tools::per_element());
  query.order = RequestQuery::Order::Leader;  // by the first leader asked
  query.ascending = true;
  BOOST_TEST(codesOf(query) == (std::vector<std::string>{"A", "B", "C"}), boost::test_tools::per_element());
}
