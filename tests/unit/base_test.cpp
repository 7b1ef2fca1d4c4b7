#define BOOST_TEST_MODULE base
#include <boost/test/unit_test.hpp>

#include "base/clock.h"
#include "base/percent.h"
#include "base/text.h"
#include "workflow/representative.h"

using namespace jadwal;

BOOST_AUTO_TEST_CASE(trimmed_drops_ascii_white_space_only) {
  BOOST_TEST(base::trimmed("  \t Rapat\r\n") == "Rapat");
  BOOST_TEST(base::trimmed(" \v\f ").empty());
  BOOST_TEST(base::trimmed("").empty());
  // A non-breaking space (UTF-8 C2 A0) is text, not white space to drop.
  BOOST_TEST(base::trimmed("\xC2\xA0Pasar ") == "\xC2\xA0Pasar");
  BOOST_TEST(base::trimmedCopy(" a b ") == "a b");
}

BOOST_AUTO_TEST_CASE(percent_encoding_keeps_only_unreserved_characters) {
  BOOST_TEST(base::percentEncoded("Az09-._~") == "Az09-._~");
  BOOST_TEST(base::percentEncoded("a b/c?d#e%f+") == "a%20b%2Fc%3Fd%23e%25f%2B");
  BOOST_TEST(base::percentEncoded("a/b c", "/") == "a/b%20c");
  BOOST_TEST(base::percentEncoded("Surat Undangan.pdf") == "Surat%20Undangan.pdf");
  BOOST_TEST(base::percentEncoded("\xC3\xA9") == "%C3%A9");  // UTF-8 bytes, upper-case hex
}

BOOST_AUTO_TEST_CASE(percent_decoding_refuses_broken_escapes) {
  BOOST_TEST(base::percentDecoded("a%20b%2f").value() == "a b/");
  BOOST_TEST(base::percentDecoded("a+b").value() == "a+b");
  BOOST_TEST(base::percentDecoded("a+b", true).value() == "a b");
  for (const char* broken : {"%", "%2", "%zz", "a%g0"}) BOOST_TEST(!base::percentDecoded(broken).has_value(), broken);
  const std::string all = "\x01 /?#%+~\xFF";
  BOOST_TEST(base::percentDecoded(base::percentEncoded(all)).value() == all);
}

BOOST_AUTO_TEST_CASE(a_manual_clock_moves_only_when_told) {
  base::ManualClock clock(1700000000);
  BOOST_TEST(clock.now() == 1700000000);
  clock.advance(90);
  BOOST_TEST(clock.now() == 1700000090);
  clock.set(5);
  BOOST_TEST(clock.now() == 5);
  // The system clock is past 2023-11-14, whenever these tests run.
  BOOST_TEST(base::systemClock().now() > 1700000000);
}

BOOST_AUTO_TEST_CASE(a_representative_is_named_one_way_everywhere) {
  sql::RequestRow row;
  BOOST_TEST(!workflow::isRepresented(row));
  BOOST_TEST(workflow::representativeText(row).empty());

  row.representativeName = "Drs. Ahmad";
  row.representativePosition = "Asisten I";
  BOOST_TEST(workflow::representativeText(row) == "Drs. Ahmad, Asisten I");

  // A user who stands in: the name kept at the decision comes first; without
  // one, the user's display name, then the login name.
  row = {};
  row.representativeUser = "wabup";
  const workflow::DisplayNameOf shown = [](const std::string& user) {
    return user == "wabup" ? std::string("Wakil Bupati") : std::string();
  };
  BOOST_TEST(workflow::representativeText(row, shown) == "Wakil Bupati");
  BOOST_TEST(workflow::representativeText(row) == "wabup");
  row.representativeName = "H. Wakil";
  BOOST_TEST(workflow::representativeText(row, shown) == "H. Wakil");
  row.representativeName.clear();
  row.representativePosition = "Wakil Bupati Ogan";
  BOOST_TEST(workflow::representativeText(row, shown) == "Wakil Bupati, Wakil Bupati Ogan");
}
