#pragma once
// The printable agenda: an A4 PDF of a day's or a week's agenda, per leader
// or for all, with the office's heading, drawn with cairo and pango (real
// text shaping, so Indonesian text and long place names wrap properly; the
// text stays selectable).

#include <string>

#include "workflow/agenda.h"

namespace jadwal::web {

struct PdfHeading {
  std::string region;      // "KABUPATEN OGAN ILIR": "AGENDA PIMPINAN <region>"
  std::string officeName;  // the line under the heading
  std::string signature;   // the closing line; empty: none
  std::string timezone;    // the zone the times are shown in
};

// The PDF bytes. Throws std::runtime_error if cairo fails.
std::string renderAgendaPdf(const workflow::Agenda& agenda, const PdfHeading& heading);

}  // namespace jadwal::web
