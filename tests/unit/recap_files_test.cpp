// The work report's outputs that do not need a server: CSV fields as RFC
// 4180 quotes them (and safe from spreadsheet formulas), instants with the
// zone's offset, the CSV's shape, and the SVG chart.
#define BOOST_TEST_MODULE recap_files
#include <boost/test/unit_test.hpp>

#include "web/recap_chart.h"
#include "web/recap_files.h"
#include "web/recap_request.h"

namespace jadwal::web::recap {

namespace {

workflow::Recap monthRecap() {
  workflow::Recap recap;
  recap.period = {2025, 11};
  recap.from = 1761930000;  // 1 November 2025, 00.00 WIB
  recap.to = 1764522000;    // 1 December 2025, 00.00 WIB
  workflow::LeaderRecap leader;
  leader.userName = "bupati";
  leader.displayName = "Bupati <Ogan> & Ilir";
  leader.counts.received = 3;
  leader.counts.approved = 2;
  leader.counts.rejected = 1;
  recap.leaders.push_back(leader);
  workflow::RecapRequest item;
  item.request.code = "JDW-AAAA-BBBB";
  item.request.createdAt = 1761962400;  // 1 November 2025, 09.00 WIB
  item.request.start = 1762740000;      // 10 November 2025, 09.00 WIB
  item.request.institution = "Dinas \"Pendidikan\", Bidang SD";
  item.request.eventName = "Rapat\r\nkoordinasi";
  item.request.letterType = "undangan";
  item.request.state = "disetujui";
  item.request.leadersAsked = {"bupati"};
  item.decidedAt = 1761966000;  // 10.00 WIB
  recap.requests.push_back(item);
  return recap;
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_as_rfc_4180_says) {
  BOOST_TEST(csvField("Dinas Pendidikan") == "Dinas Pendidikan");
  BOOST_TEST(csvField("a,b") == "\"a,b\"");
  BOOST_TEST(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csvField("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csvField("") == "");
}

BOOST_AUTO_TEST_CASE(csv_fields_a_spreadsheet_would_run_are_text) {
  BOOST_TEST(csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  BOOST_TEST(csvField("+62 812") == "'+62 812");
  BOOST_TEST(csvField("-1") == "'-1");
  BOOST_TEST(csvField("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(csvField("Bupati = hadir") == "Bupati = hadir");  // only a leading sign counts
}

BOOST_AUTO_TEST_CASE(instants_carry_the_zone_offset) {
  BOOST_TEST(isoInstant(1761930000, "Asia/Jakarta") == "2025-11-01T00:00:00+07:00");
  BOOST_TEST(isoInstant(1761930000, "Asia/Makassar") == "2025-11-01T01:00:00+08:00");
  BOOST_TEST(isoInstant(0, "UTC") == "1970-01-01T00:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(the_csv_starts_with_a_bom_and_a_header_and_ends_rows_with_crlf) {
  const std::string csv = recapCsv(monthRecap(), "Asia/Jakarta", "id");
  BOOST_TEST(csv.rfind("\xEF\xBB\xBFKode,Tanggal masuk,Instansi,", 0) == 0u);
  BOOST_TEST(csv.find("Waktu kegiatan (WIB)") != std::string::npos);
  const std::string row = csv.substr(csv.find("\r\n") + 2);
  BOOST_TEST(row.rfind("JDW-AAAA-BBBB,2025-11-01 09:00,\"Dinas \"\"Pendidikan\"\", Bidang SD\",", 0) == 0u, row);
  BOOST_TEST(row.find(",Undangan,\"Rapat\r\nkoordinasi\",2025-11-10 09:00,") != std::string::npos, row);
  BOOST_TEST(row.find(",Disetujui,2025-11-01 10:00,") != std::string::npos, row);
  BOOST_TEST(row.substr(row.size() - 2) == "\r\n");
}

BOOST_AUTO_TEST_CASE(the_json_names_its_fields_and_writes_none_as_null) {
  const std::string json = recapJson(monthRecap(), "Asia/Jakarta");
  BOOST_TEST(json.find("\"period\":{\"year\":2025,\"month\":11,\"from\":\"2025-11-01T00:00:00+07:00\"") !=
             std::string::npos);
  BOOST_TEST(json.find("\"median_hours\":null") != std::string::npos);
  BOOST_TEST(json.find("\"decided\":\"2025-11-01T10:00:00+07:00\"") != std::string::npos);
  BOOST_TEST(json.find("\"requests_incomplete\":false") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_chart_escapes_names_and_has_no_script_or_style) {
  const std::string svg = recapChartSvg(monthRecap(), "id");
  BOOST_TEST(svg.rfind("<svg", 0) == 0u);
  BOOST_TEST(svg.find("role=\"img\"") != std::string::npos);
  BOOST_TEST(svg.find("<title id=\"grafik-judul\">Permohonan per pimpinan, November 2025</title>") !=
             std::string::npos);
  BOOST_TEST(svg.find("Bupati &lt;Ogan&gt; &amp; Ilir: 3 masuk (2 Disetujui, 1 Ditolak).") != std::string::npos, svg);
  BOOST_TEST(svg.find("<Ogan>") == std::string::npos);
  BOOST_TEST(svg.find("style") == std::string::npos);
  BOOST_TEST(svg.find("script") == std::string::npos);
  workflow::Recap empty;
  empty.period = {2025, 11};
  BOOST_TEST(recapChartSvg(empty, "id").empty());  // no leader: nothing to draw
  empty.period = {2025, 0};
  empty.months.resize(12);
  for (int month = 1; month <= 12; ++month) empty.months[month - 1].period = {2025, month};
  const std::string year = recapChartSvg(empty, "id");
  BOOST_TEST(year.find(">Januari</text>") != std::string::npos);
  BOOST_TEST(year.find(">Desember</text>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(periods_are_parsed_strictly) {
  const workflow::LocalDate today{2025, 11, 20};
  BOOST_TEST((parsePeriod("", "", today).period == workflow::RecapPeriod{2025, 11}));
  BOOST_TEST((parsePeriod("2026-01", "", today).period == workflow::RecapPeriod{2026, 1}));
  BOOST_TEST((parsePeriod("", "2024", today).period == workflow::RecapPeriod{2024, 0}));
  BOOST_TEST(parsePeriod("2026-13", "", today).error == "recap.bad_month");
  BOOST_TEST(parsePeriod("2026-00", "", today).error == "recap.bad_month");
  BOOST_TEST(parsePeriod("2026-1", "", today).error == "recap.bad_month");
  BOOST_TEST(parsePeriod("26-01-01", "", today).error == "recap.bad_month");
  BOOST_TEST(parsePeriod("", "abc", today).error == "recap.bad_year");
  BOOST_TEST(parsePeriod("", "１２３４", today).error == "recap.bad_year");
  BOOST_TEST(parsePeriod("", "1899", today).error == "recap.bad_year");
  BOOST_TEST(parsePeriod("2026-01", "2026", today).error == "recap.both");
  BOOST_TEST(periodText({2025, 3}) == "2025-03");
  BOOST_TEST(periodQuery({2025, 0}) == "tahun=2025");
  BOOST_TEST(periodLabel({2025, 11}, "id") == "November 2025");
  BOOST_TEST(periodLabel({2025, 0}, "en") == "Year 2025");
}

}  // namespace jadwal::web::recap
