#include "web/recap_workbook.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "base/utf8.h"
#include "web/web.h"
#include "web/xlsx_workbook.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

using xlsx::Column;
using xlsx::Sheet;
using xlsx::Style;

constexpr std::size_t kSheetNameMax = 31;  // Excel's limit, in UTF-16 units

constexpr std::array kSummaryColumns = {
    Column{"Bagian", 13},
    Column{"Nama", 36},
    Column{"Diterima", 10},
    Column{"Menunggu", 10},
    Column{"Disetujui", 10},
    Column{"Diwakilkan", 11},
    Column{"Ditolak", 9},
    Column{"Ditarik", 9},
    Column{"Dibatalkan", 11},
    Column{"Terlaksana", 11},
    Column{"Tidak terlaksana", 11},
    Column{"Diputuskan", 11},
    Column{"Median waktu keputusan (jam)", 14},
    Column{"P90 waktu keputusan (jam)", 14},
    Column{"Acara dari permohonan", 13},
    Column{"Acara langsung", 11},
    Column{"Diwakili oleh", 40},
};

constexpr std::array kRequestColumns = {
    Column{"Kode", 16},
    Column{"Diajukan", 17},
    Column{"Instansi", 30},
    Column{"Pemohon", 24},
    Column{"Nomor surat", 22},
    Column{"Tanggal surat", 12},
    Column{"Jenis surat", 12},
    Column{"Kegiatan", 40},
    Column{"Tanggal kegiatan", 12},
    Column{"Mulai", 8},
    Column{"Selesai", 11},
    Column{"Tempat", 30},
    Column{"Pimpinan diminta", 28},
    Column{"Pimpinan ditugaskan", 22},
    Column{"Status", 16},
    Column{"Tanggal keputusan", 17},
    Column{"Diwakili oleh", 24},
    Column{"Catatan keputusan", 40},
};

constexpr std::array kAgendaColumns = {
    Column{"Tanggal", 12}, Column{"Mulai", 12}, Column{"Selesai", 12},       Column{"Kegiatan", 44},
    Column{"Tempat", 32},  Column{"Ket.", 16},  Column{"Diwakili oleh", 26}, Column{"Sumber", 13},
};

// The rows the workbook still may write, handed out in sheet order.
struct RowBudget {
  std::size_t left;
  std::size_t take(std::size_t wanted) {
    const std::size_t granted = std::min(wanted, left);
    left -= granted;
    return granted;
  }
};

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (auto at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ".");
  return digits;
}

// An Indonesian label of the catalogue, or `fallback` when it has none.
std::string label(const std::string& id, const std::string& fallback) {
  std::string text = tr("id", id);
  return text == id ? fallback : text;
}

std::string stateLabel(const std::string& state) { return label("state." + state, state); }

std::string letterTypeLabel(const std::string& type) {
  return type.empty() ? std::string() : label("staf_type_" + type, type);
}

std::string periodLabel(const workflow::RecapPeriod& period) {
  if (period.month == 0) return "Tahun " + std::to_string(period.year);
  return std::string(workflow::monthName(period.month, "id")) + " " + std::to_string(period.year);
}

workflow::LocalDateTime midnightOf(const workflow::LocalDateTime& local) {
  workflow::LocalDateTime day = local;
  day.hour = day.minute = day.second = 0;
  return day;
}

bool sameDay(const workflow::LocalDateTime& a, const workflow::LocalDateTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

// The end of an activity: a time the same day, a date and time on another
// one, or the words the agenda uses for an open end.
void writeEnd(Sheet& sheet, std::size_t row, std::size_t col, sql::Instant start, std::optional<sql::Instant> end,
              const std::string& timezone) {
  if (!end) {
    sheet.text(row, col, "s.d. selesai");
    return;
  }
  const auto from = workflow::toLocal(start, timezone);
  const auto until = workflow::toLocal(*end, timezone);
  if (sameDay(from, until)) {
    sheet.number(row, col, xlsx::timeSerialOf(until), Style::Time);
  } else {
    sheet.number(row, col, xlsx::serialOf(until), Style::DateTime);
  }
}

void writeInstant(Sheet& sheet, std::size_t row, std::size_t col, sql::Instant instant, const std::string& timezone) {
  sheet.number(row, col, xlsx::serialOf(workflow::toLocal(instant, timezone)), Style::DateTime);
}

void writeDay(Sheet& sheet, std::size_t row, std::size_t col, sql::Instant instant, const std::string& timezone) {
  sheet.number(row, col, xlsx::serialOf(midnightOf(workflow::toLocal(instant, timezone))), Style::Date);
}

// A cut sheet says so below its last row.
void writeCut(Sheet& sheet, std::size_t row, std::size_t omitted, std::size_t maxRows) {
  sheet.text(row, 0,
             thousands(omitted) + " baris lagi tidak ditampilkan: buku kerja ini dibatasi " + thousands(maxRows) +
                 " baris. Pilih periode yang lebih pendek.",
             Style::Note);
}

// --- Ringkasan --------------------------------------------------------------

std::string representedText(const std::map<std::string, std::int64_t>& representedBy) {
  std::string text;
  for (const auto& [name, times] : representedBy) {
    if (!text.empty()) text += "; ";
    text += name + " (" + std::to_string(times) + ")";
  }
  return text;
}

struct SummaryLine {
  std::string part, name;
  const workflow::RecapCounts* counts = nullptr;
  const workflow::DecisionTimes* times = nullptr;
  std::optional<std::int64_t> fromRequests, direct;
  std::string representedBy;
};

void writeSummaryLine(Sheet& sheet, std::size_t row, const SummaryLine& line) {
  sheet.text(row, 0, line.part);
  sheet.text(row, 1, line.name);
  const workflow::RecapCounts& c = *line.counts;
  const std::array values = {c.received,  c.pending,   c.approved, c.represented, c.rejected,
                             c.withdrawn, c.cancelled, c.held,     c.notHeld};
  for (std::size_t i = 0; i < values.size(); ++i) sheet.number(row, 2 + i, double(values[i]));
  if (line.times) {
    sheet.number(row, 11, double(line.times->decided));
    if (line.times->medianHours) sheet.number(row, 12, *line.times->medianHours, Style::Hours);
    if (line.times->p90Hours) sheet.number(row, 13, *line.times->p90Hours, Style::Hours);
  }
  if (line.fromRequests) sheet.number(row, 14, double(*line.fromRequests));
  if (line.direct) sheet.number(row, 15, double(*line.direct));
  sheet.text(row, 16, line.representedBy);
}

// A line of counts alone (a month, an institution, a letter type).
SummaryLine countsLine(std::string part, std::string name, const workflow::RecapCounts& counts) {
  SummaryLine line;
  line.part = std::move(part);
  line.name = std::move(name);
  line.counts = &counts;
  return line;
}

std::vector<SummaryLine> summaryLines(const workflow::Recap& recap) {
  std::vector<SummaryLine> lines;
  SummaryLine total{"Total", "Semua permohonan", &recap.total, &recap.decisionTimes, 0, 0, {}};
  std::map<std::string, std::int64_t> representedBy;
  for (const auto& leader : recap.leaders) {
    *total.fromRequests += leader.eventsFromRequests;
    *total.direct += leader.eventsDirect;
    for (const auto& [name, times] : leader.representedBy) representedBy[name] += times;
  }
  total.representedBy = representedText(representedBy);
  lines.push_back(std::move(total));
  for (const auto& leader : recap.leaders) {
    lines.push_back({"Pimpinan", leader.displayName, &leader.counts, &leader.decisionTimes, leader.eventsFromRequests,
                     leader.eventsDirect, representedText(leader.representedBy)});
  }
  if (recap.period.month == 0) {
    for (const auto& month : recap.months)
      lines.push_back(countsLine("Bulan", periodLabel(month.period), month.counts));
  }
  for (const auto& [institution, counts] : recap.byInstitution)
    lines.push_back(countsLine("Instansi", institution, counts));
  for (const auto& [type, counts] : recap.byLetterType)
    lines.push_back(countsLine("Jenis surat", letterTypeLabel(type), counts));
  return lines;
}

void writeSummary(xlsx::Workbook& book, const workflow::Recap& recap, const std::vector<SummaryLine>& lines,
                  const std::string& timezone, RowBudget& budget, std::size_t omitted, std::size_t maxRows) {
  Sheet sheet = book.addSheet("Ringkasan");
  std::size_t row = 0;
  sheet.text(row++, 0, "Rekap Permohonan dan Agenda Pimpinan: " + periodLabel(recap.period), Style::Title);
  sheet.text(row, 0, "Dari");
  writeDay(sheet, row, 1, recap.from, timezone);
  sheet.text(row, 2, "Sampai");
  writeDay(sheet, row, 3, std::max(recap.from, recap.to - 1), timezone);
  sheet.text(row, 4, "Zona waktu");
  sheet.text(row++, 5, workflow::zoneAbbreviation(timezone) + " (" + timezone + ")");
  if (recap.requestsIncomplete) {
    sheet.text(row++, 0,
               "Permohonan tidak lengkap: periode ini melebihi batas server; hanya permohonan terbaru yang dihitung.",
               Style::Note);
  }
  if (recap.agendaIncomplete) {
    sheet.text(row++, 0,
               "Agenda mungkin tidak lengkap: sebagian acara berulang tidak dijabarkan seluruhnya (batas server).",
               Style::Note);
  }
  if (omitted > 0) {
    sheet.text(row++, 0,
               "Buku kerja ini tidak lengkap: " + thousands(omitted) + " baris tidak ditampilkan (batas " +
                   thousands(maxRows) + " baris). Pilih periode yang lebih pendek.",
               Style::Note);
  }
  const std::size_t headerRow = row + 1;
  sheet.header(headerRow, kSummaryColumns);
  const std::size_t shown = budget.take(lines.size());
  row = headerRow + 1;
  for (std::size_t i = 0; i < shown; ++i) writeSummaryLine(sheet, row++, lines[i]);
  sheet.filterDown(headerRow, row - 1, kSummaryColumns.size());
  if (shown < lines.size()) writeCut(sheet, row, lines.size() - shown, maxRows);
}

// --- Permohonan -------------------------------------------------------------

void writeRequest(Sheet& sheet, std::size_t row, const workflow::RecapRequest& item,
                  const std::map<std::string, std::string>& leaderNames, const std::string& timezone) {
  const sql::RequestRow& r = item.request;
  const auto nameOf = [&](const std::string& user) {
    const auto found = leaderNames.find(user);
    return found == leaderNames.end() ? user : found->second;
  };
  std::size_t col = 0;
  sheet.text(row, col++, r.code);
  writeInstant(sheet, row, col++, r.createdAt, timezone);
  sheet.text(row, col++, r.institution);
  sheet.text(row, col++, r.requesterName);
  sheet.text(row, col++, r.letterNumber);
  if (const auto date = workflow::parseIsoDate(r.letterDate)) {
    sheet.number(row, col++, xlsx::serialOf({date->year, date->month, date->day}), Style::Date);
  } else {
    sheet.text(row, col++, r.letterDate);  // as typed, should an old row hold something else
  }
  sheet.text(row, col++, letterTypeLabel(r.letterType));
  sheet.text(row, col++, r.eventName);
  writeDay(sheet, row, col++, r.start, timezone);
  sheet.number(row, col++, xlsx::timeSerialOf(workflow::toLocal(r.start, timezone)), Style::Time);
  writeEnd(sheet, row, col++, r.start, r.end, timezone);
  sheet.text(row, col++, r.venue);
  std::string asked;
  for (const auto& leader : r.leadersAsked) asked += (asked.empty() ? "" : ", ") + nameOf(leader);
  sheet.text(row, col++, asked);
  sheet.text(row, col++, r.assignedLeader.empty() ? std::string() : nameOf(r.assignedLeader));
  sheet.text(row, col++, stateLabel(r.state));
  if (item.decidedAt) writeInstant(sheet, row, col, *item.decidedAt, timezone);
  ++col;
  sheet.text(row, col++, item.representedBy);
  sheet.text(row, col++, r.decisionNote);
}

void writeRequests(xlsx::Workbook& book, const workflow::Recap& recap, const std::string& timezone, RowBudget& budget,
                   std::size_t maxRows) {
  Sheet sheet = book.addSheet("Permohonan");
  sheet.header(0, kRequestColumns);
  std::map<std::string, std::string> leaderNames;
  for (const auto& leader : recap.leaders) leaderNames[leader.userName] = leader.displayName;
  const std::size_t shown = budget.take(recap.requests.size());
  for (std::size_t i = 0; i < shown; ++i) writeRequest(sheet, i + 1, recap.requests[i], leaderNames, timezone);
  sheet.filterDown(0, shown, kRequestColumns.size());
  if (shown < recap.requests.size()) writeCut(sheet, shown + 1, recap.requests.size() - shown, maxRows);
}

// --- Agenda <leader> --------------------------------------------------------

void writeAgendaLine(Sheet& sheet, std::size_t row, const workflow::RecapAgendaLine& line,
                     const std::string& timezone) {
  const workflow::AgendaEntry& e = line.entry;
  const auto start = workflow::toLocal(e.start, timezone);
  sheet.number(row, 0, xlsx::serialOf(midnightOf(start)), Style::Date);
  if (e.allDay) {
    sheet.text(row, 1, "sehari penuh");
    // An all-day event ends at the start of the day after its last.
    const auto last = workflow::toLocal(std::max(e.start, e.end - 1), timezone);
    if (!sameDay(start, last)) sheet.number(row, 2, xlsx::serialOf(midnightOf(last)), Style::Date);
  } else {
    sheet.number(row, 1, xlsx::timeSerialOf(start), Style::Time);
    writeEnd(sheet, row, 2, e.start, e.openEnd ? std::nullopt : std::optional<sql::Instant>(e.end), timezone);
  }
  if (e.confidential) {
    sheet.text(row, 3, "Acara internal");  // as every agenda output shows it: the time only
  } else {
    sheet.text(row, 3, e.tentative ? e.activity + " (belum pasti)" : e.activity);
    sheet.text(row, 4, e.place);
    sheet.text(row, 5, e.role);
    sheet.text(row, 6, e.representedBy);
  }
  sheet.text(row, 7, line.fromRequest ? "Permohonan" : "Langsung");
}

void writeAgenda(xlsx::Workbook& book, const workflow::LeaderRecap& leader, const std::string& sheetName,
                 const std::string& timezone, RowBudget& budget, std::size_t maxRows) {
  Sheet sheet = book.addSheet(sheetName);
  sheet.header(0, kAgendaColumns);
  const std::size_t shown = budget.take(leader.agenda.size());
  for (std::size_t i = 0; i < shown; ++i) writeAgendaLine(sheet, i + 1, leader.agenda[i], timezone);
  sheet.filterDown(0, shown, kAgendaColumns.size());
  if (shown < leader.agenda.size()) writeCut(sheet, shown + 1, leader.agenda.size() - shown, maxRows);
}

// --- sheet names ------------------------------------------------------------

// Excel compares sheet names without case: ASCII and the Latin-1 letters
// (the accents of names) are folded, which covers the names of an office.
std::string folded(std::string_view name) {
  std::string out(name);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto byte = static_cast<unsigned char>(out[i]);
    if (byte >= 'A' && byte <= 'Z') {
      out[i] = static_cast<char>(byte + 32);
    } else if (byte == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 32);
      ++i;
    }
  }
  return out;
}

// The first code points of `text` that fit `units` UTF-16 units.
std::string cutToUnits(std::string_view text, std::size_t units) {
  std::size_t used = 0, at = 0;
  while (at < text.size()) {
    const std::size_t length = std::max<std::size_t>(1, base::utf8SequenceLength(text, at));
    const std::size_t cost = length == 4 ? 2 : 1;
    if (used + cost > units) break;
    used += cost;
    at += length;
  }
  return std::string(text.substr(0, at));
}

}  // namespace

std::string agendaSheetName(std::string_view displayName, const std::vector<std::string>& taken) {
  std::string clean;
  for (char c : xlsx::cellText(displayName, 4 * kSheetNameMax)) {
    if (std::string_view("[]:*?/\\\t\n").find(c) != std::string_view::npos) c = ' ';
    if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
    clean += c;
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  const std::string whole = clean.empty() ? "Agenda" : "Agenda " + clean;
  // Excel refuses a name that ends with an apostrophe; a cut may leave a space.
  const auto fitted = [&whole](std::size_t units) {
    std::string name = cutToUnits(whole, units);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\'')) name.pop_back();
    return name;
  };
  const auto isTaken = [&taken](const std::string& name) {
    const std::string key = folded(name);
    return std::any_of(taken.begin(), taken.end(), [&key](const std::string& other) { return folded(other) == key; });
  };
  std::string name = fitted(kSheetNameMax);
  for (std::size_t n = 2; isTaken(name); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = fitted(kSheetNameMax - suffix.size()) + suffix;
  }
  return name;
}

std::string recapWorkbook(const workflow::Recap& recap, const std::string& timezone,
                          const RecapWorkbookLimits& limits) {
  const std::vector<SummaryLine> lines = summaryLines(recap);
  std::size_t needed = lines.size() + recap.requests.size();
  for (const auto& leader : recap.leaders) needed += leader.agenda.size();
  const std::size_t omitted = needed > limits.maxRows ? needed - limits.maxRows : 0;

  RowBudget budget{limits.maxRows};
  xlsx::Workbook book;
  writeSummary(book, recap, lines, timezone, budget, omitted, limits.maxRows);
  writeRequests(book, recap, timezone, budget, limits.maxRows);
  std::vector<std::string> names = {"Ringkasan", "Permohonan"};
  for (const auto& leader : recap.leaders) {
    names.push_back(agendaSheetName(leader.displayName.empty() ? leader.userName : leader.displayName, names));
    writeAgenda(book, leader, names.back(), timezone, budget, limits.maxRows);
  }
  return book.finish();
}

}  // namespace jadwal::web
