// The printed agenda: A4 portrait pages laid out twice, once to count the
// pages ("Halaman 1 dari N" needs N) and once to draw them. Text goes
// through pango, so it is shaped, wraps inside its column and stays
// selectable in the PDF.

#include "web/agenda_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "workflow/agenda_text.h"
#include "workflow/wib_format.h"

namespace jadwal::web {

namespace {

// A4 in PDF points.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 48;
constexpr double kFooterHeight = 24;  // the page number under the content
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin - kFooterHeight;
constexpr double kCellPadding = 3;

// DejaVu comes with Debian's fonts-dejavu-core, which fontconfig always has;
// the family falls back to any sans face if it is missing.
constexpr const char* kBody = "DejaVu Sans 8.5";
constexpr const char* kBold = "DejaVu Sans Bold 8.5";
constexpr const char* kHeading = "DejaVu Sans Bold 14";
constexpr const char* kSubheading = "DejaVu Sans 11";
constexpr const char* kDayFont = "DejaVu Sans Bold 11";
constexpr const char* kNoteFont = "DejaVu Sans Oblique 8.5";

struct PdfColumn {
  double x;
  double width;
  const char* title;
};
// No, Waktu, Kegiatan, Tempat, Keterangan: the details (dress code, the
// leader's part, who represents, the contact) share the last column so
// that the activity and the place keep room to wrap.
const std::vector<PdfColumn>& columns() {
  static const std::vector<PdfColumn> all = {{0, 22, "No"},
                                             {22, 92, "Waktu"},
                                             {114, 140, "Kegiatan"},
                                             {254, 116, "Tempat"},
                                             {370, kContentWidth - 370, "Keterangan"}};
  return all;
}

struct CairoDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Layout = std::unique_ptr<PangoLayout, GObjectDeleter>;

cairo_status_t appendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One pass over the pages: measures always, draws only when `drawing`.
class PageWriter {
 public:
  PageWriter(cairo_t* cr, bool drawing, int totalPages)
      : cr_(cr), context_(pango_cairo_create_context(cr)), drawing_(drawing), totalPages_(totalPages) {
    // Pango sizes in points, and the PDF's user space is points too.
    pango_cairo_context_set_resolution(context_.get(), 72);
  }

  Layout layout(const std::string& text, const char* font, double width,
                PangoAlignment align = PANGO_ALIGN_LEFT) const {
    Layout layout(pango_layout_new(context_.get()));
    std::unique_ptr<PangoFontDescription, FontDeleter> description(pango_font_description_from_string(font));
    pango_layout_set_font_description(layout.get(), description.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
  }

  static double heightOf(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  void show(PangoLayout* layout, double x, double y) {
    if (!drawing_) return;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kMargin + x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  void box(double x, double y, double width, double height, double grey) {
    if (!drawing_) return;
    cairo_rectangle(cr_, kMargin + x, y, width, height);
    if (grey < 1) {
      cairo_set_source_rgb(cr_, grey, grey, grey);
      cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0.45, 0.45, 0.45);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
  }

  // A paragraph across the content width; the cursor moves below it.
  void paragraph(const std::string& text, const char* font, PangoAlignment align = PANGO_ALIGN_LEFT,
                 double spaceAfter = 4) {
    const Layout line = layout(text, font, kContentWidth, align);
    const double height = heightOf(line.get());
    if (!fits(height)) newPage();
    show(line.get(), 0, y_);
    y_ += height + spaceAfter;
  }

  bool fits(double height) const { return y_ + height <= kContentBottom; }
  bool atTop() const { return y_ <= kMargin; }
  double y() const { return y_; }
  void advance(double height) { y_ += height; }

  void newPage() {
    footer();
    if (drawing_) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }
  void finish() { footer(); }
  int pages() const { return page_; }

 private:
  void footer() {
    const std::string text = "Halaman " + std::to_string(page_) + " dari " + std::to_string(totalPages_);
    const Layout line = layout(text, kBody, kContentWidth, PANGO_ALIGN_CENTER);
    show(line.get(), 0, kPageHeight - kMargin - heightOf(line.get()));
  }

  cairo_t* cr_;
  std::unique_ptr<PangoContext, GObjectDeleter> context_;
  bool drawing_;
  int totalPages_;
  int page_ = 1;
  double y_ = kMargin;
};

// The cells of one entry's row, in the order of columns().
std::vector<std::string> cellsOf(const workflow::AgendaEntry& entry, int number, const workflow::LocalDate& day,
                                 const std::string& timezone) {
  std::vector<std::string> cells{std::to_string(number) + ".", workflow::entryTimeText(entry, day, timezone)};
  if (entry.confidential) {
    cells.insert(cells.end(), {"Acara internal", "", ""});
    return cells;
  }
  std::string activity = entry.activity;
  if (entry.tentative) activity += "\n(belum pasti)";
  std::string notes;
  const auto note = [&notes](const char* label, const std::string& value) {
    if (value.empty()) return;
    if (!notes.empty()) notes += '\n';
    notes += std::string(label) + ": " + value;
  };
  note("Pakaian", entry.dressCode);
  note("Ket.", entry.role);
  note("Diwakili oleh", entry.representedBy);
  note("Narahubung", entry.contact);
  cells.insert(cells.end(), {activity, entry.place, notes});
  return cells;
}

// Lays out a row of cells; its height is that of the tallest cell.
struct Row {
  std::vector<Layout> cells;
  double height = 0;
};
Row rowOf(const PageWriter& writer, const std::vector<std::string>& texts, const char* font) {
  Row row;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    row.cells.push_back(writer.layout(texts[i], font, columns()[i].width - 2 * kCellPadding));
    row.height = std::max(row.height, PageWriter::heightOf(row.cells.back().get()) + 2 * kCellPadding);
  }
  return row;
}

void showRow(PageWriter& writer, const Row& row, double grey) {
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    writer.box(columns()[i].x, writer.y(), columns()[i].width, row.height, grey);
    writer.show(row.cells[i].get(), columns()[i].x + kCellPadding, writer.y() + kCellPadding);
  }
  writer.advance(row.height);
}

class AgendaLayout {
 public:
  AgendaLayout(PageWriter& writer, const PdfHeading& heading) : writer_(writer), heading_(heading) {}

  void run(const workflow::Agenda& agenda) {
    writer_.paragraph("AGENDA PIMPINAN " + heading_.region, kHeading, PANGO_ALIGN_CENTER, 2);
    if (!heading_.officeName.empty()) writer_.paragraph(heading_.officeName, kSubheading, PANGO_ALIGN_CENTER, 10);
    if (agenda.incomplete) {
      writer_.paragraph(
          "Catatan: sebagian acara berulang tidak dapat ditampilkan seluruhnya; periksa kalender pimpinan.", kNoteFont,
          PANGO_ALIGN_LEFT, 8);
    }
    for (const workflow::AgendaDay& day : workflow::agendaByDay(agenda, heading_.timezone)) {
      dayTitle_ = workflow::formatDate(workflow::dayStart(day.date, heading_.timezone), heading_.timezone, "id");
      writer_.paragraph(dayTitle_, kDayFont, PANGO_ALIGN_LEFT, 4);
      if (day.leaders.empty()) writer_.paragraph("Tidak ada agenda", kBody, PANGO_ALIGN_LEFT, 8);
      for (const workflow::LeaderAgenda& leader : day.leaders) this->leader(leader, day.date);
    }
    if (!heading_.signature.empty()) writer_.paragraph(heading_.signature, kNoteFont, PANGO_ALIGN_LEFT, 0);
  }

 private:
  void leader(const workflow::LeaderAgenda& leader, const workflow::LocalDate& date) {
    leaderTitle_ = leader.title;
    if (leader.entries.empty()) {
      const Layout none = writer_.layout("Tidak ada agenda", kBody, kContentWidth - 2 * kCellPadding);
      const double height = PageWriter::heightOf(none.get()) + 2 * kCellPadding;
      keepWithTitle(height, false);
      writer_.box(0, writer_.y(), kContentWidth, height, 1);
      writer_.show(none.get(), kCellPadding, writer_.y() + kCellPadding);
      writer_.advance(height + 8);
      return;
    }
    int number = 0;
    bool first = true;
    for (const workflow::AgendaEntry& entry : leader.entries) {
      const Row row = rowOf(writer_, cellsOf(entry, ++number, date, heading_.timezone), kBody);
      if (first) {
        keepWithTitle(row.height, true);
        first = false;
      } else if (!writer_.fits(row.height)) {
        writer_.newPage();
        writer_.paragraph(dayTitle_ + " (lanjutan)", kDayFont, PANGO_ALIGN_LEFT, 4);
        titles(" (lanjutan)", true);
      }
      showRow(writer_, row, 1);
    }
    writer_.advance(8);
  }

  // The leader's title (and the column heads) never stand alone at the foot
  // of a page: they go to the next one with the first row.
  void keepWithTitle(double firstRowHeight, bool withColumns) {
    const double needed = titleHeight(withColumns) + firstRowHeight;
    if (!writer_.fits(needed) && !writer_.atTop()) {
      writer_.newPage();
      writer_.paragraph(dayTitle_ + " (lanjutan)", kDayFont, PANGO_ALIGN_LEFT, 4);
    }
    titles("", withColumns);
  }

  double titleHeight(bool withColumns) const {
    const Layout title = writer_.layout(leaderTitle_, kBold, kContentWidth);
    double height = PageWriter::heightOf(title.get()) + 3;
    if (withColumns) height += headRow().height;
    return height;
  }

  Row headRow() const {
    std::vector<std::string> heads;
    for (const PdfColumn& column : columns()) heads.emplace_back(column.title);
    return rowOf(writer_, heads, kBold);
  }

  void titles(const std::string& suffix, bool withColumns) {
    writer_.paragraph(leaderTitle_ + suffix, kBold, PANGO_ALIGN_LEFT, 3);
    if (withColumns) showRow(writer_, headRow(), 0.88);
  }

  PageWriter& writer_;
  const PdfHeading& heading_;
  std::string dayTitle_;
  std::string leaderTitle_;
};

}  // namespace

std::string renderAgendaPdf(const workflow::Agenda& agenda, const PdfHeading& heading) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
      cairo_pdf_surface_create_for_stream(appendTo, &pdf, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("cairo could not start the PDF");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 ("Agenda Pimpinan " + heading.region).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Jadwal");
  {
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
    PageWriter counting(cr.get(), false, 0);
    AgendaLayout(counting, heading).run(agenda);
    PageWriter drawing(cr.get(), true, counting.pages());
    AgendaLayout(drawing, heading).run(agenda);
    drawing.finish();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error(std::string("cairo could not draw the PDF: ") +
                               cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("cairo could not finish the PDF");
  }
  return pdf;
}

}  // namespace jadwal::web
