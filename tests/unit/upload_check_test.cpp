#define BOOST_TEST_MODULE upload_check
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "workflow/upload_check.h"

using namespace jadwal::workflow;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<FileType>)

namespace {

// A minimal but complete PDF 1.4: one empty page, a cross-reference table
// with the real offsets, and the trailer.
std::string minimalPdf() {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::string offsets;
  auto object = [&](int number, const std::string& body) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    offsets += entry;
    pdf += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
  };
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n" + offsets;
  pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

std::string bigEndian(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

std::string pngChunk(const std::string& type, const std::string& data) {
  return bigEndian(static_cast<std::uint32_t>(data.size())) + type + data + bigEndian(crc32(type + data));
}

// A 1x1 grey PNG: IHDR, an IDAT holding one stored (uncompressed) zlib block, IEND.
std::string onePixelPng() {
  const std::string ihdr = bigEndian(1) + bigEndian(1) + std::string("\x08\x00\x00\x00\x00", 5);
  const std::string scanline("\x00\x80", 2);  // filter none, grey 128
  std::string zlib("\x78\x01", 2);
  zlib += std::string("\x01\x02\x00\xFD\xFF", 5) + scanline;
  // Adler-32 of the scanline.
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : scanline) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  zlib += bigEndian((b << 16) | a);
  return std::string("\x89PNG\r\n\x1A\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib) + pngChunk("IEND", "");
}

// The markers of a JPEG around a token body: SOI, an APP0/JFIF segment, EOI.
std::string tinyJpeg() {
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  jpeg += std::string("\xFF\xD9", 2);
  return jpeg;
}

}  // namespace

BOOST_AUTO_TEST_CASE(real_files_are_recognised_by_content) {
  BOOST_TEST((sniffFileType(minimalPdf()) == FileType::Pdf));
  BOOST_TEST((sniffFileType(onePixelPng()) == FileType::Png));
  BOOST_TEST((sniffFileType(tinyJpeg()) == FileType::Jpeg));
}

BOOST_AUTO_TEST_CASE(media_types_and_extensions) {
  BOOST_TEST(mediaTypeOf(FileType::Pdf) == "application/pdf");
  BOOST_TEST(mediaTypeOf(FileType::Jpeg) == "image/jpeg");
  BOOST_TEST(mediaTypeOf(FileType::Png) == "image/png");
  BOOST_TEST(extensionOf(FileType::Pdf) == "pdf");
  BOOST_TEST(extensionOf(FileType::Jpeg) == "jpg");
  BOOST_TEST(extensionOf(FileType::Png) == "png");
}

BOOST_AUTO_TEST_CASE(empty_and_unknown_content_is_refused) {
  BOOST_TEST(!sniffFileType(""));
  BOOST_TEST(!sniffFileType("hello, this is a text file renamed to surat.pdf\n"));
  BOOST_TEST(!sniffFileType("PK\x03\x04 a zip or docx"));
  BOOST_TEST(!sniffFileType("<html><body>%PDF-1.4</body></html>"));
}

BOOST_AUTO_TEST_CASE(a_truncated_pdf_is_refused) {
  const std::string pdf = minimalPdf();
  BOOST_TEST(!sniffFileType(pdf.substr(0, pdf.size() / 2)));
  BOOST_TEST(!sniffFileType("%PDF-1.4\n"));
}

BOOST_AUTO_TEST_CASE(pdf_eof_must_be_near_the_end) {
  // %%EOF followed by more than 1024 bytes: something was appended or the
  // file is another format with a PDF header glued on.
  std::string pdf = minimalPdf() + std::string(2000, 'x');
  BOOST_TEST(!sniffFileType(pdf));
  // A little trailing whitespace after %%EOF is normal.
  BOOST_TEST((sniffFileType(minimalPdf() + "\r\n\r\n") == FileType::Pdf));
}

BOOST_AUTO_TEST_CASE(jpeg_needs_both_markers) {
  const std::string jpeg = tinyJpeg();
  BOOST_TEST(!sniffFileType(jpeg.substr(0, jpeg.size() - 2)));  // truncated: no EOI
  BOOST_TEST(!sniffFileType(std::string("\xFF\xD8\xFF", 3)));
  BOOST_TEST(!sniffFileType(std::string("\xFF\xD8", 2) + "\x00\x00\xFF\xD9"));  // no third FF
  // Trailing zero padding after EOI is tolerated, other trailing bytes are not.
  BOOST_TEST((sniffFileType(jpeg + std::string(16, '\0')) == FileType::Jpeg));
  BOOST_TEST(!sniffFileType(jpeg + "garbage"));
}

BOOST_AUTO_TEST_CASE(png_needs_signature_and_ihdr) {
  const std::string png = onePixelPng();
  BOOST_TEST(!sniffFileType(png.substr(0, 8)));  // signature alone
  std::string noIhdr = png;
  noIhdr.replace(12, 4, "IDAT");
  BOOST_TEST(!sniffFileType(noIhdr));
  std::string badSignature = png;
  badSignature[1] = 'X';
  BOOST_TEST(!sniffFileType(badSignature));
}

BOOST_AUTO_TEST_CASE(a_renamed_file_is_judged_by_its_bytes) {
  // A PNG uploaded as "surat.pdf" is a PNG, and gets a .png name.
  const auto type = sniffFileType(onePixelPng());
  BOOST_REQUIRE(type.has_value());
  BOOST_TEST(safeFileName("surat.pdf", *type) == "surat.png");
}

BOOST_AUTO_TEST_CASE(safe_names_keep_only_the_base_name) {
  BOOST_TEST(safeFileName("C:\\Users\\budi\\Documents\\Undangan Rapat.pdf", FileType::Pdf) == "Undangan Rapat.pdf");
  BOOST_TEST(safeFileName("/home/budi/undangan.pdf", FileType::Pdf) == "undangan.pdf");
  BOOST_TEST(safeFileName("../../etc/passwd", FileType::Pdf) == "passwd.pdf");
  BOOST_TEST(safeFileName("..\\..\\boot.ini", FileType::Pdf) == "boot.pdf");
}

BOOST_AUTO_TEST_CASE(safe_names_drop_controls_quotes_and_collapse_spaces) {
  BOOST_TEST(safeFileName("sur\"at\r\n unda'ngan\t\x01.pdf", FileType::Pdf) == "surat undangan.pdf");
  BOOST_TEST(safeFileName("a   b  <c>;d.pdf", FileType::Pdf) == "a b cd.pdf");
  BOOST_TEST(safeFileName("  .hidden.pdf", FileType::Pdf) == "hidden.pdf");
}

BOOST_AUTO_TEST_CASE(safe_names_keep_utf8_letters_and_drop_broken_bytes) {
  BOOST_TEST(safeFileName("Surat Camat Ujung\xC3\xA9.pdf", FileType::Pdf) == "Surat Camat Ujung\xC3\xA9.pdf");
  BOOST_TEST(safeFileName("\xE5\xA0\xB1\xE5\x91\x8A.pdf", FileType::Pdf) == "\xE5\xA0\xB1\xE5\x91\x8A.pdf");
  BOOST_TEST(safeFileName("bad\xC3.pdf", FileType::Pdf) == "bad.pdf");
  BOOST_TEST(safeFileName("bad\xFF\xFEname.pdf", FileType::Pdf) == "badname.pdf");
  // Overlong forms and UTF-16 surrogates look like sequences but are not text:
  // a stored name must be valid UTF-8 for every page and calendar that shows it.
  BOOST_TEST(safeFileName("over\xE0\x80\xAFlong.pdf", FileType::Pdf) == "overlong.pdf");
  BOOST_TEST(safeFileName("sur\xED\xA0\x80rogate.pdf", FileType::Pdf) == "surrogate.pdf");
  BOOST_TEST(safeFileName("far\xF4\x90\x80\x80"
                          "away.pdf",
                          FileType::Pdf) == "faraway.pdf");
}

BOOST_AUTO_TEST_CASE(safe_names_force_the_extension) {
  BOOST_TEST(safeFileName("foto.JPEG", FileType::Jpeg) == "foto.jpg");
  BOOST_TEST(safeFileName("scan", FileType::Png) == "scan.png");
  BOOST_TEST(safeFileName("surat.pdf.exe", FileType::Pdf) == "surat.pdf.pdf");
}

BOOST_AUTO_TEST_CASE(safe_names_fall_back_when_nothing_is_left) {
  BOOST_TEST(safeFileName("", FileType::Pdf) == "surat.pdf");
  BOOST_TEST(safeFileName("../", FileType::Pdf) == "surat.pdf");
  BOOST_TEST(safeFileName("\"\"\"", FileType::Pdf) == "surat.pdf");
  BOOST_TEST(safeFileName(".pdf", FileType::Pdf) == "surat.pdf");
}

BOOST_AUTO_TEST_CASE(safe_names_are_at_most_120_bytes_without_splitting_characters) {
  std::string longName;
  for (int i = 0; i < 100; ++i) longName += "\xC3\xA9";  // 200 bytes of "é"
  const std::string name = safeFileName(longName + ".pdf", FileType::Pdf);
  BOOST_TEST(name.size() <= 120u);
  BOOST_TEST(name.ends_with(".pdf"));
  // Every character whole: an even number of bytes before the extension.
  BOOST_TEST((name.size() - 4) % 2 == 0u);
  BOOST_TEST(safeFileName(std::string(300, 'a') + ".pdf", FileType::Pdf).size() == 120u);
}

BOOST_AUTO_TEST_CASE(safe_names_drop_the_controls_that_reorder_text) {
  // "invoice<RLO>gpj.pdf" shows as "invoicefdp.jpg": the override must go.
  BOOST_TEST(safeFileName("invoice\u202Egpj.pdf", FileType::Pdf) == "invoicegpj.pdf");
  for (const std::string control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                                    "\u2069", "\u200E", "\u200F", "\u061C"}) {
    BOOST_TEST(safeFileName("sur" + control + "at.pdf", FileType::Pdf) == "surat.pdf");
    BOOST_TEST(withoutBidiControls("a" + control + "b" + control) == "ab");
  }
  // Arabic and Hebrew letters themselves stay; only the invisible controls go.
  BOOST_TEST(withoutBidiControls("\u0633\u0644\u0627\u0645 \u05E9\u05DC\u05D5\u05DD") ==
             "\u0633\u0644\u0627\u0645 \u05E9\u05DC\u05D5\u05DD");
  BOOST_TEST(withoutBidiControls("\u2065\u2010\u200D") == "\u2065\u2010\u200D");  // neighbours kept
}
