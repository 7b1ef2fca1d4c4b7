// The recap workbook as a zip an Excel reader opens: its parts, its sheet
// names (accents kept, a long name cut to Excel's 31 characters), dates as
// numbers with a date style, the frozen header and its autofilter, the
// bound on rows, and no temporary file left behind. The HTTP test reads a
// served workbook back with openpyxl; this one needs no Python.
#define BOOST_TEST_MODULE recap_workbook
#include <boost/test/unit_test.hpp>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <stdlib.h>

#include <filesystem>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "web/recap_workbook.h"
#include "web/xlsx_workbook.h"
#include "workflow/wib_format.h"

namespace {

namespace fs = std::filesystem;
using jadwal::sql::Instant;
using jadwal::web::agendaSheetName;
using jadwal::web::recapWorkbook;
using namespace jadwal::workflow;

const std::string kZone = "Asia/Jakarta";
// 40 characters: the sheet name "Agenda " + this is cut to 31.
const std::string kLongName = "Kepala Dinas Pekerjaan Umum dan Penataan";

Instant at(const char* date, const char* time) {
  const auto instant = fromLocal(date, time, kZone);
  BOOST_REQUIRE(instant);
  return *instant;
}

// A temporary directory of its own, made TMPDIR for the test's span: the
// workbook's private file must not outlive the call.
struct PrivateTmp {
  fs::path dir;
  std::string before;
  PrivateTmp() {
    dir = fs::temp_directory_path() / ("recap-workbook-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    if (const char* old = ::getenv("TMPDIR")) before = old;
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~PrivateTmp() {
    if (before.empty()) {
      ::unsetenv("TMPDIR");
    } else {
      ::setenv("TMPDIR", before.c_str(), 1);
    }
    fs::remove_all(dir);
  }
  bool empty() const { return fs::is_empty(dir); }
};

Recap sampleRecap() {
  Recap recap;
  recap.period = {2026, 11};
  recap.from = at("2026-11-01", "00:00");
  recap.to = at("2026-12-01", "00:00");
  recap.total.received = 2;
  recap.total.approved = 1;
  recap.total.pending = 1;
  recap.decisionTimes = {1, 26.5, 26.5};
  recap.byInstitution["Dinas Pendidikan"].received = 1;
  recap.byInstitution["Kecamatan Tanjung Batu"].received = 1;
  recap.byLetterType["undangan"].received = 2;
  recap.months.push_back({recap.period, recap.total});

  RecapRequest approved;
  approved.request.code = "JDW-AB12-CD34";
  approved.request.state = "disetujui";
  approved.request.createdAt = at("2026-11-03", "09:15");
  approved.request.institution = "Dinas Pendidikan";
  approved.request.requesterName = "Siti Nurhaliza";
  approved.request.letterNumber = "005/123/DISDIK/2026";
  approved.request.letterDate = "2026-11-02";
  approved.request.letterType = "undangan";
  approved.request.eventName = "Peresmian Gedung Sekolah";
  approved.request.start = at("2026-11-20", "08:30");
  approved.request.end = at("2026-11-20", "10:00");
  approved.request.venue = "SMA Negeri 1 Indralaya";
  approved.request.leadersAsked = {"bupati"};
  approved.request.assignedLeader = "bupati";
  approved.decidedAt = at("2026-11-04", "11:45");
  approved.leaderDisplayName = "Bupati";
  recap.requests.push_back(approved);

  RecapRequest waiting;
  waiting.request.code = "JDW-EF56-GH78";
  waiting.request.state = "diajukan";
  waiting.request.createdAt = at("2026-11-05", "14:00");
  waiting.request.institution = "Kecamatan Tanjung Batu";
  waiting.request.requesterName = "Andi Pratama";
  waiting.request.eventName = "Rapat Desa";
  waiting.request.start = at("2026-11-25", "13:00");
  waiting.request.leadersAsked = {"wabup", "kadis"};
  recap.requests.push_back(waiting);

  LeaderRecap bupati;
  bupati.userName = "bupati";
  bupati.displayName = "Bupati";
  bupati.counts.received = 1;
  bupati.counts.approved = 1;
  bupati.eventsFromRequests = 1;
  bupati.eventsDirect = 1;
  bupati.representedBy["Sekretaris Daerah"] = 1;
  RecapAgendaLine fromRequest;
  fromRequest.fromRequest = true;
  fromRequest.entry.start = approved.request.start;
  fromRequest.entry.end = *approved.request.end;
  fromRequest.entry.activity = "Peresmian Gedung Sekolah";
  fromRequest.entry.place = "SMA Negeri 1 Indralaya";
  RecapAgendaLine direct;
  direct.entry.start = at("2026-11-21", "19:00");
  direct.entry.end = direct.entry.start;
  direct.entry.openEnd = true;
  direct.entry.activity = "Jamuan Makan Malam";
  direct.entry.representedBy = "Sekretaris Daerah";
  bupati.agenda = {fromRequest, direct};
  recap.leaders.push_back(bupati);

  LeaderRecap wabup;
  wabup.userName = "wabup";
  wabup.displayName = "Wakil Bupati Hj. Réné Ñurul";
  wabup.counts.received = 1;
  wabup.counts.pending = 1;
  recap.leaders.push_back(wabup);

  LeaderRecap kadis;
  kadis.userName = "kadis";
  kadis.displayName = kLongName;
  kadis.counts.received = 1;
  kadis.counts.pending = 1;
  recap.leaders.push_back(kadis);
  return recap;
}

struct Unzipped {
  std::vector<std::string> names;
  std::string bytes;
  std::string part(const std::string& name) const {
    std::istringstream in(bytes);
    Poco::Zip::ZipArchive archive(in);
    const auto found = archive.findHeader(name);
    BOOST_REQUIRE_MESSAGE(found != archive.headerEnd(), "part " + name);
    std::istringstream again(bytes);
    Poco::Zip::ZipInputStream zip(again, found->second);
    return std::string(std::istreambuf_iterator<char>(zip), {});
  }
};

Unzipped unzip(const std::string& bytes) {
  Unzipped out;
  out.bytes = bytes;
  std::istringstream in(bytes);
  Poco::Zip::ZipArchive archive(in);
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) out.names.push_back(it->first);
  return out;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(writes_a_zip_with_every_sheet) {
  PrivateTmp tmp;
  const std::string bytes = recapWorkbook(sampleRecap(), kZone);
  BOOST_TEST(tmp.empty(), "the temporary file is removed");
  BOOST_REQUIRE(bytes.size() > 4);
  BOOST_TEST(bytes.substr(0, 4) == std::string("PK\x03\x04"), "a zip");
  const Unzipped zip = unzip(bytes);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
                           "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/theme/theme1.xml",
                           "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                           "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"}) {
    BOOST_TEST(has(zip.names, part), part);
  }
  BOOST_TEST(!has(zip.names, "xl/worksheets/sheet6.xml"), "one sheet per leader, no more");

  const std::string workbook = zip.part("xl/workbook.xml");
  BOOST_TEST(workbook.find("name=\"Ringkasan\" sheetId=\"1\"") != std::string::npos, workbook);
  BOOST_TEST(workbook.find("name=\"Permohonan\" sheetId=\"2\"") != std::string::npos, workbook);
  BOOST_TEST(workbook.find("name=\"Agenda Bupati\"") != std::string::npos, workbook);
  BOOST_TEST(workbook.find("name=\"Agenda Wakil Bupati Hj. Réné Ñu\"") != std::string::npos, workbook);
  BOOST_TEST(workbook.find("name=\"Agenda Kepala Dinas Pekerjaan U\"") != std::string::npos, workbook);
  // Every sheet's autofilter is a defined name Excel needs.
  BOOST_TEST(workbook.find("_xlnm._FilterDatabase") != std::string::npos, workbook);
}

BOOST_AUTO_TEST_CASE(requests_sheet_has_real_dates_a_frozen_header_and_a_filter) {
  const Unzipped zip = unzip(recapWorkbook(sampleRecap(), kZone));
  const std::string sheet = zip.part("xl/worksheets/sheet2.xml");
  BOOST_TEST(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>") !=
                 std::string::npos,
             sheet);
  BOOST_TEST(sheet.find("<autoFilter ref=\"A1:R3\"/>") != std::string::npos, sheet);
  BOOST_TEST(sheet.find("<cols>") != std::string::npos, "column widths");
  BOOST_TEST(sheet.find("JDW-AB12-CD34") != std::string::npos);
  BOOST_TEST(sheet.find("Disetujui") != std::string::npos, "the state in Indonesian");
  BOOST_TEST(sheet.find("Menunggu") == std::string::npos);
  // Submitted 2026-11-03 09:15 WIB: Excel's day 46329 and 9.25 hours; a
  // number, not text.
  BOOST_TEST(sheet.find("<v>46329.3854166666") != std::string::npos, sheet);
  BOOST_TEST(sheet.find("<c r=\"B2\" s=") != std::string::npos, "the date cell has a date style");
  BOOST_TEST(sheet.find("<c r=\"F2\" s=\"") != std::string::npos, "the letter date too");
  BOOST_TEST(sheet.find("<v>46328</v>") != std::string::npos, "letter date 2026-11-02 as a date");
  BOOST_TEST(sheet.find("Wakil Bupati Hj. Réné Ñurul, " + kLongName) != std::string::npos, "leaders asked by name");
  BOOST_TEST(sheet.find("s.d. selesai") != std::string::npos, "an open end");

  const std::string styles = zip.part("xl/styles.xml");
  BOOST_TEST(styles.find("formatCode=\"dd/mm/yyyy hh:mm\"") != std::string::npos, styles);
  BOOST_TEST(styles.find("formatCode=\"dd/mm/yyyy\"") != std::string::npos, styles);
  BOOST_TEST(styles.find("<b/>") != std::string::npos, "a bold header");
}

BOOST_AUTO_TEST_CASE(summary_and_agenda_sheets) {
  const Unzipped zip = unzip(recapWorkbook(sampleRecap(), kZone));
  const std::string summary = zip.part("xl/worksheets/sheet1.xml");
  for (const char* text : {"November 2026", "Semua permohonan", "Median waktu keputusan (jam)",
                           "Kecamatan Tanjung Batu", "Undangan", "Acara dari permohonan", "Sekretaris Daerah (1)"}) {
    BOOST_TEST(summary.find(text) != std::string::npos, text);
  }
  BOOST_TEST(summary.find("<v>26.5</v>") != std::string::npos, "the median in hours");
  BOOST_TEST(summary.find("state=\"frozen\"") != std::string::npos);
  BOOST_TEST(summary.find("<autoFilter ref=\"A4:Q11\"/>") != std::string::npos, summary);

  const std::string agenda = zip.part("xl/worksheets/sheet3.xml");
  for (const char* text : {"Peresmian Gedung Sekolah", "Permohonan", "Jamuan Makan Malam", "Langsung",
                           "Sekretaris Daerah", "s.d. selesai", "Diwakili oleh"}) {
    BOOST_TEST(agenda.find(text) != std::string::npos, text);
  }
  BOOST_TEST(agenda.find("<v>46346</v>") != std::string::npos, "2026-11-20 as a date");
  BOOST_TEST(agenda.find("<v>0.3541666666666") != std::string::npos, "08.30 as a time of day");
  BOOST_TEST(agenda.find("<autoFilter ref=\"A1:H3\"/>") != std::string::npos, agenda);
}

BOOST_AUTO_TEST_CASE(rows_past_the_bound_are_left_out_and_said) {
  PrivateTmp tmp;
  const Unzipped zip = unzip(recapWorkbook(sampleRecap(), kZone, {8}));
  BOOST_TEST(tmp.empty());
  // Eight rows: the seven of the summary and one request.
  const std::string summary = zip.part("xl/worksheets/sheet1.xml");
  BOOST_TEST(
      summary.find("Buku kerja ini tidak lengkap: 3 baris tidak ditampilkan (batas 8 baris)") != std::string::npos,
      summary);
  const std::string requests = zip.part("xl/worksheets/sheet2.xml");
  BOOST_TEST(requests.find("JDW-AB12-CD34") != std::string::npos);
  BOOST_TEST(requests.find("JDW-EF56-GH78") == std::string::npos);
  BOOST_TEST(requests.find("1 baris lagi tidak ditampilkan") != std::string::npos, requests);
  const std::string agenda = zip.part("xl/worksheets/sheet3.xml");
  BOOST_TEST(agenda.find("Jamuan Makan Malam") == std::string::npos);
  BOOST_TEST(agenda.find("2 baris lagi tidak ditampilkan") != std::string::npos, agenda);
}

BOOST_AUTO_TEST_CASE(an_incomplete_recap_says_so) {
  Recap recap = sampleRecap();
  recap.requestsIncomplete = true;
  recap.agendaIncomplete = true;
  const std::string summary = unzip(recapWorkbook(recap, kZone)).part("xl/worksheets/sheet1.xml");
  BOOST_TEST(summary.find("Permohonan tidak lengkap") != std::string::npos, summary);
  BOOST_TEST(summary.find("Agenda mungkin tidak lengkap") != std::string::npos, summary);
  // The notes push the header down; it stays frozen and filtered.
  BOOST_TEST(summary.find("<autoFilter ref=\"A6:Q13\"/>") != std::string::npos, summary);
  BOOST_TEST(summary.find("ySplit=\"6\"") != std::string::npos, summary);
}

BOOST_AUTO_TEST_CASE(no_temporary_directory_is_an_error_and_leaves_nothing) {
  PrivateTmp tmp;
  ::setenv("TMPDIR", (tmp.dir / "missing").c_str(), 1);
  BOOST_CHECK_THROW(recapWorkbook(sampleRecap(), kZone), std::runtime_error);
  BOOST_TEST(tmp.empty());
}

BOOST_AUTO_TEST_CASE(sheet_names_follow_excel_rules) {
  const std::vector<std::string> taken = {"Ringkasan", "Permohonan"};
  BOOST_TEST(agendaSheetName("Bupati", taken) == "Agenda Bupati");
  BOOST_TEST(agendaSheetName("Camat [Kota]: A/B\\C*D?", taken) == "Agenda Camat Kota A B C D");
  BOOST_TEST(agendaSheetName("", taken) == "Agenda");
  // 31 characters, counted as characters, not bytes.
  BOOST_TEST(agendaSheetName(kLongName, taken) == "Agenda Kepala Dinas Pekerjaan U");
  BOOST_TEST(agendaSheetName("Éèêëàáâäçñòóôöùúûü Éèêëàáâäçñòóô", taken) == "Agenda Éèêëàáâäçñòóôöùúûü Éèêëà");
  // Unique, ignoring case and accents' case; the number fits the 31 too.
  BOOST_TEST(agendaSheetName("bupati", {"Agenda Bupati"}) == "Agenda bupati (2)");
  BOOST_TEST(agendaSheetName("BUPATI", {"Agenda Bupati", "Agenda bupati (2)"}) == "Agenda BUPATI (3)");
  BOOST_TEST(agendaSheetName("ÉLISE", {"Agenda élise"}) == "Agenda ÉLISE (2)");
  BOOST_TEST(agendaSheetName(kLongName, {"Agenda Kepala Dinas Pekerjaan U"}) == "Agenda Kepala Dinas Pekerja (2)");
  // No apostrophe at the end, nor a space the cut left.
  BOOST_TEST(agendaSheetName("Kepala Dinas Pekerjaan U'mum", taken) == "Agenda Kepala Dinas Pekerjaan U");
  BOOST_TEST(agendaSheetName("Kepala Dinas Pekerjaan  Umum", taken) == "Agenda Kepala Dinas Pekerjaan U");
  BOOST_TEST(agendaSheetName("Kepala Dinas Pertanahan Kota", taken) == "Agenda Kepala Dinas Pertanahan");
}

BOOST_AUTO_TEST_CASE(excel_serials_and_cell_text) {
  using jadwal::web::xlsx::cellText;
  using jadwal::web::xlsx::serialOf;
  BOOST_TEST(serialOf({1900, 3, 1}) == 61.0);
  BOOST_TEST(serialOf({2023, 11, 22}) == 45252.0);
  BOOST_TEST(serialOf({2023, 11, 22, 18, 0}) == 45252.75);
  BOOST_TEST(cellText("a\x01"
                      "b\tc\nd") == "a b\tc\nd");
  BOOST_TEST(cellText(std::string("x\0y", 3)) == "x y");
  BOOST_TEST(cellText("caf\xC3") == "caf\xEF\xBF\xBD");
  BOOST_TEST(cellText("Réné", 3) == "Rén");
}
