#include "web/xlsx_workbook.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "base/utf8.h"

namespace jadwal::web::xlsx {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("workbook: ") + what + ": " + lxw_strerror(error));
}

lxw_row_t rowOf(std::size_t row) {
  if (row >= LXW_ROW_MAX) throw std::runtime_error("workbook: row past Excel's last row");
  return static_cast<lxw_row_t>(row);
}

lxw_col_t colOf(std::size_t col) {
  if (col >= LXW_COL_MAX) throw std::runtime_error("workbook: column past Excel's last column");
  return static_cast<lxw_col_t>(col);
}

}  // namespace

double serialOf(const workflow::LocalDateTime& local) {
  using namespace std::chrono;
  const sys_days day{year{local.year} / month{static_cast<unsigned>(local.month)} / static_cast<unsigned>(local.day)};
  const sys_days origin{year{1899} / December / 30};
  return static_cast<double>((day - origin).count()) + timeSerialOf(local);
}

double timeSerialOf(const workflow::LocalDateTime& local) {
  return (local.hour * 3600.0 + local.minute * 60.0 + local.second) / 86400.0;
}

std::string cellText(std::string_view text, std::size_t maxChars) {
  std::string out;
  out.reserve(std::min(text.size(), maxChars * 4));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size() && chars < maxChars; ++chars) {
    const std::size_t length = base::utf8SequenceLength(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::string_view sequence = text.substr(i, length);
    i += length;
    const auto lead = static_cast<unsigned char>(sequence[0]);
    if (length == 1 && (lead < 0x20 || lead == 0x7F) && lead != '\t' && lead != '\n') {
      out += ' ';  // XML 1.0 has no place for most control characters
    } else if (sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
      out += kReplacement;  // U+FFFE and U+FFFF are not XML characters either
    } else {
      out += sequence;
    }
  }
  return out;
}

// The file libxlsxwriter writes: made by mkstemp (mode 0600, a name nobody
// else can take), read back through the descriptor kept open, and removed
// whatever happens.
struct Workbook::TempFile {
  std::string directory;
  std::string path;
  int fd = -1;

  TempFile() : directory(std::filesystem::temp_directory_path().string()) {
    std::string pattern = (std::filesystem::path(directory) / "jadwal-workbook-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("workbook: no temporary file in " + directory + ": " + std::strerror(errno));
    path = name.data();
  }
  ~TempFile() {
    ::close(fd);
    ::unlink(path.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  std::string bytes() const {
    std::string out;
    char buffer[65536];
    for (off_t at = 0;;) {
      const ssize_t got = ::pread(fd, buffer, sizeof buffer, at);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw std::runtime_error(std::string("workbook: reading it back: ") + std::strerror(errno));
      if (got == 0) return out;
      out.append(buffer, static_cast<std::size_t>(got));
      at += got;
    }
  }
};

Workbook::Workbook() : file_(std::make_unique<TempFile>()) {
  // Constant memory: each row goes to a temporary file (in the same
  // directory) as soon as the next begins, so a long sheet costs no memory.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = file_->directory.data();
  options.use_zip64 = LXW_FALSE;
  book_ = workbook_new_opt(file_->path.c_str(), &options);
  if (!book_) throw std::runtime_error("workbook: libxlsxwriter could not start one");
  for (int i = 0; i < 9; ++i) formats_[i] = workbook_add_format(book_);
  format_set_bold(formats_[int(Style::Header)]);
  format_set_bg_color(formats_[int(Style::Header)], 0xDDEBF7);
  format_set_bottom(formats_[int(Style::Header)], LXW_BORDER_THIN);
  format_set_text_wrap(formats_[int(Style::Header)]);
  format_set_align(formats_[int(Style::Header)], LXW_ALIGN_VERTICAL_TOP);
  format_set_bold(formats_[int(Style::Title)]);
  format_set_font_size(formats_[int(Style::Title)], 14);
  format_set_italic(formats_[int(Style::Note)]);
  format_set_num_format(formats_[int(Style::Date)], "dd/mm/yyyy");
  format_set_num_format(formats_[int(Style::DateTime)], "dd/mm/yyyy hh:mm");
  format_set_num_format(formats_[int(Style::Time)], "hh:mm");
  format_set_num_format(formats_[int(Style::Hours)], "0.0");
  format_set_num_format(formats_[int(Style::Count)], "0");
}

Workbook::~Workbook() {
  // Closing is the one way libxlsxwriter frees a workbook and its row files;
  // what it writes is removed with the temporary file.
  if (book_) workbook_close(book_);
}

lxw_format* Workbook::format(Style style) const { return style == Style::Plain ? nullptr : formats_[int(style)]; }

Sheet Workbook::addSheet(const std::string& name) {
  check(workbook_validate_sheet_name(book_, name.c_str()), "sheet name");
  lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
  if (!sheet) throw std::runtime_error("workbook: sheet " + name + " could not be added");
  return Sheet(sheet, *this);
}

std::string Workbook::finish() {
  lxw_workbook* book = book_;
  book_ = nullptr;
  check(workbook_close(book), "writing");
  return file_->bytes();
}

void Sheet::header(std::size_t row, std::span<const Column> columns) {
  for (std::size_t col = 0; col < columns.size(); ++col) {
    check(worksheet_set_column(sheet_, colOf(col), colOf(col), columns[col].width, nullptr), "column width");
    text(row, col, columns[col].header, Style::Header);
  }
  worksheet_freeze_panes(sheet_, rowOf(row + 1), 0);
  filterDown(row, row, columns.size());
}

void Sheet::filterDown(std::size_t headerRow, std::size_t lastRow, std::size_t columns) {
  if (columns == 0) return;
  check(worksheet_autofilter(sheet_, rowOf(headerRow), 0, rowOf(lastRow), colOf(columns - 1)), "autofilter");
}

void Sheet::text(std::size_t row, std::size_t col, std::string_view value, Style style) {
  if (value.empty()) {
    if (style != Style::Plain)
      check(worksheet_write_blank(sheet_, rowOf(row), colOf(col), book_->format(style)), "blank");
    return;
  }
  const std::string cell = cellText(value);
  check(worksheet_write_string(sheet_, rowOf(row), colOf(col), cell.c_str(), book_->format(style)), "text");
}

void Sheet::number(std::size_t row, std::size_t col, double value, Style style) {
  check(worksheet_write_number(sheet_, rowOf(row), colOf(col), value, book_->format(style)), "number");
}

}  // namespace jadwal::web::xlsx
