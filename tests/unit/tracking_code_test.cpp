#define BOOST_TEST_MODULE tracking_code
#include <boost/test/unit_test.hpp>

#include <set>

#include "workflow/tracking_code.h"

using namespace jadwal::workflow;

namespace {

bool hasCodeShape(const std::string& code) {
  if (code.size() != 13 || !code.starts_with("JDW-") || code[8] != '-') return false;
  for (std::size_t i : {4, 5, 6, 7, 9, 10, 11, 12}) {
    const char c = code[i];
    const bool allowed = (c >= '2' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O');
    if (!allowed) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(new_codes_have_the_documented_shape) {
  for (int i = 0; i < 200; ++i) {
    const std::string code = newTrackingCode();
    BOOST_TEST(hasCodeShape(code), code);
  }
}

BOOST_AUTO_TEST_CASE(ten_thousand_codes_are_all_different) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(newTrackingCode());
  BOOST_TEST(seen.size() == 10000u);
}

BOOST_AUTO_TEST_CASE(codes_use_the_whole_alphabet) {
  // A generator stuck on a few symbols would still pass the shape test.
  std::set<char> symbols;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = newTrackingCode();
    for (std::size_t k : {4, 5, 6, 7, 9, 10, 11, 12}) symbols.insert(code[k]);
  }
  BOOST_TEST(symbols.size() == 31u);
}

BOOST_AUTO_TEST_CASE(a_new_code_normalises_to_itself) {
  for (int i = 0; i < 100; ++i) {
    const std::string code = newTrackingCode();
    BOOST_TEST(normaliseTrackingCode(code) == code);
  }
}

BOOST_AUTO_TEST_CASE(typed_variants_are_normalised) {
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9XF") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("jdw-7k3m-q9xf") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("JDW7K3MQ9XF") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("  jdw 7k3m q9xf ") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("7K3M-Q9XF") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("7k3mq9xf") == "JDW-7K3M-Q9XF");
  BOOST_TEST(normaliseTrackingCode("JDW.7K3M.Q9XF") == "JDW-7K3M-Q9XF");
  // A body that itself begins with the prefix letters.
  BOOST_TEST(normaliseTrackingCode("JDWA-2345") == "JDW-JDWA-2345");
}

BOOST_AUTO_TEST_CASE(what_cannot_be_a_code_is_refused) {
  BOOST_TEST(normaliseTrackingCode("") == "");
  BOOST_TEST(normaliseTrackingCode("JDW-") == "");
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9X") == "");    // too short
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9XFF") == "");  // too long
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9X0") == "");   // 0 is never issued
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9XO") == "");   // nor O
  BOOST_TEST(normaliseTrackingCode("JDW-1K3M-Q9XF") == "");   // nor 1
  BOOST_TEST(normaliseTrackingCode("ABC-7K3M-Q9XF") == "");   // another prefix
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9X%") == "");
  BOOST_TEST(normaliseTrackingCode("JDW-7K3M-Q9\xC3\x89") == "");  // non-ASCII
  BOOST_TEST(normaliseTrackingCode("../../etc/passwd") == "");
}
