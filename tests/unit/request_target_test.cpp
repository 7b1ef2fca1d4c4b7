#define BOOST_TEST_MODULE request_target
#include <boost/test/unit_test.hpp>

#include "server/request_target.h"

using namespace jadwal::server;

namespace {

std::string refusal(std::string_view target) {
  std::string error;
  auto parsed = parseRequestTarget(target, error);
  BOOST_TEST(!parsed.has_value(), "accepted: " << target);
  return error;
}

std::string pathOf(std::string_view target) {
  std::string error;
  auto parsed = parseRequestTarget(target, error);
  BOOST_REQUIRE_MESSAGE(parsed.has_value(), std::string(target) + ": " + error);
  return parsed->path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(origin_form_is_decoded_once) {
  BOOST_TEST(pathOf("/dav/calendars/bupati/agenda/") == "/dav/calendars/bupati/agenda/");
  BOOST_TEST(pathOf("/dav/calendars/bupati/agenda/rapat%20pagi.ics") == "/dav/calendars/bupati/agenda/rapat pagi.ics");
  BOOST_TEST(pathOf("/a%2541") == "/a%41");  // decoded once: %25 is a percent sign
  BOOST_TEST(pathOf("/kal%C3%A9nder/") == "/kal\xC3\xA9nder/");
  std::string error;
  auto parsed = parseRequestTarget("/permohonan?lang=en&x=1", error);
  BOOST_REQUIRE(parsed);
  BOOST_TEST(parsed->path == "/permohonan");
  BOOST_TEST(parsed->query == "lang=en&x=1");
}

BOOST_AUTO_TEST_CASE(absolute_form_and_asterisk) {
  BOOST_TEST(pathOf("http://agenda.example.go.id/dav/") == "/dav/");
  BOOST_TEST(pathOf("https://agenda.example.go.id") == "/");
  BOOST_TEST(pathOf("*") == "*");
  refusal("dav/");
  refusal("");
  refusal("://x/");
}

BOOST_AUTO_TEST_CASE(ambiguous_paths_are_refused) {
  BOOST_TEST(refusal("/dav/calendars/bupati%2Fagenda/").find("slash") != std::string::npos);
  BOOST_TEST(refusal("/dav/calendars/bupati%2fagenda/").find("slash") != std::string::npos);
  BOOST_TEST(refusal("/dav/calendars/../admin/").find("dot") != std::string::npos);
  BOOST_TEST(refusal("/dav/calendars/%2e%2e/admin/").find("dot") != std::string::npos);
  BOOST_TEST(refusal("/dav/./x").find("dot") != std::string::npos);
  BOOST_TEST(refusal("/lampiran/1/a%00.pdf").find("control") != std::string::npos);
  BOOST_TEST(refusal("/a%0d%0aSet-Cookie:%20x").find("control") != std::string::npos);
  BOOST_TEST(refusal("/a%ff").find("UTF-8") != std::string::npos);
  BOOST_TEST(refusal("/a%c0%af").find("UTF-8") != std::string::npos);  // overlong '/'
  BOOST_TEST(refusal("/a%").find("escape") != std::string::npos);
  BOOST_TEST(refusal("/a%4").find("escape") != std::string::npos);
  BOOST_TEST(refusal("/a%zz").find("escape") != std::string::npos);
  BOOST_TEST(refusal("/a#b").find("fragment") != std::string::npos);
  // Names that merely contain dots are fine.
  BOOST_TEST(pathOf("/dav/calendars/a.b/..x/...") == "/dav/calendars/a.b/..x/...");
}

BOOST_AUTO_TEST_CASE(query_parameters) {
  auto query = parseQuery("lang=en&q=rapat+koordinasi&q=%C3%A9&empty=&flag");
  BOOST_REQUIRE(query);
  BOOST_TEST(query->count("q") == 2u);
  BOOST_TEST(query->find("lang")->second == "en");
  BOOST_TEST(query->find("q")->second == "rapat koordinasi");
  BOOST_TEST(query->find("empty")->second == "");
  BOOST_TEST(query->count("flag") == 1u);
  BOOST_TEST(!parseQuery("q=%zz"));
  BOOST_TEST(!parseQuery("q=%ff"));
  BOOST_TEST(parseQuery("")->empty());
}

BOOST_AUTO_TEST_CASE(utf8_validation) {
  BOOST_TEST(isValidUtf8("Ogan Ilir"));
  BOOST_TEST(isValidUtf8("\xE2\x80\x94"));       // em dash
  BOOST_TEST(isValidUtf8("\xF0\x9F\x93\x85"));   // calendar emoji
  BOOST_TEST(!isValidUtf8("\xE2\x80"));          // truncated
  BOOST_TEST(!isValidUtf8("\xED\xA0\x80"));      // surrogate
  BOOST_TEST(!isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  BOOST_TEST(!isValidUtf8("\xE0\x80\xAF"));      // overlong
  BOOST_TEST(!isValidUtf8("\x80"));
}
