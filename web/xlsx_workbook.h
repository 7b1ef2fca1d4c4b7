#pragma once
// A thin owner of a libxlsxwriter workbook: the private temporary file it
// writes, the few cell styles the reports use, and cells whose text is
// always something Excel opens (well-formed UTF-8, no control characters,
// within a cell's 32767 characters). Nothing here knows what a report says;
// recap_workbook.cpp fills the sheets.
//
// Not thread-safe; one workbook per answer.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "workflow/wib_format.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jadwal::web::xlsx {

// Excel's serial number of a wall-clock time: days since 1899-12-30 (the
// 1900 date system) plus the fraction of the day. Exact for every date from
// 1900-03-01 on.
double serialOf(const workflow::LocalDateTime& local);
// The fraction of a day of a time alone (for a time-of-day cell).
double timeSerialOf(const workflow::LocalDateTime& local);

// `text` as a cell may hold it: ill-formed UTF-8 replaced by U+FFFD, control
// characters other than tab and line feed by spaces, cut to `maxChars`
// characters (code points).
std::string cellText(std::string_view text, std::size_t maxChars = 32767);

enum class Style {
  Plain,
  Header,    // bold, shaded, bottom border
  Title,     // bold, larger
  Note,      // italic
  Date,      // 22/11/2023
  DateTime,  // 22/11/2023 08:00
  Time,      // 08:00
  Hours,     // 12.5 (hours with one decimal)
  Count,     // 1234
};

struct Column {
  std::string_view header;
  double width;  // in characters, as Excel counts them
};

class Sheet {
 public:
  // Sets the column widths and writes the bold header at `row`, freezes the
  // rows down to it and puts the autofilter on it.
  void header(std::size_t row, std::span<const Column> columns);
  // The autofilter's range, once the last row is known (header() covers the
  // header row alone).
  void filterDown(std::size_t headerRow, std::size_t lastRow, std::size_t columns);
  void text(std::size_t row, std::size_t col, std::string_view value, Style style = Style::Plain);
  void number(std::size_t row, std::size_t col, double value, Style style = Style::Count);

 private:
  friend class Workbook;
  Sheet(lxw_worksheet* sheet, const class Workbook& book) : sheet_(sheet), book_(&book) {}
  lxw_worksheet* sheet_;
  const class Workbook* book_;
};

class Workbook {
 public:
  // Opens the temporary file and the workbook. Throws std::runtime_error.
  Workbook();
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new sheet named `name` (which must be a valid, new sheet name:
  // agendaSheetName makes one). Throws std::runtime_error.
  Sheet addSheet(const std::string& name);
  // Writes the workbook and returns its bytes. Call once, last.
  std::string finish();

 private:
  friend class Sheet;
  lxw_format* format(Style style) const;

  struct TempFile;
  std::unique_ptr<TempFile> file_;
  lxw_workbook* book_ = nullptr;
  lxw_format* formats_[9] = {};
};

}  // namespace jadwal::web::xlsx
