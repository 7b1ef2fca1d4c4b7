// The archive form's rules (web/archive_form.h): the snippet escaped before
// its marks become <mark>, local days turned into instants, and each bad
// field named once.
#define BOOST_TEST_MODULE archive_form
#include <boost/test/unit_test.hpp>

#include "web/archive_form.h"
#include "workflow/wib_format.h"

using namespace jadwal;
using namespace jadwal::web;

namespace {

const std::string kZone = "Asia/Jakarta";
const std::vector<std::string> kLeaders = {"bupati", "wabup"};

WebRequest requestOf(std::initializer_list<std::pair<const char*, std::string>> query) {
  WebRequest request;
  request.path = "/staf/arsip";
  for (const auto& [name, value] : query) request.query.emplace(name, value);
  return request;
}

std::vector<std::string> refusedFields(const archive::Form& form, sql::ArchiveQuery& query) {
  std::vector<std::string> fields;
  for (const auto& error : archive::toQuery(form, kLeaders, kZone, query)) fields.push_back(error.field);
  return fields;
}

}  // namespace

BOOST_AUTO_TEST_CASE(snippet_is_escaped_then_marked) {
  const std::string snippet =
      std::string("a <script>") + sql::kHighlightStart + "Lomba" + sql::kHighlightEnd + " & \"x\"";
  BOOST_TEST(archive::snippetHtml(snippet) == "a &lt;script&gt;<mark>Lomba</mark> &amp; &quot;x&quot;");
}

BOOST_AUTO_TEST_CASE(snippet_marks_are_always_balanced) {
  const char start = sql::kHighlightStart, end = sql::kHighlightEnd;
  BOOST_TEST(archive::snippetHtml(std::string("x") + start + "open") == "x<mark>open</mark>");
  BOOST_TEST(archive::snippetHtml(std::string("x") + end + "y") == "xy");
  BOOST_TEST(archive::snippetHtml(std::string() + start + start + "a" + end + end) == "<mark>a</mark>");
  BOOST_TEST(archive::snippetHtml("") == "");
}

BOOST_AUTO_TEST_CASE(days_are_whole_local_days) {
  const archive::Form form(requestOf({{"dari", "2025-03-17"}, {"sampai", "2025-03-18"}, {"tanggal", "pengajuan"}}));
  sql::ArchiveQuery query;
  BOOST_TEST(refusedFields(form, query).empty());
  BOOST_TEST(*query.from == *workflow::fromLocal("2025-03-17", "00:00", kZone));
  BOOST_TEST(*query.to == *workflow::fromLocal("2025-03-19", "00:00", kZone));
  BOOST_TEST((query.dateField == sql::ArchiveQuery::DateField::Submitted));
}

BOOST_AUTO_TEST_CASE(empty_form_has_no_condition) {
  const archive::Form form(requestOf({}));
  sql::ArchiveQuery query;
  BOOST_TEST(refusedFields(form, query).empty());
  BOOST_TEST(query.text.empty());
  BOOST_TEST(!query.from);
  BOOST_TEST(!query.to);
  BOOST_TEST(query.states.empty());
  BOOST_TEST((query.dateField == sql::ArchiveQuery::DateField::Activity));
  BOOST_TEST(query.limit == archive::kPageSize);
  BOOST_TEST(query.offset == 0);
}

BOOST_AUTO_TEST_CASE(bad_fields_are_named) {
  const archive::Form form(requestOf({{"q", std::string(archive::kMaxTextLength + 1, 'a')},
                                      {"nomor", std::string(archive::kMaxLetterNumberLength + 1, 'b')},
                                      {"instansi", std::string(archive::kMaxInstitutionLength + 1, 'c')},
                                      {"pimpinan", "sekda"},
                                      {"status", "hilang"},
                                      {"jenis", "surat"},
                                      {"dari", "2025-02-30"},
                                      {"sampai", "17-03-2025"},
                                      {"tanggal", "kemarin"}}));
  sql::ArchiveQuery query;
  const std::vector<std::string> expected = {"q",     "nomor", "instansi", "pimpinan", "status",
                                             "jenis", "dari",  "sampai",   "tanggal"};
  BOOST_TEST(refusedFields(form, query) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reversed_range_and_bounds_in_characters) {
  const archive::Form reversed(requestOf({{"dari", "2025-03-18"}, {"sampai", "2025-03-17"}}));
  sql::ArchiveQuery query;
  BOOST_TEST(refusedFields(reversed, query) == std::vector<std::string>{"sampai"}, boost::test_tools::per_element());

  std::string accents;
  for (std::size_t i = 0; i < archive::kMaxTextLength; ++i) accents += "\xC3\xA9";  // é, two bytes each
  const archive::Form accented(requestOf({{"q", accents}}));
  sql::ArchiveQuery accentedQuery;
  BOOST_TEST(refusedFields(accented, accentedQuery).empty());
  BOOST_TEST(accentedQuery.text == accents);
}

BOOST_AUTO_TEST_CASE(page_numbers_are_bounded) {
  sql::ArchiveQuery query;
  BOOST_TEST(archive::Form(requestOf({{"hal", "3"}})).page == 3);
  BOOST_TEST(archive::Form(requestOf({{"hal", "x"}})).page == 1);
  BOOST_TEST(archive::Form(requestOf({{"hal", "-2"}})).page == 1);
  BOOST_TEST(archive::Form(requestOf({{"hal", "999999999"}})).page == archive::kMaxPage);
  const archive::Form form(requestOf({{"hal", "3"}, {"q", "rapat dinas"}}));
  refusedFields(form, query);
  BOOST_TEST(query.offset == 2 * archive::kPageSize);
  BOOST_TEST(form.link(4) == "/staf/arsip?q=rapat%20dinas&hal=4");
  BOOST_TEST(form.link(1) == "/staf/arsip?q=rapat%20dinas");
}
