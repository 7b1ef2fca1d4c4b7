// The public answers kept by version: found again, the least recently used
// dropped first past either bound, and nothing larger than the whole cache.
#define BOOST_TEST_MODULE answer_cache
#include <boost/test/unit_test.hpp>

#include "web/answer_cache.h"

using jadwal::web::AnswerCache;
using jadwal::web::WebResponse;

namespace {

WebResponse answer(const std::string& body) {
  WebResponse response;
  response.body = body;
  response.contentType = "";
  response.setHeader("ETag", "\"x\"");
  return response;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_kept_answer_is_found_with_its_headers) {
  AnswerCache cache(4, 1 << 20);
  BOOST_TEST(!cache.find("a").has_value());
  cache.keep("a", answer("agenda A"));
  const auto found = cache.find("a");
  BOOST_REQUIRE(found);
  BOOST_TEST(found->body == "agenda A");
  BOOST_TEST(found->headers.size() == 1u);
  cache.keep("a", answer("agenda A2"));  // the same key again replaces it
  BOOST_TEST(cache.find("a")->body == "agenda A2");
}

BOOST_AUTO_TEST_CASE(past_the_entry_bound_the_least_recently_used_goes) {
  AnswerCache cache(2, 1 << 20);
  cache.keep("a", answer("A"));
  cache.keep("b", answer("B"));
  BOOST_TEST(cache.find("a").has_value());  // a is now the most recently used
  cache.keep("c", answer("C"));
  BOOST_TEST(cache.find("a").has_value());
  BOOST_TEST(!cache.find("b").has_value());
  BOOST_TEST(cache.find("c").has_value());
}

BOOST_AUTO_TEST_CASE(past_the_byte_bound_old_answers_go_and_a_huge_one_is_not_kept) {
  AnswerCache cache(100, 300);
  cache.keep("a", answer(std::string(120, 'a')));
  cache.keep("b", answer(std::string(120, 'b')));
  cache.keep("c", answer(std::string(120, 'c')));  // 3 x ~130 bytes pass 300: a goes
  BOOST_TEST(!cache.find("a").has_value());
  BOOST_TEST(cache.find("b").has_value());
  BOOST_TEST(cache.find("c").has_value());
  cache.keep("huge", answer(std::string(400, 'h')));
  BOOST_TEST(!cache.find("huge").has_value());
  BOOST_TEST(cache.find("b").has_value(), "a refused answer drops nothing");
  AnswerCache off(100, 0);
  off.keep("a", answer("A"));
  BOOST_TEST(!off.find("a").has_value());
}
