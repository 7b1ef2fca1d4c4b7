#pragma once
// PDFs made for the tests with cairo, as an office's letters are: one with
// text on its pages, and a scan (the same words, but as an image only).

#include <cairo-pdf.h>
#include <cairo.h>

#include <string>
#include <vector>

namespace jadwal::testing {

inline cairo_status_t appendPdf(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One page per string, each written as text (UTF-8) in lines of at most 80 bytes.
inline std::string textPdf(const std::vector<std::string>& pages) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendPdf, &pdf, 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 8);
  for (const std::string& page : pages) {
    double y = 40;
    for (std::size_t at = 0; at < page.size(); y += 10) {
      std::size_t end = std::min(page.size(), at + 80);
      while (end < page.size() && (static_cast<unsigned char>(page[end]) & 0xC0) == 0x80) ++end;
      const std::string line = page.substr(at, end - at);
      cairo_move_to(cr, 20, y);
      cairo_show_text(cr, line.c_str());
      at = end;
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pdf;
}

// The words drawn into a picture, and the picture on the page: no text.
inline std::string scannedPdf(const std::string& words) {
  cairo_surface_t* picture = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 60);
  cairo_t* pen = cairo_create(picture);
  cairo_set_source_rgb(pen, 1, 1, 1);
  cairo_paint(pen);
  cairo_set_source_rgb(pen, 0, 0, 0);
  cairo_select_font_face(pen, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(pen, 14);
  cairo_move_to(pen, 10, 30);
  cairo_show_text(pen, words.c_str());
  cairo_destroy(pen);

  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendPdf, &pdf, 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_surface(cr, picture, 50, 50);
  cairo_paint(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  cairo_surface_destroy(picture);
  return pdf;
}

}  // namespace jadwal::testing
