// The words of a PDF letter (workflow::letterText): read from a letter with
// text, none from a scan or a broken file, and never more than the bounds.
#define BOOST_TEST_MODULE letter_text
#include <boost/test/unit_test.hpp>

#include "pdf_samples.h"
#include "workflow/letter_text.h"

using namespace jadwal::workflow;
using jadwal::testing::scannedPdf;
using jadwal::testing::textPdf;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool isWholeUtf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_letter_with_text_gives_its_words) {
  const std::string text = letterText(textPdf({"Undangan Peresmian Pasar Désa Tanjung Raja"}), {});
  BOOST_TEST(contains(text, "Undangan Peresmian Pasar Désa Tanjung Raja"), text);
}

BOOST_AUTO_TEST_CASE(pages_are_read_in_order_with_blank_runs_made_one) {
  const std::string text = letterText(textPdf({"Halaman   satu", "Halaman dua"}), {});
  BOOST_TEST(text == "Halaman satu\nHalaman dua");
}

BOOST_AUTO_TEST_CASE(a_scan_has_no_words) {
  const std::string pdf = scannedPdf("Undangan Peresmian Pasar");
  BOOST_TEST_REQUIRE(pdf.compare(0, 5, "%PDF-") == 0);
  BOOST_TEST(letterText(pdf, {}).empty());
}

BOOST_AUTO_TEST_CASE(a_broken_file_has_no_words_and_throws_nothing) {
  const std::string pdf = textPdf({"Undangan Peresmian Pasar"});
  for (const std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{100}, pdf.size() / 3}) {
    BOOST_CHECK_NO_THROW(letterText(pdf.substr(0, keep), {}));
    if (keep <= 100) BOOST_TEST(letterText(pdf.substr(0, keep), {}).empty(), keep);
  }
  // What survives of a file cut short, if anything, is still its own words.
  BOOST_CHECK_NO_THROW(letterText(pdf.substr(0, pdf.size() - 40), {}));
  for (const std::string& garbage :
       {std::string("not a pdf at all"), std::string("%PDF-1.7\n") + std::string(5000, '\xff'),
        std::string("%PDF-1.4\n1 0 obj << /Type /Pages /Count 99999999 /Kids [1 0 R] >> endobj\n"
                    "trailer << /Root 1 0 R >>\n%%EOF\n"),
        std::string("%PDF-1.4\n1 0 obj << /Length 999999 >> stream\n\x01\x02 endstream endobj\n%%EOF")}) {
    BOOST_CHECK_NO_THROW(letterText(garbage, {}));
    BOOST_TEST(letterText(garbage, {}).empty());
  }
}

BOOST_AUTO_TEST_CASE(only_the_first_pages_are_read) {
  const std::string pdf = textPdf({"halamansatu", "halamandua", "halamantiga", "halamanempat"});
  LetterTextLimits limits;
  limits.maxPages = 2;
  const std::string text = letterText(pdf, limits);
  BOOST_TEST(contains(text, "halamansatu"));
  BOOST_TEST(contains(text, "halamandua"));
  BOOST_TEST(!contains(text, "halamantiga"));
  limits.maxPages = 0;
  BOOST_TEST(letterText(pdf, limits).empty());
}

BOOST_AUTO_TEST_CASE(the_text_is_cut_at_its_bound_between_characters) {
  std::string page;
  for (int i = 0; i < 400; ++i) page += "désa ";  // two bytes in each word's é
  const std::string pdf = textPdf({page, page});
  LetterTextLimits limits;
  limits.maxBytes = 1001;
  for (int shift = 0; shift < 6; ++shift, ++limits.maxBytes) {
    const std::string text = letterText(pdf, limits);
    BOOST_TEST(text.size() <= limits.maxBytes);
    BOOST_TEST(text.size() + 6 > limits.maxBytes);
    BOOST_TEST(isWholeUtf8(text));
  }
  limits.maxBytes = 1 << 20;
  BOOST_TEST(letterText(pdf, limits).size() > 3000u);
}
