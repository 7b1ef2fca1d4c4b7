// The printed agenda, read back the way a person would: poppler's pdftotext
// finds the words (the text is real, selectable text) and pdftoppm draws
// page 1, which must not be blank. poppler-utils comes with
// scripts/install-deps.sh --tests.
#define BOOST_TEST_MODULE agenda_pdf
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <unistd.h>

#include "web/agenda_pdf.h"
#include "workflow/wib_format.h"

namespace {

namespace fs = std::filesystem;
using jadwal::web::PdfHeading;
using jadwal::web::renderAgendaPdf;
using jadwal::workflow::Agenda;
using jadwal::workflow::AgendaEntry;
using jadwal::workflow::LeaderAgenda;

const std::string kZone = "Asia/Jakarta";

jadwal::sql::Instant at(const char* date, const char* time) {
  const auto instant = jadwal::workflow::fromLocal(date, time, kZone);
  BOOST_REQUIRE(instant);
  return *instant;
}

AgendaEntry entry(const std::string& leader, const char* start, const char* end, const std::string& activity,
                  const std::string& place) {
  AgendaEntry e;
  e.leader = leader;
  e.start = at("2023-11-22", start);
  e.end = at("2023-11-22", end);
  e.activity = activity;
  e.place = place;
  return e;
}

// Three leaders on Wednesday 22 November 2023: the Bupati with a full day
// (so the agenda takes two pages), a Wakil Bupati with nothing, a Sekda with
// a tentative hold and an internal meeting.
Agenda fixedAgenda() {
  Agenda agenda;
  agenda.query.from = at("2023-11-22", "00:00");
  agenda.query.to = at("2023-11-23", "00:00");

  LeaderAgenda bupati{"bupati", "BUPATI", {}};
  AgendaEntry apel = entry("bupati", "07:30", "07:30", "Apel Gabungan ASN", "Halaman Kantor Bupati");
  apel.openEnd = true;
  apel.dressCode = "PDH";
  apel.role = "Sambutan";
  apel.contact = "Budi, 0812 3456 7890";
  bupati.entries.push_back(apel);
  for (int i = 0; i < 16; ++i) {
    const std::string hour = (i / 2 + 8 < 10 ? "0" : "") + std::to_string(i / 2 + 8);
    const std::string minute = i % 2 ? ":30" : ":00";
    AgendaEntry meeting = entry(
        "bupati", (hour + minute).c_str(), (hour + minute).c_str(), "Rapat Koordinasi ke-" + std::to_string(i + 1),
        "Gedung Serbaguna Pemerintah Kabupaten Ogan Ilir, Jalan Lintas Timur Kilometer 35, Indralaya");
    meeting.representedBy = i == 3 ? "Sekretaris Daerah" : "";
    bupati.entries.push_back(meeting);
  }
  agenda.leaders.push_back(bupati);

  agenda.leaders.push_back(LeaderAgenda{"wabup", "WAKIL BUPATI", {}});

  LeaderAgenda sekda{"sekda", "SEKRETARIS DAERAH", {}};
  AgendaEntry hold = entry("sekda", "09:00", "10:00", "Kunjungan Kerja Kecamatan", "Kecamatan Tanjung Raja");
  hold.tentative = true;
  sekda.entries.push_back(hold);
  AgendaEntry internal = entry("sekda", "13:00", "14:00", "RAHASIA-JUDUL", "RAHASIA-TEMPAT");
  internal.confidential = true;
  internal.contact = "RAHASIA-KONTAK";
  sekda.entries.push_back(internal);
  agenda.leaders.push_back(sekda);
  agenda.incomplete = true;
  return agenda;
}

PdfHeading heading() { return PdfHeading{"KABUPATEN OGAN ILIR", "Bagian Protokol dan Komunikasi Pimpinan", "", kZone}; }

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("jadwal-agenda-pdf-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(const std::string& command) { BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command); }

// pdftotext of the whole document, with the page's layout kept: a row of the
// table stays on one line.
std::string layoutTextOf(const std::string& pdf, const TempDir& dir) {
  std::ofstream(dir.path / "agenda.pdf", std::ios::binary) << pdf;
  run("pdftotext -layout " + (dir.path / "agenda.pdf").string() + " " + (dir.path / "agenda.txt").string());
  return readFile(dir.path / "agenda.txt");
}

// pdftotext in the order the text was drawn, cell by cell, with every run
// of white space one space: a cell's text that wrapped reads as one line.
std::string textOf(const std::string& pdf, const TempDir& dir) {
  std::ofstream(dir.path / "agenda.pdf", std::ios::binary) << pdf;
  run("pdftotext -raw " + (dir.path / "agenda.pdf").string() + " " + (dir.path / "raw.txt").string());
  std::string text;
  for (const char c : readFile(dir.path / "raw.txt")) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t';
    if (!space) {
      text += c;
    } else if (!text.empty() && text.back() != ' ') {
      text += ' ';
    }
  }
  return text;
}

// Pixels of page 1 at 50 dpi that are not near white, read from pdftoppm's PPM (P6).
std::size_t inkedPixelsOfPageOne(const std::string& pdf, const TempDir& dir) {
  std::ofstream(dir.path / "agenda.pdf", std::ios::binary) << pdf;
  run("pdftoppm -r 50 -f 1 -l 1 -singlefile " + (dir.path / "agenda.pdf").string() + " " +
      (dir.path / "page").string());
  const std::string image = readFile(dir.path / "page.ppm");
  std::istringstream header(image);
  std::string magic;
  int width = 0, height = 0, maxValue = 0;
  header >> magic >> width >> height >> maxValue;
  BOOST_REQUIRE_EQUAL(magic, "P6");
  BOOST_REQUIRE_EQUAL(maxValue, 255);
  // 50 dpi A4: about 413 x 585.
  BOOST_TEST(width > 400);
  BOOST_TEST(height > 570);
  const std::size_t start = static_cast<std::size_t>(header.tellg()) + 1;  // one white space after the header
  BOOST_REQUIRE_EQUAL(image.size(), start + static_cast<std::size_t>(width) * height * 3);
  std::size_t inked = 0;
  for (std::size_t i = start; i + 2 < image.size(); i += 3) {
    const auto r = static_cast<unsigned char>(image[i]), g = static_cast<unsigned char>(image[i + 1]),
               b = static_cast<unsigned char>(image[i + 2]);
    if (r < 200 || g < 200 || b < 200) ++inked;
  }
  return inked;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

BOOST_AUTO_TEST_CASE(two_pages_with_heading_rows_and_page_numbers) {
  TempDir dir;
  const std::string pdf = renderAgendaPdf(fixedAgenda(), heading());
  BOOST_TEST(pdf.starts_with("%PDF-"));
  const std::string text = textOf(pdf, dir);
  BOOST_TEST_MESSAGE(text);

  BOOST_TEST(text.find("AGENDA PIMPINAN KABUPATEN OGAN ILIR") != std::string::npos);
  BOOST_TEST(text.find("Bagian Protokol dan Komunikasi Pimpinan") != std::string::npos);
  BOOST_TEST(text.find("Rabu, 22 November 2023") != std::string::npos);
  // An activity and its place share their row.
  bool apelRow = false;
  std::istringstream lines(layoutTextOf(pdf, dir));
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Apel Gabungan ASN") != std::string::npos && line.find("Halaman Kantor Bupati") != std::string::npos)
      apelRow = true;
  }
  BOOST_TEST(apelRow);
  BOOST_TEST(text.find("07.30 WIB s.d. selesai") != std::string::npos);
  BOOST_TEST(text.find("Pakaian: PDH") != std::string::npos);
  BOOST_TEST(text.find("Ket.: Sambutan") != std::string::npos);
  BOOST_TEST(text.find("Narahubung: Budi, 0812 3456 7890") != std::string::npos);
  BOOST_TEST(text.find("Diwakili oleh: Sekretaris Daerah") != std::string::npos);
  // The long place name wraps inside its column: its last word is there.
  BOOST_TEST(count(text, "Indralaya") == 16u);
  BOOST_TEST(text.find("Rapat Koordinasi ke-16") != std::string::npos);

  BOOST_TEST(text.find("WAKIL BUPATI") != std::string::npos);
  BOOST_TEST(text.find("Tidak ada agenda") != std::string::npos);
  BOOST_TEST(text.find("(belum pasti)") != std::string::npos);
  BOOST_TEST(text.find("Acara internal") != std::string::npos);
  BOOST_TEST(text.find("13.00") != std::string::npos);
  BOOST_TEST(text.find("RAHASIA") == std::string::npos);
  BOOST_TEST(text.find("Catatan: sebagian acara berulang") != std::string::npos);

  BOOST_TEST(text.find("Halaman 1 dari 2") != std::string::npos);
  BOOST_TEST(text.find("Halaman 2 dari 2") != std::string::npos);
  BOOST_TEST(text.find("dari 3") == std::string::npos);
  // The second page says which day and leader it continues.
  BOOST_TEST(text.find("(lanjutan)") != std::string::npos);

  BOOST_TEST(inkedPixelsOfPageOne(pdf, dir) > 2000u);
}

BOOST_AUTO_TEST_CASE(one_page_for_a_quiet_day_with_the_signature) {
  TempDir dir;
  Agenda agenda;
  agenda.query.from = at("2023-11-24", "00:00");
  agenda.query.to = at("2023-11-25", "00:00");
  agenda.leaders.push_back(LeaderAgenda{"bupati", "BUPATI", {}});
  PdfHeading withSignature = heading();
  withSignature.signature = "Bagian Protokol dan Komunikasi Pimpinan Setda";
  const std::string text = textOf(renderAgendaPdf(agenda, withSignature), dir);
  BOOST_TEST(text.find("Jumat, 24 November 2023") != std::string::npos);
  BOOST_TEST(text.find("BUPATI") != std::string::npos);
  BOOST_TEST(text.find("Tidak ada agenda") != std::string::npos);
  BOOST_TEST(text.find("Bagian Protokol dan Komunikasi Pimpinan Setda") != std::string::npos);
  BOOST_TEST(text.find("Halaman 1 dari 1") != std::string::npos);
  BOOST_TEST(text.find("Catatan") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_week_prints_every_day_in_order) {
  TempDir dir;
  Agenda agenda;
  agenda.query.from = at("2023-11-20", "00:00");
  agenda.query.to = at("2023-11-27", "00:00");
  LeaderAgenda bupati{"bupati", "BUPATI", {}};
  AgendaEntry friday = entry("bupati", "08:00", "09:00", "Salat Jumat Berjamaah", "Masjid Agung");
  friday.start = at("2023-11-24", "11:30");
  friday.end = at("2023-11-24", "13:00");
  bupati.entries.push_back(friday);
  agenda.leaders.push_back(bupati);
  const std::string text = textOf(renderAgendaPdf(agenda, heading()), dir);
  const char* days[] = {"Senin, 20 November 2023", "Selasa, 21 November 2023", "Rabu, 22 November 2023",
                        "Kamis, 23 November 2023", "Jumat, 24 November 2023",  "Sabtu, 25 November 2023",
                        "Minggu, 26 November 2023"};
  std::size_t previous = 0;
  for (const char* day : days) {
    const std::size_t where = text.find(day);
    BOOST_TEST_REQUIRE(where != std::string::npos, day);
    BOOST_TEST(where >= previous, day);
    previous = where;
  }
  BOOST_TEST(count(text, "Salat Jumat Berjamaah") == 1u);
  BOOST_TEST(count(text, "Tidak ada agenda") == 6u);
}

}  // namespace
